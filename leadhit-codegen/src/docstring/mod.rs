//! Docstring parsing: one Python docstring → summary, description, params, returns, raises.
//!
//! (Placeholder: being written; see the interface below.)

use crate::model::{DocStyle, Optionality, Raise, Type};
use serde::Serialize;

/// Everything one docstring says about its method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedDoc {
    pub style: DocStyle,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// `None` when the docstring documents no params at all.
    pub params: Option<Vec<DocParam>>,
    /// `*args` / `**kwargs` documented.
    pub extra_args: bool,
    pub returns: Option<DocReturns>,
    pub raises: Vec<Raise>,
    pub deprecated: Option<String>,
    pub problems: Vec<DocProblem>,
}

/// One param as the docstring documents it (wire name, before sanitising).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocParam {
    pub name: String,
    pub raw_type: Option<String>,
    pub ty: Type,
    pub optional: Optionality,
    pub default: Option<String>,
    pub doc: Option<String>,
}

/// The documented return value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocReturns {
    pub raw_type: Option<String>,
    pub ty: Type,
    pub doc: Option<String>,
}

/// Something in the docstring the parser could not make sense of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocProblem {
    /// 0-based line within the docstring.
    pub line: usize,
    pub message: String,
}

/// Parses one docstring (the text after `NAME: ` on the map page, `None` already excluded).
pub fn parse_docstring(doc: &str) -> ParsedDoc {
    let summary = doc.trim().lines().next().map(str::to_owned);
    ParsedDoc {
        style: DocStyle::Plain,
        summary,
        description: None,
        params: None,
        extra_args: false,
        returns: None,
        raises: Vec::new(),
        deprecated: None,
        problems: Vec::new(),
    }
}
