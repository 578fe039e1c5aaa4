//! `leadhit`, the command-line client of the LeadHit API (feature `cli`): its commands, flags
//! and help come from [`leadhit::spec`] at run time.
//!
//! Exit codes: 0 ok, 1 JSON-RPC error, 2 usage, 3 refused API key, 4 transport or HTTP error.

mod app;
mod call;
mod convert;
mod show;
#[cfg(test)]
mod tests;

use std::io::Write;
use std::process::ExitCode;

use clap::ArgMatches;

fn main() -> ExitCode {
    let mut root = app::command();
    let matches = root
        .try_get_matches_from_mut(std::env::args_os())
        .unwrap_or_else(|error| error.exit());
    match matches.subcommand() {
        Some(("list", matches)) => page(show::list(arg(matches, "node"))),
        Some(("describe", matches)) => page(show::describe(
            arg(matches, "node").unwrap_or_default(),
            arg(matches, "method").unwrap_or_default(),
        )),
        Some(("completions", matches)) => {
            let shell = *matches
                .get_one::<clap_complete::Shell>("shell")
                .expect("clap requires a shell");
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut root, "leadhit", &mut script);
            out(&script)
        }
        Some((node, matches)) => call::run(&mut root, node, matches),
        None => unreachable!("clap requires a subcommand"),
    }
}

/// Writes to stdout; a closed pipe (`leadhit ... | head`) is not an error worth a panic.
pub fn out(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
    ExitCode::SUCCESS
}

fn arg<'a>(matches: &'a ArgMatches, id: &str) -> Option<&'a str> {
    matches.get_one::<String>(id).map(String::as_str)
}

/// Prints a `list` or `describe` page, or its error (a name that does not exist: usage).
fn page(page: Result<String, String>) -> ExitCode {
    match page {
        Ok(page) => out(page.as_bytes()),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
