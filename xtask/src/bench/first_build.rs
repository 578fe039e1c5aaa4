//! `cargo xtask bench first-build`: what a user waits for the first time they build a program
//! that uses this crate, next to the same program written against jsonrpsee's HTTP client.
//!
//! Each program is a scratch crate of its own (`<target>/bench/first-build/<name>/`, its own
//! workspace, lock file and target folder) that makes one call, built with a plain
//! `cargo build` (dev profile) from an empty target folder. Dependencies are downloaded once
//! before the first timed build (`cargo fetch`, the one step that may use the network), so the
//! figures are compile time only. The programs are built alternately, in an order that flips
//! every round, so drift on a shared machine hits each alike.

use super::measure::{run_child, Sample};
use crate::paths;
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Cold builds of each program; the median is reported.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Also build the program against another copy of the `leadhit` crate (e.g. a checkout of
    /// an older commit's `leadhit-generated/`), for before/after figures in the same run.
    #[arg(long)]
    baseline: Option<PathBuf>,
}

/// One program to build: its name and manifest.
struct Program {
    name: &'static str,
    manifest: String,
    main: &'static str,
    /// A lock file to start from, so its versions are the ones the repository tests with.
    lock: Option<PathBuf>,
}

const LEADHIT_MAIN: &str = r#"//! One call through the generated client.
#[tokio::main]
async fn main() -> Result<(), leadhit::Error> {
    let client = leadhit::Client::new(std::env::var("LEADHIT_API_KEY").unwrap_or_default());
    let answer = client.orders().set_order_status("f168148717", "paid").send().await?;
    println!("{answer:?}");
    Ok(())
}
"#;

const JSONRPSEE_MAIN: &str = r#"//! The same call through jsonrpsee's HTTP client.
use jsonrpsee::core::client::ClientT;
use jsonrpsee::http_client::{HeaderMap, HeaderValue, HttpClientBuilder};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut headers = HeaderMap::new();
    let key = std::env::var("LEADHIT_API_KEY").unwrap_or_default();
    headers.insert("API-KEY", HeaderValue::from_str(&key)?);
    let client = HttpClientBuilder::default()
        .set_headers(headers)
        .build("https://service.leadhit.ru/api/v1/orders/")?;
    let mut params = jsonrpsee::core::params::ObjectParams::new();
    params.insert("order_id", "f168148717")?;
    params.insert("status", "paid")?;
    let answer: serde_json::Value = client.request("set_order_status", params).await?;
    println!("{answer}");
    Ok(())
}
"#;

/// What both programs need besides their client: the runtime `#[tokio::main]` starts.
const TOKIO: &str = r#"tokio = { version = "1.54.1", features = ["macros", "rt-multi-thread"] }"#;

fn programs(args: &Args) -> Vec<Program> {
    let leadhit = |name, dir: &Path| Program {
        name,
        manifest: manifest(
            name,
            &format!("leadhit = {{ path = {:?} }}", dir.display().to_string()),
        ),
        main: LEADHIT_MAIN,
        lock: Some(paths::root().join("Cargo.lock")),
    };
    let mut programs = vec![leadhit("leadhit", &paths::generated_crate())];
    if let Some(dir) = &args.baseline {
        // Relative to where the command was typed, not to the scratch crate.
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.clone());
        programs.push(leadhit("leadhit-baseline", &dir));
    }
    programs.push(Program {
        name: "jsonrpsee",
        manifest: manifest(
            "jsonrpsee",
            "jsonrpsee = { version = \"0.26\", features = [\"http-client\"] }\nserde_json = \"1.0.154\"",
        ),
        main: JSONRPSEE_MAIN,
        lock: None,
    });
    programs
}

fn manifest(name: &str, dependencies: &str) -> String {
    format!(
        "[package]\nname = \"first-build-{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{dependencies}\n{TOKIO}\n\n# Not part of the repository's workspace.\n[workspace]\n"
    )
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let root = super::scratch("first-build");
    let programs = programs(args);
    for program in &programs {
        write_program(&root.join(program.name), program)?;
    }
    let mut results: Vec<(Vec<Duration>, Vec<Duration>, usize)> =
        programs.iter().map(|_| (vec![], vec![], 0)).collect();
    for round in 0..args.runs {
        let mut order: Vec<usize> = (0..programs.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let build = cold_build(&root.join(programs[i].name))?;
            eprintln!(
                "  {} round {}: {:.1} s wall, {} crates",
                programs[i].name,
                round + 1,
                build.wall.as_secs_f64(),
                build.crates
            );
            results[i].0.push(build.wall);
            results[i].1.push(build.cpu);
            results[i].2 = build.crates;
        }
    }
    report(&programs, results, args.runs);
    Ok(ExitCode::SUCCESS)
}

fn report(programs: &[Program], results: Vec<(Vec<Duration>, Vec<Duration>, usize)>, runs: usize) {
    println!("a user's first `cargo build` (dev profile, empty target folder, dependencies downloaded), median of {runs}:");
    let secs = |d: Duration| format!("{:.1} s", d.as_secs_f64());
    let mut medians = vec![];
    for (program, (wall, cpu, crates)) in programs.iter().zip(results) {
        let (wall, cpu) = (Sample::of(wall), Sample::of(cpu));
        println!(
            "  {:<17} wall {:>8} (min {}, max {}), CPU {:>8}, {crates} crates compiled",
            program.name,
            secs(wall.median),
            secs(wall.min),
            secs(wall.max),
            secs(cpu.median)
        );
        medians.push((program.name, wall.median, cpu.median));
    }
    // jsonrpsee is the last program built.
    let Some(&(_, peer_wall, peer_cpu)) = medians.last() else {
        return;
    };
    for (name, wall, cpu) in &medians[..medians.len() - 1] {
        println!(
            "  {name} / jsonrpsee: wall {:.2} (target: at most 1.00), CPU {:.2}",
            wall.as_secs_f64() / peer_wall.as_secs_f64(),
            cpu.as_secs_f64() / peer_cpu.as_secs_f64().max(f64::MIN_POSITIVE)
        );
    }
}

fn write_program(dir: &Path, program: &Program) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("Cargo.toml"), &program.manifest)?;
    std::fs::write(dir.join("src/main.rs"), program.main)?;
    if let Some(lock) = &program.lock {
        if !dir.join("Cargo.lock").exists() {
            std::fs::copy(lock, dir.join("Cargo.lock"))?;
        }
    }
    // Resolves the lock file if needed and downloads whatever is missing.
    let status = cargo(dir).arg("fetch").status()?;
    if !status.success() {
        bail!("`cargo fetch` failed in {}", dir.display());
    }
    Ok(())
}

struct Build {
    wall: Duration,
    cpu: Duration,
    crates: usize,
}

/// `cargo build` from an empty target folder, offline (everything was fetched).
fn cold_build(dir: &Path) -> anyhow::Result<Build> {
    let target = dir.join("target");
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .with_context(|| format!("emptying {}", target.display()))?;
    }
    let mut command = cargo(dir);
    command.args(["build", "--offline", "--color", "never"]);
    let run = run_child(command, &dir.join("time.txt"))?;
    let stderr = String::from_utf8_lossy(&run.output.stderr);
    if !run.output.status.success() {
        bail!("building {} failed:\n{stderr}", dir.display());
    }
    let crates = stderr
        .lines()
        .filter(|line| line.trim_start().starts_with("Compiling "))
        .count();
    Ok(Build {
        wall: run.wall,
        cpu: run.cpu.unwrap_or_default(),
        crates,
    })
}

/// `cargo` in `dir`, with its own target folder and none of this process's build settings.
fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    command
}
