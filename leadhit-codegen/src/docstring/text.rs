//! Text helpers shared by the style parsers: joining lines into paragraphs, case-insensitive
//! search that is safe on any UTF-8, and bracket-aware splitting.
//!
//! Everything here works on chars or on byte offsets found by `find`/`char_indices`, never on
//! computed offsets, so no input can make a slice land inside a char.

use super::lines::Line;
use crate::model::Type;
use crate::type_text::parse_type;

/// A line of text with its indentation; an empty `text` is a paragraph break.
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece<'a> {
    pub indent: usize,
    pub text: &'a str,
}

impl<'a> Piece<'a> {
    pub const BREAK: Piece<'static> = Piece {
        indent: 0,
        text: "",
    };

    pub fn of(line: &'a Line<'_>) -> Self {
        Piece {
            indent: line.indent,
            text: line.text(),
        }
    }
}

/// The pieces of a field body: the text after the field marker on its own line (given the
/// block's indentation, as if it had been written on the next line), then the continuation
/// lines. Returns the pieces and the block's base indentation.
pub(super) fn field_body<'a>(first: &'a str, rest: &'a [Line<'_>]) -> (Vec<Piece<'a>>, usize) {
    let base = rest
        .iter()
        .filter(|line| !line.is_blank())
        .map(|line| line.indent)
        .min()
        .unwrap_or(0);
    let mut pieces = Vec::with_capacity(rest.len() + 1);
    pieces.push(Piece {
        indent: base,
        text: first.trim(),
    });
    pieces.extend(rest.iter().map(Piece::of));
    (pieces, base)
}

/// Groups pieces into paragraphs: blank lines separate them, and a doctest (`>>>`) line after
/// prose starts a new one.
pub(super) fn paragraphs<'p, 'a>(pieces: &'p [Piece<'a>]) -> Vec<&'p [Piece<'a>]> {
    let mut out = Vec::new();
    let mut start = None;
    for (index, piece) in pieces.iter().enumerate() {
        if piece.text.is_empty() {
            if let Some(from) = start.take() {
                out.push(&pieces[from..index]);
            }
            continue;
        }
        match start {
            None => start = Some(index),
            Some(from)
                if piece.text.starts_with(">>>") && !pieces[from].text.starts_with(">>>") =>
            {
                out.push(&pieces[from..index]);
                start = Some(index);
            }
            Some(_) => {}
        }
    }
    if let Some(from) = start {
        out.push(&pieces[from..]);
    }
    out
}

