//! `cargo xtask fetch` (being written).

use std::process::ExitCode;

pub fn run(_args: &crate::FetchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`fetch` is not built yet")
}
