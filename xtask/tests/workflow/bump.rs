//! `cargo xtask bump` in scratch git workspaces: the maps of a `fixtures/diff/` case's "before"
//! side, a `leadhit-generated/Cargo.toml`, `Cargo.lock` and `CHANGELOG.md` committed as the
//! base, the "after" maps in the working tree. Each class of change moves its part of the
//! version (read the way Cargo reads `0.x`), from the base's version, once; `--dry-run` writes
//! nothing; a broken side writes nothing either. The changelog sections are snapshots.

use crate::support::fixture;
use crate::support::repo::Repo;
use serde_json::Value;

/// The release date every test passes, so the sections are the same on any day.
const DATE: &str = "2026-12-01";

const MANIFEST: &str = "leadhit-generated/Cargo.toml";
const LOCK: &str = "Cargo.lock";
const CHANGELOG: &str = "leadhit-generated/CHANGELOG.md";

fn manifest(version: &str) -> String {
    format!("[package]\nname = \"leadhit\"\nversion = \"{version}\" # set by `cargo xtask bump`\nedition = \"2021\"\n\n[dependencies]\nserde = {{ version = \"1.0.0\" }}\n")
}

fn lock(version: &str) -> String {
    format!("version = 4\n\n[[package]]\nname = \"leadhit\"\nversion = \"{version}\"\ndependencies = [\n \"serde\",\n]\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\n")
}

fn changelog(version: &str) -> String {
    format!("# Changelog\n\nWhat changed in `leadhit`.\n\n## [{version}] - 2026-01-01\n\n- The first release.\n")
}

/// A workspace at `version` whose HEAD holds `case`'s "before" maps and whose working tree
/// holds its "after" maps.
fn workspace(case: &str, version: &str) -> Repo {
    let repo = Repo::new(&format!("bump-{case}"));
    let dir = fixture("diff").join(case);
    repo.put_maps(&dir.join("before"));
    repo.write(MANIFEST, &manifest(version));
    repo.write(LOCK, &lock(version));
    repo.write(CHANGELOG, &changelog(version));
    repo.commit("before");
    repo.put_maps(&dir.join("after"));
    repo
}

