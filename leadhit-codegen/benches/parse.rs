//! The docstring parser's linear-time promise, measured: realistic and pathological docstrings
//! at 1, 5 and 10 MB, with throughput and how much longer the larger inputs take.
//!
//! Run with `cargo bench -p leadhit-codegen --bench parse` (or `cargo xtask bench parse`).
//! A linear parser takes about twice as long at 10 MB as at 5 MB (a quadratic one, four
//! times). The 10 MB / 1 MB ratio is printed too, but it also measures caches: 1 MB of text
//! stays in them and 10 MB does not, so fast shapes show more than 10 there even when linear.
//! The shapes are those of `docstring/tests/edge.rs`, where a test checks that they parse.

use leadhit_codegen::parse_docstring;
use std::time::{Duration, Instant};

const MB: usize = 1 << 20;

/// `(name, the docstring of about `size` bytes)`.
fn shapes(size: usize) -> Vec<(&'static str, String)> {
    let repeat = |unit: &str| unit.repeat(size / unit.len());
    vec![
        (
            "google args",
            format!(
                "Summary.\n\nArgs:\n{}\nReturns:\n    dict: Всё.\n",
                repeat("    p (Optional[List[int]], optional): Параметр, по умолчанию 5.\n        Ещё.\n")
            ),
        ),
        (
            "rest fields",
            format!("Summary.\n\n{}", repeat("    :param x: X.\n    :type x: int\n")),
        ),
        (
            "numpy params",
            format!(
                "Summary.\n\nParameters\n----------\n{}",
                repeat("x1, x2 : int, default 10\n    Doc.\n")
            ),
        ),
        ("epytext fields", repeat("@param x: X.\n@type x: int\n")),
        ("prose lines", repeat("Summary line with some words, and more words.\n")),
        ("one long line", repeat("x")),
        ("newlines", repeat("\n")),
        ("spaces", repeat(" ")),
        ("colons", repeat(":")),
        ("open brackets", repeat("List[")),
        ("open parens", repeat("(")),
        ("default words", repeat("default ")),
        ("russian default", repeat("по умолчанию ")),
        ("defaults to", format!(":param x: {}", repeat("defaults to "))),
        ("numpy headers", repeat("Returns\n-------\n")),
        ("google headers", repeat("Args:\n")),
        ("deprecated", repeat("DEPRECATED\n")),
        ("bidi and nul", repeat("é\u{202e}\u{0}")),
        ("unclosed type", format!("Args:\n    x ({}", repeat("(\n"))),
        ("blank indents", format!("Summary\n{}", repeat("        \n"))),
        ("doctest lines", repeat("    >>> x\n")),
        ("list items", repeat("- item\n")),
    ]
}

/// The fastest of `runs` parses: the least disturbed by whatever else runs on the machine.
fn fastest(doc: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(parse_docstring(std::hint::black_box(doc)));
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`; keep that quick.
    let full = std::env::args().any(|a| a == "--bench");
    let (sizes, runs) = if full {
        ([MB, 5 * MB, 10 * MB], 3)
    } else {
        ([MB / 64, MB / 16, MB / 8], 1)
    };
    println!(
        "parse_docstring, fastest of {runs} runs, at {} / {} / {} KiB; linear: 10/5 ratio ≈ 2:",
        sizes[0] >> 10,
        sizes[1] >> 10,
        sizes[2] >> 10
    );
    println!(
        "  {:<16} {:>10} {:>10} {:>10} {:>8} {:>9} {:>9}",
        "shape", "small", "middle", "large", "MB/s", "10/5", "10/1"
    );
    let [small, middle, large] = sizes.map(shapes);
    let mut worst: (f64, &str) = (0.0, "");
    for (((name, small), (_, middle)), (_, large)) in small.into_iter().zip(middle).zip(large) {
        let [t_small, t_middle, t_large] = [&small, &middle, &large].map(|doc| fastest(doc, runs));
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        let throughput = large.len() as f64 / 1e6 / t_large.as_secs_f64().max(1e-9);
        let doubling = ratio(t_large, t_middle);
        println!(
            "  {name:<16} {:>7.1} ms {:>7.1} ms {:>7.1} ms {throughput:>8.0} {doubling:>9.2} {:>9.1}",
            t_small.as_secs_f64() * 1e3,
            t_middle.as_secs_f64() * 1e3,
            t_large.as_secs_f64() * 1e3,
            ratio(t_large, t_small),
        );
        if doubling > worst.0 {
            worst = (doubling, name);
        }
    }
    println!("  worst 10/5 ratio: {:.2} ({})", worst.0, worst.1);
}
