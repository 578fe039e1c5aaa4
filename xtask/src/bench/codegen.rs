//! `cargo xtask bench codegen`: regeneration of a synthetic API, stage by stage and whole.
//!
//! In-process, each stage is timed on its own (median of `--runs`): reading the cache,
//! scraping, parsing docstrings, building the model (which scrapes and parses again: it is the
//! whole front end, and runs on every core), resolving names (on a copy of the model, timed
//! alone too), generating (emitting and formatting, on every core), and writing. Then this
//! very binary is run as a user runs it, with `XTASK_WORKSPACE` pointing at the scratch workspace: a full
//! regeneration into an empty folder, a no-op regeneration, `check`, and a regeneration after one
//! node's page changed (checked against a full regeneration, byte for byte), with wall time and
//! peak RSS. `--scale` repeats the in-process pipeline at several sizes to show how cost grows.

use super::measure::{mb, run_child, time, time_process, Timing};
use super::synth::{self, Shape};
use crate::paths;
use anyhow::{bail, Context};
use leadhit_codegen::parse_docstring;
use leadhit_codegen::{build_model, generate, load_overrides, resolve, sync_files, GENERATED_DIR};
use leadhit_codegen::{scrape, MAP_EXTENSION};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, SystemTime};

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Nodes in the synthetic API.
    #[arg(long, default_value_t = 100)]
    nodes: usize,
    /// Methods per node.
    #[arg(long, default_value_t = 100)]
    methods: usize,
    /// Runs per measurement; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Also time the whole in-process pipeline at these total method counts (100 methods per
    /// node), e.g. `--scale 1000,10000,100000`.
    #[arg(long, value_delimiter = ',')]
    scale: Vec<usize>,
    /// Skip the in-process stages and only run the binary end to end.
    #[arg(long)]
    binary_only: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let shape = Shape {
        nodes: args.nodes.max(1),
        methods: args.methods.max(1),
    };
    let root = super::scratch("codegen");
    prepare(&root, shape)?;
    println!(
        "synthetic API: {} nodes x {} methods = {} methods, {:.1} MB of map pages ({} build of xtask)",
        shape.nodes,
        shape.methods,
        shape.total(),
        cache_bytes(&root.join("maps-cache"))? as f64 / 1e6,
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    if !args.binary_only {
        stages(&root, args.runs)?;
    }
    binary(&root, args.runs)?;
    if !args.scale.is_empty() {
        scale(&args.scale, args.runs)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn prepare(root: &Path, shape: Shape) -> anyhow::Result<()> {
    if root.exists() {
        std::fs::remove_dir_all(root).with_context(|| format!("clearing {}", root.display()))?;
    }
    synth::write_workspace(&paths::root(), root)?;
    synth::write_cache(root, shape)
}

fn cache_bytes(cache: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(cache)? {
        total += entry?.metadata()?.len();
    }
    Ok(total)
}

/// Each stage in-process, on the pages already in memory.
fn stages(root: &Path, runs: usize) -> anyhow::Result<()> {
    let cache = root.join("maps-cache");
    let crate_dir = root.join("leadhit-generated");
    let (read, pages) = time(runs, || leadhit_codegen::read_pages(&cache));
    let pages = pages?;
    let (scraping, entries) = time(runs, || {
        pages
            .iter()
            .filter_map(|(_, bytes)| scrape(bytes).ok())
            .flat_map(|s| s.entries)
            .collect::<Vec<_>>()
    });
    let (docstrings, params) = time(runs, || {
        entries
            .iter()
            .filter_map(|e| e.doc.as_deref())
            .map(|doc| parse_docstring(doc).params.map_or(0, |p| p.len()))
            .sum::<usize>()
    });
    let overrides = load_overrides(&cache)?;
    let (model, lowered) = time_process(runs, || build_model(&pages, &overrides));
    let (copying, _) = time(runs, || lowered.value.clone());
    let (resolving, api) = time_process(runs, || resolve(lowered.value.clone()));
    let (generating, files) = time_process(runs, || generate(&api.value));
    let generated = crate_dir.join(GENERATED_DIR);
    let mut write_times = Vec::new();
    for _ in 0..runs.max(1) {
        std::fs::remove_dir_all(&generated)?;
        let (timing, changes) = time(1, || sync_files(&crate_dir, &files, true));
        if changes?.len() != files.len() {
            bail!("a full write did not write every file");
        }
        write_times.push(timing);
    }
    let writing = Timing::merge(write_times);
    let (noop_sync, changes) = time(runs, || sync_files(&crate_dir, &files, true));
    if !changes?.is_empty() {
        bail!("syncing unchanged files reported changes");
    }
    let (whole, _) = time_process(runs, || super::regenerate(&cache, &crate_dir));
    let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
    println!(
        "\nin-process stages ({} entries, {} documented params, {} files, {:.1} MB of Rust), median of {runs}; \
         cpu of this thread (of all threads for the model, resolve, generate and the whole pipeline, which use every core):",
        entries.len(),
        params,
        files.len(),
        bytes as f64 / 1e6
    );
    for (stage, sample) in [
        ("read pages", read),
        ("scrape", scraping),
        ("docstrings", docstrings),
        ("model (scrape + docstrings + lower + overrides)", model),
        ("copy of the model (the next row includes one)", copying),
        ("resolve (every name and check)", resolving),
        ("generate (emit + format, every core)", generating),
        ("write (into an empty folder)", writing),
        ("write (nothing changed: compare only)", noop_sync),
        ("whole pipeline (load + generate + sync)", whole),
    ] {
        println!("  {stage:<48} {sample}");
    }
    Ok(())
}

/// This binary, run as a user runs it, on the scratch workspace.
fn binary(root: &Path, runs: usize) -> anyhow::Result<()> {
    let exe = std::env::current_exe().context("finding the xtask binary")?;
    let generated = root.join("leadhit-generated").join(GENERATED_DIR);
    let rss_file = root.join("time.out");
    let xtask = |task: &str| {
        let mut command = Command::new(&exe);
        command.arg(task).env(paths::WORKSPACE_ENV, root);
        command
    };
    let run = |task: &str| -> anyhow::Result<(Timing, Option<u64>)> {
        let child = run_child(xtask(task), &rss_file)?;
        if !child.output.status.success() {
            bail!(
                "`xtask {task}` failed:\n{}",
                String::from_utf8_lossy(&child.output.stderr)
            );
        }
        let timing = Timing::of(vec![child.wall], vec![child.cpu.unwrap_or_default()]);
        Ok((timing, child.peak_rss_kb))
    };
    let mut full = Vec::new();
    let mut peak = None;
    for _ in 0..runs.max(1) {
        std::fs::remove_dir_all(&generated)?;
        let (timing, rss) = run("codegen")?;
        full.push(timing);
        peak = peak.max(rss);
    }
    // The same run as typed, `cargo xtask codegen`: cargo first checks that the xtask build is
    // fresh. Only from a dev build, which is what the alias runs (a release bench would have
    // cargo build the dev binary instead).
    let mut via_cargo = Vec::new();
    if cfg!(debug_assertions) {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        for _ in 0..runs.max(1) {
            std::fs::remove_dir_all(&generated)?;
            let mut command = Command::new(&cargo);
            command
                .args(["xtask", "codegen"])
                .current_dir(paths::root())
                .env(paths::WORKSPACE_ENV, root);
            let child = run_child(command, &rss_file)?;
            if !child.output.status.success() {
                bail!(
                    "`cargo xtask codegen` failed:\n{}",
                    String::from_utf8_lossy(&child.output.stderr)
                );
            }
            via_cargo.push(Timing::of(
                vec![child.wall],
                vec![child.cpu.unwrap_or_default()],
            ));
        }
    }
    let before = mtimes(&generated)?;
    let mut noop = Vec::new();
    let mut noop_peak = None;
    for _ in 0..runs.max(1) {
        let (timing, rss) = run("codegen")?;
        noop.push(timing);
        noop_peak = noop_peak.max(rss);
    }
    let untouched = mtimes(&generated)? == before;
    let mut check = Vec::new();
    for _ in 0..runs.max(1) {
        check.push(run("check")?.0);
    }
    // One node's page changed (a docstring), then changed back, and so on: each run builds and
    // emits that node again and reuses the rest.
    let page = root
        .join("maps-cache")
        .join(format!("{}.{MAP_EXTENSION}", synth::node_name(0)));
    let original = std::fs::read_to_string(&page)?;
    let changed = original.replacen(": ", ": Changed. ", 1);
    let mut incremental = Vec::new();
    for i in 0..runs.max(1) {
        std::fs::write(&page, if i % 2 == 0 { &changed } else { &original })?;
        incremental.push(run("codegen")?.0);
    }
    // What the last run left is what a full regeneration writes, byte for byte.
    let api = leadhit_codegen::load_cache(&root.join("maps-cache"))?;
    let files = leadhit_codegen::generate(&api.value);
    let differ = leadhit_codegen::sync_files(&root.join("leadhit-generated"), &files, false)?;
    std::fs::write(&page, &original)?;
    let (full, noop, check, incremental) = (
        Timing::merge(full),
        Timing::merge(noop),
        Timing::merge(check),
        Timing::merge(incremental),
    );
    // Wall time: a no-op run's CPU time is below the 10 ms resolution of GNU time.
    let percent = |a: &Timing, b: &Timing| {
        100.0 * a.wall.median.as_secs_f64() / b.wall.median.as_secs_f64().max(1e-9)
    };
    println!(
        "\nthe binary end to end ({}), median of {runs}; cpu = user + system:",
        exe.display()
    );
    println!(
        "  codegen, full (empty generated folder)  {full}; peak RSS {}",
        mb(peak)
    );
    if !via_cargo.is_empty() {
        println!(
            "  cargo xtask codegen, full (as typed)    {}",
            Timing::merge(via_cargo)
        );
    }
    println!(
        "  codegen, no-op (nothing changed)        {noop}; peak RSS {}",
        mb(noop_peak)
    );
    println!(
        "    no-op wall = {:.0}% of a full run; generated files {}",
        percent(&noop, &full),
        if untouched {
            "untouched (mtimes unchanged)"
        } else {
            "REWRITTEN"
        }
    );
    println!(
        "  check (up to date)                      {check}; wall = {:.0}% of a no-op codegen, {:.0}% of a full one",
        percent(&check, &noop),
        percent(&check, &full)
    );
    println!(
        "  codegen, one node's page changed        {incremental}; wall = {:.0}% of a full run (target: at most 10%)",
        percent(&incremental, &full)
    );
    if !untouched {
        bail!("a no-op codegen rewrote files");
    }
    if !differ.is_empty() {
        bail!("regenerating one node left files that differ from a full regeneration: {differ:?}");
    }
    Ok(())
}

fn mtimes(dir: &Path) -> anyhow::Result<Vec<(std::path::PathBuf, SystemTime)>> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        all.push((entry.path(), entry.metadata()?.modified()?));
    }
    all.sort();
    Ok(all)
}

