//! Google style (napoleon): `Args:` / `Returns:` / `Raises:` headers over indented entries
//! such as `name (type, optional): text`, with the Russian headers seen in the wild.
//!
//! Other Google sections (`Example:`, `Note:`) are not recognised here on purpose: they are
//! free text and belong in the description.

use super::builder::{Acc, Weight};
use super::entries::{entries, raise_entry, says_none};
use super::lines::{block_end, Line};
use super::scan::is_structural;
use super::text::{
    excerpt, field_body, find_top_level, looks_like_type, matching_close, reflow, Piece,
};
use crate::model::DocStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Params,
    Returns,
    Raises,
}

const PARAM_HEADERS: &[&str] = &[
    "args",
    "arguments",
    "parameters",
    "params",
    "keyword args",
    "keyword arguments",
    "other parameters",
    "параметры",
    "аргументы",
];
const RETURN_HEADERS: &[&str] = &["returns", "return", "возвращает", "возвращаемое значение"];
const RAISE_HEADERS: &[&str] = &["raises", "raise", "exceptions", "исключения", "вызывает"];

/// Recognises `Args:`, `Returns: dict` etc.; returns the section and any text after the colon.
/// Headers are capitalised, which keeps prose such as "returns: …" mid-sentence out.
fn header(text: &str) -> Option<(Section, &str)> {
    if !text.starts_with(char::is_uppercase) {
        return None;
    }
    let colon = text.find(':')?;
    let name = text[..colon].trim_end();
    if name.len() > 48 || !name.starts_with(char::is_uppercase) {
        return None;
    }
    let inline = text[colon + 1..].trim();
    let lower = name.to_lowercase();
    let lower = lower.as_str();
    if PARAM_HEADERS.contains(&lower) {
        // Params cannot be listed after the colon, so `Параметры: order_id и status` is prose.
        return inline.is_empty().then_some((Section::Params, inline));
    }
    if RETURN_HEADERS.contains(&lower) {
        return Some((Section::Returns, inline));
    }
    RAISE_HEADERS
        .contains(&lower)
        .then_some((Section::Raises, inline))
}

/// True when line `text` opens a Google section this module parses.
pub(super) fn is_header(text: &str) -> bool {
    header(text).is_some()
}

/// Parses the section starting at line `index`, if it is one; returns the index after it.
pub(super) fn try_section<'a>(
    lines: &'a [Line<'_>],
    index: usize,
    acc: &mut Acc<'a>,
) -> Option<usize> {
    let line = &lines[index];
    let (section, inline) = header(line.text())?;
    acc.vote(DocStyle::Google, Weight::Strong);
    let mut end = block_end(lines, index + 1, line.indent);
    if end == index + 1 && inline.is_empty() {
        end = flat_end(lines, index + 1, line.indent);
    }
    let body = &lines[index + 1..end];
    match section {
        Section::Params => params(body, line.no, acc),
        Section::Returns => returns(inline, body, line.no, acc),
        Section::Raises => raises(inline, body, acc),
    }
    Some(end)
}

/// The end of a section whose entries sit flush with its header (as a sloppy docstring, or
/// `inspect.cleandoc` on `"""Args:\n        x: …"""`, leaves them): up to the next blank line,
/// a line left of the header, or another header; entries keep their indented continuations.
fn flat_end(lines: &[Line<'_>], start: usize, indent: usize) -> usize {
    (start..lines.len())
        .find(|at| {
            let line = &lines[*at];
            line.is_blank()
                || line.indent < indent
                || (line.indent == indent && is_structural(lines, *at))
        })
        .unwrap_or(lines.len())
}

fn params(body: &[Line<'_>], header_line: usize, acc: &mut Acc<'_>) {
    let entries = entries(body);
    if entries.is_empty() {
        acc.problem(header_line, format_args!("the params section is empty"));
        return;
    }
    if says_none(&entries) {
        acc.documents_params();
        return;
    }
    for entry in entries {
        let Some(parsed) = ParamEntry::parse(entry) else {
            acc.problem(
                entry[0].no,
                format_args!("cannot read the param entry `{}`", excerpt(entry[0].text())),
            );
            continue;
        };
        let (pieces, base) = field_body(parsed.doc_first, parsed.doc_rest);
        acc.param(
            entry[0].no,
            parsed.name,
            parsed.raw_type,
            reflow(&pieces, base),
        );
    }
}

/// `name (type): text`, `name: text`, `*args: text`, `name (type) -- text`.
struct ParamEntry<'l> {
    name: &'l str,
    raw_type: Option<String>,
    doc_first: &'l str,
    doc_rest: &'l [Line<'l>],
}

impl<'l> ParamEntry<'l> {
    fn parse(entry: &'l [Line<'l>]) -> Option<Self> {
        let text = entry[0].text();
        let name_len = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '*' || c == '\\'))
            .unwrap_or(text.len());
        let (name, mut rest) = (&text[..name_len], text[name_len..].trim_start());
        if name.is_empty() {
            return None;
        }
        let mut raw_type = None;
        let mut doc_rest = &entry[1..];
        if rest.starts_with('(') {
            match matching_close(rest) {
                Some(close) => {
                    raw_type = Some(rest[1..close].trim().to_owned());
                    rest = rest[close + 1..].trim_start();
                }
                None => {
                    // The type runs onto the next lines: `x (Dict[str,\n        int]): text`.
                    let (joined, after, used) = join_until_closed(rest, doc_rest)?;
                    raw_type = Some(joined);
                    rest = after;
                    doc_rest = &doc_rest[used..];
                }
            }
        }
        let doc_first = separator_rest(rest)?;
        Some(ParamEntry {
            name,
            raw_type,
            doc_first,
            doc_rest,
        })
    }
}

