//! Fuzzes docstring parsing: any text parses to a `ParsedDoc`, never a panic.
#![no_main]

use leadhit_codegen::parse_docstring;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = String::from_utf8_lossy(data);
    let parsed = parse_docstring(&doc);
    // A documented param always has a name (the lowering step makes identifiers of them).
    for param in parsed.params.iter().flatten() {
        assert!(!param.name.is_empty(), "a param without a name");
    }
});
