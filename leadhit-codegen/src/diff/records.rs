//! The records `overrides.toml` declares, compared: each is a plain public struct of the
//! crate root (no `#[non_exhaustive]`, so a dependent may build one with a struct literal),
//! so a field added breaks a dependent as surely as a field removed or retyped.

use super::rust::Typed;
use super::{by_name, type_class, Change, Changes, Class, Kind};
use crate::model::Field;
use crate::resolve::{ResolvedField, ResolvedRecord, RustType};
use std::collections::{BTreeMap, BTreeSet};

/// Every change between the records of two APIs, matched by declared name.
pub(super) fn diff_records(out: &mut Changes, old: &[ResolvedRecord], new: &[ResolvedRecord]) {
    let old_by = by_name(old, |r| &r.model.name);
    let new_by = by_name(new, |r| &r.model.name);
    for name in old_by.keys().chain(new_by.keys()).collect::<BTreeSet<_>>() {
        match (old_by.get(name), new_by.get(name)) {
            (Some(o), None) => out.push(on_record(Class::Breaking, Kind::RecordRemoved, o)),
            (None, Some(n)) => out.push(on_record(Class::NonBreaking, Kind::RecordAdded, n)),
            (Some(o), Some(n)) => diff_record(out, o, n),
            (None, None) => {}
        }
    }
}

/// A change of `kind` to `record`, reached as its struct.
fn on_record(class: Class, kind: Kind, record: &ResolvedRecord) -> Change {
    let mut change = Change::new(class, kind, "");
    change.record = Some(record.model.name.clone());
    change.rust = Some(record.name.to_string());
    change
}

type FieldPair<'a> = (&'a Field, &'a ResolvedField);

fn diff_record(out: &mut Changes, old: &ResolvedRecord, new: &ResolvedRecord) {
    if old.name != new.name {
        out.push(
            on_record(Class::Breaking, Kind::RecordRenamed, new)
                .rust_values(Some(old.name.to_string()), Some(new.name.to_string())),
        );
    }
    let (old_by, new_by) = (fields(old), fields(new));
    let typed = |r: &ResolvedRecord, f: &ResolvedField| typed(r, &f.ty).text();
    for key in old_by.keys().chain(new_by.keys()).collect::<BTreeSet<_>>() {
        let field = |class, kind| on_record(class, kind, new).on_param(key);
        match (old_by.get(key), new_by.get(key)) {
            (Some((_, o)), None) => out.push(
                field(Class::Breaking, Kind::FieldRemoved)
                    .rust_values(Some(format!("{}: {}", o.name, typed(old, o))), None),
            ),
            (None, Some((_, n))) => out.push(
                field(Class::Breaking, Kind::FieldAdded)
                    .rust_values(None, Some(format!("{}: {}", n.name, typed(new, n)))),
            ),
            (Some(o), Some(n)) => diff_field(out, &field, (old, *o), (new, *n)),
            (None, None) => {}
        }
    }
}

fn fields(r: &ResolvedRecord) -> BTreeMap<&str, FieldPair<'_>> {
    r.model
        .fields
        .iter()
        .zip(&r.fields)
        .map(|(f, rf)| (f.name.as_str(), (f, rf)))
        .collect()
}

/// A type of a record's field, whose enums are the record's, in the crate root.
fn typed<'a>(record: &'a ResolvedRecord, ty: &'a RustType) -> Typed<'a> {
    Typed {
        ty,
        enums: &record.enums,
        module: None,
    }
}

fn diff_field(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    (old_record, (old, old_r)): (&ResolvedRecord, FieldPair<'_>),
    (new_record, (new, new_r)): (&ResolvedRecord, FieldPair<'_>),
) {
    if old_r.name != new_r.name {
        out.push(
            change(Class::Breaking, Kind::FieldRenamed)
                .rust_values(Some(old_r.name.to_string()), Some(new_r.name.to_string())),
        );
    }
    let (old_ty, new_ty) = (typed(old_record, &old_r.ty), typed(new_record, &new_r.ty));
    let model_differs = old.ty != new.ty || old.optional != new.optional;
    if let Some(class) = type_class(model_differs, old_ty.differs(&new_ty)) {
        out.push(
            change(class, Kind::FieldTypeChanged)
                .values(Some(old.raw_type.clone()), Some(new.raw_type.clone()))
                .rust_values(Some(old_ty.text()), Some(new_ty.text())),
        );
    }
    out.text(
        change(Class::Docs, Kind::FieldDocChanged),
        old.doc.as_deref(),
        new.doc.as_deref(),
    );
}
