//! A method's description → Markdown blocks: paragraphs and lists of inert prose, and fenced
//! `text` blocks for exactly what the docstring marks as literal.
//!
//! The description arrives as the docstring parser renders it (`ParsedDoc::description`):
//! paragraphs separated by one blank line; a prose paragraph joined onto one line except for
//! its list items, which keep a line each; a literal paragraph (indented, or a `>>>` doctest,
//! or after a `::`) with its lines and their indentation relative to the docstring's margin.
//! So here a block is literal when its first line is indented or starts with `>>>`, and
//! literal blocks in a row (a literal block with blank lines inside it) are one fence.

use super::{inline, sanitize, text_block};
use crate::docstring::{list_item, ListMarker};

/// The most digits CommonMark reads as an ordered list number.
const MAX_LIST_DIGITS: usize = 9;

/// One run of non-blank lines.
struct Block<'t> {
    lines: Vec<&'t str>,
    literal: bool,
}

/// The description as Markdown blocks separated by blank lines (see [`super::prose`]).
pub(super) fn prose(text: &str) -> String {
    let text = sanitize(text);
    let blocks = blocks(&text);
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    while at < blocks.len() {
        let (end, rendered) = if blocks[at].literal {
            let end = blocks[at..]
                .iter()
                .position(|block| !block.literal)
                .map_or(blocks.len(), |n| at + n);
            (end, literal(&blocks[at..end]))
        } else {
            let before_literal = blocks.get(at + 1).is_some_and(|block| block.literal);
            (at + 1, paragraph(&blocks[at].lines, before_literal))
        };
        if !rendered.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&rendered);
        }
        at = end;
    }
    out
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut lines = Vec::new();
    // The empty line chained on ends the last block.
    for line in text.split('\n').chain([""]) {
        if !line.trim().is_empty() {
            lines.push(line);
            continue;
        }
        if let Some(first) = lines.first() {
            let literal = first.starts_with(' ') || first.starts_with(">>>");
            blocks.push(Block {
                lines: std::mem::take(&mut lines),
                literal,
            });
        }
    }
    blocks
}

/// A prose paragraph: its text, then its list items as a Markdown list, each through
/// [`inline`]. A line that is not an item continues the text or item before it.
fn paragraph(lines: &[&str], before_literal: bool) -> String {
    let mut lead = String::new();
    let mut items: Vec<(String, String)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut line = line.trim();
        if before_literal && index + 1 == lines.len() {
            line = without_literal_marker(line);
        }
        if let Some((marker, text)) = item(line) {
            items.push((marker, text.to_owned()));
            continue;
        }
        let text = items.last_mut().map_or(&mut lead, |(_, text)| text);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
    }
    let mut out = inline(&lead);
    for (index, (marker, text)) in items.iter().enumerate() {
        // A blank line before the list, so that it never reads as part of the paragraph.
        if index == 0 && !out.is_empty() {
            out.push_str("\n\n");
        } else if index > 0 {
            out.push('\n');
        }
        out.push_str(marker);
        out.push_str(&inline(text));
    }
    out
}

/// A list item's Markdown marker and its text. Bullets all become `- `; an ordered item keeps
/// its number unless CommonMark would not read it as one, then it is a bullet with its number
/// as text.
fn item(line: &str) -> Option<(String, &str)> {
    let (marker, text) = list_item(line)?;
    if text.trim().is_empty() {
        return None;
    }
    Some(match marker {
        ListMarker::Ordered(number, delimiter) if number.len() <= MAX_LIST_DIGITS => {
            (format!("{number}{delimiter} "), text)
        }
        ListMarker::Ordered(..) => ("- ".to_owned(), line),
        ListMarker::Bullet => ("- ".to_owned(), text),
    })
}

/// reST's `::` before a literal block, as reST shows it: `Example::` → `Example:`,
/// `Example ::` → `Example`, and a paragraph of just `::` goes.
fn without_literal_marker(line: &str) -> &str {
    match line.strip_suffix("::") {
        Some(rest) if rest.is_empty() || rest.ends_with(char::is_whitespace) => rest.trim_end(),
        Some(_) => &line[..line.len() - 1],
        None => line,
    }
}

/// Literal blocks in a row as one fenced `text` block, dedented by their common indentation,
/// one blank line between blocks as in the description.
fn literal(blocks: &[Block<'_>]) -> String {
    let indent = blocks
        .iter()
        .flat_map(|block| &block.lines)
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut text = String::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        for line in &block.lines {
            // Every line has `indent` leading spaces, so the cut is on a char boundary.
            text.push_str(line[indent..].trim_end());
            text.push('\n');
        }
    }
    text_block(&text)
}