/// `bump --format json` (with `extra`), which must succeed.
fn bump(repo: &Repo, extra: &[&str]) -> Value {
    let mut args = vec!["bump", "--format", "json", "--date", DATE];
    args.extend_from_slice(extra);
    let out = repo.xtask(&args);
    assert!(
        out.status.success(),
        "bump {extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("bump --format json prints JSON")
}

/// The files `bump` may write, as they are.
fn files(repo: &Repo) -> [String; 3] {
    [repo.read(MANIFEST), repo.read(LOCK), repo.read(CHANGELOG)]
}

#[test]
fn each_class_moves_its_part_of_the_version() {
    // (case, version at the base, impact, bump, next version)
    let cases = [
        ("no-change", "0.1.0", "none", "none", "0.1.0"),
        ("doc-only", "0.1.0", "docs", "patch", "0.1.1"),
        ("doc-only", "1.2.3", "docs", "patch", "1.2.4"),
        ("method-added", "0.1.0", "additive", "patch", "0.1.1"),
        ("method-added", "1.2.3", "additive", "minor", "1.3.0"),
        ("method-removed", "0.1.0", "breaking", "minor", "0.2.0"),
        ("method-removed", "1.2.3", "breaking", "major", "2.0.0"),
        (
            "optional-param-added",
            "1.0.0",
            "additive",
            "minor",
            "1.1.0",
        ),
        (
            "required-param-added",
            "1.0.0",
            "breaking",
            "major",
            "2.0.0",
        ),
        ("param-type-changed", "0.9.0", "breaking", "minor", "0.10.0"),
        // An argument becoming a setter breaks calls, though the wire accepts them.
        (
            "required-to-optional",
            "0.4.2",
            "breaking",
            "minor",
            "0.5.0",
        ),
    ];
    for (case, from, impact, part, to) in cases {
        let repo = workspace(case, from);
        let before = files(&repo);
        let d = bump(&repo, &[]);
        let what = format!("{case} from {from}: {d:#}");
        assert_eq!(d["impact"], impact, "{what}");
        assert_eq!(d["bump"], part, "{what}");
        assert_eq!(
            (d["from"].as_str(), d["to"].as_str()),
            (Some(from), Some(to)),
            "{what}"
        );
        if part == "none" {
            assert_eq!(files(&repo), before, "{what}");
            assert!(d["changelog"].is_null(), "{what}");
            assert_eq!(d["title"], "LeadHit maps refresh (no API changes)");
            continue;
        }
        assert_eq!(
            repo.read(MANIFEST),
            manifest(from).replace(
                &format!("\"{from}\" # set by `cargo xtask bump`"),
                &format!("\"{to}\"")
            ),
            "{what}"
        );
        assert_eq!(repo.read(LOCK), lock(from).replacen(from, to, 1), "{what}");
        let section = d["changelog"].as_str().unwrap();
        assert!(
            section.starts_with(&format!("## [{to}] - {DATE}\n")),
            "{what}"
        );
        assert_eq!(
            repo.read(CHANGELOG),
            changelog(from).replace("## [", &format!("{section}\n## [")),
            "{what}"
        );
        assert_eq!(
            d["title"],
            format!("LeadHit API changes ({impact}: {to})"),
            "{what}"
        );
        assert_eq!(
            d["written"],
            serde_json::json!([MANIFEST, LOCK, CHANGELOG]),
            "{what}"
        );
    }
}

/// The version is the base's plus the bump, never the working tree's plus another one.
#[test]
fn running_twice_bumps_once() {
    let repo = workspace("method-removed", "0.1.0");
    let first = bump(&repo, &[]);
    let after_first = files(&repo);
    let second = bump(&repo, &[]);
    assert_eq!(second["to"], "0.2.0");
    assert_eq!(second["written"], serde_json::json!([]));
    assert_eq!(second["changelog"], first["changelog"]);
    assert_eq!(files(&repo), after_first);
    // The change grows (a method is added too): the section is rewritten, not repeated.
    repo.put_maps(&fixture("diff/mixed/after"));
    let third = bump(&repo, &[]);
    assert_eq!(third["to"], "0.2.0");
    let log = repo.read(CHANGELOG);
    assert_eq!(log.matches("## [0.2.0]").count(), 1, "{log}");
    assert!(log.contains(third["changelog"].as_str().unwrap()), "{log}");
}

/// An override renaming a method changes no byte on the wire, but dependents' calls break.
#[test]
fn a_rust_rename_by_override_is_breaking() {
    let repo = workspace("no-change", "1.0.0");
    repo.write(
        "maps-cache/overrides.toml",
        "[orders.set_order_status]\nrust_name = \"set_status\"\n",
    );
    let d = bump(&repo, &[]);
    assert_eq!(
        (d["impact"].as_str(), d["to"].as_str()),
        (Some("breaking"), Some("2.0.0")),
        "{d:#}"
    );
    insta::assert_snapshot!("changelog-rust-rename", d["changelog"].as_str().unwrap());
}

#[test]
fn dry_run_prints_the_decision_and_writes_nothing() {
    let repo = workspace("mixed", "0.3.1");
    let before = files(&repo);
    let out = repo.xtask(&["bump", "--dry-run", "--date", DATE]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files(&repo), before);
    insta::assert_snapshot!("dry-run-mixed", String::from_utf8_lossy(&out.stdout));
    let d = bump(&repo, &["--dry-run"]);
    assert_eq!(
        (d["dry_run"].as_bool(), d["to"].as_str()),
        (Some(true), Some("0.4.0"))
    );
    assert_eq!(d["written"], serde_json::json!([]));
    assert_eq!(files(&repo), before);
}

/// A side that is not a trustworthy API is an error (status 2), and nothing is bumped.
#[test]
fn a_broken_side_bumps_nothing() {
    let repo = workspace("broken", "0.1.0");
    let before = files(&repo);
    let out = repo.xtask(&["bump", "--date", DATE]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("do not parse"));
    assert_eq!(files(&repo), before);
    let out = repo.xtask(&["bump", "--date", "tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The changelog's words for each kind of case.
#[test]
fn changelog_sections() {
    for case in [
        "mixed",
        "doc-only",
        "node-added",
        "required-to-optional",
        "override-added",
        "escaping",
    ] {
        let repo = workspace(case, "0.1.0");
        let d = bump(&repo, &["--dry-run"]);
        insta::assert_snapshot!(
            format!("changelog-{case}"),
            d["changelog"].as_str().unwrap()
        );
    }
}

/// The end-to-end test's v1 → v2 change, in its scratch workspace (`dir`, v1 committed, v2's
/// maps fetched): a minor bump of the `0.x` crate, since it is breaking, with a changelog
/// section naming the four changes; a second run changes nothing.
pub fn assert_v2_bump(dir: &std::path::Path) {
    let run = || {
        let out = crate::support::xtask(dir)
            .args(["bump", "--format", "json", "--date", DATE])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "bump after v2: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).expect("bump --format json prints JSON")
    };
    let d = run();
    assert_eq!(
        (d["impact"].as_str(), d["bump"].as_str()),
        (Some("breaking"), Some("minor")),
        "{d:#}"
    );
    assert_eq!(
        (d["from"].as_str(), d["to"].as_str()),
        (Some("0.1.0"), Some("0.2.0"))
    );
    let section = d["changelog"].as_str().unwrap();
    for line in [
        "- `orders().ping` removed\n",
        "- `orders().cancel_order` added\n",
        "- `orders().list_orders`: new required param `shop_id: ",
        "param `date_from` is now `",
    ] {
        assert!(section.contains(line), "{line:?} missing from:\n{section}");
    }
    let manifest = std::fs::read_to_string(dir.join(MANIFEST)).unwrap();
    assert!(manifest.contains("version = \"0.2.0\""), "{manifest}");
    let log = std::fs::read_to_string(dir.join(CHANGELOG)).unwrap();
    assert!(log.contains(section), "{log}");
    assert_eq!(run()["written"], serde_json::json!([]), "bumped once");
}
