//! Map page bytes → the ordered `(name, docstring)` entries it lists.
//!
//! The json-rpc library renders `<h1>JSON-RPC map</h1><pre>NAME: DOC\n\nNAME: DOC</pre>` and
//! escapes nothing, so a docstring's `<tag>` or `&` reaches the page raw. An HTML parser would
//! swallow those, so `scraper` only checks that the page *is* a map; the entries are then cut
//! from the raw text between the `<pre>` after the heading and the last `</pre>`.
//!
//! Entries are joined by a blank line, but docstrings hold blank lines too, and Python 3.13+
//! dedents docstrings so their lines may start at column 0. A new entry therefore starts only
//! at a blank line followed by `NAME: ` where NAME has no whitespace and was not already listed
//! (dispatcher keys are unique), and is not a docstring section header (`Returns: dict`).
//!
//! A section header is a capitalised section word after exactly one empty line. A docstring
//! that ends with its closing quotes on their own line ends with a newline (plus indentation
//! before 3.13), so the entry after it follows two blank lines; and method names are not
//! capitalised. Either sign means an entry, so a method named `example` or `attributes` is not
//! swallowed into the docstring above it (which would also hand it that method's params).

use crate::diagnostics::Diagnostic;
use scraper::{Html, Selector};
use serde::Serialize;

/// The heading every json-rpc map page carries.
pub const MAP_HEADING: &str = "JSON-RPC map";

/// One method as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The dispatcher key, verbatim.
    pub name: String,
    /// The docstring verbatim; `None` when the page shows the literal `None`.
    pub doc: Option<String>,
    /// 1-based line of the entry on the page.
    pub line: usize,
}

/// What a page holds, with anything odd noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scraped {
    pub entries: Vec<Entry>,
    pub warnings: Vec<Diagnostic>,
}

/// Why a page is not a method map.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScrapeError {
    #[error("the page is empty, not a JSON-RPC map")]
    Empty,
    #[error("the page is JSON, not a JSON-RPC map (it starts with {0:?})")]
    Json(String),
    #[error("the page is not a JSON-RPC map: it has no `<h1>JSON-RPC map</h1>` heading{0}")]
    NoHeading(String),
    #[error("the page has the JSON-RPC map heading but no `<pre>` block after it")]
    NoPre,
    #[error("the map's `<pre>` block is never closed: the page looks truncated")]
    Unclosed,
}

/// Docstring section headers that can sit at column 0 after a blank line inside a dedented
/// docstring and look like `NAME: DOC`. Compared case-insensitively.
const SECTION_WORDS: &[&str] = &[
    "args",
    "arguments",
    "attention",
    "attributes",
    "caution",
    "danger",
    "default",
    "defaults",
    "deprecated",
    "example",
    "examples",
    "exceptions",
    "hint",
    "important",
    "keyword",
    "methods",
    "note",
    "notes",
    "other",
    "param",
    "parameters",
    "params",
    "raise",
    "raises",
    "references",
    "return",
    "returns",
    "rtype",
    "see",
    "seealso",
    "tip",
    "todo",
    "usage",
    "warning",
    "warnings",
    "warns",
    "yield",
    "yields",
    "аргументы",
    "вызывает",
    "возвращает",
    "исключения",
    "параметры",
    "пример",
    "примеры",
    "примечание",
    "результат",
];

/// Scrapes one map page. Never panics; a page that is not a map is an error, never an empty
/// list (an empty `<pre></pre>` is a real, empty node and yields no entries).
pub fn scrape(bytes: &[u8]) -> Result<Scraped, ScrapeError> {
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            warnings.push(Diagnostic::warning(format!(
                "the page is not valid UTF-8 (first bad byte at offset {}); invalid bytes were replaced with U+FFFD",
                e.valid_up_to()
            )));
            String::from_utf8_lossy(bytes)
        }
    };
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return Err(ScrapeError::Empty);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Err(ScrapeError::Json(trimmed.chars().take(60).collect()));
    }
    check_is_map(&text)?;
    let (body, body_line) = pre_body(&text)?;
    let entries = split_entries(body, body_line, &mut warnings);
    Ok(Scraped { entries, warnings })
}

