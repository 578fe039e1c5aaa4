//! `cargo xtask diff`: the semantic API changes between the maps at a git revision and the
//! working tree's `maps-cache/`, as Markdown (for a pull request) or JSON.
//!
//! Both sides are built by the same pipeline, each with its own `overrides.toml`, so only
//! real API changes show. Exit status: 0 when no change reaches `--fail-on`, 1 when one does,
//! 2 when there is no trustworthy diff to show (a bad revision, a page that is not a map, a
//! model with errors): a broken side is never reported as "no changes" or as a removed node.

use crate::{paths, DiffArgs, DiffFormat, FailOn};
use anyhow::{bail, Context};
use leadhit_codegen::{
    build_api, diff, load_overrides, parse_overrides, read_pages, render, scrape,
};
use leadhit_codegen::{Class, Diagnosed, Overrides, ResolvedApi, MAP_EXTENSION, OVERRIDES_FILE};
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};

/// The cache folder, relative to the workspace root (and so inside every revision's tree).
const CACHE_DIR: &str = "maps-cache";

/// Exit status when no diff can be made.
pub const EXIT_ERROR: u8 = 2;

/// `(node, page bytes)`, as the pipeline takes them.
type Pages = Vec<(String, Vec<u8>)>;

pub fn run(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    match report(args) {
        Ok(code) => Ok(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            Ok(ExitCode::from(EXIT_ERROR))
        }
    }
}

/// Both sides of a comparison: the API at a git revision and in the working tree.
pub struct Sides {
    /// The full commit id the base revision names.
    pub commit: String,
    pub before: ResolvedApi,
    pub after: ResolvedApi,
}

/// Builds the API at `base` (read with git, no checkout) and in the working tree, each through
/// the pipeline with its own `overrides.toml`; an error when either side has no trustworthy API.
pub fn sides(base: &str) -> anyhow::Result<Sides> {
    let root = paths::root();
    let commit = rev_parse(&root, base)?;
    let before_side = format!("at `{base}` ({})", &commit[..commit.len().min(12)]);
    let (pages, overrides) = read_revision(&root, &commit, &before_side)?;
    let before = checked(build_api(&pages, &overrides), &before_side)?;

    let after_side = "in the working tree";
    let cache = paths::maps_cache();
    let pages = read_pages(&cache).with_context(|| format!("reading {}", cache.display()))?;
    check_pages(&pages, after_side)?;
    let overrides = load_overrides(&cache).context(after_side)?;
    let after = checked(build_api(&pages, &overrides), after_side)?;
    Ok(Sides {
        commit,
        before,
        after,
    })
}

fn report(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let Sides { before, after, .. } = sides(&args.base)?;
    let changes = diff(&before, &after);
    let text = match args.format {
        DiffFormat::Markdown => render::markdown(&changes, &args.base),
        DiffFormat::Json => render::json(&changes, &args.base)?,
    };
    // Written, not `print!`ed, so a closed pipe (`| head`) is an error rather than a panic.
    std::io::stdout()
        .write_all(text.as_bytes())
        .context("writing the diff to stdout")?;
    let fail = match args.fail_on {
        FailOn::Breaking => changes.reaches(Class::Breaking),
        FailOn::Any => changes.reaches(Class::Docs),
        FailOn::None => false,
    };
    Ok(if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The full commit id `rev` names, or an error saying it names none.
fn rev_parse(root: &Path, rev: &str) -> anyhow::Result<String> {
    let spec = format!("{rev}^{{commit}}");
    let out = git(root)
        .args([
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ])
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        let why = if why.is_empty() {
            "git knows no such commit".to_owned()
        } else {
            why
        };
        bail!(
            "`--base {rev}` does not name a commit in {}: {why}",
            root.display()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The map pages and overrides of `maps-cache/` at `commit`; absent folder = no pages.
fn read_revision(root: &Path, commit: &str, side: &str) -> anyhow::Result<(Pages, Overrides)> {
    let listing = git_output(
        root,
        &[
            "ls-tree",
            "-z",
            "--name-only",
            commit,
            "--",
            &format!("{CACHE_DIR}/"),
        ],
    )?;
    let mut pages = Vec::new();
    let mut overrides = Overrides::default();
    for path in listing.split(|b| *b == 0).filter(|p| !p.is_empty()) {
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let Some(file) = path.strip_prefix(&format!("{CACHE_DIR}/")) else {
            continue;
        };
        let object = format!("{commit}:./{path}");
        if file == OVERRIDES_FILE {
            let bytes = git_output(root, &["cat-file", "blob", &object])?;
            let text =
                String::from_utf8(bytes).with_context(|| format!("{path} {side} is not UTF-8"))?;
            overrides = parse_overrides(&text, Path::new(path)).with_context(|| side.to_owned())?;
        } else if let Some(node) = file.strip_suffix(&format!(".{MAP_EXTENSION}")) {
            pages.push((
                node.to_owned(),
                git_output(root, &["cat-file", "blob", &object])?,
            ));
        }
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    check_pages(&pages, side)?;
    Ok((pages, overrides))
}

/// Fails, naming every file, when a page is not a map: lowering would leave its node out and
/// the diff would call it removed.
fn check_pages(pages: &[(String, Vec<u8>)], side: &str) -> anyhow::Result<()> {
    let broken: Vec<String> = pages
        .iter()
        .filter_map(|(node, bytes)| {
            scrape(bytes)
                .err()
                .map(|e| format!("\n  {CACHE_DIR}/{node}.{MAP_EXTENSION}: {e}"))
        })
        .collect();
    if !broken.is_empty() {
        bail!(
            "maps {side} do not parse, so there is no diff to show:{}",
            broken.concat()
        );
    }
    Ok(())
}

/// The API, or an error listing its error diagnostics (warnings are for `check` to show).
fn checked(lowered: Diagnosed<ResolvedApi>, side: &str) -> anyhow::Result<ResolvedApi> {
    let errors: Vec<String> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("\n  {d}"))
        .collect();
    if !errors.is_empty() {
        bail!(
            "the maps {side} have errors, so there is no diff to show (`cargo xtask check` lists them too):{}",
            errors.concat()
        );
    }
    Ok(lowered.value)
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(root);
    command
}

pub fn git_output(root: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let out = git(root)
        .args(args)
        .output()
        .context("running git (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}
