//! Docstring text → rustdoc that shows it as written: nothing from a map is read as Markdown,
//! HTML, a doctest or an intra-doc link, and nothing can end the comment early.

use crate::diagnostics::is_bidi_control;

/// Removes what must never reach a source file: control characters (other than newline and
/// tab) and Unicode direction overrides, which rustc rejects in comments.
pub fn sanitize(text: &str) -> String {
    text.chars().filter_map(sanitized).collect()
}

/// One char as [`sanitize`] keeps it: tabs become spaces, and what must go is `None`.
fn sanitized(c: char) -> Option<char> {
    match c {
        '\n' => Some('\n'),
        '\t' => Some(' '),
        c if c.is_control() || is_bidi_control(c) => None,
        c => Some(c),
    }
}

/// One line of prose with every Markdown-significant character backslash-escaped, so it
/// renders as the literal text. A `/` right after a `:` is escaped too, so that a URL in the
/// text (`https:\//example.com`) is neither a link nor a `rustdoc::bare_urls` warning.
///
/// One pass over the text (sanitising, collapsing whitespace and escaping at once): map text
/// goes through here several times per param, so it shows in the generator's profile.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Counted in chars of the normalised line, as the rules below are stated.
    let mut index = 0;
    let mut digits = 0;
    let mut space = false;
    let mut previous = ' ';
    for c in text.chars().filter_map(sanitized) {
        if c.is_whitespace() {
            space = index > 0;
            continue;
        }
        if space {
            out.push(' ');
            previous = ' ';
            index += 1;
            space = false;
        }
        // What starts a line can open a list, heading or quote block even when harmless
        // elsewhere.
        let at_start = index == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
        let list_number = digits > 0 && index == digits && matches!(c, '.' | ')');
        if index == digits && c.is_ascii_digit() {
            digits += 1;
        }
        let url = c == '/' && previous == ':';
        if at_start
            || list_number
            || url
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
            )
        {
            out.push('\\');
        }
        out.push(c);
        previous = c;
        index += 1;
    }
    out
}

/// Text as a fenced ```` ```text ```` block; the fence is longer than any backtick run inside
/// so the text cannot close it.
pub fn text_block(text: &str) -> String {
    let text = sanitize(text);
    let fence = "`".repeat(longest_backtick_run(&text).max(2) + 1);
    format!("{fence}text\n{}\n{fence}", text.trim_end())
}

/// Text as an inline code span that its own backticks cannot close.
pub fn code(text: &str) -> String {
    // Names, types and URLs are mostly printable ASCII without a backtick: nothing to remove,
    // one backtick each side.
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'`')
    {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('`');
        out.push_str(text);
        out.push('`');
        return out;
    }
    let mut body = String::with_capacity(text.len());
    let (mut run, mut longest) = (0, 0);
    for c in text.chars().filter_map(sanitized) {
        let c = if c == '\n' { ' ' } else { c };
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
        body.push(c);
    }
    let ticks = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{body}{pad}{ticks}")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markup() {
        assert_eq!(
            inline("Use <b>x</b> [link]"),
            "Use \\<b\\>x\\</b\\> \\[link\\]"
        );
        assert_eq!(inline("a\n  b\u{202E}c\0"), "a bc");
        assert_eq!(inline("- item. 1. x"), "\\- item. 1. x");
        assert_eq!(inline("12. Not a list"), "12\\. Not a list");
        assert_eq!(
            inline("Sets the order's status."),
            "Sets the order's status."
        );
        assert_eq!(
            inline("See https://example.com/a or <http://x> (a:/b)."),
            "See https:\\//example.com/a or \\<http:\\//x\\> (a:\\/b)."
        );
    }

    /// The straightforward versions `inline` and `code` were written as; the single-pass ones
    /// must agree with them on everything.
    fn inline_reference(text: &str) -> String {
        let line = sanitize(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let mut out = String::new();
        let mut previous = ' ';
        for (i, c) in line.chars().enumerate() {
            let at_start = i == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
            let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
            let url = c == '/' && std::mem::replace(&mut previous, c) == ':';
            if at_start
                || list_number
                || url
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }

    fn code_reference(text: &str) -> String {
        let text = sanitize(text).replace('\n', " ");
        let ticks = "`".repeat(longest_backtick_run(&text) + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') {
            " "
        } else {
            ""
        };
        format!("{ticks}{pad}{text}{pad}{ticks}")
    }

    #[test]
    fn single_pass_versions_match_the_reference() {
        let pieces = [
            "", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{85}", "\u{2028}", "\u{202e}", "\0", "1",
            "12", ".", ")", "-", "+", "=", ">", "#", "`", "``", "*", "_", "<", "&", "a", "word",
            "ё", "漢", "\\", ":", "/", "://",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(inline(&text), inline_reference(&text), "{text:?}");
            assert_eq!(code(&text), code_reference(&text), "{text:?}");
        }
    }

    #[test]
    fn fences_outgrow_the_text() {
        assert_eq!(text_block("a ```` b"), "`````text\na ```` b\n`````");
        assert_eq!(text_block("plain"), "```text\nplain\n```");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
