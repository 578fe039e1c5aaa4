//! The line-by-line walk that hands each construct to the style that owns it and keeps the
//! rest as free text.
//!
//! The styles' markers cannot be mistaken for one another (an underlined title, a line
//! starting with `:` or `@`, a capitalised `Args:` header), so every style is tried at every
//! line: a docstring that mixes styles (Google sections with a reST `:rtype:`) still yields
//! everything it documents, and the style recorded is the one most of its fields use.

use super::builder::Acc;
use super::lines::Line;
use super::text::Piece;
use super::{deprecation, fields, google, numpy};

/// Walks the normalised lines, dispatching sections and fields and collecting free text.
pub(super) fn scan<'a>(lines: &'a [Line<'_>], acc: &mut Acc<'a>) {
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        if line.is_blank() {
            acc.free_break();
            index += 1;
            continue;
        }
        let consumed = numpy::try_section(lines, index, acc)
            .or_else(|| fields::try_field(lines, index, acc))
            .or_else(|| deprecation::try_directive(lines, index, acc))
            .or_else(|| google::try_section(lines, index, acc))
            .or_else(|| deprecation::try_marker(lines, index, acc));
        match consumed {
            Some(next) => {
                // A field ends any paragraph it interrupts.
                acc.free_break();
                index = next.max(index + 1);
            }
            None => {
                acc.free_line(Piece::of(line));
                index += 1;
            }
        }
    }
}

/// True when line `index` starts a construct some style parses (used to end a paragraph).
pub(super) fn is_structural(lines: &[Line<'_>], index: usize) -> bool {
    let text = lines[index].text();
    numpy::is_header(lines, index)
        || fields::field_head(text).is_some()
        || deprecation::is_directive(text)
        || google::is_header(text)
}
