//! `cargo xtask bench compile`: how long a debug build of the generated crate takes as the API
//! grows.
//!
//! One scratch workspace (a copy of the runtime, see [`synth::write_workspace`]) is regenerated
//! for each size with this binary's own pipeline and built in the real target folder. A warm-up
//! build compiles what is missing; then the generated files are touched and
//! `cargo build -p leadhit` is timed, so only the `leadhit` crate itself is rebuilt — what a
//! user waits for after `cargo xtask codegen`.

use super::measure::{ms, time};
use super::synth::{self, Shape};
use crate::paths;
use anyhow::bail;
use leadhit_codegen::GENERATED_DIR;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::SystemTime;

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Total method counts to build (100 methods per node).
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1000, 10000])]
    sizes: Vec<usize>,
    /// Timed builds per size; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let root = super::scratch("compile");
    // The runtime is copied afresh every time (the target folder is kept): a copy left by an
    // earlier run would build today's generated code against yesterday's runtime.
    synth::write_workspace(&paths::root(), &root)?;
    println!(
        "debug build of the generated crate only (dependencies already built), median of {}:",
        args.runs
    );
    for &total in &args.sizes {
        let shape = Shape::of_total(total);
        synth::write_cache(&root, shape)?;
        super::regenerate(&root.join("maps-cache"), &root.join("leadhit-generated"))?;
        // The warm-up builds the dependencies (the first time) and this size's crate once.
        cargo_build(&root)?;
        let generated = root.join("leadhit-generated").join(GENERATED_DIR);
        // The build runs in child processes, so only wall time means anything here.
        let (timing, last) = time(args.runs, || {
            touch_all(&generated).and_then(|()| cargo_build(&root))
        });
        last?;
        let lines = count_lines(&generated)?;
        println!(
            "  {:>6} methods ({} nodes, {} lines generated): wall {} (min {}, max {})",
            shape.total(),
            shape.nodes,
            lines,
            ms(timing.wall.median),
            ms(timing.wall.min),
            ms(timing.wall.max)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn cargo_build(root: &Path) -> anyhow::Result<()> {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--quiet", "--package", "leadhit"])
        .current_dir(root)
        // The real workspace's target folder: same lock file and profiles, so the dependencies
        // are (mostly) already built there.
        .env("CARGO_TARGET_DIR", super::target_dir())
        .env_remove("RUSTFLAGS")
        .output()?;
    if !output.status.success() {
        bail!(
            "building the generated crate failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// Sets every generated file's mtime to now, so cargo rebuilds the crate (and nothing else).
fn touch_all(dir: &Path) -> anyhow::Result<()> {
    let now = SystemTime::now();
    for entry in std::fs::read_dir(dir)? {
        let file = std::fs::File::options().write(true).open(entry?.path())?;
        file.set_modified(now)?;
    }
    Ok(())
}

fn count_lines(dir: &Path) -> anyhow::Result<usize> {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir)? {
        lines += std::fs::read_to_string(entry?.path())?.lines().count();
    }
    Ok(lines)
}
