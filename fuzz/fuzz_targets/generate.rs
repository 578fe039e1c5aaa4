//! Fuzzes the whole path from a map page to generated code: scrape, docstrings, lowering,
//! emission. Whatever the page holds, the result is files that pass the test suite's
//! `check_file` (Rust files parse, have only ASCII identifiers, no control or direction
//! characters, and docs that cannot become doctests; OpenRPC documents parse as JSON with no
//! raw control or direction character), or error diagnostics; never a panic.
#![no_main]

// The very checks `leadhit-codegen/tests/{hostile,arbitrary_maps}.rs` apply.
#[path = "../../leadhit-codegen/tests/support/mod.rs"]
mod support;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &[u8]| {
    // `run` checks every file it returns; a page it refuses must say why.
    let outcome = support::run("orders", page);
    if outcome.files.is_none() {
        assert!(!outcome.errors().is_empty(), "no files and no error");
    }
});
