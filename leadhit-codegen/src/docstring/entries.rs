//! Section entries shared by the Google and NumPy parsers: splitting a section body into
//! entries, and reading an exception entry (`ValidationError: text`).

use super::builder::Acc;
use super::lines::{block_end, Line};
use super::text::{field_body, find_top_level, is_dotted_name, reflow};

/// Splits a section body into entries: a line at the entries' indentation plus the lines
/// indented deeper than it.
pub(super) fn entries<'l>(body: &'l [Line<'l>]) -> Vec<&'l [Line<'l>]> {
    let Some(indent) = body
        .iter()
        .find(|line| !line.is_blank())
        .map(|line| line.indent)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut index = 0;
    while index < body.len() {
        if body[index].is_blank() {
            index += 1;
            continue;
        }
        let end = block_end(body, index + 1, indent.max(body[index].indent));
        out.push(&body[index..end]);
        index = end.max(index + 1);
    }
    out
}

/// A section that says there is nothing to list (`Args: None`, `Параметры: нет`).
pub(super) fn says_none(entries: &[&[Line<'_>]]) -> bool {
    match entries {
        [[only]] => {
            let text = only.text().trim_end_matches('.').to_lowercase();
            matches!(
                text.as_str(),
                "none" | "нет" | "-" | "no parameters" | "no arguments"
            )
        }
        _ => false,
    }
}

/// `ValidationError: text`, `ValueError, TypeError`, `ValueError` over an indented text, or
/// prose naming no class (kept as the doc of an unnamed exception).
pub(super) fn raise_entry(first: &str, rest: &[Line<'_>], acc: &mut Acc<'_>) {
    let (kinds, doc_first) = match find_top_level(first, ':') {
        Some(colon) if is_kind_list(&first[..colon]) => (&first[..colon], &first[colon + 1..]),
        None if is_kind_list(first) => (first, ""),
        _ => ("", first),
    };
    let (pieces, base) = field_body(doc_first, rest);
    let doc = reflow(&pieces, base);
    let kinds: Vec<&str> = kinds
        .split(',')
        .map(str::trim)
        .filter(|kind| !kind.is_empty())
        .collect();
    if kinds.is_empty() {
        acc.raise(None, doc);
        return;
    }
    for kind in kinds {
        acc.raise(Some(kind.to_owned()), doc.clone());
    }
}

/// `ValueError` or `ValueError, TypeError`.
fn is_kind_list(text: &str) -> bool {
    text.split(',').all(|kind| is_dotted_name(kind.trim()))
}
