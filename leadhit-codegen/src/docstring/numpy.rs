//! NumPy style (numpydoc): section names over dashed underlines, `name : type` entries at the
//! section's indentation with their descriptions indented beneath.
//!
//! A NumPy section runs until the next underlined header, so sections this module does not
//! parse (`Notes`, `Examples`, or any other underlined title) only contribute their title as a
//! paragraph of free text and leave their bodies to the free-text scan.

use super::builder::{Acc, Weight};
use super::entries::{entries, raise_entry, says_none};
use super::lines::Line;
use super::scan::is_structural;
use super::text::{
    field_body, find_top_level, looks_like_type, one_line, reflow, split_top_level_commas, Piece,
};
use crate::model::DocStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Params,
    Returns,
    Raises,
    Deprecated,
    /// A numpydoc section with nothing to extract (`Notes`, `Examples`, …).
    Other,
}

fn section_of(title: &str) -> Option<Section> {
    Some(match title.to_lowercase().as_str() {
        "parameters" | "params" | "other parameters" | "keyword arguments" | "arguments"
        | "args" | "параметры" | "аргументы" => Section::Params,
        "returns" | "return" | "возвращает" | "возвращаемое значение" => {
            Section::Returns
        }
        "raises" | "исключения" => Section::Raises,
        "deprecated" | "устарел" | "устарело" => Section::Deprecated,
        "notes"
        | "examples"
        | "example"
        | "see also"
        | "references"
        | "warnings"
        | "warns"
        | "yields"
        | "receives"
        | "attributes"
        | "methods"
        | "примечания"
        | "примеры" => Section::Other,
        _ => return None,
    })
}

/// The title of the underlined header at line `index`, if there is one there.
fn header_at<'l>(lines: &'l [Line<'_>], index: usize) -> Option<&'l str> {
    let title = lines[index].text();
    let underline = lines.get(index + 1)?.text();
    let is_underline = |text: &str| text.len() >= 3 && text.bytes().all(|b| b == b'-');
    let plausible = !title.is_empty()
        && title.len() <= 60
        && !is_underline(title)
        && !title.starts_with([':', '@', '.']);
    (plausible && is_underline(underline)).then_some(title)
}

/// True when an underlined header starts at line `index`.
pub(super) fn is_header(lines: &[Line<'_>], index: usize) -> bool {
    header_at(lines, index).is_some()
}

/// Parses the section starting at line `index`, if it is one; returns the index after it.
pub(super) fn try_section<'a>(
    lines: &'a [Line<'_>],
    index: usize,
    acc: &mut Acc<'a>,
) -> Option<usize> {
    let title = header_at(lines, index)?;
    let section = section_of(title);
    if matches!(section, Some(Section::Other) | None) {
        if section.is_some() {
            acc.vote(DocStyle::Numpy, Weight::Weak);
        }
        // Keep the title as its own paragraph; the underline has no meaning once reflowed.
        acc.free_break();
        acc.free_line(Piece::of(&lines[index]));
        return Some(index + 2);
    }
    // A section runs to the next construct at its own indentation or further left: another
    // underlined title, or a field or header of another style (mixed docstrings exist).
    let start = index + 2;
    let indent = lines[index].indent;
    let end = (start..lines.len())
        .find(|at| lines[*at].indent <= indent && is_structural(lines, *at))
        .unwrap_or(lines.len());
    let body = &lines[start..end];
    match section? {
        Section::Params => {
            acc.vote(DocStyle::Numpy, Weight::Strong);
            params(body, lines[index].no, acc);
        }
        Section::Returns => {
            acc.vote(DocStyle::Numpy, Weight::Strong);
            returns(body, lines[index].no, acc);
        }
        Section::Raises => {
            acc.vote(DocStyle::Numpy, Weight::Strong);
            for entry in entries(body) {
                raise_entry(entry[0].text(), &entry[1..], acc);
            }
        }
        Section::Deprecated => {
            acc.vote(DocStyle::Numpy, Weight::Weak);
            let (pieces, base) = field_body("", body);
            acc.deprecate(reflow(&pieces, base));
        }
        Section::Other => {}
    }
    Some(end)
}