/// Renders paragraphs separated by blank lines. Prose lines are joined with single spaces
/// (list items keep their own line); literal blocks (indented past `base`, after a `::`, or
/// doctests) keep their lines and relative indentation, because reflowing code ruins it.
pub(super) fn render(paragraphs: &[&[Piece<'_>]], base: usize) -> String {
    let mut out = String::new();
    let mut literal_next = false;
    for paragraph in paragraphs {
        let Some((first, rest)) = paragraph.split_first() else {
            continue;
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if literal_next || first.indent > base || first.text.starts_with(">>>") {
            for (index, piece) in paragraph.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                out.extend(std::iter::repeat_n(' ', piece.indent.saturating_sub(base)));
                out.push_str(piece.text);
            }
        } else {
            out.push_str(first.text);
            for piece in rest {
                out.push(if is_list_item(piece.text) { '\n' } else { ' ' });
                out.push_str(piece.text);
            }
        }
        literal_next = paragraph
            .last()
            .is_some_and(|piece| piece.text.ends_with("::"));
    }
    out
}

/// Pieces rendered as paragraphs, or `None` when there is no text at all.
pub(super) fn reflow(pieces: &[Piece<'_>], base: usize) -> Option<String> {
    let text = render(&paragraphs(pieces), base);
    (!text.is_empty()).then_some(text)
}

/// All non-blank pieces joined with single spaces: a summary line or a multi-line type.
pub(super) fn one_line(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for piece in pieces.iter().filter(|piece| !piece.text.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece.text);
    }
    out
}

fn is_list_item(text: &str) -> bool {
    list_item(text).is_some()
}

/// How a list item's line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListMarker<'a> {
    /// `- `, `* `, `+ `, `• `, `– ` or `— `.
    Bullet,
    /// `1. ` or `1) `: the digits and the delimiter.
    Ordered(&'a str, char),
}

/// A line that is a list item: its marker and the text after it. Prose keeps such a line on
/// its own line ([`render`]), and the emitter makes it a Markdown list item: one rule for both.
pub(crate) fn list_item(text: &str) -> Option<(ListMarker<'_>, &str)> {
    for bullet in ["- ", "* ", "+ ", "• ", "– ", "— "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Some((ListMarker::Bullet, rest));
        }
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let (number, rest) = text.split_at(digits);
    ['.', ')'].into_iter().find_map(|delimiter| {
        let rest = rest.strip_prefix(delimiter)?.strip_prefix(' ')?;
        Some((ListMarker::Ordered(number, delimiter), rest))
    })
}

/// At most the first 80 chars of `text`, for quoting input in a problem message.
pub(super) fn excerpt(text: &str) -> &str {
    text.char_indices()
        .nth(80)
        .map_or(text, |(end, _)| &text[..end])
}

/// Compares one char of text with one already-lowercase char of a needle.
fn eq_ci(c: char, lower: char) -> bool {
    if c == lower {
        return true;
    }
    if c.is_ascii() {
        return c.to_ascii_lowercase() == lower;
    }
    // The one char outside ASCII that lowercases to a lone ASCII char is the Kelvin sign
    // (a test checks it); this skips the Unicode tables for Cyrillic text and English needles,
    // the common case on LeadHit's pages.
    if lower.is_ascii() {
        return c == KELVIN && lower == 'k';
    }
    // Basic Cyrillic, the rest of what LeadHit's pages are written in: `а`..`я` are their own
    // lowercase and `А`..`Я` lowercase to 0x20 above (a test checks both).
    match c {
        'а'..='я' => return false,
        'А'..='Я' => return char::from_u32(c as u32 + 0x20) == Some(lower),
        _ => {}
    }
    let mut folded = c.to_lowercase();
    folded.next() == Some(lower) && folded.next().is_none()
}

/// KELVIN SIGN, which lowercases to ASCII `k`.
const KELVIN: char = '\u{212A}';

/// Finds `needle` (written in lowercase) in `hay` at or after byte `from`, ignoring case (for
/// Cyrillic too). Returns the byte range of the match, always on char boundaries.
pub(super) fn find_ci(hay: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let first = needle.chars().next()?;
    let tail = hay.get(from..)?;
    for (offset, c) in candidates(tail, first) {
        if !eq_ci(c, first) {
            continue;
        }
        let start = from + offset;
        let mut hay_chars = hay[start..].char_indices();
        let mut end = Some(start);
        for wanted in needle.chars() {
            match hay_chars.next() {
                Some((at, got)) if eq_ci(got, wanted) => end = Some(start + at + got.len_utf8()),
                _ => {
                    end = None;
                    break;
                }
            }
        }
        if let Some(end) = end {
            return Some((start, end));
        }
    }
    None
}

/// The chars of `text` (with their byte offsets) that may equal `first` ignoring case: for an
/// ASCII or basic Cyrillic `first` only those that are it or its capital (or the Kelvin sign
/// for `k`), found by their bytes; for anything else every char. Docstrings are scanned for
/// several phrases, and decoding every char was most of the cost.
fn candidates(text: &str, first: char) -> Box<dyn Iterator<Item = (usize, char)> + '_> {
    let upper = match first {
        'a'..='z' => first.to_ascii_uppercase(),
        'а'..='я' => char::from_u32(first as u32 - 0x20).unwrap_or(first),
        _ => return Box::new(text.char_indices()),
    };
    let mut buf = [0; 4];
    let lead = |c: char, buf: &mut [u8; 4]| c.encode_utf8(buf).as_bytes()[0];
    let (a, b) = (lead(first, &mut buf), lead(upper, &mut buf));
    // The Kelvin sign's first byte (E2 84 AA) when looking for `k`.
    let c = if first == 'k' { 0xE2 } else { a };
    Box::new(
        // A char starts where its first byte is; other bytes of a char never equal a first
        // byte, so every position found is on a char boundary.
        memchr::memchr3_iter(a, b, c, text.as_bytes()).filter_map(move |at| {
            let rest = &text[at..];
            [first, upper, KELVIN]
                .into_iter()
                .find(|&c| rest.starts_with(c))
                .map(|c| (at, c))
        }),
    )
}

/// True when the match at `start` begins a word (nothing alphanumeric right before it).
pub(super) fn starts_word(hay: &str, start: usize) -> bool {
    !hay[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// True when `text` starts with `word` (written in lowercase) as a whole word, ignoring case.
pub(super) fn starts_with_word_ci(text: &str, word: &str) -> bool {
    find_prefix_ci(text, word).is_some_and(|end| {
        !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    })
}

/// The byte length of `prefix` (written in lowercase) at the start of `text`, ignoring case.
pub(super) fn find_prefix_ci(text: &str, prefix: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let mut end = 0;
    for wanted in prefix.chars() {
        let (at, got) = chars.next()?;
        if !eq_ci(got, wanted) {
            return None;
        }
        end = at + got.len_utf8();
    }
    Some(end)
}

/// The byte offset of the first `target` outside any brackets.
pub(super) fn find_top_level(text: &str, target: char) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if c == target && depth == 0 => return Some(index),
            _ => {}
        }
    }
    None
}

