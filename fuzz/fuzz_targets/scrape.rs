//! Fuzzes `scrape`: any bytes are either a map's entries or a `ScrapeError`, never a panic.
#![no_main]

use leadhit_codegen::scrape;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &[u8]| {
    if let Ok(scraped) = scrape(page) {
        let mut last_line = 0;
        for entry in &scraped.entries {
            assert!(!entry.name.is_empty(), "an entry without a name");
            assert!(entry.line > last_line, "entries out of page order");
            last_line = entry.line;
        }
    }
});