/// Uses a real HTML parser to decide whether the page is a map at all, so that a login or
/// error page that happens to contain the words is still refused.
fn check_is_map(text: &str) -> Result<(), ScrapeError> {
    let html = Html::parse_document(text);
    let h1 = Selector::parse("h1").expect("static selector");
    let has_heading = html
        .select(&h1)
        .any(|h| h.text().collect::<String>().trim() == MAP_HEADING);
    if has_heading {
        return Ok(());
    }
    let title = Selector::parse("title, h1").expect("static selector");
    let seen = html
        .select(&title)
        .map(|t| t.text().collect::<String>())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty());
    Err(ScrapeError::NoHeading(match seen {
        Some(t) => format!(
            " (its title is {:?})",
            t.chars().take(80).collect::<String>()
        ),
        None => String::new(),
    }))
}

/// The raw text of the `<pre>` that follows the heading, and the page line it starts on.
fn pre_body(text: &str) -> Result<(&str, usize), ScrapeError> {
    let heading_end = find_ascii_ci(text, "JSON-RPC map</h1>")
        .map(|i| i + "JSON-RPC map</h1>".len())
        .ok_or_else(|| ScrapeError::NoHeading(String::new()))?;
    let after = &text[heading_end..];
    let pre_start = find_ascii_ci(after, "<pre>").ok_or(ScrapeError::NoPre)?;
    // Only whitespace may sit between the heading and the `<pre>`; anything else means the
    // `<pre>` we found belongs to something else.
    if !after[..pre_start].trim().is_empty() {
        return Err(ScrapeError::NoPre);
    }
    let body_start = heading_end + pre_start + "<pre>".len();
    // Docstrings are not escaped and may contain `</pre>` themselves; the renderer's own
    // closing tag is the last one on the page.
    let body_end = rfind_ascii_ci(text, "</pre>")
        .filter(|&end| end >= body_start)
        .ok_or(ScrapeError::Unclosed)?;
    let line = 1 + text[..body_start].matches('\n').count();
    Ok((&text[body_start..body_end], line))
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

fn rfind_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).rposition(|w| w.eq_ignore_ascii_case(n))
}

/// Cuts the `<pre>` body into entries (see the module docs for the boundary rule).
fn split_entries(body: &str, body_line: usize, warnings: &mut Vec<Diagnostic>) -> Vec<Entry> {
    if body.is_empty() {
        return Vec::new();
    }
    let mut starts: Vec<(usize, usize, &str)> = Vec::new(); // (offset, line, name)
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    // The body's first line always starts an entry, as if a blank line came before it.
    let mut previous_blank = true;
    let mut previous_whitespace = true;
    // Whether the line before the previous one was empty or only whitespace: then a blank line
    // is where a docstring ended and the renderer's `\n\n` began, never a section break.
    let mut blank_before = false;
    for (line, raw_line) in (body_line..).zip(body.split_inclusive('\n')) {
        let content = raw_line.trim_end_matches(['\n', '\r']);
        if previous_blank {
            let first = starts.is_empty();
            if let Some(name) = entry_name(content, first) {
                let section = !blank_before && is_section_header(name);
                if first || (!section && !seen.contains(name)) {
                    seen.insert(name);
                    starts.push((offset, line, name));
                }
            }
        }
        blank_before = previous_whitespace;
        previous_blank = content.is_empty();
        previous_whitespace = content.trim().is_empty();
        offset += raw_line.len();
    }
    if starts.first().map(|s| s.0) != Some(0) {
        warnings.push(
            Diagnostic::warning("the map's text does not start with `NAME: `; it was ignored")
                .at_line(body_line),
        );
    }
    let mut entries = Vec::with_capacity(starts.len());
    for (i, &(start, line, name)) in starts.iter().enumerate() {
        // Every entry but the last is followed by the "\n\n" that joins entries.
        let end = match starts.get(i + 1) {
            Some(next) => next.0 - 2,
            None => body.len(),
        };
        let doc = &body[start + name.len() + 2..end.max(start + name.len() + 2)];
        entries.push(Entry {
            name: name.to_owned(),
            doc: (doc != "None").then(|| doc.to_owned()),
            line,
        });
    }
    entries
}

