//! The fuzzers' guarantees, kept by the normal test suite: arbitrary bytes and randomly built
//! map pages go through scrape → lower → emit without a panic, and every file that comes out
//! passes `support::check_file` (parses with `syn`, ASCII identifiers, inert docs).
//!
//! The inputs come from a small deterministic generator (a fixed seed, so a failure repeats),
//! plus every input of the fuzzers' committed corpora in `fuzz/corpus/`, so what cargo-fuzz
//! found interesting keeps being checked in CI without cargo-fuzz.

mod support;

use leadhit_codegen::parse_docstring;
use leadhit_codegen::parse_type;
use leadhit_codegen::scrape;
use leadhit_codegen::Type;
use std::path::{Path, PathBuf};

/// How many inputs of each generated kind one run checks.
const CASES: usize = 400;

/// xorshift64*: tiny, dependency-free and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Bytes weighted towards what the scraper and parsers look at.
fn random_bytes(rng: &mut Rng, len: usize) -> Vec<u8> {
    const INTERESTING: &[&str] = &[
        "\n",
        "\n\n",
        ": ",
        ":",
        " ",
        "    ",
        "<pre>",
        "</pre>",
        "<h1>JSON-RPC map</h1>",
        "[",
        "]",
        "(",
        ")",
        ",",
        "|",
        "'",
        "\"",
        "`",
        "```",
        "*",
        "\\",
        "-----",
        "None",
        ":param ",
        ":type ",
        "Args:",
        "Returns:",
        "@param ",
        "é",
        "я",
        "\u{202E}",
        "\0",
        "\r",
        "\t",
    ];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        match rng.below(4) {
            0 => out.extend_from_slice(rng.pick(INTERESTING).as_bytes()),
            1 => out.push(rng.next() as u8),
            _ => out.push(b'a' + rng.below(26) as u8),
        }
    }
    out
}

/// A Python type text, valid or not, nested up to `depth`.
fn random_type(rng: &mut Rng, depth: usize) -> String {
    const LEAVES: &[&str] = &[
        "int",
        "str",
        "float",
        "bool",
        "None",
        "dict",
        "list",
        "Any",
        "Order",
        "date",
        "datetime.datetime",
        "Decimal",
        "'paid'",
        "\"x\"",
        "...",
        "1",
        "заказ",
        "*/",
    ];
    if depth == 0 || rng.chance(3) {
        return rng.pick(LEAVES).to_owned();
    }
    let inner = random_type(rng, depth - 1);
    match rng.below(10) {
        0 => format!("List[{inner}]"),
        1 => format!("Dict[str, {inner}]"),
        2 => format!("Optional[{inner}]"),
        3 => format!("Union[{inner}, {}]", random_type(rng, depth - 1)),
        4 => format!("{inner} or None"),
        5 => format!("{inner} | {}", random_type(rng, depth - 1)),
        6 => format!("list of {inner}"),
        7 => format!("Literal['{}', '{}']", rng.pick(LEAVES), rng.pick(LEAVES)),
        8 => format!("{{'{}', '{}'}}", rng.pick(LEAVES), rng.pick(LEAVES)),
        // Unbalanced on purpose.
        _ => format!("{}[{inner}", rng.pick(&["Tuple", "List", "(", "Optional"])),
    }
}

fn random_name(rng: &mut Rng) -> String {
    const NAMES: &[&str] = &[
        "order_id",
        "status",
        "type",
        "self",
        "fn",
        "crate",
        "request",
        "args",
        "kwargs",
        "getReport",
        "report.daily",
        "1st",
        "a-b",
        "заказ",
        "send",
        "params",
        "x",
        "Self",
        "__init__",
        "r#type",
        "none",
        "ok",
        "option",
    ];
    if rng.chance(4) {
        let len = 1 + rng.below(8);
        String::from_utf8_lossy(&random_bytes(rng, len))
            .split_whitespace()
            .collect()
    } else {
        rng.pick(NAMES).to_owned()
    }
}

