//! Model types → [`RustType`]s: which Rust type each param and result is, with the enums that
//! `Literal[...]` types become named here.

use super::name::Name;
use crate::model::Type;
use crate::names::type_ident;
use serde::Serialize;
use std::collections::BTreeSet;

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
    /// A generated enum of the method's module.
    Enum {
        name: Name,
    },
}

/// A `Literal[...]` enum to emit in the node's module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiteralEnum {
    pub name: Name,
    /// Whose values it holds: the param's wire name, or `None` for the method's result.
    pub param: Option<String>,
    /// `(variant, wire value)`, in documented order.
    pub variants: Vec<(Name, String)>,
}

/// The Rust type of `ty`, the type of param `param` (`None`: of the result). A `Literal`
/// becomes an enum named `name()` (pushed onto `enums`), or `String` when its values do not
/// make distinct identifiers. The name is only built when there is a `Literal`: building one
/// for every param showed in the generator's profile.
pub fn rust_type(
    ty: &Type,
    param: Option<&str>,
    name: &dyn Fn() -> String,
    enums: &mut Vec<LiteralEnum>,
) -> RustType {
    let mut boxed = |inner: &Type| Box::new(rust_type(inner, param, name, enums));
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
        Type::Literal { values } => match literal_enum(values, &name(), param) {
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

fn literal_enum(values: &[String], name: &str, param: Option<&str>) -> Option<LiteralEnum> {
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
    Some(LiteralEnum {
        name,
        param: param.map(str::to_owned),
        variants,
    })
}
