//! `cargo xtask diff` (being written).

use std::process::ExitCode;

pub fn run(_args: &crate::DiffArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`diff` is not built yet")
}
