//! `cargo xtask diff` end to end: for each fixture pair in `fixtures/diff/`, a scratch git
//! repository commits the "before" maps into `maps-cache/`, the "after" maps replace them in
//! the working tree, and the binary's exit status is checked for every `--fail-on`. Broken maps,
//! broken overrides and bad revisions must be errors (status 2), never "no changes". That the
//! pairs are what `fixtures/diff/generate.py` renders is checked in `fixtures_fresh`.

use crate::support::repo::put_maps;
use crate::support::{fixture, git, xtask, TempDir};
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixtures() -> PathBuf {
    fixture("diff")
}

/// A repository whose HEAD holds `before` and whose working tree holds `after`.
fn repo(name: &str, before: &Path, after: &Path) -> TempDir {
    let repo = TempDir::new(&format!("diff-{name}"));
    git(&repo, &["init", "--quiet"]);
    put_maps(&repo, before);
    git(&repo, &["add", "--all"]);
    git(
        &repo,
        &["commit", "--quiet", "--allow-empty", "-m", "before"],
    );
    put_maps(&repo, after);
    repo
}

fn run(repo: &Path, args: &[&str]) -> Output {
    xtask(repo)
        .args(args)
        // The scratch folders may sit inside the project's own checkout (`target/tmp`); git must
        // not find that repository above a folder that is not one.
        .env("GIT_CEILING_DIRECTORIES", repo.parent().unwrap())
        .output()
        .expect("run xtask")
}

fn status(out: &Output) -> i32 {
    out.status.code().expect("xtask exited normally")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn exit_status_follows_fail_on() {
    // (case, has a breaking change, has any change)
    let cases = [
        ("no-change", false, false),
        ("node-added", false, true),
        ("node-removed", true, true),
        ("method-added", false, true),
        ("method-removed", true, true),
        ("required-param-added", true, true),
        ("optional-param-added", false, true),
        ("param-removed", true, true),
        ("optional-to-required", true, true),
        ("required-to-optional", true, true),
        ("param-type-changed", true, true),
        ("return-type-changed", true, true),
        ("doc-only", false, true),
        ("override-added", true, true),
        ("skip-unlowerable", false, true),
        ("escaping", true, true),
        ("mixed", true, true),
    ];
    for (case, breaking, any) in cases {
        let dir = fixtures().join(case);
        let repo = repo(case, &dir.join("before"), &dir.join("after"));
        for (fail_on, fails) in [("none", false), ("breaking", breaking), ("any", any)] {
            let out = run(&repo, &["diff", "--fail-on", fail_on]);
            assert_eq!(
                status(&out),
                i32::from(fails),
                "{case} --fail-on {fail_on}: {}",
                stderr(&out)
            );
            if any {
                assert!(
                    stdout(&out).starts_with("## API changes since `HEAD`"),
                    "{case}: {}",
                    stdout(&out)
                );
            } else {
                assert_eq!(stdout(&out), "No API changes since `HEAD`.\n", "{case}");
            }
        }
        // The default is to report only.
        assert_eq!(status(&run(&repo, &["diff"])), 0, "{case}");
    }
}

#[test]
fn json_output_is_for_tools() {
    let dir = fixtures().join("mixed");
    let repo = repo("json", &dir.join("before"), &dir.join("after"));
    let out = run(&repo, &["diff", "--format", "json"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("the output is JSON");
    assert_eq!(value["base"], "HEAD");
    let summary = &value["summary"];
    let changes = value["changes"].as_array().unwrap();
    let total = ["breaking", "non_breaking", "docs"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(total as usize, changes.len());
    assert_eq!(changes[0]["class"], "breaking", "breaking first");
    // Keys come in a fixed order (serde_json's `Value` sorts them, so look at the text).
    let text = stdout(&out);
    let first = &text[text.find("\"changes\"").unwrap()..];
    let first = &first[..first.find('}').unwrap()];
    let positions: Vec<usize> = [
        "class", "kind", "node", "method", "param", "old", "new", "methods",
    ]
    .iter()
    .map(|k| {
        first
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("no {k} in {first}"))
    })
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first}");
}

#[test]
fn base_can_be_any_revision() {
    let dir = fixtures().join("method-added");
    let repo = repo("base", &dir.join("before"), &dir.join("after"));
    // Commit "after" too: against HEAD nothing changed, against HEAD~1 the method is new.
    git(&repo, &["add", "--all"]);
    git(&repo, &["commit", "--quiet", "-m", "after"]);
    let out = run(&repo, &["diff", "--fail-on", "any"]);
    assert_eq!(status(&out), 0, "{}", stderr(&out));
    let out = run(&repo, &["diff", "--base", "HEAD~1", "--fail-on", "any"]);
    assert_eq!(status(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("since `HEAD~1`"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("new method `cancel_order("),
        "{}",
        stdout(&out)
    );
}

#[test]
fn broken_map_in_the_working_tree_is_an_error() {
    let dir = fixtures().join("broken");
    let repo = repo("broken-after", &dir.join("before"), &dir.join("after"));
    for fail_on in ["none", "any"] {
        let out = run(&repo, &["diff", "--fail-on", fail_on]);
        assert_eq!(status(&out), 2, "{}", stderr(&out));
        assert!(
            stdout(&out).is_empty(),
            "no diff on stdout: {}",
            stdout(&out)
        );
        let err = stderr(&out);
        assert!(
            err.contains("maps-cache/orders.html") && err.contains("working tree"),
            "{err}"
        );
        assert!(err.contains("not a JSON-RPC map"), "{err}");
    }
}

#[test]
fn broken_map_at_the_base_is_an_error() {
    let dir = fixtures().join("broken");
    let repo = repo("broken-before", &dir.join("after"), &dir.join("before"));
    let out = run(&repo, &["diff"]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("maps-cache/orders.html") && err.contains("`HEAD`"),
        "{err}"
    );
}

#[test]
fn broken_overrides_are_an_error() {
    let dir = fixtures().join("no-change");
    let repo = repo("overrides", &dir.join("before"), &dir.join("after"));
    std::fs::write(
        repo.join("maps-cache/overrides.toml"),
        "[orders.get_order]\nrust_nam = \"x\"\n",
    )
    .unwrap();
    let out = run(&repo, &["diff"]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("overrides.toml: line 2, column 1") && err.contains("rust_nam"),
        "{err}"
    );

    // A stale override is an error of the model, also fatal to the diff.
    std::fs::write(
        repo.join("maps-cache/overrides.toml"),
        "[orders.gone]\nskip = true\n",
    )
    .unwrap();
    let out = run(&repo, &["diff"]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("method `gone`"), "{}", stderr(&out));
}

#[test]
fn bad_revision_is_an_error() {
    let dir = fixtures().join("no-change");
    let repo = repo("bad-rev", &dir.join("before"), &dir.join("after"));
    let out = run(&repo, &["diff", "--base", "no-such-branch"]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`--base no-such-branch` does not name a commit"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());

    // Not a repository at all.
    let bare = TempDir::new("diff-not-a-repo");
    put_maps(&bare, &dir.join("after"));
    let out = run(&bare, &["diff"]);
    assert_eq!(status(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`--base HEAD` does not name a commit"),
        "{}",
        stderr(&out)
    );
}
