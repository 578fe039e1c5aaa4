//! `maps-cache/overrides.toml`: what the docstrings do not say, written down by hand.
//!
//! A map page carries no signatures, only docstrings, so some facts can only come from a
//! person: a param's type or optionality, a return type, the closed set of values a param
//! takes, a better Rust name, a method to leave out, the params the server injects. This file
//! says them. It is parsed with `serde` and `toml` (unknown keys are errors, and every syntax or
//! schema error names its line), and applied to the model after lowering and before emitting,
//! by [`crate::pipeline`], the one path that codegen, check, parse and diff all take.
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
//! ```
//!
//! # Rules
//!
//! - Every key is optional; a key left out keeps what the docstring says.
//! - Type text is parsed with [`crate::types::parse_type`], like a docstring's.
//! - `rust_name` must already be what [`crate::names::rust_ident`] makes of it (`set_status`;
//!   a keyword such as `type` becomes `r#type`), so an override can never put anything but an
//!   identifier into the generated code. `values` and `type` exclude each other.
//! - Overrides cannot rot silently: a table naming a node, method or param that is not in the
//!   maps is an error, each one listed. Remove the table when the API drops the method.
//! - A method whose docstring documents no params has an *unknown* signature; param tables on
//!   it *create* those params, in the order the file lists them. That is how an undocumented
//!   method gets a signature. On a method whose docstring does document params, a param table
//!   must name one of them: an unknown name there is an error (most likely a typo).
//! - Two methods of a node may not end up with the same Rust name.
//! - `skip = true` also drops every diagnostic about the method: it is not generated.
//! - Overrides apply after lowering. A method that lowering itself left out (its name has no
//!   Rust identifier, or it is the second of two methods whose Rust names clash) can be
//!   skipped, which settles its diagnostic, but not renamed or retyped: any other key on it is
//!   an error. (Renaming it needs lowering to take the override's names; see
//!   [`crate::pipeline`].)

use crate::diagnostics::Diagnostic;
use crate::lower::Options;
use crate::model::{Api, Method, Node, Optionality, Param, Returns, Type};
use crate::names::rust_ident;
use crate::types::parse_type;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The file name inside `maps-cache/`.
pub const OVERRIDES_FILE: &str = "overrides.toml";

/// The top-level key holding the injected params; every other top-level key is a node.
pub const INJECTED_PARAMS_KEY: &str = "injected_params";

/// Everything `overrides.toml` says. An absent file is [`Overrides::default`]: no overrides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Overrides {
    /// Replaces [`crate::lower::DEFAULT_INJECTED`] when set.
    pub injected_params: Option<Vec<String>>,
    /// Node name → method wire name → override.
    pub nodes: BTreeMap<String, BTreeMap<String, MethodOverride>>,
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

    /// The lowering options these overrides ask for.
    pub fn options(&self) -> Options {
        let mut options = Options::default();
        if let Some(names) = &self.injected_params {
            options.injected_params = names.clone();
        }
        for (node, methods) in &self.nodes {
            for (wire, o) in methods {
                let key = (node.clone(), wire.clone());
                if o.skip {
                    options.skipped.insert(key.clone());
                }
                if let Some(name) = &o.rust_name {
                    options.rust_names.insert(key, name.clone());
                }
            }
        }
        options
    }

    /// True when there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.injected_params.is_none() && self.nodes.is_empty()
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

/// Applies every node's overrides to the model. Tables naming a node, method or param that the
/// model does not have are errors, one per table, so overrides cannot rot silently.
pub fn apply(api: &mut Api, overrides: &Overrides) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let injected = overrides.options().injected_params;
    for (node_name, methods) in &overrides.nodes {
        match api.nodes.iter_mut().find(|n| n.name == *node_name) {
            Some(node) => apply_methods(node, methods, &injected, &mut diagnostics),
            None => diagnostics.push(
                Diagnostic::error(format!(
                    "{OVERRIDES_FILE} has tables for node `{node_name}`, which has no map page; \
                     remove them, or fetch the node"
                ))
                .on_node(node_name),
            ),
        }
    }
    diagnostics
}

/// Applies the overrides of one node (if it has any) to it; for `cargo xtask parse`, which
/// looks at one page and must not call every other node stale.
pub fn apply_to_node(node: &mut Node, overrides: &Overrides) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(methods) = overrides.nodes.get(&node.name) {
        let injected = overrides.options().injected_params;
        apply_methods(node, methods, &injected, &mut diagnostics);
    }
    diagnostics
}

