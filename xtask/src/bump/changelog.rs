//! `CHANGELOG.md` ("Keep a Changelog" layout): a release's section goes above the newest
//! release (below an `## [Unreleased]` section, if one is kept). Sections an earlier run made
//! from the same base, for versions newer than the base's, are replaced, so running `bump`
//! twice on one change writes one section.

use semver::Version;

/// What a new changelog starts with.
pub const HEADER: &str = "# Changelog\n\nAll notable changes to the `leadhit` crate. The format is based on\n[Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and versions follow\n[Cargo's semver rules](https://doc.rust-lang.org/cargo/reference/semver.html): while the\nversion is `0.x`, a minor release may break and a patch release only adds. `cargo xtask bump`\nwrites a section for every regeneration that changes the API.\n";

/// `changelog` without the sections of versions newer than `base`, with `section` (if any)
/// above the newest remaining release.
pub fn insert(changelog: &str, base: &Version, section: Option<&str>) -> String {
    let text = if changelog.trim().is_empty() {
        HEADER
    } else {
        changelog
    };
    let mut head = String::new();
    let mut releases: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") {
            releases.push(String::new());
        }
        match releases.last_mut() {
            Some(current) => current.push_str(line),
            None => head.push_str(line),
        }
    }
    // An `Unreleased` section stays first; a section of a version after the base is an
    // earlier run's, about to be written again.
    let (unreleased, rest): (Vec<String>, Vec<String>) = releases
        .into_iter()
        .partition(|s| heading_version(s).is_none());
    let kept = rest
        .into_iter()
        .filter(|s| heading_version(s).is_some_and(|v| v <= *base));
    let mut out = head;
    ensure_blank_line(&mut out);
    for s in unreleased {
        out.push_str(&s);
        ensure_blank_line(&mut out);
    }
    if let Some(section) = section {
        out.push_str(section);
        ensure_blank_line(&mut out);
    }
    for s in kept {
        out.push_str(&s);
        ensure_blank_line(&mut out);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The version of a release section's `## [X.Y.Z] - date` heading; `None` for `Unreleased` or
/// anything else.
fn heading_version(section: &str) -> Option<Version> {
    let rest = section.strip_prefix("## [")?;
    let end = rest.find(']')?;
    Version::parse(&rest[..end]).ok()
}

fn ensure_blank_line(out: &mut String) {
    if out.is_empty() {
        return;
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- by hand\n\n## [0.1.0] - 2026-01-01\n\n- first\n";

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn a_section_goes_above_the_newest_release() {
        let out = insert(OLD, &v("0.1.0"), Some("## [0.2.0] - 2026-02-02\n\n- new\n"));
        assert_eq!(
            out,
            "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- by hand\n\n## [0.2.0] - 2026-02-02\n\n- new\n\n## [0.1.0] - 2026-01-01\n\n- first\n"
        );
    }

    #[test]
    fn an_earlier_runs_section_is_replaced() {
        let once = insert(
            OLD,
            &v("0.1.0"),
            Some("## [0.1.1] - 2026-02-02\n\n- docs\n"),
        );
        let twice = insert(
            &once,
            &v("0.1.0"),
            Some("## [0.2.0] - 2026-02-03\n\n- new\n"),
        );
        assert_eq!(
            twice,
            insert(OLD, &v("0.1.0"), Some("## [0.2.0] - 2026-02-03\n\n- new\n"))
        );
        // No change any more: the earlier run's section goes and none comes.
        assert_eq!(insert(&once, &v("0.1.0"), None), OLD);
    }

    #[test]
    fn a_missing_changelog_gets_the_header() {
        let out = insert("", &v("0.1.0"), Some("## [0.1.1] - 2026-02-02\n\n- x\n"));
        assert!(out.starts_with(HEADER));
        assert!(out.ends_with("\n\n## [0.1.1] - 2026-02-02\n\n- x\n"));
    }
}
