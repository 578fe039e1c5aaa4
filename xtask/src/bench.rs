//! `cargo xtask bench`: the performance figures in `BENCHMARKS.md`, each reproducible by one
//! command.
//!
//! These are benchmarks, not tests: they print figures (medians of several runs, since the
//! machine is shared) and fail only when they cannot run. Scratch workspaces go under the
//! target directory, never into the real `maps-cache/` or generated crate.
//!
//! - `codegen`: a synthetic API (see [`synth`]) through each stage in-process, then the real
//!   binary end to end (full run, no-op run, `check`), and how cost grows with the API.
//! - `compile`: debug build time of the generated crate at several API sizes.
//! - `fetch`: `cargo xtask fetch` of many slow nodes from a loopback server.
//! - `first-build`: a user's first build of a program using the crate, next to jsonrpsee's.
//! - `client` and `parse`: run the `cargo bench` targets of the runtime and the parser.
//! - `soak`: the runtime's `soak` bench target, many calls in flight against a faulty server.
//! - `batch`: the `batch` bench target, 100 calls as one batch against 100 one by one.

mod codegen;
mod compile;
mod fetch;
mod first_build;
mod measure;
mod soak;
mod synth;

use crate::paths;
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Subcommand, Debug, Clone)]
pub enum BenchCommand {
    /// Time regeneration of a synthetic API: each stage in-process, then the real binary.
    Codegen(codegen::Args),
    /// Time a debug build of the generated crate for APIs of several sizes.
    Compile(compile::Args),
    /// Time `fetch` of many nodes from a loopback server that answers each after a delay.
    Fetch(fetch::Args),
    /// A program making one call, built from an empty target folder: this crate vs jsonrpsee.
    FirstBuild(first_build::Args),
    /// The generated client against jsonrpsee and hand-written reqwest calls
    /// (`cargo bench -p xtask --features peers`).
    Client,
    /// The generated client under faults: drops, 503s and delays past the timeout, 256 calls in
    /// flight (`cargo bench -p xtask --bench soak`).
    Soak(soak::Args),
    /// 100 calls as one batch against one by one, then 10,000 in batches of 100, 8 in flight
    /// (`cargo bench -p xtask --bench batch`).
    Batch,
    /// The docstring parser on 10 MB and pathological docstrings
    /// (`cargo bench -p leadhit-codegen`).
    Parse,
}

pub fn run(command: &BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Codegen(args) => codegen::run(args),
        BenchCommand::Compile(args) => compile::run(args),
        BenchCommand::Fetch(args) => fetch::run(args),
        BenchCommand::FirstBuild(args) => first_build::run(args),
        BenchCommand::Client => cargo_bench("xtask", "client", &["--features", "peers"]),
        BenchCommand::Parse => cargo_bench("leadhit-codegen", "parse", &[]),
        BenchCommand::Soak(args) => soak::run(args),
        BenchCommand::Batch => cargo_bench("xtask", "batch", &[]),
    }
}

/// Runs a `harness = false` bench target of the real workspace (release profile).
fn cargo_bench(package: &str, bench: &str, extra: &[&str]) -> anyhow::Result<ExitCode> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["bench", "--package", package, "--bench", bench])
        .args(extra)
        .current_dir(paths::root())
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Where scratch workspaces go: `<target dir>/bench/<name>`, so they are ignored by git and
/// cleaned by `cargo clean`.
/// What `cargo xtask codegen` does, in-process: load the cache, generate, sync; the number of
/// files written.
fn regenerate(cache: &Path, crate_dir: &Path) -> anyhow::Result<usize> {
    let api = leadhit_codegen::load_cache(cache)?;
    if api.has_errors() {
        anyhow::bail!(
            "the synthetic API has errors:\n{}",
            leadhit_codegen::report(&api.diagnostics)
        );
    }
    let files = leadhit_codegen::generate(&api.value);
    Ok(leadhit_codegen::sync_files(crate_dir, &files, true)?.len())
}

fn scratch(name: &str) -> PathBuf {
    target_dir().join("bench").join(name)
}

/// The target folder: `CARGO_TARGET_DIR`, or the workspace's `target/`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                paths::root().join(dir)
            }
        })
        .unwrap_or_else(|| paths::root().join("target"))
}
