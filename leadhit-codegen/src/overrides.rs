//! `maps-cache/overrides.toml`: what the docstrings do not say, written down by hand.
//!
//! A map page carries no signatures, only docstrings, so some facts can only come from a
//! person: a param's type or optionality, a return type, the closed set of values a param
//! takes, a better Rust name, a method to leave out, the params the server injects. This file
//! says them. It is parsed with `serde` and `toml` (unknown keys are errors, and every syntax or
//! schema error names its line), and applied to the model after lowering and before names are
//! resolved, by [`crate::pipeline`], the one path that codegen, check, parse and diff all take.
//!
//! # Schema
//!
//! ```toml
//! # Params the server passes to every method itself; the client never sends them.
//! # Replaces the default ["request"]. A top-level key, so it goes before the first table.
//! injected_params = ["request", "user"]
//!
//! # One table per method: [<node>.<method wire name>]. Quote any key that is not a bare
//! # TOML key; wire names with dots must be quoted: [reports."report.daily"].
//! [orders.set_order_status]
//! rust_name = "set_status"   # the Rust method name: a snake_case identifier, as written
//! returns = "dict"           # the return type, as Python type text
//!
//! # One table per param: [<node>.<method>.params.<param wire name>].
//! [orders.set_order_status.params.status]
//! type = "str"               # the type, as Python type text (`Optional[int]`, `list[str]`, ...)
//! optional = false           # false: a required argument; true: an optional setter
//! values = ["paid", "submitted"]  # instead of `type`: a Literal, emitted as an enum
//! default = "'paid'"         # the default, as Python source text (docs only)
//! doc = "The new status."    # the param's doc
//!
//! [orders.legacy_method]
//! skip = true                # leave the method out of the client; no other keys allowed
//!
//! # A record: a JSON object whose keys you know, emitted as a struct (`leadhit::Order`) that
//! # keeps the keys it does not declare. Params and results use it by name, anywhere in type
//! # text: `returns = "Order"`, `type = "list[Order]"`. One key per field, in file order.
//! [records.Order]
//! id = "str"                                   # a field: its Python type text (required)
//! status = "Literal['paid', 'new']"            # a result's enum also takes values added later
//! total = { type = "float", optional = true, doc = "The total, when known." }
//! ```
//!
//! # Rules
//!
//! - Every key is optional; a key left out keeps what the docstring says.
//! - Type text is parsed with [`crate::type_text::parse_type`], like a docstring's.
//! - `rust_name` must already be what [`crate::names::rust_ident`] makes of it (`set_status`;
//!   a keyword such as `type` becomes `r#type`), so an override can never put anything but an
//!   identifier into the generated code. `values` and `type` exclude each other.
//! - Overrides cannot rot silently: a table naming a node, method or param that is not in the
//!   maps is an error, each one listed. Remove the table when the API drops the method.
//! - A method whose docstring documents no params has an *unknown* signature; param tables on
//!   it *create* those params, in the order the file lists them. That is how an undocumented
//!   method gets a signature. On a method whose docstring does document params, a param table
//!   must name one of them: an unknown name there is an error (most likely a typo).
//! - A record must be used (by a param, a result or another record), may not contain itself, and
//!   needs at least one field; its name and its fields' names are checked like any other name.
//! - `skip = true` leaves the method out before anything is checked about it, so none of its
//!   problems (a name with no Rust identifier, a clash, a docstring problem) is reported.
//! - `rust_name` names a method whose own name clashes or cannot be an identifier; whether the
//!   names it leaves clash is checked, with every other name, by [`crate::resolve`].
//! - Overrides are applied to the lowered model in one place ([`apply`]), before any Rust name
//!   is chosen; lowering keeps every method a page lists, so every table can reach its method.

mod apply;

pub use apply::{apply, apply_to_node, named_records, records};

use crate::names::rust_ident;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The file name inside `maps-cache/`.
pub const OVERRIDES_FILE: &str = "overrides.toml";

/// The top-level key holding the injected params; every other top-level key but
/// [`RECORDS_KEY`] is a node.
pub const INJECTED_PARAMS_KEY: &str = "injected_params";

/// The top-level table of record declarations, `[records.<Name>]`.
pub const RECORDS_KEY: &str = "records";

/// The params the Django backend passes itself (the HTTP request) when the file names none; a
/// client never sends them.
pub const DEFAULT_INJECTED: &[&str] = &["request"];

