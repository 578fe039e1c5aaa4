//! `cargo xtask bench soak`: the generated client under sustained faults, run as the `soak`
//! bench target (`xtask/benches/soak.rs`), so `cargo xtask` itself never compiles the client.

use std::process::{Command, ExitCode};

use crate::paths;

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Calls to make.
    #[arg(long, default_value_t = 100_000)]
    calls: usize,
    /// Calls in flight at once.
    #[arg(long, default_value_t = 256)]
    in_flight: usize,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "bench",
            "--package",
            "xtask",
            "--bench",
            "soak",
            "--",
            "--bench",
        ])
        .args(["--calls", &args.calls.to_string()])
        .args(["--in-flight", &args.in_flight.to_string()])
        .current_dir(paths::root())
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
