//! Whole-docstring tests: every style and phrasing, in the indented (Python ≤ 3.12) and
//! dedented (3.13+) forms, plus docstrings copied from well-known projects.
//!
//! Snapshots pin whole `ParsedDoc`s where the shape is the point; `assert_eq!` pins single
//! fields. Style-specific unit tests live next to the code in each module.

/// Pins a whole `ParsedDoc` as YAML in `docstring/snapshots/` (these tests live one folder
/// further down, where insta would otherwise put them).
macro_rules! assert_doc_snapshot {
    ($value:expr) => {
        insta::with_settings!({ snapshot_path => "../snapshots" }, {
            insta::assert_yaml_snapshot!($value);
        })
    };
}

mod edge;
mod epytext;
mod google;
mod numpy;
mod plain;
mod rest;

use super::{parse_docstring, DocParam, ParsedDoc};

/// Parses a docstring written dedented (as Python 3.13 stores it) in the three shapes
/// `__doc__` takes in the wild, checks they parse alike, and returns the result.
fn parse(dedented: &str) -> ParsedDoc {
    let dedented = dedented.trim_matches('\n');
    let (first, rest) = dedented.split_once('\n').unwrap_or((dedented, ""));
    let indent = |text: &str, by: &str| {
        text.split('\n')
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{by}{line}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    // `"""\n    Summary.\n    …\n    """` on Python 3.12.
    let opening_newline = format!("\n{}\n    ", indent(dedented, "    "));
    // `"""Summary.\n    …\n    """` on Python 3.12.
    let same_line = if rest.is_empty() {
        first.to_owned()
    } else {
        format!("{first}\n{}\n    ", indent(rest, "    "))
    };
    // Python 3.13 strips the indentation but keeps the newlines.
    let stripped = format!("\n{dedented}\n");
    let parsed = parse_docstring(&stripped);
    // Only where the text starts differs: after a newline (line 1) or on the first line.
    let starting_at = |first_line: usize, doc: ParsedDoc| ParsedDoc { first_line, ..doc };
    assert_eq!(
        parse_docstring(&opening_newline),
        parsed,
        "indented form of:\n{dedented}"
    );
    assert_eq!(
        starting_at(1, parse_docstring(&same_line)),
        parsed,
        "same-line form of:\n{dedented}"
    );
    assert_eq!(
        starting_at(1, parse_docstring(dedented)),
        parsed,
        "bare form of:\n{dedented}"
    );
    parsed
}

/// The param called `name`, which the test expects to exist.
fn param<'d>(doc: &'d ParsedDoc, name: &str) -> &'d DocParam {
    doc.params
        .iter()
        .flatten()
        .find(|param| param.name == name)
        .unwrap_or_else(|| panic!("no param `{name}` in {doc:#?}"))
}

/// The names of the params, in order.
fn names(doc: &ParsedDoc) -> Vec<&str> {
    doc.params
        .iter()
        .flatten()
        .map(|param| param.name.as_str())
        .collect()
}
