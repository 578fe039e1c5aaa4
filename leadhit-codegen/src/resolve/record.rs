//! The records `overrides.toml` declares: their struct and field names, their types, and the
//! checks on them (names, clashes with the runtime's types, records that contain themselves).

use super::name::{Name, RUNTIME_TYPES};
use super::rust_type::{rust_type, EnumOf, LiteralEnum, RustType};
use crate::diagnostics::Diagnostic;
use crate::model::{Record, Type};
use crate::names::{rust_ident, type_ident};
use crate::overrides::{named_records, OVERRIDES_FILE, RECORDS_KEY};
use std::collections::{BTreeMap, BTreeSet};

/// A record, named: a struct of the generated root module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRecord {
    pub model: Record,
    /// The struct, e.g. `Order`.
    pub name: Name,
    /// One per field of the model, in the same order.
    pub fields: Vec<ResolvedField>,
    /// The field that keeps the keys the record does not declare (`extra`, unless a declared
    /// field is called that).
    pub extra: Name,
    /// The enums the fields' types made.
    pub enums: Vec<LiteralEnum>,
}

/// One field of a record, named and typed (`Option<T>` when the key may be absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedField {
    pub name: Name,
    pub ty: RustType,
}

/// The names the field keeping undeclared keys may take, in order of preference.
const EXTRA_FIELDS: &[&str] = &["extra", "extra_fields", "unknown_fields"];

/// Resolves every record; those with errors are left out. Also returns each kept record's
/// struct name by its declared name, for the types that use it.
pub(super) fn resolve_records(
    records: Vec<Record>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<ResolvedRecord>, BTreeMap<String, Name>) {
    let mut report = |message: String| {
        diagnostics.push(Diagnostic::error(format!(
            "{OVERRIDES_FILE}: {message}; fix the `[{RECORDS_KEY}...]` table"
        )))
    };
    // Generated type name → what it was made for: the runtime's types first.
    let mut taken: BTreeMap<String, String> = RUNTIME_TYPES
        .iter()
        .map(|t| (t.to_string(), format!("the runtime's `{t}`")))
        .collect();
    let mut names = BTreeMap::new();
    for record in &records {
        match record_name(record, &mut taken) {
            Ok(name) => {
                names.insert(record.name.clone(), name);
            }
            Err(message) => report(message),
        }
    }
    for record in &records {
        if names.contains_key(&record.name) && contains_itself(record, &records) {
            report(format!(
                "the record `{}` contains itself (through its fields), so it would have no size",
                record.name
            ));
            names.remove(&record.name);
        }
    }
    let mut resolved = Vec::with_capacity(names.len());
    for record in records {
        let Some(name) = names.get(&record.name).cloned() else {
            continue;
        };
        match record_fields(&record, &name, &names, &mut taken) {
            Ok((fields, extra, enums)) => resolved.push(ResolvedRecord {
                model: record,
                name,
                fields,
                extra,
                enums,
            }),
            Err(message) => report(message),
        }
    }
    let kept: BTreeSet<&str> = resolved.iter().map(|r| r.model.name.as_str()).collect();
    names.retain(|wire, _| kept.contains(wire.as_str()));
    (resolved, names)
}

/// The struct name of a record, registered in `taken`.
fn record_name(record: &Record, taken: &mut BTreeMap<String, String>) -> Result<Name, String> {
    let declared = &record.name;
    if record.fields.is_empty() {
        return Err(format!("the record `{declared}` declares no fields"));
    }
    let name = type_ident(declared)
        .ok()
        .and_then(|n| Name::new(&n))
        .ok_or_else(|| format!("the record name `{declared}` cannot become a Rust type name"))?;
    if let Some(other) = taken.insert(name.to_string(), format!("the record `{declared}`")) {
        return Err(format!(
            "the record `{declared}` makes the type `{name}`, which is already {other}"
        ));
    }
    Ok(name)
}

/// True when `record` reaches itself through the records its fields name.
fn contains_itself(record: &Record, records: &[Record]) -> bool {
    let by_name: BTreeMap<&str, &Record> = records.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&Record> = vec![record];
    while let Some(current) = stack.pop() {
        let mut named = BTreeSet::new();
        for field in &current.fields {
            named_records(&field.ty, &mut named);
        }
        for name in named {
            if name == record.name {
                return true;
            }
            if seen.insert(name) {
                stack.extend(by_name.get(name));
            }
        }
    }
    false
}

type Fields = (Vec<ResolvedField>, Name, Vec<LiteralEnum>);

/// The fields of a record: their names, types and enums.
fn record_fields(
    record: &Record,
    name: &Name,
    records: &BTreeMap<String, Name>,
    taken: &mut BTreeMap<String, String>,
) -> Result<Fields, String> {
    let mut fields = Vec::with_capacity(record.fields.len());
    let mut enums = Vec::new();
    let mut seen: BTreeMap<Name, &str> = BTreeMap::new();
    for field in &record.fields {
        let field_name = rust_ident(&field.name)
            .ok()
            .and_then(|n| Name::new(&n))
            .ok_or_else(|| {
                format!(
                    "the field `{}` of record `{}` cannot become a Rust identifier",
                    field.name, record.name
                )
            })?;
        if let Some(other) = seen.insert(field_name.clone(), &field.name) {
            return Err(format!(
                "the fields `{other}` and `{}` of record `{}` both map to the Rust name `{field_name}`",
                field.name, record.name
            ));
        }
        let of = || EnumOf::Field {
            record: record.name.clone(),
            field: field.name.clone(),
        };
        let hint = || {
            format!(
                "{name}{}",
                type_ident(field_name.as_str()).unwrap_or_default()
            )
        };
        let mut ty = rust_type(&field.ty, &of, &hint, records, &mut enums);
        if field.optional && !matches!(field.ty, Type::Optional { .. }) {
            ty = RustType::Option {
                inner: Box::new(ty),
            };
        }
        fields.push(ResolvedField {
            name: field_name,
            ty,
        });
    }
    for e in &enums {
        let owner = format!("a field of record `{}`", record.name);
        if let Some(other) = taken.insert(e.name.to_string(), owner) {
            return Err(format!(
                "the enum `{}` made for a field of record `{}` clashes with {other}",
                e.name, record.name
            ));
        }
    }
    let extra = EXTRA_FIELDS
        .iter()
        .filter_map(|n| Name::new(n))
        .find(|n| !seen.contains_key(n))
        .ok_or_else(|| {
            format!(
                "the record `{}` uses every name for its extra keys",
                record.name
            )
        })?;
    Ok((fields, extra, enums))
}
