//! A raw `__doc__` normalised the way `inspect.cleandoc` does it, as indented lines.
//!
//! Python 3.12 and older keep the source indentation in `__doc__`; 3.13 strips it. Removing
//! the common indentation first makes both look the same, so the style parsers only ever see
//! indentation relative to the docstring's own margin.

/// One line of the normalised docstring.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    /// 0-based line number in the normalised docstring (what `DocProblem::line` reports).
    pub no: usize,
    /// Leading whitespace in columns after the margin is removed (tabs expand to the next
    /// multiple of 8, as `str.expandtabs` does).
    pub indent: usize,
    /// The content with surrounding whitespace trimmed; empty for a blank line. Tabs inside
    /// the content are kept as they are: only indentation needs expanding.
    text: &'a str,
}

impl<'a> Line<'a> {
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits a docstring into lines like `inspect.cleandoc`: the first line's indentation
/// dropped, the common indentation of the other lines removed, and leading and trailing
/// blank lines dropped. Whitespace-only lines count as blank, and a run of blank lines is
/// kept as one (no parser distinguishes one blank line from several, and a docstring of ten
/// million newlines should not cost ten million lines).
///
/// Also returns the line of `doc` that normalised line 0 came from (the number of leading
/// blank lines dropped), so that line numbers can be mapped back to the raw text.
pub(super) fn normalise(doc: &str) -> (Vec<Line<'_>>, usize) {
    // Sized up front: regrowing a vector of millions of lines costs more than counting them.
    let mut lines: Vec<Line<'_>> =
        Vec::with_capacity(doc.bytes().filter(|b| *b == b'\n').count() + 1);
    for (no, raw) in doc.split('\n').enumerate() {
        let line = measure(no, raw);
        if !(line.is_blank() && lines.last().is_some_and(Line::is_blank)) {
            lines.push(line);
        }
    }
    let margin = lines
        .iter()
        .skip(1)
        .filter(|line| !line.is_blank())
        .map(|line| line.indent)
        .min()
        .unwrap_or(0);
    for (index, line) in lines.iter_mut().enumerate() {
        line.indent = if index == 0 || line.is_blank() {
            0
        } else {
            line.indent.saturating_sub(margin)
        };
    }
    let first = lines
        .iter()
        .position(|line| !line.is_blank())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|line| !line.is_blank())
        .map_or(first, |last| last + 1);
    lines.truncate(last);
    let skipped = lines.get(first).map_or(0, |line| line.no);
    lines.drain(..first);
    for line in &mut lines {
        line.no -= skipped;
    }
    (lines, skipped)
}

fn measure(no: usize, raw: &str) -> Line<'_> {
    let content = raw.trim_start();
    let mut indent = 0;
    for c in raw[..raw.len() - content.len()].chars() {
        // Columns as Python counts them after `expandtabs()`: a tab reaches the next stop.
        indent = if c == '\t' {
            indent + 8 - indent % 8
        } else {
            indent + 1
        };
    }
    Line {
        no,
        indent,
        text: content.trim_end(),
    }
}

/// The index just past the block that follows `start`: lines indented more than `indent`,
/// with blank lines inside it included but trailing blank lines left out.
pub(super) fn block_end(lines: &[Line<'_>], start: usize, indent: usize) -> usize {
    let mut end = start;
    for (index, line) in lines.iter().enumerate().skip(start) {
        if line.is_blank() {
            continue;
        }
        if line.indent <= indent {
            break;
        }
        end = index + 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(doc: &str) -> Vec<(usize, String)> {
        normalise(doc)
            .0
            .iter()
            .map(|line| (line.indent, line.text().to_owned()))
            .collect()
    }

    #[test]
    fn indented_and_dedented_docstrings_normalise_alike() {
        let indented = "\n    Summary.\n\n    Args:\n        x: the x.\n    ";
        let dedented = "\nSummary.\n\nArgs:\n    x: the x.\n";
        let same_line = "Summary.\n\n    Args:\n        x: the x.\n    ";
        let expected = vec![
            (0, "Summary.".to_owned()),
            (0, String::new()),
            (0, "Args:".to_owned()),
            (4, "x: the x.".to_owned()),
        ];
        assert_eq!(shape(indented), expected);
        assert_eq!(shape(dedented), expected);
        assert_eq!(shape(same_line), expected);
    }

    #[test]
    fn tabs_expand_to_eight_columns_and_crlf_is_trimmed() {
        assert_eq!(
            shape("x\r\n\tArgs:\r\n\t    y: z\r\n"),
            vec![(0, "x".into()), (0, "Args:".into()), (4, "y: z".into())]
        );
        assert_eq!(
            shape("x\n  \tA\n        B"),
            vec![(0, "x".into()), (0, "A".into()), (0, "B".into())]
        );
    }

    #[test]
    fn line_numbers_count_from_the_first_non_blank_line() {
        let (lines, first_line) = normalise("\n\n  first\n\n\n\n  second\n\n");
        assert_eq!(first_line, 2);
        assert_eq!(
            lines.iter().map(|line| line.no).collect::<Vec<_>>(),
            vec![0, 1, 4]
        );
        assert!(normalise("").0.is_empty());
        assert!(normalise(" \n\t\n ").0.is_empty());
    }

    #[test]
    fn blocks_take_more_indented_lines_and_inner_blank_lines() {
        let (lines, _) = normalise("a\n  b\n\n  c\n\nd");
        assert_eq!(block_end(&lines, 1, 0), 4);
        assert_eq!(block_end(&lines, 5, 0), 5);
    }
}
