//! Fuzzes Python type-text parsing: any text lowers to a `Type`, never a panic, and text it
//! cannot read is kept exactly as documented (trimmed).
#![no_main]

use leadhit_codegen::Type;
use leadhit_codegen::parse_type;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Type::Json { raw } = parse_type(&text) {
        assert_eq!(raw, text.trim(), "unread type text was not kept as written");
    }
});
