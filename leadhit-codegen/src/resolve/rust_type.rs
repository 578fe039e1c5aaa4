//! Model types → [`RustType`]s: which Rust type each param and result is, with the enums that
//! `Literal[...]` types become named here.

use super::name::Name;
use crate::model::Type;
use crate::names::type_ident;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The Rust type of a param or result, every name in it decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RustType {
    /// `String` (also dates and date-times, sent as ISO text).
    String,
    I64,
    /// `f64` (also `Decimal`, which the server sends as a JSON number).
    F64,
    Bool,
    /// `()`, for Python `None`.
    Unit,
    /// `serde_json::Value`: anything, or a type with no closer Rust equivalent.
    Json,
    /// `serde_json::Map<String, Value>`: an object of anything.
    JsonMap,
    /// `BTreeMap<String, T>`.
    Map {
        value: Box<RustType>,
    },
    /// `Vec<T>`.
    List {
        item: Box<RustType>,
    },
    /// `Option<T>`.
    Option {
        inner: Box<RustType>,
    },
    /// A generated enum of the method's module (or, in a record, of the root module).
    Enum {
        name: Name,
    },
    /// A record declared in `overrides.toml`, a struct of the root module.
    Record {
        name: Name,
    },
}

impl RustType {
    /// The type as Rust source spells it, short (`Vec<String>`, `serde_json::Value`);
    /// `named` spells each generated enum or record in it (and may note the ones it meets).
    /// The one spelling both the generated docs and the changelog use.
    pub fn spelled<'a>(
        &'a self,
        named: &mut dyn FnMut(&'a RustType, &'a Name) -> String,
    ) -> String {
        match self {
            RustType::String => "String".to_owned(),
            RustType::I64 => "i64".to_owned(),
            RustType::F64 => "f64".to_owned(),
            RustType::Bool => "bool".to_owned(),
            RustType::Unit => "()".to_owned(),
            RustType::Json => "serde_json::Value".to_owned(),
            RustType::JsonMap => "serde_json::Map<String, Value>".to_owned(),
            RustType::Map { value } => format!("BTreeMap<String, {}>", value.spelled(named)),
            RustType::List { item } => format!("Vec<{}>", item.spelled(named)),
            RustType::Option { inner } => format!("Option<{}>", inner.spelled(named)),
            RustType::Enum { name } | RustType::Record { name } => named(self, name),
        }
    }
}

/// A `Literal[...]` enum to emit in the node's module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiteralEnum {
    pub name: Name,
    /// Whose values it holds.
    pub of: EnumOf,
    /// `(variant, wire value)`, in documented order.
    pub variants: Vec<(Name, String)>,
    /// For an enum of values the server sends (a result, a record's field): the variant that
    /// holds any other string, so a value added to the API later still deserialises. `None`
    /// for a param's values, which the client sends and which stay exactly the documented ones.
    pub other: Option<Name>,
}

/// What a `Literal` enum holds the values of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EnumOf {
    /// A method's result.
    Result,
    /// A method's param, by wire name.
    Param { name: String },
    /// A record's field: the record's and the field's wire names.
    Field { record: String, field: String },
}

/// The names the catch-all variant of an open enum may take, in order of preference: the first
/// that no documented value already makes.
const OTHER_VARIANTS: &[&str] = &["Other", "OtherValue", "Unknown", "UnknownValue"];

/// The Rust type of `ty`, the type of `of`. A `Literal` becomes an enum named `name()` (pushed
/// onto `enums`), or `String` when its values do not make distinct identifiers. The name is
/// only built when there is a `Literal`: building one for every param showed in the
/// generator's profile. `records` maps a record's wire name to its struct's name.
pub fn rust_type(
    ty: &Type,
    of: &dyn Fn() -> EnumOf,
    name: &dyn Fn() -> String,
    records: &BTreeMap<String, Name>,
    enums: &mut Vec<LiteralEnum>,
) -> RustType {
    let mut boxed = |inner: &Type| Box::new(rust_type(inner, of, name, records, enums));
    match ty {
        Type::Str | Type::Date | Type::DateTime => RustType::String,
        Type::Int => RustType::I64,
        Type::Float | Type::Decimal => RustType::F64,
        Type::Bool => RustType::Bool,
        Type::None => RustType::Unit,
        Type::Map { value } => match value.as_ref() {
            Type::Json { .. } => RustType::JsonMap,
            value => RustType::Map {
                value: boxed(value),
            },
        },
        Type::List { item } => RustType::List { item: boxed(item) },
        Type::Optional { inner } => RustType::Option {
            inner: boxed(inner),
        },
        Type::Record { name } => match records.get(name) {
            Some(name) => RustType::Record { name: name.clone() },
            // A record with an error was left out (and reported); anything is accepted instead.
            None => RustType::Json,
        },
        Type::Literal { values } => match literal_enum(values, &name(), of()) {
            Some(e) => {
                let name = e.name.clone();
                enums.push(e);
                RustType::Enum { name }
            }
            None => RustType::String,
        },
        Type::Union { .. } | Type::Json { .. } => RustType::Json,
    }
}

fn literal_enum(values: &[String], name: &str, of: EnumOf) -> Option<LiteralEnum> {
    let name = Name::new(name)?;
    let mut seen = BTreeSet::new();
    let mut variants = Vec::with_capacity(values.len());
    for value in values {
        let variant = type_ident(value).ok().and_then(|v| Name::new(&v))?;
        if !seen.insert(variant.clone()) {
            return None;
        }
        variants.push((variant, value.clone()));
    }
    if variants.is_empty() {
        return None;
    }
    let open = !matches!(of, EnumOf::Param { .. });
    let other = open
        .then(|| {
            OTHER_VARIANTS
                .iter()
                .filter_map(|v| Name::new(v))
                .find(|v| !seen.contains(v))
        })
        .flatten();
    if open && other.is_none() {
        // Every catch-all name is a documented value: the values stay text.
        return None;
    }
    Some(LiteralEnum {
        name,
        of,
        variants,
        other,
    })
}