/// The whole in-process pipeline at several sizes, 100 methods per node.
fn scale(totals: &[usize], runs: usize) -> anyhow::Result<()> {
    println!(
        "\nscaling (in-process load + generate + sync into an empty folder; cpu of all threads, \
         in 10 ms ticks), median of {runs}:"
    );
    let mut first: Option<(usize, Duration)> = None;
    for &total in totals {
        let shape = Shape::of_total(total);
        let root = super::scratch("codegen-scale");
        prepare(&root, shape)?;
        let cache = root.join("maps-cache");
        let crate_dir = root.join("leadhit-generated");
        let generated = crate_dir.join(GENERATED_DIR);
        let mut times = Vec::new();
        for _ in 0..runs.max(1) {
            std::fs::remove_dir_all(&generated)?;
            // Emission runs on every core, so the CPU time is the whole process's.
            let (timing, written) = time_process(1, || super::regenerate(&cache, &crate_dir));
            written?;
            times.push(timing);
        }
        let timing = Timing::merge(times);
        let cpu = timing.cpu.median;
        let ratio = first.map_or(String::new(), |(n, d): (usize, Duration)| {
            format!(
                "; {:.1}x the methods of the first size, {:.1}x the cpu time",
                shape.total() as f64 / n as f64,
                cpu.as_secs_f64() / d.as_secs_f64().max(1e-9)
            )
        });
        println!(
            "  {:>7} methods: {timing}; {:.1} us cpu per method{ratio}",
            shape.total(),
            cpu.as_secs_f64() * 1e6 / shape.total() as f64
        );
        first.get_or_insert((shape.total(), cpu));
    }
    Ok(())
}
