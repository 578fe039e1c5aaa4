//! Deprecation notes outside field lists: the reST `.. deprecated::` directive, and lines
//! starting `Deprecated:`, `DEPRECATED` or `Устарел…` (which also covers a Google
//! `Deprecated:` section, inline or indented).

use super::builder::{Acc, Weight};
use super::lines::{block_end, Line};
use super::scan::is_structural;
use super::text::{field_body, find_prefix_ci, reflow};
use crate::model::DocStyle;

/// The argument of a `.. deprecated:: 1.2` directive line.
fn directive_arg(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("..")?.trim_start();
    let end = find_prefix_ci(rest, "deprecated::")?;
    Some(rest[end..].trim())
}

pub(super) fn is_directive(text: &str) -> bool {
    directive_arg(text).is_some()
}

/// `.. deprecated:: 1.6.0` over an indented explanation.
pub(super) fn try_directive<'a>(
    lines: &'a [Line<'_>],
    index: usize,
    acc: &mut Acc<'a>,
) -> Option<usize> {
    let line = &lines[index];
    let arg = directive_arg(line.text())?;
    let end = block_end(lines, index + 1, line.indent);
    let (pieces, base) = field_body("", &lines[index + 1..end]);
    let body = reflow(&pieces, base);
    let is_version = arg
        .trim_start_matches(['v', 'V'])
        .starts_with(|c: char| c.is_ascii_digit());
    let note = match (arg.is_empty(), body) {
        (true, body) => body,
        (false, None) if is_version => Some(format!("since {arg}")),
        (false, None) => Some(arg.to_owned()),
        (false, Some(body)) if is_version => Some(format!("since {arg}: {body}")),
        (false, Some(body)) => Some(format!("{arg} {body}")),
    };
    acc.vote(DocStyle::Rest, Weight::Weak);
    acc.deprecate(note);
    Some(end)
}

/// The note on a deprecation marker line: the text after `Deprecated:` / `DEPRECATED` /
/// `Устарел:`, or the whole line for `Устаревший метод, …` where the marker is part of the
/// sentence.
fn marker_note(text: &str) -> Option<&str> {
    let word_end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    // Every marker word is 7 to 14 letters ("устаревшее" is 20 bytes).
    if !(7..=40).contains(&word_end) {
        return None;
    }
    let (word, after) = text.split_at(word_end);
    let separated = after.trim_start();
    let has_separator =
        separated.is_empty() || separated.starts_with([':', '.', '!', '-', '—', '–']);
    if word.eq_ignore_ascii_case("deprecated") {
        return (word == "DEPRECATED" || separated.starts_with(':')).then(|| strip(separated));
    }
    let russian =
        find_prefix_ci(word, "устарел").is_some() || find_prefix_ci(word, "устаревш").is_some();
    match (russian, has_separator) {
        (false, _) => None,
        (true, true) => Some(strip(separated)),
        (true, false) => Some(text),
    }
}

/// The note after a marker's punctuation (`Deprecated: note`, `DEPRECATED. note`).
fn strip(rest: &str) -> &str {
    rest.trim_start_matches([':', '.', '!', '-', '—', '–', ' '])
        .trim()
}

/// A marker line with the rest of its paragraph and any block indented under it.
pub(super) fn try_marker<'a>(
    lines: &'a [Line<'_>],
    index: usize,
    acc: &mut Acc<'a>,
) -> Option<usize> {
    let line = &lines[index];
    let note = marker_note(line.text())?;
    let mut end = index + 1;
    while end < lines.len() && !lines[end].is_blank() && !is_structural(lines, end) {
        end += 1;
    }
    let end = block_end(lines, end, line.indent).max(end);
    let (pieces, base) = field_body(note, &lines[index + 1..end]);
    acc.deprecate(reflow(&pieces, base));
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines() {
        assert_eq!(marker_note("Deprecated: use v2."), Some("use v2."));
        assert_eq!(marker_note("deprecated:"), Some(""));
        assert_eq!(marker_note("DEPRECATED. Use v2"), Some("Use v2"));
        assert_eq!(marker_note("DEPRECATED"), Some(""));
        assert_eq!(
            marker_note("Устарел: используйте v2"),
            Some("используйте v2")
        );
        assert_eq!(marker_note("УСТАРЕЛО."), Some(""));
        assert_eq!(
            marker_note("Устаревший метод, используйте v2"),
            Some("Устаревший метод, используйте v2")
        );
        assert_eq!(marker_note("Deprecated methods are listed below."), None);
        assert_eq!(marker_note("Устранить проблему"), None);
        assert_eq!(marker_note("The order."), None);
    }

    #[test]
    fn directive_lines() {
        assert_eq!(directive_arg(".. deprecated:: 1.6.0"), Some("1.6.0"));
        assert_eq!(directive_arg("..  DEPRECATED::"), Some(""));
        assert_eq!(directive_arg(".. note::"), None);
    }
}
