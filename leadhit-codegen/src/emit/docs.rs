//! Docstring text → rustdoc that reads like hand-written docs and stays inert: a docstring's
//! inline markup becomes Markdown code spans and emphasis, its literal blocks fenced `text`
//! blocks, and everything else is escaped, so nothing from a map is read as HTML, a link, an
//! intra-doc link or a doctest, and nothing can end the comment early.

mod blocks;
mod markup;

use crate::diagnostics::is_bidi_control;
use std::borrow::Cow;

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

/// One line of Markdown for one line of docstring prose (a summary, a param's doc): the
/// docstring's inline markup as code spans and emphasis, everything else escaped so that it
/// renders as written. Whitespace collapses to single spaces, so it is one line.
///
/// What counts as markup, and where, is `docs/markup.rs`; in short, ``` ``x`` ```, `` `x` ``
/// (and longer backtick runs), `` :role:`x` ``, Epytext `C{x}`/`L{x}`/`M{x}` become code spans
/// (made by [`code`]), `*x*`/`**x**` and Epytext `I{x}`/`B{x}` emphasis and strong, a reST link
/// `` `text <url>`_ `` its text. Unclosed or unbalanced markup is text. The escaping
/// backslashes every Markdown-significant character (`\` `` ` `` `*` `_` `[` `]` `<` `>` `&`
/// `|` `~` `#`), `-` `+` `=` first on the line, `.` or `)` after the digits the line starts
/// with, and a `/` right after a `:`, so that a URL (`https:\//example.com`) is neither a link
/// nor a `rustdoc::bare_urls` warning. So nothing becomes HTML, a link, an intra-doc link or a
/// block, whatever the text.
///
/// Linear in the text: where each construct closes is found once, before one scan.
pub fn inline(text: &str) -> String {
    markup::render(&sanitized_text(text))
}

/// A method's description (paragraphs separated by blank lines, as the docstring parser
/// renders it) as Markdown: each paragraph through [`inline`], its list items as a Markdown
/// list, and a fenced ```` ```text ```` block ([`text_block`]) only for what the docstring
/// marks as literal: an indented block (reST's `::` blocks, whose `::` then reads `:` as in
/// reST, or goes when alone; indented code) and a `>>>` doctest up to its blank line.
pub fn prose(text: &str) -> String {
    blocks::prose(text)
}

