//! Snapshots of the code emitted for every fixture map page;
//! `xtask/tests/workflow/compile_fixtures.rs` builds them all.

mod support;

use leadhit_codegen::{build_api, generate, Overrides};

/// The diagnostics of one page, then its emitted files joined with a file-name banner each.
/// Where there are errors the files show what the items without errors emit (nothing would be
/// written).
pub fn emitted(path: &std::path::Path) -> String {
    let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
    let pages = vec![(name, std::fs::read(path).unwrap())];
    let api = build_api(&pages, &Overrides::default());
    let mut out = String::new();
    for d in &api.diagnostics {
        out.push_str(&format!("// {d}\n"));
    }
    for file in generate(&api.value) {
        out.push_str(&format!("// ===== {}\n{}", file.path, file.contents));
    }
    out
}

#[test]
fn code_emitted_for_each_fixture_map() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        insta::assert_snapshot!(emitted(path));
    });
}

#[test]
fn emission_is_deterministic() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        assert_eq!(emitted(path), emitted(path));
    });
}

/// `RUNTIME_MODULES` names every module of the runtime: a node named like one that is missing
/// would be hidden by it (the runtime's `literal` module was once left out).
#[test]
fn runtime_modules_are_the_runtime_crates_modules() {
    let lib =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../leadhit-generated/src/lib.rs");
    let lib = std::fs::read_to_string(lib).unwrap();
    let mut declared: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.trim().strip_prefix("mod "))
        .filter_map(|rest| rest.strip_suffix(';'))
        .collect();
    declared.sort_unstable();
    let mut listed = leadhit_codegen::RUNTIME_MODULES.to_vec();
    listed.sort_unstable();
    assert_eq!(listed, declared);
}
