//! `cargo xtask`: the project's workflow commands (fetch, codegen, check, diff, bump, parse,
//! bench).
//!
//! This file only parses the command line and dispatches; each task lives in its own module.

mod bench;
mod bump;
mod codegen;
mod diff;
mod fetch;
mod fingerprint;
mod parse;
mod paths;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

// The generator builds and frees millions of small syntax nodes and strings; glibc's allocator
// was a fifth of a full regeneration's time (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Keep the generated LeadHit client in step with the API"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Download `<base>/<node>/map` for every cached node (or the named ones) into maps-cache/.
    Fetch(FetchArgs),
    /// Regenerate leadhit-generated/src/generated/ from maps-cache/ (writes only what changed).
    Codegen,
    /// Fail when leadhit-generated is not what `codegen` would write, or a map fails to parse.
    Check,
    /// Show the semantic API changes between the maps at a git revision and the working tree.
    Diff(DiffArgs),
    /// Set the crate's next version and changelog section from the API diff against a revision.
    Bump(BumpArgs),
    /// Print the model of one map page as JSON, to see why a method got its signature.
    Parse {
        /// A map page, e.g. maps-cache/orders.html.
        file: PathBuf,
    },
    /// Measure the pipeline, the generated crate and the client (figures for BENCHMARKS.md).
    #[command(subcommand)]
    Bench(bench::BenchCommand),
}

#[derive(clap::Args, Debug, Clone)]
pub struct FetchArgs {
    /// The API root; nodes are fetched from `<base>/<node>/map`.
    #[arg(long, env = "LEADHIT_BASE_URL", default_value = leadhit_codegen::DEFAULT_BASE_URL)]
    pub base_url: String,
    /// Fetch only these nodes (repeatable); nodes not yet cached are added.
    #[arg(long = "node", value_name = "NAME")]
    pub nodes: Vec<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// The git revision whose maps-cache/ is the "before" side.
    #[arg(long, default_value = "HEAD")]
    pub base: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
    /// Exit with status 1 when a change at or above this level exists.
    #[arg(long, value_enum, default_value_t = FailOn::None)]
    pub fail_on: FailOn,
}

#[derive(clap::Args, Debug, Clone)]
pub struct BumpArgs {
    /// The git revision to compare with: its maps, overrides and crate version.
    #[arg(long, default_value = "HEAD")]
    pub base: String,
    /// Print the decision and the changelog section without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value_t = BumpFormat::Text)]
    pub format: BumpFormat,
    /// The release date in the changelog section, as YYYY-MM-DD (default: today, UTC).
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum BumpFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Breaking,
    Any,
    None,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Fetch(args) => fetch::run(&args),
        Command::Codegen => codegen::run(false),
        Command::Check => codegen::run(true),
        Command::Diff(args) => diff::run(&args),
        Command::Bump(args) => bump::run(&args),
        Command::Parse { file } => parse::run(&file),
        Command::Bench(command) => bench::run(&command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    /// The generator's base URL (fetch's default, the one the generated docs name) is the one
    /// the runtime calls: two constants, since neither crate depends on the other.
    #[test]
    fn the_generator_and_the_runtime_agree_on_the_base_url() {
        assert_eq!(leadhit_codegen::DEFAULT_BASE_URL, leadhit::DEFAULT_BASE_URL);
    }
}
