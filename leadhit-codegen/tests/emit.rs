//! Snapshots of the code emitted for every fixture map page; `compile.rs` builds them all.

use leadhit_codegen::generate::generate;
use leadhit_codegen::lower::{lower_api, Options};

/// The emitted files of one page, joined with a file-name banner each.
pub fn emitted(path: &std::path::Path) -> String {
    let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
    let pages = vec![(name, std::fs::read(path).unwrap())];
    let lowered = lower_api(&pages, &Options::default());
    let generated = generate(&lowered.value);
    let mut out = String::new();
    for d in lowered.diagnostics.iter().chain(&generated.diagnostics) {
        out.push_str(&format!("// {d}\n"));
    }
    for file in generated.value.unwrap_or_default() {
        out.push_str(&format!("// ===== {}\n{}", file.path, file.contents));
    }
    out
}

#[test]
fn code_emitted_for_each_fixture_map() {
    insta::glob!("fixtures/maps/*.html", |path| {
        insta::assert_snapshot!(emitted(path));
    });
}

#[test]
fn emission_is_deterministic() {
    insta::glob!("fixtures/maps/*.html", |path| {
        assert_eq!(emitted(path), emitted(path));
    });
}
