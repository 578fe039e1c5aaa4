//! What `fetch` tells the user: a progress bar while it works (on a terminal only), then one
//! line per node in node-name order and a summary, all on stderr.
//!
//! The per-node lines are printed at the end rather than as pages arrive so that the output is
//! the same on every run, whatever order the server answered in.

use super::{Change, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar on a terminal; nothing elsewhere (CI logs get the lines at the end).
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(total: usize) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new(total as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} fetching maps [{bar:30}] {pos}/{len} {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Progress(Some(bar))
    }

    pub fn finished(&self, node: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(node.to_owned());
            bar.inc(1);
        }
    }

    pub fn done(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Prints every outcome and the summary; returns whether every node succeeded.
pub fn print(outcomes: &[Outcome]) -> bool {
    for outcome in outcomes {
        match &outcome.result {
            Ok(stored) => eprintln!(
                "{}: ok, {} {}, {}",
                outcome.node,
                stored.methods,
                plural(stored.methods, "method"),
                stored.change.word()
            ),
            Err(cause) => eprintln!("{}: FAILED {}: {cause}", outcome.node, outcome.url),
        }
        for warning in &outcome.warnings {
            eprintln!("  {warning}");
        }
    }
    let stored: Vec<_> = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .collect();
    let methods: usize = stored.iter().map(|s| s.methods).sum();
    let total = outcomes.len();
    eprintln!(
        "fetched {} of {total} {}, {methods} {}",
        stored.len(),
        plural(total, "node"),
        plural(methods, "method")
    );
    // `None` stands for the failed nodes.
    for change in [
        Some(Change::New),
        Some(Change::Changed),
        Some(Change::Unchanged),
        None,
    ] {
        let nodes: Vec<&str> = outcomes
            .iter()
            .filter(|o| o.result.as_ref().ok().map(|s| s.change) == change)
            .map(|o| o.node.as_str())
            .collect();
        if !nodes.is_empty() {
            eprintln!(
                "  {}: {}",
                change.map_or("failed", Change::word),
                nodes.join(", ")
            );
        }
    }
    let failed = total - stored.len();
    if failed > 0 {
        eprintln!(
            "error: {failed} of {total} {} failed (listed above); their cached pages were left as they were",
            plural(total, "node")
        );
    }
    failed == 0
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}