fn random_text(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "The",
        "order",
        "Defaults to 10.",
        "optional",
        "по умолчанию 5",
        "<b>",
        "</pre>",
        "*/",
        "\"#",
        "[link](x)",
        "`code`",
        "```",
        "::",
        ">>>",
        "&amp;",
        "\u{202E}",
        "\0",
        "#[doc]",
        "Deprecated:",
        "default 'paid'",
        "(optional)",
        "\\",
        "|",
        "- item",
        "1. item",
    ];
    (0..1 + rng.below(8))
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A docstring mixing every style's constructs with random names, types and text.
fn random_docstring(rng: &mut Rng) -> String {
    if rng.chance(10) {
        return "None".to_owned();
    }
    let indent = if rng.chance(3) { "" } else { "    " };
    let mut lines = vec![random_text(rng), String::new()];
    for _ in 0..rng.below(8) {
        let name = random_name(rng);
        let depth = rng.below(6);
        let ty = random_type(rng, depth);
        let text = random_text(rng);
        let construct = match rng.below(14) {
            0 => format!(":param {name}: {text}"),
            1 => format!(":type {name}: {ty}"),
            2 => format!(":param {ty} {name}: {text}"),
            3 => format!(":returns: {text}\n{indent}:rtype: {ty}"),
            4 => format!(":raises {name}: {text}"),
            5 => format!("Args:\n{indent}    {name} ({ty}): {text}"),
            6 => format!("Returns:\n{indent}    {ty}: {text}"),
            7 => {
                format!("Parameters\n{indent}----------\n{indent}{name} : {ty}\n{indent}    {text}")
            }
            8 => format!("@param {name}: {text}\n{indent}@type {name}: {ty}"),
            9 => format!(".. deprecated:: 1.0\n{indent}    {text}"),
            10 => format!("Example::\n\n{indent}    {text}"),
            11 => format!("```\n{indent}{text}\n{indent}```"),
            12 => String::new(),
            _ => text,
        };
        lines.push(construct);
    }
    let mut doc = String::from(if rng.chance(2) { "\n" } else { "" });
    for line in lines {
        doc.push_str(indent);
        doc.push_str(&line);
        doc.push('\n');
    }
    doc
}

fn random_page(rng: &mut Rng) -> Vec<u8> {
    let entries: Vec<(String, String)> = (0..rng.below(6))
        .map(|_| (random_name(rng), random_docstring(rng)))
        .collect();
    let entries: Vec<(&str, &str)> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_str()))
        .collect();
    let mut page = support::render(&entries).into_bytes();
    // Now and then, damage the page itself.
    if rng.chance(8) && !page.is_empty() {
        let at = rng.below(page.len());
        let len = rng.below(16);
        let junk = random_bytes(rng, len);
        page.splice(at..at, junk);
    }
    page
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..CASES {
        let len = rng.below(600);
        let bytes = random_bytes(&mut rng, len);
        let _ = scrape(&bytes);
        // Bytes alone rarely reach the parsers, so they also go in as a map's body.
        let mut page = b"<h1>JSON-RPC map</h1><pre>".to_vec();
        page.extend_from_slice(&bytes);
        page.extend_from_slice(b"</pre>");
        support::run("orders", page);
        let text = String::from_utf8_lossy(&bytes);
        parse_docstring(&text);
        check_type(&text);
    }
}

#[test]
fn arbitrary_map_pages_give_code_that_parses_or_errors() {
    let mut rng = Rng(0x5EED_0002);
    let mut with_code = 0;
    for _ in 0..CASES {
        let page = random_page(&mut rng);
        if support::run("orders", page).files.is_some() {
            with_code += 1;
        }
    }
    // The generator must be reaching the emitter, not only the error paths.
    assert!(with_code > CASES / 4, "only {with_code} pages gave code");
}

#[test]
fn arbitrary_docstrings_and_types_never_panic() {
    let mut rng = Rng(0x5EED_0003);
    for _ in 0..CASES {
        parse_docstring(&random_docstring(&mut rng));
        check_type(&random_type(&mut rng, 60));
    }
}

/// Type text the parser cannot read is kept exactly as documented.
fn check_type(text: &str) {
    if let Type::Json { raw } = parse_type(text) {
        assert_eq!(raw, text.trim(), "{text:?}");
    }
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

#[test]
fn the_fuzz_corpora_still_pass() {
    for (_, bytes) in corpus("scrape") {
        let _ = scrape(&bytes);
    }
    for (path, bytes) in corpus("generate") {
        eprintln!("{}", path.display());
        support::run("orders", bytes);
    }
    for (_, bytes) in corpus("docstring") {
        parse_docstring(&String::from_utf8_lossy(&bytes));
    }
    for (_, bytes) in corpus("type_text") {
        check_type(&String::from_utf8_lossy(&bytes));
    }
}