/// Everything `overrides.toml` says. An absent file is [`Overrides::default`]: no overrides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overrides {
    /// Replaces [`DEFAULT_INJECTED`] when set.
    pub injected_params: Option<Vec<String>>,
    /// Node name → method wire name → override.
    pub nodes: BTreeMap<String, BTreeMap<String, MethodOverride>>,
    /// Record name → its fields (key → declaration), in file order.
    pub records: BTreeMap<String, Vec<(String, FieldOverride)>>,
}

/// One field of a declared record: `id = "str"`, or `total = { type = "float", optional = true,
/// doc = "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawField")]
pub struct FieldOverride {
    /// Python type text; may name records.
    pub type_text: String,
    /// True when the key may be absent.
    pub optional: bool,
    pub doc: Option<String>,
}

/// The overrides of one method.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "RawMethod")]
pub struct MethodOverride {
    /// Leave the method out of the model (and the client).
    pub skip: bool,
    /// The Rust name, already checked to be an identifier that [`rust_ident`] agrees with.
    pub rust_name: Option<String>,
    /// Python type text of the return value.
    pub returns: Option<String>,
    /// Param wire name → override, in file order.
    pub params: Vec<(String, ParamOverride)>,
}

/// The overrides of one param.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "RawParam")]
pub struct ParamOverride {
    /// Python type text.
    pub type_text: Option<String>,
    /// `Some(true)`: optional; `Some(false)`: required.
    pub optional: Option<bool>,
    /// The closed set of string values (a `Literal`); excludes `type_text`.
    pub values: Option<Vec<String>>,
    /// The default as Python source text.
    pub default: Option<String>,
    pub doc: Option<String>,
}

/// Why `overrides.toml` could not be read, located as precisely as TOML allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", location(*.line, *.column))]
pub struct OverridesError {
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

impl Overrides {
    /// Parses the text of an `overrides.toml`.
    pub fn parse(text: &str) -> Result<Overrides, OverridesError> {
        toml::from_str(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let (l, c) = line_column(text, span.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            OverridesError {
                line,
                column,
                message: e.message().trim_end().to_owned(),
            }
        })
    }

    /// The params the server injects: the file's `injected_params`, or [`DEFAULT_INJECTED`].
    pub fn injected_params(&self) -> Vec<&str> {
        match &self.injected_params {
            Some(names) => names.iter().map(String::as_str).collect(),
            None => DEFAULT_INJECTED.to_vec(),
        }
    }

    /// True when there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.injected_params.is_none() && self.nodes.is_empty() && self.records.is_empty()
    }
}

/// 1-based line and character column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// How the method's table header is spelled, for messages.
fn table_name(node: &str, method: &str) -> String {
    format!("[{}.{}]", toml_key(node), toml_key(method))
}

/// A TOML key, quoted unless it is a bare key.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// Checks a `rust_name` override: it must be an identifier that [`rust_ident`] leaves as it
/// is, so the emitter gets nothing but a snake_case word (or a raw keyword).
pub fn check_rust_name(name: &str) -> Result<String, String> {
    if let Some(bare) = name.strip_prefix("r#") {
        if rust_ident(bare).as_deref() == Ok(name) {
            return Ok(name.to_owned());
        }
    }
    match rust_ident(name) {
        Ok(ident) if ident == name || ident == format!("r#{name}") => Ok(ident),
        Ok(ident) => Err(format!(
            "`rust_name = {name:?}` is not a snake_case Rust identifier; did you mean {:?}?",
            ident.trim_start_matches("r#")
        )),
        Err(e) => Err(format!(
            "`rust_name = {name:?}` cannot be a Rust identifier: {e}"
        )),
    }
}

// --- deserialising -----------------------------------------------------------------------

impl<'de> Deserialize<'de> for Overrides {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TopLevel;
        impl<'de> Visitor<'de> for TopLevel {
            type Value = Overrides;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "`{INJECTED_PARAMS_KEY}` and one table per node")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Overrides, A::Error> {
                let mut out = Overrides::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == INJECTED_PARAMS_KEY {
                        out.injected_params = Some(map.next_value()?);
                    } else if key == RECORDS_KEY {
                        let records: BTreeMap<String, Ordered<FieldOverride>> = map.next_value()?;
                        out.records = records.into_iter().map(|(k, v)| (k, v.0)).collect();
                    } else {
                        let methods: BTreeMap<String, MethodOverride> = map.next_value()?;
                        out.nodes.insert(key, methods);
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(TopLevel)
    }
}

/// A table kept in file order.
struct Ordered<T>(Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Ordered<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one table per param")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    out.push((key, map.next_value()?));
                }
                Ok(Ordered(out))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a method table (`skip`, `rust_name`, `returns`, `params`)"
)]
struct RawMethod {
    #[serde(default)]
    skip: bool,
    rust_name: Option<RustName>,
    returns: Option<String>,
    #[serde(default)]
    params: Ordered<ParamOverride>,
}