/// The `NAME` of a line shaped `NAME: ...`. The first entry's name is anything before the
/// first `": "`; later names must not contain whitespace (prose would match otherwise).
fn entry_name(line: &str, first: bool) -> Option<&str> {
    // The renderer always writes `": "`, even before a docstring that starts with a newline, so
    // a bare `Returns:` line is a section header, never an entry.
    let (name, _) = line.split_once(": ")?;
    if name.is_empty() {
        return None;
    }
    if first {
        return Some(name);
    }
    let plausible = !name.chars().any(char::is_whitespace)
        && !name.contains(':')
        && !name.starts_with(['@', '*', '-', '>', '#', '`', '.', '|']);
    plausible.then_some(name)
}

/// A docstring section header such as `Returns` or `Параметры`: a section word, capitalised as
/// headers are (dispatcher keys are function names, which are not).
fn is_section_header(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with(char::is_uppercase) && SECTION_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<h1>JSON-RPC map</h1><pre>{body}</pre>")
    }

    fn names(body: &str) -> Vec<(String, Option<String>)> {
        scrape(page(body).as_bytes())
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.name, e.doc))
            .collect()
    }

    #[test]
    fn splits_on_blank_line_before_name() {
        assert_eq!(
            names("a: None\n\nb: Does b.\n\n    More.\n    "),
            vec![
                ("a".into(), None),
                ("b".into(), Some("Does b.\n\n    More.\n    ".into()))
            ]
        );
    }

    #[test]
    fn section_words_at_column_zero_continue_the_docstring() {
        let got = names("a: Do a.\n\nReturns: dict\n\nRaises: nothing\n\nb: None");
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].1.as_deref(),
            Some("Do a.\n\nReturns: dict\n\nRaises: nothing")
        );
    }

    #[test]
    fn methods_named_like_sections_are_methods() {
        // After a docstring that ends with a newline (closing quotes on their own line), as
        // Python 3.13 stores it, and as Python 3.12 does (with the indentation before them).
        let got = names("a: Do a.\n\n:param x: X.\n\n\nattributes: Doc.\n    \n\nReturns: None");
        assert_eq!(
            got,
            vec![
                ("a".into(), Some("Do a.\n\n:param x: X.\n".into())),
                ("attributes".into(), Some("Doc.\n    ".into())),
                ("Returns".into(), None),
            ]
        );
        // After a one-line docstring, lower case tells a method from a section header.
        let got = names("a: Do a.\n\nexample: Doc.\n\nnote: None");
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_repeated_name_is_a_continuation() {
        let got = names("a: x\n\nb: y\n\nb: z");
        assert_eq!(got[1].1.as_deref(), Some("y\n\nb: z"));
    }

    #[test]
    fn raw_markup_and_closing_pre_stay_in_docs() {
        let got = names("a: Use <b>bold</b> & </pre> here");
        assert_eq!(got[0].1.as_deref(), Some("Use <b>bold</b> & </pre> here"));
    }

    #[test]
    fn empty_pre_is_an_empty_node() {
        assert_eq!(scrape(page("").as_bytes()).unwrap().entries, vec![]);
    }

    #[test]
    fn non_maps_are_errors() {
        assert_eq!(scrape(b"").unwrap_err(), ScrapeError::Empty);
        assert_eq!(scrape(b"  \n").unwrap_err(), ScrapeError::Empty);
        assert!(matches!(
            scrape(br#"{"error": 1}"#),
            Err(ScrapeError::Json(_))
        ));
        let login = b"<html><head><title>Log in</title></head><body><form></form></body></html>";
        let err = scrape(login).unwrap_err();
        assert_eq!(err.to_string(), "the page is not a JSON-RPC map: it has no `<h1>JSON-RPC map</h1>` heading (its title is \"Log in\")");
        assert_eq!(
            scrape(b"<h1>JSON-RPC map</h1><pre>a: b").unwrap_err(),
            ScrapeError::Unclosed
        );
        assert_eq!(
            scrape(b"<h1>JSON-RPC map</h1><p>x</p>").unwrap_err(),
            ScrapeError::NoPre
        );
    }

    #[test]
    fn invalid_utf8_is_a_warning_not_a_panic() {
        let mut bytes = page("a: x").into_bytes();
        bytes.insert(30, 0xff);
        let scraped = scrape(&bytes).unwrap();
        assert_eq!(scraped.warnings.len(), 1);
        assert_eq!(scraped.entries.len(), 1);
    }

    #[test]
    fn lines_are_counted_from_the_page_start() {
        let s = scrape(page("a: x\n\nb: y").as_bytes()).unwrap();
        assert_eq!(
            s.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }
}