/// [`sanitize`] without the copy when there is nothing to remove, the usual case.
fn sanitized_text(text: &str) -> Cow<'_, str> {
    let clean = text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\n')
        || text.chars().all(|c| sanitized(c) == Some(c));
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(sanitize(text))
    }
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
    use std::time::{Duration, Instant};

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

    #[test]
    fn rest_and_markdown_literals_are_code_spans() {
        assert_eq!(
            inline("The order's id, e.g. ``f168148717``."),
            "The order's id, e.g. `f168148717`."
        );
        assert_eq!(inline("Use `limit` to page."), "Use `limit` to page.");
        assert_eq!(inline("``json`` or ``csv``"), "`json` or `csv`");
        assert_eq!(
            inline("Markdown's ```a `` b```."),
            "Markdown's ```a `` b```."
        );
        // Backticks inside: the span's own are longer.
        assert_eq!(inline("``a`b``"), "``a`b``");
        // Whitespace inside collapses, as the line's does.
        assert_eq!(inline("``a\n      b``"), "`a b`");
        // Map text in a code span is inert: Markdown is not read inside one.
        assert_eq!(
            inline("``<b>[x](javascript:y) *z*``"),
            "`<b>[x](javascript:y) *z*`"
        );
    }

    #[test]
    fn sphinx_roles_are_code_spans_of_what_they_show() {
        assert_eq!(
            inline("A :class:`Request` or :py:meth:`~orders.Client.cancel`."),
            "A `Request` or `cancel`."
        );
        assert_eq!(inline(":ref:`the guide <guide>`"), "`the guide`");
        assert_eq!(inline(":func:`!plain`"), "`plain`");
        // Not roles: a word before, no name, a name that ends in punctuation.
        assert_eq!(inline("a:class:`X`"), "a:class:`X`");
        assert_eq!(inline(":`X`"), ":`X`");
        assert_eq!(inline(":a-:`X`"), ":a-:`X`");
    }

    #[test]
    fn epytext_markup_becomes_code_and_emphasis() {
        assert_eq!(
            inline("Output format, C{\"json\"} or C{\"csv\"}."),
            "Output format, `\"json\"` or `\"csv\"`."
        );
        assert_eq!(
            inline("I{Never} call it B{twice}."),
            "*Never* call it **twice**."
        );
        assert_eq!(
            inline(
                "See L{Client.call}, L{the call<Client.call>}, M{y=m*x+b} and X{an index term}."
            ),
            "See `Client.call`, `the call`, `y=m*x+b` and an index term."
        );
        // Braces nest; markup nests, but emphasis not in emphasis of its own kind.
        assert_eq!(inline("C{{'a': {'b': 1}}}"), "`{'a': {'b': 1}}`");
        assert_eq!(inline("B{C{x} or I{y}}"), "**`x` or *y***");
        assert_eq!(inline("I{a I{b} c}"), "*a b c*");
        // Text inside emphasis is escaped like any other; spaces at its edges move outside.
        assert_eq!(inline("I{ a_b [c](d) } e"), "*a\\_b \\[c\\](d)* e");
    }

    #[test]
    fn rest_emphasis_and_strong() {
        assert_eq!(
            inline("*Never* call it **twice**."),
            "*Never* call it **twice**."
        );
        assert_eq!(inline("*a `b` <c>*"), "*a `b` \\<c\\>*");
        // Not emphasis: stars inside words, before a space, of `*args`, or three of them.
        assert_eq!(inline("2*3*4"), "2\\*3\\*4");
        assert_eq!(
            inline("Takes *args and **kwargs."),
            "Takes \\*args and \\*\\*kwargs."
        );
        assert_eq!(inline("a * b * c"), "a \\* b \\* c");
        assert_eq!(inline("***x***"), "\\*\\*\\*x\\*\\*\\*");
    }

    #[test]
    fn rest_links_are_their_text() {
        assert_eq!(
            inline("See `the docs <https://example.com/x>`_ or `this`__."),
            "See the docs \\<https:\\//example.com/x\\> or this."
        );
    }

    /// Markup that never closes, or closes wrongly, is text: escaped as before.
    #[test]
    fn unbalanced_markup_stays_escaped_text() {
        assert_eq!(inline("``never closed"), "\\`\\`never closed");
        assert_eq!(inline("`a ``b`` c"), "\\`a `b` c");
        assert_eq!(inline("don`t"), "don\\`t");
        assert_eq!(inline("x`y` and `y`x"), "x\\`y\\` and \\`y\\`x");
        assert_eq!(inline("`` spaced ``"), "\\`\\` spaced \\`\\`");
        assert_eq!(inline("C{never closed"), "C{never closed");
        assert_eq!(inline("C{ } and C{}"), "C{ } and C{}");
        assert_eq!(inline("aC{x} \\C{x}"), "aC{x} \\\\C{x}");
        assert_eq!(inline("I{a} b}"), "*a* b}");
        assert_eq!(inline("*never closed"), "\\*never closed");
        // A span may not end outside the emphasis it starts in.
        assert_eq!(inline("I{a `b} c`"), "*a \\`b* c\\`");
        assert_eq!(inline("*a ``b* c``"), "*a \\`\\`b* c\\`\\`");
    }

    /// Nothing a map says can become a link, an intra-doc link, HTML or a block.
    #[test]
    fn markup_cannot_make_links_html_or_blocks() {
        assert_eq!(inline("[`Client`]"), "\\[`Client`\\]");
        assert_eq!(inline("[*x*](javascript:y)"), "\\[*x*\\](javascript:y)");
        assert_eq!(inline("**<b>**"), "**\\<b\\>**");
        assert_eq!(inline("<b>`x`</b>"), "\\<b\\>`x`\\</b\\>");
        assert_eq!(inline("X{- item}"), "\\- item");
        assert_eq!(inline("I{# x}"), "*\\# x*");
        assert_eq!(inline("`x` - y"), "`x` - y");
        assert_eq!(inline("`1`. y"), "`1`. y");
        assert_eq!(inline("I{https://x.y}"), "*https:\\//x.y*");
    }

    #[test]
    fn hostile_markup_takes_bounded_time() {
        let started = Instant::now();
        let megabyte = 1 << 20;
        let ticks = "`".repeat(megabyte);
        assert_eq!(inline(&ticks), "\\`".repeat(megabyte));
        for text in [
            "` ".repeat(megabyte / 2),
            "`a".repeat(megabyte / 2),
            "``a ".repeat(megabyte / 4),
            "C{".repeat(megabyte / 2),
            format!(
                "{}x{}",
                "I{B{".repeat(megabyte / 8),
                "}}".repeat(megabyte / 8)
            ),
            ":a:".repeat(megabyte / 3),
            "*a ".repeat(megabyte / 3),
            format!("{}{}", "`x".repeat(megabyte / 4), "x`".repeat(megabyte / 4)),
        ] {
            let out = inline(&text);
            assert!(
                out.len() >= text.split_whitespace().count(),
                "{}",
                &text[..20]
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn prose_paragraphs_and_lists() {
        assert_eq!(
            prose("First paragraph.\n\nSecond, with ``code``."),
            "First paragraph.\n\nSecond, with `code`."
        );
        assert_eq!(
            prose("Statuses:\n- ``paid``\n* submitted\n1. one\n2) two"),
            "Statuses:\n\n- `paid`\n- submitted\n1. one\n2) two"
        );
        // An item's continuation joins it; numbers CommonMark would not read stay text.
        assert_eq!(
            prose("- a\n  continued\n1234567890. big"),
            "- a continued\n- 1234567890\\. big"
        );
        assert_eq!(
            prose("# not a heading\n\n> not a quote\n\n- - nested?"),
            "\\# not a heading\n\n\\> not a quote\n\n- \\- nested?"
        );
    }

    #[test]
    fn prose_fences_rest_literal_blocks() {
        assert_eq!(
            prose("Example::\n\n    f(1)\n        g()\n\nAfter."),
            "Example:\n\n```text\nf(1)\n    g()\n```\n\nAfter."
        );
        assert_eq!(
            prose("Like this ::\n\n    x"),
            "Like this\n\n```text\nx\n```"
        );
        assert_eq!(prose("::\n\n    x"), "```text\nx\n```");
        // A block with blank lines inside is one fence.
        assert_eq!(
            prose("Code::\n\n    a = 1\n\n    b = 2"),
            "Code:\n\n```text\na = 1\n\nb = 2\n```"
        );
        // Without a literal block after it, `::` is text.
        assert_eq!(prose("Ends with::\n\nprose"), "Ends with::\n\nprose");
    }

    #[test]
    fn prose_fences_doctests_and_indented_code() {
        assert_eq!(
            prose("Shown below:\n\n>>> f(1)\n2\n\nDone."),
            "Shown below:\n\n```text\n>>> f(1)\n2\n```\n\nDone."
        );
        assert_eq!(
            prose("For example:\n\n    client.call()"),
            "For example:\n\n```text\nclient.call()\n```"
        );
        assert_eq!(prose("    a ```` b"), "`````text\na ```` b\n`````");
        // Prose is never fenced, however much it looks like a fence.
        let text = prose("Plain ```rust panic!() ``` text.\n\n~~~\nx\n~~~");
        assert!(!text.contains("```text"), "{text}");
        assert_eq!(
            text,
            "Plain \\`\\`\\`rust panic!() \\`\\`\\` text.\n\n\\~\\~\\~ x \\~\\~\\~"
        );
    }

    /// What the docstring parser makes of literal blocks is what `prose` fences.
    #[test]
    fn prose_reads_descriptions_as_the_parser_renders_them() {
        let doc = crate::docstring::parse_docstring(
            "Summary.

    The answer, as JSON::

        {
            \"status\": \"ok\"
        }

    Call it like this:

    >>> client.orders().ping()
    'pong'

    Statuses:

    - ``paid``, once paid;
    - ``submitted``.

    :param x: The x.
    ",
        );
        assert_eq!(
            prose(&doc.description.unwrap()),
            "The answer, as JSON:\n\n```text\n{\n    \"status\": \"ok\"\n}\n```\n\n\
             Call it like this:\n\n```text\n>>> client.orders().ping()\n'pong'\n```\n\n\
             Statuses:\n\n- `paid`, once paid;\n- `submitted`."
        );
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

    /// `code` in one pass agrees with the straightforward version it was written as
    /// (`inline`'s reference is in `docs/markup.rs`).
    #[test]
    fn code_matches_the_reference() {
        let pieces = [
            "", " ", "\t", "\n", "\r", "\u{202e}", "\0", "`", "``", "a", "ё", "\\",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let text: String = (0..seed % 9)
                .map(|n| pieces[((seed >> (4 * n)) % pieces.len() as u64) as usize])
                .collect();
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