/// A checked `rust_name`. Checked while deserialising the value, so `toml` points the error at
/// its line rather than at the table's.
struct RustName(String);

impl<'de> Deserialize<'de> for RustName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        check_rust_name(&name)
            .map(RustName)
            .map_err(de::Error::custom)
    }
}

/// A `values` list, refused when empty (an enum without variants), on the list's own line.
struct Values(Vec<String>);

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Vec::<String>::deserialize(deserializer)?;
        if values.is_empty() {
            return Err(de::Error::custom(
                "`values` is empty: list the values the param accepts",
            ));
        }
        Ok(Values(values))
    }
}

impl TryFrom<RawMethod> for MethodOverride {
    type Error = String;

    fn try_from(raw: RawMethod) -> Result<Self, String> {
        if raw.skip {
            let mut others = Vec::new();
            if raw.rust_name.is_some() {
                others.push("`rust_name`");
            }
            if raw.returns.is_some() {
                others.push("`returns`");
            }
            if !raw.params.0.is_empty() {
                others.push("`params`");
            }
            if !others.is_empty() {
                return Err(format!(
                    "`skip = true` leaves the method out, so {} would be ignored; remove them",
                    others.join(" and ")
                ));
            }
        }
        Ok(MethodOverride {
            skip: raw.skip,
            rust_name: raw.rust_name.map(|r| r.0),
            returns: raw.returns,
            params: raw.params.0,
        })
    }
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a param table (`type`, `optional`, `values`, `default`, `doc`)"
)]
struct RawParam {
    #[serde(rename = "type")]
    type_text: Option<String>,
    optional: Option<bool>,
    values: Option<Values>,
    default: Option<String>,
    doc: Option<String>,
}

impl TryFrom<RawParam> for ParamOverride {
    type Error = String;

    fn try_from(raw: RawParam) -> Result<Self, String> {
        if raw.type_text.is_some() && raw.values.is_some() {
            return Err(
                "`values` makes the param a Literal of strings, so it cannot have a `type` too; keep one"
                    .to_owned(),
            );
        }
        Ok(ParamOverride {
            type_text: raw.type_text,
            optional: raw.optional,
            values: raw.values.map(|v| v.0),
            default: raw.default,
            doc: raw.doc,
        })
    }
}

/// A field as written: its type alone, or a table.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a field: its type text, or a table (`type`, `optional`, `doc`)"
)]
enum RawField {
    Type(String),
    Table(FieldTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldTable {
    #[serde(rename = "type")]
    type_text: String,
    #[serde(default)]
    optional: bool,
    doc: Option<String>,
}

impl TryFrom<RawField> for FieldOverride {
    type Error = String;

    fn try_from(raw: RawField) -> Result<Self, String> {
        let table = match raw {
            RawField::Type(type_text) => FieldTable {
                type_text,
                optional: false,
                doc: None,
            },
            RawField::Table(table) => table,
        };
        if table.type_text.trim().is_empty() {
            return Err("the field's type is empty: write its Python type text".to_owned());
        }
        Ok(FieldOverride {
            type_text: table.type_text,
            optional: table.optional,
            doc: table.doc,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_names_must_be_identifiers_as_written() {
        assert_eq!(check_rust_name("set_status").as_deref(), Ok("set_status"));
        assert_eq!(check_rust_name("type").as_deref(), Ok("r#type"));
        assert_eq!(check_rust_name("r#type").as_deref(), Ok("r#type"));
        assert!(check_rust_name("setStatus")
            .unwrap_err()
            .contains("\"set_status\""));
        assert!(check_rust_name("fn main() {}").is_err());
        assert!(check_rust_name("self").is_err());
        assert!(check_rust_name("1st").is_err());
        assert!(check_rust_name("").is_err());
    }

    #[test]
    fn table_names_quote_what_toml_would() {
        assert_eq!(table_name("orders", "set_status"), "[orders.set_status]");
        assert_eq!(
            table_name("reports", "report.daily"),
            "[reports.\"report.daily\"]"
        );
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\nвг = 1", 7), (2, 3));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
