//! Docstring parsing: one Python docstring → summary, description, params, returns, raises.
//!
//! A docstring arrives exactly as Python's `__doc__`. It is first normalised like
//! `inspect.cleandoc` (`lines`), so indented (Python ≤ 3.12) and dedented (3.13+) docstrings
//! read the same. A single walk (`scan`) then hands each construct to the style that owns it
//! — reST/Sphinx and Epytext fields (`fields`), Google sections (`google`), NumPy sections
//! (`numpy`), deprecation notes (`deprecation`) — and keeps the rest as free text. Styles
//! report into one collector (`builder`) that merges `:type` into `:param`, decides
//! optionality (`optional`) and picks the style most fields were written in.
//!
//! Parsing never fails and never panics: what cannot be read is kept as text or reported as a
//! [`DocProblem`]. Every step is linear in the size of the docstring.

mod builder;
mod deprecation;
mod entries;
mod fields;
mod google;
mod lines;
mod numpy;
mod optional;
mod scan;
mod text;

#[cfg(test)]
mod tests;

use crate::model::{DocStyle, Optionality, Raise, Returns, Type};
use serde::Serialize;

pub(crate) use text::{list_item, ListMarker};

/// Everything one docstring says about its method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedDoc {
    /// The convention most of the docstring's fields use; `Plain` when it has none (never
    /// `Missing`, which is for a method without a docstring).
    pub style: DocStyle,
    /// The first paragraph, joined to one line; `None` when the docstring opens with a field.
    pub summary: Option<String>,
    /// The remaining free text, paragraphs separated by blank lines; `None` if empty.
    pub description: Option<String>,
    /// `None` when the docstring documents no params at all.
    pub params: Option<Vec<DocParam>>,
    /// `*args` / `**kwargs` documented.
    pub extra_args: bool,
    pub returns: Option<Returns>,
    pub raises: Vec<Raise>,
    pub deprecated: Option<String>,
    pub problems: Vec<DocProblem>,
    /// The 0-based line of the raw docstring that normalised line 0 (where
    /// [`DocProblem::line`] counts from) came from: the number of leading blank lines, e.g. 1
    /// for the usual `"""\n    Summary…`. Add both to map a problem onto the raw text.
    pub first_line: usize,
}

/// One param as the docstring documents it (wire name, before sanitising).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocParam {
    pub name: String,
    /// The documented type text, trimmed (multi-line types joined with single spaces).
    pub raw_type: Option<String>,
    /// The type with optionality stripped (`Optional[int]` → `int`).
    pub ty: Type,
    pub optional: Optionality,
    pub default: Option<String>,
    pub doc: Option<String>,
}

/// Something in the docstring the parser could not make sense of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocProblem {
    /// 0-based line within the normalised docstring (leading blank lines dropped; see
    /// [`ParsedDoc::first_line`]).
    pub line: usize,
    pub message: String,
}

/// Parses one docstring (the text after `NAME: ` on the map page, `None` already excluded).
pub fn parse_docstring(doc: &str) -> ParsedDoc {
    let (lines, first_line) = lines::normalise(doc);
    let mut acc = builder::Acc::with_capacity(lines.len());
    scan::scan(&lines, &mut acc);
    acc.finish(first_line)
}