/// For a `(type` left open on its line, joins continuation lines until it closes; returns
/// the type text, the text after the `)` and how many lines were used. Depth is tracked
/// incrementally so that a bracket that never closes costs one pass, not one per line.
fn join_until_closed<'l>(first: &str, more: &'l [Line<'l>]) -> Option<(String, &'l str, usize)> {
    let mut depth = 0usize;
    for c in first.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut type_text = first[1..].trim().to_owned();
    for (used, line) in more.iter().enumerate() {
        let text = line.text();
        for (at, c) in text.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        type_text.push(' ');
                        type_text.push_str(text[..at].trim());
                        return Some((
                            type_text.trim().to_owned(),
                            text[at + 1..].trim_start(),
                            used + 1,
                        ));
                    }
                }
                _ => {}
            }
        }
        if !text.is_empty() {
            type_text.push(' ');
            type_text.push_str(text);
        }
    }
    None
}

/// What follows the name and type: `: text`, `-- text`, `- text`, or nothing.
fn separator_rest(rest: &str) -> Option<&str> {
    if rest.is_empty() {
        return Some(rest);
    }
    if let Some(doc) = rest.strip_prefix(':') {
        return Some(doc.trim());
    }
    ["--", "—", "–", "-"]
        .iter()
        .find_map(|dash| {
            rest.strip_prefix(dash)
                .filter(|doc| doc.is_empty() || doc.starts_with(char::is_whitespace))
        })
        .map(str::trim)
}

/// `Returns: dict`, `Returns:\n    dict: the order`, `Returns:\n    The order.`
fn returns(inline: &str, body: &[Line<'_>], header_line: usize, acc: &mut Acc<'_>) {
    let body = &body[body.iter().take_while(|line| line.is_blank()).count()..];
    let (first, rest, first_indent) = match (inline.is_empty(), body.split_first()) {
        (false, _) => (inline, body, None),
        (true, Some((first, rest))) => (first.text(), rest, Some(first.indent)),
        (true, None) => {
            acc.problem(header_line, format_args!("the returns section is empty"));
            return;
        }
    };
    if let Some(colon) = find_top_level(first, ':') {
        if looks_like_type(&first[..colon]) {
            let (pieces, base) = field_body(&first[colon + 1..], rest);
            acc.returns(
                header_line,
                Some(first[..colon].trim().to_owned()),
                reflow(&pieces, base),
            );
            return;
        }
    }
    if looks_like_type(first) {
        let more_indented = rest
            .iter()
            .filter(|line| !line.is_blank())
            .all(|line| first_indent.is_none_or(|indent| line.indent > indent));
        if rest.iter().all(Line::is_blank) || more_indented {
            let (pieces, base) = field_body("", rest);
            acc.returns(header_line, Some(first.to_owned()), reflow(&pieces, base));
            return;
        }
    }
    let mut pieces = vec![Piece {
        indent: first_indent.unwrap_or(0),
        text: first,
    }];
    pieces.extend(rest.iter().map(Piece::of));
    let base = first_indent.unwrap_or_else(|| {
        rest.iter()
            .filter(|line| !line.is_blank())
            .map(|line| line.indent)
            .min()
            .unwrap_or(0)
    });
    acc.returns(header_line, None, reflow(&pieces, base));
}

/// `Raises:\n    ValidationError: text`, or `Raises: ValueError`.
fn raises(inline: &str, body: &[Line<'_>], acc: &mut Acc<'_>) {
    if !inline.is_empty() {
        raise_entry(inline, &[], acc);
    }
    for entry in entries(body) {
        raise_entry(entry[0].text(), &entry[1..], acc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(header("Args:"), Some((Section::Params, "")));
        assert_eq!(header("Keyword Arguments:"), Some((Section::Params, "")));
        assert_eq!(header("Параметры:"), Some((Section::Params, "")));
        assert_eq!(header("Returns: dict"), Some((Section::Returns, "dict")));
        assert_eq!(
            header("Возвращаемое значение:"),
            Some((Section::Returns, ""))
        );
        assert_eq!(header("Вызывает:"), Some((Section::Raises, "")));
        assert_eq!(header("Args: x and y"), None);
        assert_eq!(header("returns: lower case is prose"), None);
        assert_eq!(header("Example:"), None);
        assert_eq!(header("Note: x"), None);
    }

    #[test]
    fn separators() {
        assert_eq!(separator_rest(": text"), Some("text"));
        assert_eq!(separator_rest("-- text"), Some("text"));
        assert_eq!(separator_rest("— текст"), Some("текст"));
        assert_eq!(separator_rest(""), Some(""));
        assert_eq!(separator_rest("-text"), None);
        assert_eq!(separator_rest("and more"), None);
    }
}
