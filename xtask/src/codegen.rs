//! `cargo xtask codegen` and `cargo xtask check`: one code path, writing or only comparing.

use crate::paths;
use anyhow::Context;
use leadhit_codegen::diagnostics::has_errors;
use leadhit_codegen::generate::{generate, report, sync_files, FileChange};
use leadhit_codegen::pipeline::load_cache;
use std::process::ExitCode;

/// The command that fixes a stale generated crate; named in every "out of date" message.
pub const FIX_COMMAND: &str = "cargo xtask codegen";

/// Regenerates (`check == false`) or verifies (`check == true`) the generated crate.
pub fn run(check: bool) -> anyhow::Result<ExitCode> {
    let cache = paths::maps_cache();
    // The cache's overrides.toml (if any) is applied here, as in every other command.
    let lowered = load_cache(&cache)?;
    let mut diagnostics = lowered.diagnostics;
    let generated = generate(&lowered.value);
    diagnostics.extend(generated.diagnostics);
    eprint!("{}", report(&diagnostics));
    let Some(files) = generated.value.filter(|_| !has_errors(&diagnostics)) else {
        anyhow::bail!(
            "the maps in {} have errors (listed above); nothing was written. Fix them with maps-cache/overrides.toml or re-fetch",
            cache.display()
        );
    };
    let crate_dir = paths::generated_crate();
    let changes = sync_files(&crate_dir, &files, !check)
        .with_context(|| format!("syncing {}", crate_dir.display()))?;
    let root = paths::root();
    let shown = |c: &FileChange| {
        c.path()
            .strip_prefix(&root)
            .unwrap_or(c.path())
            .display()
            .to_string()
    };
    if check {
        if changes.is_empty() {
            eprintln!(
                "leadhit-generated is up to date with maps-cache/ ({} files)",
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("leadhit-generated is out of date with maps-cache/:");
        for c in &changes {
            let what = if matches!(c, FileChange::Removed(_)) {
                "stale"
            } else {
                "differs"
            };
            eprintln!("  {what}: {}", shown(c));
        }
        eprintln!("run `{FIX_COMMAND}` and commit the result");
        return Ok(ExitCode::FAILURE);
    }
    for c in &changes {
        let what = if matches!(c, FileChange::Removed(_)) {
            "removed"
        } else {
            "wrote"
        };
        eprintln!("{what} {}", shown(c));
    }
    let nodes = lowered.value.nodes.len();
    let methods: usize = lowered.value.nodes.iter().map(|n| n.methods.len()).sum();
    eprintln!(
        "{nodes} nodes, {methods} methods; {} of {} files changed",
        changes.len(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}