fn apply_methods(
    node: &mut Node,
    methods: &BTreeMap<String, MethodOverride>,
    injected: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (wire, method_override) in methods {
        let Some(index) = node.methods.iter().position(|m| m.wire_name == *wire) else {
            diagnostics.push(
                Diagnostic::error(format!(
                    "{OVERRIDES_FILE} has a table for this method ({}), but the map does not list it; \
                     remove the table",
                    table_name(&node.name, wire)
                ))
                .on_node(&node.name)
                .on_method(wire),
            );
            continue;
        };
        if method_override.skip {
            node.methods.remove(index);
            continue;
        }
        let method = &mut node.methods[index];
        let line = method.line;
        let mut report = |message: String| {
            diagnostics.push(
                Diagnostic::error(message)
                    .on_node(&node.name)
                    .on_method(wire)
                    .at_line(line),
            )
        };
        apply_method(method, method_override, injected, &mut report);
    }
    // Lowering already refused clashes between names it made, so any clash now involves an
    // override.
    let mut by_rust: BTreeMap<&str, &str> = BTreeMap::new();
    for method in &node.methods {
        if let Some(other) = by_rust.insert(&method.rust_name, &method.wire_name) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "methods `{other}` and `{}` both have the Rust name `{}` once {OVERRIDES_FILE} is applied; \
                     give one another `rust_name`",
                    method.wire_name, method.rust_name
                ))
                .on_node(&node.name)
                .on_method(&method.wire_name)
                .at_line(method.line),
            );
        }
    }
}

fn apply_method(
    method: &mut Method,
    o: &MethodOverride,
    injected: &[String],
    report: &mut dyn FnMut(String),
) {
    if let Some(rust_name) = &o.rust_name {
        method.rust_name = rust_name.clone();
    }
    if let Some(text) = &o.returns {
        method.returns = Some(Returns {
            raw_type: Some(text.clone()),
            ty: parse_type(text),
            doc: method.returns.take().and_then(|r| r.doc),
        });
    }
    if o.params.is_empty() {
        return;
    }
    match &mut method.params {
        Some(params) => {
            for (wire, po) in &o.params {
                match params.iter_mut().find(|p| p.wire_name == *wire) {
                    Some(param) => apply_param(param, po),
                    None => report(format!(
                        "{OVERRIDES_FILE} has a table for param `{wire}`, but the docstring documents no such param \
                         (it documents {}); fix the name or remove the table",
                        name_list(params.iter().map(|p| p.wire_name.as_str()))
                    )),
                }
            }
        }
        None => {
            // The docstring documents no params: the overrides are the signature.
            let mut created: Vec<Param> = Vec::with_capacity(o.params.len());
            for (wire, po) in &o.params {
                if injected.iter().any(|i| i == wire) {
                    report(format!(
                        "{OVERRIDES_FILE} gives the method param `{wire}`, which the server injects itself \
                         (`{INJECTED_PARAMS_KEY}`); remove the table"
                    ));
                    continue;
                }
                let rust_name = match rust_ident(wire) {
                    Ok(r) => r,
                    Err(e) => {
                        report(format!(
                            "{OVERRIDES_FILE} gives the method param `{wire}`, which cannot become a Rust identifier ({e})"
                        ));
                        continue;
                    }
                };
                if let Some(other) = created.iter().find(|p| p.rust_name == rust_name) {
                    report(format!(
                        "{OVERRIDES_FILE} gives the method params `{}` and `{wire}`, which both map to the Rust name `{rust_name}`",
                        other.wire_name
                    ));
                    continue;
                }
                let mut param = Param {
                    wire_name: wire.clone(),
                    rust_name,
                    raw_type: None,
                    ty: Type::unknown(),
                    optional: Optionality::Unknown,
                    default: None,
                    doc: None,
                };
                apply_param(&mut param, po);
                created.push(param);
            }
            method.params = Some(created);
        }
    }
}

fn apply_param(param: &mut Param, o: &ParamOverride) {
    if let Some(text) = &o.type_text {
        param.raw_type = Some(text.clone());
        param.ty = parse_type(text);
    }
    if let Some(values) = &o.values {
        param.raw_type = Some(literal_text(values));
        param.ty = Type::Literal {
            values: values.clone(),
        };
    }
    if let Some(optional) = o.optional {
        param.optional = if optional {
            Optionality::Optional
        } else {
            Optionality::Required
        };
    }
    if let Some(default) = &o.default {
        param.default = Some(default.clone());
    }
    if let Some(doc) = &o.doc {
        param.doc = Some(doc.clone());
    }
}

/// `Literal['a', 'b']`, the Python spelling of a `values` list, so the model's `raw_type`
/// reads like documented type text.
fn literal_text(values: &[String]) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'")))
        .collect();
    format!("Literal[{}]", quoted.join(", "))
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
