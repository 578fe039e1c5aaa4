//! Hostile and odd input: nothing may panic, and size must not blow up the running time.

use super::parse;
use crate::docstring::parse_docstring;
use crate::model::{DocStyle, Type};
use std::time::{Duration, Instant};

#[test]
fn deeply_nested_types_do_not_panic() {
    let deep = format!("{}int{}", "List[".repeat(1000), "]".repeat(1000));
    let doc = parse_docstring(&format!(
        ":param x: X.\n:type x: {deep}\n:rtype: {}",
        "Dict[str, ".repeat(100_000)
    ));
    assert_eq!(doc.params.unwrap()[0].ty, Type::Json { raw: deep });
    assert!(matches!(doc.returns.unwrap().ty, Type::Json { .. }));
}

#[test]
fn a_megabyte_docstring_parses_quickly() {
    let mut doc = String::from("Summary.\n\nArgs:\n");
    while doc.len() < 1 << 20 {
        let n = doc.len();
        doc.push_str(&format!("    p{n} (Optional[List[int]], optional): Параметр {n}, по умолчанию {n}.\n        Ещё строка.\n"));
    }
    doc.push_str("\nReturns:\n    dict: Всё.\n");
    let started = Instant::now();
    let parsed = parse_docstring(&doc);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(parsed.style, DocStyle::Google);
    assert!(parsed.params.unwrap().len() > 5_000);
}

#[test]
fn pathological_shapes_do_not_panic_or_crawl() {
    let megabyte = 1 << 20;
    let inputs = [
        "x".repeat(megabyte),
        "\n".repeat(megabyte),
        " ".repeat(megabyte),
        "\t".repeat(megabyte / 8),
        ":".repeat(megabyte),
        "@".repeat(megabyte),
        "(".repeat(megabyte),
        format!("Args:\n    x ({}: y", "(".repeat(megabyte)),
        format!("Args:\n    x (\n{}", "        more\n".repeat(megabyte / 16)),
        "-\n".repeat(megabyte / 2),
        "Returns\n-------\n".repeat(megabyte / 16),
        "Args:\n".repeat(megabyte / 8),
        ":param x:\n".repeat(megabyte / 16),
        ":type x: int\n".repeat(megabyte / 16),
        "default ".repeat(megabyte / 8),
        format!(":param x: {}", "defaults to ".repeat(megabyte / 16)),
        format!(":param x: {}", "по умолчанию ".repeat(megabyte / 32)),
        "DEPRECATED\n".repeat(megabyte / 16),
        ".. deprecated::\n".repeat(megabyte / 16),
        "é\u{202e}\u{0}ё".repeat(megabyte / 8),
        format!("Summary\n{}", "    ".repeat(megabyte / 4)),
        format!("A\n{}B", " ".repeat(megabyte)),
    ];
    for input in &inputs {
        let started = Instant::now();
        let _ = parse_docstring(input);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}… took {:?}",
            &input.chars().take(20).collect::<String>(),
            started.elapsed()
        );
    }
}

#[test]
fn multibyte_text_next_to_every_marker_does_not_panic() {
    let markers = [
        ":param ",
        ":type ",
        ":returns:",
        ":rtype:",
        ":raises ",
        "@param ",
        "@type ",
        "@return:",
        "Args:",
        "Returns:",
        "Raises:",
        "Parameters\n----------\n",
        "Returns\n-------\n",
        "Raises\n------\n",
        ".. deprecated::",
        "Deprecated:",
        "DEPRECATED",
        "Устарел",
        "(",
        ")",
        "[",
        "]",
        ":",
        ",",
        "default",
        "по умолчанию",
        "\t",
        "\n",
        "    ",
        "*",
        "\\",
        "'",
        "\"",
        "`",
    ];
    let fillers = ["é", "ё", "\u{202e}", "\u{0}", "漢", "🦀", "İ", " ", "x", ""];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for _ in 0..3000 {
        let mut doc = String::new();
        for _ in 0..next(24) {
            doc.push_str(if next(2) == 0 {
                markers[next(markers.len())]
            } else {
                fillers[next(fillers.len())]
            });
        }
        let _ = parse_docstring(&doc);
    }
}

#[test]
fn mixed_styles_keep_everything_and_pick_the_majority() {
    let doc = parse("Summary.\n\nArgs:\n    x (int): X.\n    y (str): Y.\n\n:rtype: dict");
    assert_eq!(doc.style, DocStyle::Google);
    assert_eq!(doc.returns.unwrap().raw_type.as_deref(), Some("dict"));
}

/// Pathological shapes parse without panicking. How fast they parse (the linear-time promise,
/// at 10 MB) is measured by the `parse` benchmark, not here: timings in tests are flaky.
#[test]
fn pathological_shapes_parse_without_panicking() {
    let size = 256 << 10;
    let repeat = |unit: &str| unit.repeat(size / unit.len());
    let inputs = [
        repeat("Summary line with some words, and more words.\n"),
        format!(
            "Summary.\n\nArgs:\n{}",
            repeat(
                "    p (Optional[List[int]], optional): Параметр, по умолчанию 5.\n        Ещё.\n"
            )
        ),
        format!(
            "Summary.\n\nParameters\n----------\n{}",
            repeat("x1, x2 : int, default 10\n    Doc.\n")
        ),
        repeat(":param x: X.\n:type x: int\n"),
        repeat("@param x: X.\n"),
        repeat("x"),
        repeat("List["),
        repeat("("),
        repeat(":"),
        repeat("default "),
        repeat("по умолчанию "),
        format!(":param x: {}", repeat("defaults to ")),
        repeat("Returns\n-------\n"),
        repeat("Args:\n"),
        repeat("DEPRECATED\n"),
        repeat("\n"),
        repeat("é\u{202e}\u{0}"),
        format!("Args:\n    x ({}", repeat("(\n")),
        format!("Summary\n{}", repeat("        \n")),
        repeat("    >>> x\n"),
        repeat("- item\n"),
    ];
    for input in &inputs {
        let parsed = parse_docstring(input);
        assert!(parsed.problems.len() <= 51, "problems are capped");
    }
}