/// Splits at top-level commas (the separators of `int, optional, default 3`).
pub(super) fn split_top_level_commas(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(at) = find_top_level(rest, ',') {
        parts.push(&rest[..at]);
        rest = &rest[at + 1..];
    }
    parts.push(rest);
    parts
}

/// For text starting with an opening bracket, the byte offset of its matching close.
pub(super) fn matching_close(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
    }
    None
}

/// A Python identifier (Unicode letters allowed, as Python allows them).
pub(super) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// A dotted name such as `ValidationError` or `jsonrpc.exceptions.JSONRPCDispatchException`.
pub(super) fn is_dotted_name(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(is_identifier)
}

/// Whether free text reads as a type rather than prose: anything [`parse_type`] recognises
/// (`dict`, `list of str`, `int or None`), or a single ASCII token such as `Order`,
/// `models.Order` or `Dict[str, Order]`.
pub(super) fn looks_like_type(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return false;
    }
    if !matches!(parse_type(text), Type::Json { .. }) {
        return true;
    }
    if text == "True"
        || text == "False"
        || !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    {
        return false;
    }
    let mut depth = 0usize;
    text.chars().all(|c| match c {
        '[' | '(' | '{' => {
            depth += 1;
            true
        }
        ']' | ')' | '}' => {
            depth = depth.saturating_sub(1);
            true
        }
        ' ' | '\'' | '"' => depth > 0,
        _ => c.is_ascii_alphanumeric() || "_.|,~`:".contains(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<Piece<'_>> {
        text.split('\n')
            .map(|line| {
                let trimmed = line.trim_start();
                Piece {
                    indent: line.len() - trimmed.len(),
                    text: trimmed.trim_end(),
                }
            })
            .collect()
    }

    /// `eq_ci`'s shortcut for ASCII needles: no char outside ASCII but the Kelvin sign has a
    /// lowercase that is one ASCII char, so comparing the others with an ASCII char is `false`.
    #[test]
    fn only_the_kelvin_sign_lowercases_into_ascii() {
        let into_ascii: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii())
            .filter(|c| {
                let mut folded = c.to_lowercase();
                folded.next().is_some_and(|l| l.is_ascii()) && folded.next().is_none()
            })
            .collect();
        assert_eq!(into_ascii, [KELVIN]);
        assert!(eq_ci(KELVIN, 'k') && !eq_ci(KELVIN, 'e') && !eq_ci('д', 'd'));
        // `candidates` finds, for these firsts, every char that can match them.
        for (c, folded) in (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .map(|c| (c, c.to_lowercase().collect::<Vec<_>>()))
        {
            if let [lower @ ('a'..='z' | 'а'..='я')] = folded[..] {
                let hay = format!("x{c}y");
                assert!(
                    candidates(&hay, lower).any(|(at, got)| at == 1 && got == c),
                    "{c:?} lowercases to {lower:?} but is not a candidate for it"
                );
            }
        }
        // The Cyrillic shortcut agrees with the Unicode tables.
        for c in ('а'..='я').chain('А'..='Я') {
            let folded: Vec<char> = c.to_lowercase().collect();
            assert_eq!(folded.len(), 1, "{c}");
            for lower in ('а'..='я').chain(['ё', 'a']) {
                assert_eq!(eq_ci(c, lower), folded[0] == lower, "{c} {lower}");
            }
        }
        assert!(eq_ci('Д', 'д') && eq_ci('D', 'd'));
    }

    #[test]
    fn prose_joins_with_spaces_and_keeps_paragraph_breaks() {
        let text = "First line\ncontinues here.\n\nSecond paragraph\n- item one\n- item two";
        assert_eq!(
            reflow(&pieces(text), 0).unwrap(),
            "First line continues here.\n\nSecond paragraph\n- item one\n- item two"
        );
    }

    #[test]
    fn literal_blocks_and_doctests_keep_their_lines() {
        let text = "Example::\n\n    {\n        'a': 1\n    }\n\nShown below:\n>>> f(1)\n2";
        assert_eq!(
            reflow(&pieces(text), 0).unwrap(),
            "Example::\n\n    {\n        'a': 1\n    }\n\nShown below:\n\n>>> f(1)\n2"
        );
    }

    #[test]
    fn case_insensitive_search_handles_cyrillic_and_odd_chars() {
        let hay = "İ Значение ПО УМОЛЧАНИЮ: 5";
        let (start, end) = find_ci(hay, "по умолчанию", 0).unwrap();
        assert_eq!(&hay[start..end], "ПО УМОЛЧАНИЮ");
        assert!(starts_word(hay, start));
        assert_eq!(find_ci("\u{212A}ey", "key", 0), Some((0, 5)));
        assert_eq!(find_ci("Defaults", "default", 0), Some((0, 7)));
        assert_eq!(find_ci("abc", "abcd", 0), None);
        assert_eq!(find_ci("abc", "b", 5), None);
        assert!(starts_with_word_ci("Optional.", "optional"));
        assert!(!starts_with_word_ci("Optionally", "optional"));
    }

    #[test]
    fn top_level_splitting_ignores_brackets() {
        assert_eq!(
            split_top_level_commas("Dict[str, int], optional"),
            vec!["Dict[str, int]", " optional"]
        );
        assert_eq!(find_top_level("Dict[str, int]: doc", ':'), Some(14));
        assert_eq!(matching_close("(Tuple(int, int)) rest"), Some(16));
        assert_eq!(matching_close("(open"), None);
    }

    #[test]
    fn type_looking_text() {
        for text in [
            "dict",
            "Order",
            "models.Order",
            "Dict[str, Order]",
            "list of str",
            "int or None",
            "None",
        ] {
            assert!(looks_like_type(text), "{text}");
        }
        for text in ["The order.", "True", "the order dict", "Словарь", "", "1"] {
            assert!(!looks_like_type(text), "{text}");
        }
    }
}