/// `x : int`, `x1, x2 : int, optional`, `x`, `*args`, each over its indented description.
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
        let (head, rest) = entry_head(entry);
        let (names, raw_type) = match find_top_level(&head, ':') {
            Some(colon) => (
                &head[..colon],
                Some(head[colon + 1..].trim().to_owned()).filter(|raw| !raw.is_empty()),
            ),
            None => (head.as_str(), None),
        };
        let (pieces, base) = field_body("", rest);
        let doc = reflow(&pieces, base);
        for name in names.split(',').map(str::trim) {
            acc.param(entry[0].no, name, raw_type.clone(), doc.clone());
        }
    }
}

/// An entry's first line, joined with the following lines while a bracket is left open (a
/// type split over lines), and the description lines after it.
fn entry_head<'l>(entry: &'l [Line<'l>]) -> (String, &'l [Line<'l>]) {
    let mut depth = 0usize;
    let mut head_pieces = Vec::new();
    let mut used = 0;
    for line in entry {
        head_pieces.push(Piece::of(line));
        used += 1;
        for c in line.text().chars() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if depth == 0 {
            break;
        }
    }
    if depth > 0 {
        // Never closed: only the first line is the head.
        return (entry[0].text().to_owned(), &entry[1..]);
    }
    (one_line(&head_pieces), &entry[used..])
}

/// `name : type` or a bare `type`, each over an indented description. Several entries mean
/// the function returns a tuple, which JSON carries as an array.
fn returns(body: &[Line<'_>], header_line: usize, acc: &mut Acc<'_>) {
    let mut values = Vec::new();
    for entry in entries(body) {
        let (head, rest) = entry_head(entry);
        let (pieces, base) = field_body("", rest);
        let doc = reflow(&pieces, base);
        let value = match find_top_level(&head, ':') {
            Some(colon) => (
                Some(head[..colon].trim().to_owned()),
                Some(head[colon + 1..].trim().to_owned()),
                doc,
            ),
            None if looks_like_type(&head) || doc.is_some() => (None, Some(head), doc),
            None => (None, None, Some(head)),
        };
        values.push(value);
    }
    match values.as_slice() {
        [] => acc.problem(header_line, format_args!("the returns section is empty")),
        [(_, raw_type, doc)] => acc.returns(header_line, raw_type.clone(), doc.clone()),
        several => {
            let types: Option<Vec<String>> = several
                .iter()
                .map(|(_, raw, _)| raw.as_deref().map(without_optional))
                .collect();
            let raw_type = types.map(|types| format!("Tuple[{}]", types.join(", ")));
            let docs: Vec<String> = several
                .iter()
                .filter_map(|(name, _, doc)| match (name, doc) {
                    (Some(name), Some(doc)) => Some(format!("{name}: {doc}")),
                    (None, Some(doc)) => Some(doc.clone()),
                    (Some(name), None) => Some(name.clone()),
                    (None, None) => None,
                })
                .collect();
            acc.returns(
                header_line,
                raw_type,
                Some(docs.join("\n\n")).filter(|doc| !doc.is_empty()),
            );
        }
    }
}

/// `float, optional` → `float`: a return value that is "optional" is still its type.
fn without_optional(raw: &str) -> String {
    let parts: Vec<&str> = split_top_level_commas(raw)
        .into_iter()
        .map(str::trim)
        .filter(|part| !part.eq_ignore_ascii_case("optional"))
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::lines::normalise;
    use super::*;

    #[test]
    fn headers_need_an_underline() {
        let (lines, _) = normalise("Parameters\n----------\nx : int\nNotes\n--\nTitle\n=====");
        assert_eq!(header_at(&lines, 0), Some("Parameters"));
        assert_eq!(header_at(&lines, 1), None);
        assert_eq!(header_at(&lines, 3), None);
        assert_eq!(header_at(&lines, 5), None);
        assert_eq!(section_of("See Also"), Some(Section::Other));
        assert_eq!(section_of("Параметры"), Some(Section::Params));
    }
}
