//! Docstring text → rustdoc that shows it as written: nothing from a map is read as Markdown,
//! HTML, a doctest or an intra-doc link, and nothing can end the comment early.

use crate::diagnostics::is_bidi_control;

/// Removes what must never reach a source file: control characters (other than newline and
/// tab) and Unicode direction overrides, which rustc rejects in comments.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// One line of prose with every Markdown-significant character backslash-escaped, so it
/// renders as the literal text.
pub fn inline(text: &str) -> String {
    let words: Vec<String> = sanitize(text)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let line = words.join(" ");
    let mut out = String::with_capacity(line.len() + 8);
    // What starts a line can open a list, heading or quote block even when harmless elsewhere.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let at_start = i == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if at_start
            || list_number
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

/// Text as a fenced ```` ```text ```` block; the fence is longer than any backtick run inside
/// so the text cannot close it.
pub fn text_block(text: &str) -> String {
    let text = sanitize(text);
    let fence = "`".repeat(longest_backtick_run(&text).max(2) + 1);
    format!("{fence}text\n{}\n{fence}", text.trim_end())
}

/// Text as an inline code span that its own backticks cannot close.
pub fn code(text: &str) -> String {
    let text = sanitize(text).replace('\n', " ");
    let ticks = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
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
    }

    #[test]
    fn fences_outgrow_the_text() {
        assert_eq!(text_block("a ```` b"), "`````text\na ```` b\n`````");
        assert_eq!(text_block("plain"), "```text\nplain\n```");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
