//! Inputs that fuzzing found breaking an invariant, each kept as a test with its fix.
//!
//! Every input goes through the same checks as the `generate` fuzz target
//! (`support::check_file` on every generated file). The libFuzzer runs recorded in SECURITY.md
//! ("Fuzzing") have found no crash so far; the inputs here come from the deterministic fuzzer
//! in `arbitrary_maps.rs`. To add a crash from `fuzz/artifacts/<target>/crash-*`, paste its
//! bytes (minimised with `cargo fuzz tmin`) into a new test below, then fix the code.

mod support;

/// Runs one page through the whole generator with the fuzz target's checks.
fn regression(page: &[u8]) -> support::Outcome {
    support::run("orders", page)
}

#[test]
fn a_code_span_opening_a_line_is_not_a_code_fence() {
    // `arbitrary_maps.rs` made a return type holding three backticks. Its code span then needs
    // four, and opens the `# Returns` line: "````a ``` b````". That is not a fence (a
    // backtick fence's info string cannot contain a backtick), so it is no doctest either;
    // `check_docs` used to think otherwise. Pinned so that both stay true (the line now opens
    // with the Rust type, and the documented one follows in the same span).
    let page = b"<h1>JSON-RPC map</h1><pre>m: Doc.\n\n    :rtype: a ``` b\n</pre>";
    let outcome = regression(page);
    let code = outcome.module("orders");
    assert!(code.contains("Python ````a ``` b````"), "{code}");
    support::check_docs("````a ``` b````\n\n```text\nx\n```", "inline");
}

#[test]
#[should_panic(expected = "a code block that is not a ```text block")]
fn the_docs_check_still_sees_real_fences() {
    support::check_docs("```` rust\npanic!()\n````", "fence");
}
