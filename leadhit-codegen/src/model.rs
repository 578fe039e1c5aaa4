//! The intermediate model of an API: what the generator knows about every node, method and param.
//!
//! Scraping and docstring parsing lower map pages into these types, and overrides edit them.
//! The model holds what the maps say, by wire name: it chooses no Rust names (that is
//! [`crate::resolve`]'s job). Every type is serde-serialisable so the model can be
//! snapshot-tested and printed by `cargo xtask parse`, and every collection keeps page order
//! so output is deterministic.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

/// The whole API: one entry per node, sorted by node name, and the records `overrides.toml`
/// declares, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Api {
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Record>,
}

/// A JSON object whose keys a person knows: docstrings rarely say, so records are only ever
/// declared in `overrides.toml`, and params and results use them by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The name types use for it, e.g. `Order`.
    pub name: String,
    /// Fields in the order the file lists them.
    pub fields: Vec<Field>,
}

/// One key of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// The key in the JSON object.
    pub name: String,
    /// The type text as written.
    pub raw_type: String,
    pub ty: Type,
    /// True when the key may be absent.
    pub optional: bool,
    pub doc: Option<String>,
}

/// One JSON-RPC endpoint (`<base>/<name>/`) and the methods its map lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The URL path segment, e.g. `orders`.
    pub name: String,
    /// Methods in page order.
    pub methods: Vec<Method>,
}

/// One map entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// The dispatcher key sent as the JSON-RPC `method`, e.g. `report.daily`.
    pub wire_name: String,
    /// The Rust name `overrides.toml` gives the method (already checked to be a snake_case
    /// identifier); `None` lets [`crate::resolve`] derive one from the wire name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// First paragraph of the docstring.
    pub summary: Option<String>,
    /// The rest of the free-text description (without the param/return sections).
    pub doc: Option<String>,
    /// Which docstring convention the docstring was written in.
    pub style: DocStyle,
    /// `None` when the docstring documents no params at all: the signature is unknown, which is
    /// not the same as "takes no params".
    pub params: Option<Vec<Param>>,
    /// True when the docstring documents `*args` or `**kwargs`.
    pub extra_args: bool,
    pub returns: Option<Returns>,
    pub raises: Vec<Raise>,
    /// The deprecation note, when the docstring marks the method deprecated.
    pub deprecated: Option<String>,
    /// 1-based line of the entry on the map page.
    pub line: usize,
    /// What lowering noticed about this method (docstring problems), kept with it so that
    /// they are reported when the method is resolved and never when an override skips it.
    #[serde(skip)]
    pub notes: Vec<Diagnostic>,
}

/// One documented parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    /// The name the server expects in the params object.
    pub wire_name: String,
    /// The type text exactly as documented, if any.
    pub raw_type: Option<String>,
    pub ty: Type,
    pub optional: Optionality,
    /// The documented default, as text.
    pub default: Option<String>,
    pub doc: Option<String>,
}

/// What a method returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returns {
    pub raw_type: Option<String>,
    pub ty: Type,
    pub doc: Option<String>,
}

/// One documented exception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Raise {
    /// The exception class, e.g. `ValidationError`, when named.
    pub kind: Option<String>,
    pub doc: Option<String>,
}

/// Whether the caller may leave a param out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Optionality {
    Required,
    Optional,
    /// The docstring names the param but says nothing either way.
    Unknown,
}

/// The docstring convention detected for one docstring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStyle {
    /// The function had no docstring (the map shows `None`).
    Missing,
    /// Free text with no recognised field syntax.
    Plain,
    Rest,
    Google,
    Numpy,
    Epytext,
}

/// A Python type as documented, lowered to what the JSON on the wire can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    Str,
    Int,
    Float,
    Bool,
    /// Python `None`: JSON `null`.
    None,
    /// `datetime.date`: the json-rpc library sends `date.isoformat()`, e.g. `"2024-01-31"`.
    Date,
    /// `datetime.datetime`: sent as `isoformat()`, e.g. `"2024-01-31T12:00:00"`.
    DateTime,
    /// `decimal.Decimal`: the json-rpc library sends it as a JSON number (a float).
    Decimal,
    /// `dict`, `Dict[K, V]`, `Mapping[K, V]`; JSON object keys are always strings.
    Map {
        value: Box<Type>,
    },
    /// `list`, `List[T]`, `list of T`, `Sequence[T]`, `Iterable[T]`, `tuple`, `Tuple[...]`.
    List {
        item: Box<Type>,
    },
    /// `Optional[T]`, `T or None`, `T | None`.
    Optional {
        inner: Box<Type>,
    },
    /// `Union[A, B]`, `A or B`, `A | B` with no `None` among them.
    Union {
        variants: Vec<Type>,
    },
    /// `Literal['a', 'b']`: a closed set of string values (an enum).
    Literal {
        values: Vec<String>,
    },
    /// A record declared in `overrides.toml`, by name.
    Record {
        name: String,
    },
    /// Anything else (`Any`, `object`, class names, undocumented): any JSON value.
    /// `raw` keeps the documented text, empty when nothing was documented.
    Json {
        raw: String,
    },
}

impl Type {
    /// The type of something whose type is not documented.
    pub fn unknown() -> Type {
        Type::Json { raw: String::new() }
    }

    /// The type spelled as Python type text (`list[str]`, `Literal['a', 'b']`): the one
    /// spelling the diff, the docs and overrides use for a parsed type.
    pub fn python_text(&self) -> String {
        match self {
            Type::Str => "str".to_owned(),
            Type::Int => "int".to_owned(),
            Type::Float => "float".to_owned(),
            Type::Bool => "bool".to_owned(),
            Type::None => "None".to_owned(),
            Type::Date => "date".to_owned(),
            Type::DateTime => "datetime".to_owned(),
            Type::Decimal => "Decimal".to_owned(),
            Type::Map { value } if **value == Type::unknown() => "dict".to_owned(),
            Type::Map { value } => format!("dict[str, {}]", value.python_text()),
            Type::List { item } if **item == Type::unknown() => "list".to_owned(),
            Type::List { item } => format!("list[{}]", item.python_text()),
            Type::Optional { inner } => format!("Optional[{}]", inner.python_text()),
            Type::Union { variants } => {
                let parts: Vec<String> = variants.iter().map(Type::python_text).collect();
                format!("Union[{}]", parts.join(", "))
            }
            Type::Literal { values } => {
                let parts: Vec<String> =
                    values.iter().map(String::as_str).map(python_str).collect();
                format!("Literal[{}]", parts.join(", "))
            }
            Type::Record { name } => name.clone(),
            Type::Json { raw } if raw.trim().is_empty() => "Any".to_owned(),
            Type::Json { raw } => raw.trim().to_owned(),
        }
    }
}

/// A Python string literal holding `value`: single-quoted, with `\` and `'` escaped.
fn python_str(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// Small models for the unit tests of the stages that read the model.
#[cfg(test)]
pub(crate) mod samples {
    use super::*;

    /// A documented param.
    pub fn param(name: &str, optional: Optionality, ty: Type) -> Param {
        Param {
            wire_name: name.to_owned(),
            raw_type: None,
            ty,
            optional,
            default: None,
            doc: None,
        }
    }

    /// A reST-documented method on map line 3, with no summary.
    pub fn method(name: &str, params: Option<Vec<Param>>) -> Method {
        Method {
            wire_name: name.to_owned(),
            rust_name: None,
            summary: None,
            doc: None,
            style: DocStyle::Rest,
            params,
            extra_args: false,
            returns: None,
            raises: Vec::new(),
            deprecated: None,
            line: 3,
            notes: Vec::new(),
        }
    }
}
