//! Snapshots of the code emitted for every fixture map page;
//! `xtask/tests/workflow/compile_fixtures.rs` builds them all.

mod support;

use leadhit_codegen::{build_api, generate, scrape, Entry, Overrides};

/// The diagnostics of one page, then its emitted Rust files joined with a file-name banner each.
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
    // The OpenRPC documents have snapshots of their own (`tests/openrpc.rs`).
    for file in generate(&api.value)
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
    {
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

/// The docs of every fixture read as Markdown, not as escaped Python: docstring markup is
/// code spans and emphasis (an escaped backtick is what a reST literal used to become), and a
/// fenced block holds only what the docstring marks as literal, never prose. `run` also puts
/// every file through `support::check_file` (fences are closed `text` blocks, nothing is an
/// indented code block).
#[test]
fn docs_are_markdown_and_fence_only_literal_blocks() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        let name = path.file_stem().unwrap().to_str().unwrap();
        let page = std::fs::read(path).unwrap();
        let outcome = support::run(name, page.clone());
        let Some(files) = &outcome.files else {
            return; // A fixture with errors has no code; its snapshot shows them.
        };
        let Ok(scraped) = scrape(&page) else {
            return;
        };
        for doc in files.iter().flat_map(support::docs) {
            // Where an entry sits on its page is the model's business (and `cargo xtask
            // parse`'s), not the user's.
            assert!(
                !doc.to_lowercase().contains("map line"),
                "{name}: a map line in\n{doc}"
            );
            // The hostile map holds backtick runs that open nothing (a space follows them) or
            // never close: those stay escaped text.
            if name != "hostile" {
                assert!(
                    !doc.contains("\\`"),
                    "{name}: an escaped backtick in\n{doc}"
                );
            }
            for fence in fences(&doc) {
                assert!(
                    is_literal_in_a_docstring(&fence, &scraped.entries),
                    "{name}: a fenced block that the docstring does not mark as literal:\n{}\n\nin\n{doc}",
                    fence.join("\n")
                );
            }
        }
    });
}

/// The lines of each fenced block of a doc.
fn fences(doc: &str) -> Vec<Vec<&str>> {
    let mut fences = Vec::new();
    let mut open: Option<(usize, Vec<&str>)> = None;
    for line in doc.lines() {
        let line = line.strip_prefix(' ').unwrap_or(line);
        let ticks = line.len() - line.trim_start_matches('`').len();
        match &mut open {
            Some((fence, _)) if ticks >= *fence && line[ticks..].trim().is_empty() => {
                fences.extend(open.take().map(|(_, lines)| lines));
            }
            Some((_, lines)) => lines.push(line),
            None if ticks >= 3 && line[ticks..].trim() == "text" => {
                open = Some((ticks, Vec::new()))
            }
            None => {}
        }
    }
    fences
}

/// Whether a fenced block's text is literal in one of the page's docstrings: a `>>>` example,
/// or lines indented past the docstring's margin (a `::` block, indented code). Prose sits on
/// the margin, so a fence of prose fails.
fn is_literal_in_a_docstring(fence: &[&str], entries: &[Entry]) -> bool {
    let lines: Vec<&str> = fence
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let Some(first) = lines.first() else {
        return false;
    };
    let indent = |line: &str| line.len() - line.trim_start().len();
    entries.iter().filter_map(|e| e.doc.as_deref()).any(|doc| {
        let raw: Vec<&str> = doc.lines().collect();
        // As `inspect.cleandoc` counts it: the first line (right after `NAME: `) aside.
        let margin = raw
            .iter()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| indent(l))
            .min()
            .unwrap_or(0);
        let found = |text: &str, deeper: bool| {
            raw.iter()
                .skip(1)
                .any(|l| l.trim() == text.trim() && (!deeper || indent(l) > margin))
        };
        if first.starts_with(">>>") {
            found(first, false)
        } else {
            lines.iter().all(|line| found(line, true))
        }
    })
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
        .filter_map(|line| {
            let line = line.trim();
            line.strip_prefix("mod ")
                .or_else(|| line.strip_prefix("pub mod "))
        })
        .filter_map(|rest| rest.strip_suffix(';'))
        .collect();
    declared.sort_unstable();
    let mut listed = leadhit_codegen::RUNTIME_MODULES.to_vec();
    listed.sort_unstable();
    assert_eq!(listed, declared);
}
