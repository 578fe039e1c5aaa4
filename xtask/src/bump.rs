//! `cargo xtask bump`: the crate's next version and changelog section, from the semantic API
//! diff between a git revision (default `HEAD`) and the working tree.
//!
//! Both APIs are built the way `diff` builds them ([`crate::diff::sides`]); the version it
//! starts from is the one `leadhit-generated/Cargo.toml` has *at the base*, read with git,
//! so running it twice on the same change bumps once. It writes the version into the
//! manifest and `Cargo.lock` and the section into `leadhit-generated/CHANGELOG.md`, unless
//! `--dry-run`. Exit status 0, or 2 when there is no trustworthy diff (as for `diff`) or a file
//! cannot be read or written.

mod changelog;
mod date;
mod manifest;
mod version;

use crate::diff::{git_output, sides, EXIT_ERROR};
use crate::{paths, BumpArgs, BumpFormat};
use anyhow::Context;
use leadhit_codegen::{write_atomic, Summary};
use semver::Version;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use version::{bump_for, next, Bump, Impact};

/// The generated crate's folder, relative to the workspace root (in every revision's tree).
const CRATE_DIR: &str = "leadhit-generated";

/// What `bump` decided, and its JSON form (keys in this order).
#[derive(Serialize)]
struct Decision {
    base: String,
    commit: String,
    package: &'static str,
    impact: Impact,
    bump: Bump,
    /// The version at the base.
    from: String,
    /// The version after the change.
    to: String,
    /// The refresh pull request's title, e.g. `LeadHit API changes (breaking: 0.3.0)`.
    title: String,
    summary: Summary,
    /// The changelog section; `None` when the API did not change.
    changelog: Option<String>,
    dry_run: bool,
    /// The files written (relative to the workspace root); none when they already held this.
    written: Vec<String>,
}

pub fn run(args: &BumpArgs) -> anyhow::Result<ExitCode> {
    match decide(args).and_then(|d| report(&d, args.format)) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("error: {e:#}");
            Ok(ExitCode::from(EXIT_ERROR))
        }
    }
}

fn decide(args: &BumpArgs) -> anyhow::Result<Decision> {
    let date = match &args.date {
        Some(d) => date::check(d)?,
        None => date::today(),
    };
    let sides = sides(&args.base)?;
    let root = paths::root();
    let manifest_at_base = git_output(
        &root,
        &[
            "cat-file",
            "blob",
            &format!("{}:./{CRATE_DIR}/Cargo.toml", sides.commit),
        ],
    )
    .with_context(|| format!("reading {CRATE_DIR}/Cargo.toml at `{}`", args.base))?;
    let from = manifest::read_version(&String::from_utf8_lossy(&manifest_at_base))
        .with_context(|| format!("{CRATE_DIR}/Cargo.toml at `{}`", args.base))?;
    let changes = leadhit_codegen::diff(&sides.before, &sides.after);
    let impact = Impact::of(&changes);
    let bump = bump_for(&from, impact);
    let to = next(&from, bump);
    let section = (impact != Impact::None)
        .then(|| leadhit_codegen::changelog::section(&changes, &to.to_string(), &date));
    let written = if args.dry_run {
        Vec::new()
    } else {
        write(&root, &from, &to, section.as_deref())?
    };
    Ok(Decision {
        base: args.base.clone(),
        commit: sides.commit,
        package: manifest::PACKAGE,
        impact,
        bump,
        from: from.to_string(),
        title: title(impact, &to),
        to: to.to_string(),
        summary: changes.summary,
        changelog: section,
        dry_run: args.dry_run,
        written,
    })
}

fn title(impact: Impact, to: &Version) -> String {
    match impact {
        Impact::None => "LeadHit maps refresh (no API changes)".to_owned(),
        impact => format!("LeadHit API changes ({}: {to})", impact.word()),
    }
}

/// Sets the version and the changelog section; returns the files that changed.
fn write(
    root: &Path,
    from: &Version,
    to: &Version,
    section: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    let mut written = Vec::new();
    let manifest = root.join(CRATE_DIR).join("Cargo.toml");
    let text = read(&manifest)?;
    if manifest::read_version(&text)? != *to {
        update(
            &manifest,
            &manifest::set_manifest_version(&text, to)?,
            root,
            &mut written,
        )?;
    }
    let lock = root.join("Cargo.lock");
    if lock.is_file() {
        let text = read(&lock)?;
        update(
            &lock,
            &manifest::set_lock_version(&text, to)?,
            root,
            &mut written,
        )?;
    }
    let log = root.join(CRATE_DIR).join("CHANGELOG.md");
    let text = if log.exists() {
        read(&log)?
    } else {
        String::new()
    };
    update(
        &log,
        &changelog::insert(&text, from, section),
        root,
        &mut written,
    )?;
    Ok(written)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Writes `text` to `path` when it differs, noting the file in `written`.
fn update(path: &Path, text: &str, root: &Path, written: &mut Vec<String>) -> anyhow::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    write_atomic(path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
    let shown = path.strip_prefix(root).unwrap_or(path);
    written.push(shown.to_string_lossy().replace('\\', "/"));
    Ok(())
}

fn report(d: &Decision, format: BumpFormat) -> anyhow::Result<()> {
    let text = match format {
        BumpFormat::Json => {
            let mut text = serde_json::to_string_pretty(d)?;
            text.push('\n');
            text
        }
        BumpFormat::Text => text(d),
    };
    // Written, not `print!`ed, so a closed pipe is an error rather than a panic.
    std::io::stdout()
        .write_all(text.as_bytes())
        .context("writing to stdout")
}

/// The decision on one line, then the changelog section.
fn text(d: &Decision) -> String {
    let mut out = match d.bump {
        Bump::None => format!(
            "{} {}: no API changes since `{}`, no new version",
            d.package, d.from, d.base
        ),
        bump => format!(
            "{} {} → {}: {} changes since `{}`, a {} bump",
            d.package,
            d.from,
            d.to,
            d.impact.word(),
            d.base,
            bump.word()
        ),
    };
    if d.dry_run {
        out.push_str(" (dry run: nothing written)");
    } else if !d.written.is_empty() {
        out.push_str(&format!("; wrote {}", d.written.join(", ")));
    }
    out.push('\n');
    if let Some(section) = &d.changelog {
        out.push('\n');
        out.push_str(section);
    }
    out
}
