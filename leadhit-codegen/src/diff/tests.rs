//! Unit tests of the classification rules, one per rule, on models made in code (the fixture
//! pairs in `tests/diff.rs` cover the same rules through real map pages).

use super::*;
use crate::model::{Api, Node};
use crate::resolve::Name;

fn param(name: &str, ty: Option<&str>, optional: Optionality) -> Param {
    let parsed = match ty {
        Some("str") => Type::Str,
        Some("int") => Type::Int,
        Some(raw) => Type::Json {
            raw: raw.to_owned(),
        },
        None => Type::unknown(),
    };
    Param {
        raw_type: ty.map(str::to_owned),
        ..crate::model::samples::param(name, optional, parsed)
    }
}

fn method(name: &str, params: Option<Vec<Param>>) -> Method {
    Method {
        summary: Some(format!("{name} things.")),
        ..crate::model::samples::method(name, params)
    }
}

fn api(methods: Vec<Method>) -> ResolvedApi {
    let api = Api {
        nodes: vec![Node {
            name: "orders".to_owned(),
            methods,
        }],
        records: Vec::new(),
    };
    crate::resolve::resolve(api).value
}

fn kinds(d: &ApiDiff) -> Vec<(Class, Kind, Option<&str>)> {
    d.changes
        .iter()
        .map(|c| (c.class, c.kind, c.param.as_deref()))
        .collect()
}

#[test]
fn identical_models_have_no_changes() {
    let a = api(vec![method(
        "get",
        Some(vec![param("id", Some("str"), Optionality::Required)]),
    )]);
    assert!(diff(&a, &a).is_empty());
    assert!(!diff(&a, &a).reaches(Class::Docs));
}

#[test]
fn params_are_classified() {
    use Optionality::*;
    let before = api(vec![method(
        "m",
        Some(vec![
            param("a", Some("str"), Optional),
            param("b", Some("str"), Required),
            param("c", Some("str"), Required),
            param("d", Some("str"), Optional),
            param("e", Some("str"), Unknown),
        ]),
    )]);
    let after = api(vec![method(
        "m",
        Some(vec![
            param("a", Some("str"), Required),
            param("b", Some("str"), Optional),
            param("c", Some("int"), Required),
            param("e", Some("str"), Optional),
            param("f", Some("str"), Required),
            param("g", None, Unknown),
        ]),
    )]);
    let d = diff(&before, &after);
    assert_eq!(
        kinds(&d),
        vec![
            (Class::Breaking, Kind::ParamOptionalityChanged, Some("a")),
            // An argument became a setter: calls passing it no longer compile.
            (Class::Breaking, Kind::ParamOptionalityChanged, Some("b")),
            (Class::Breaking, Kind::ParamTypeChanged, Some("c")),
            (Class::Breaking, Kind::ParamRemoved, Some("d")),
            (Class::Breaking, Kind::RequiredParamAdded, Some("f")),
            (Class::NonBreaking, Kind::OptionalParamAdded, Some("g")),
            (Class::Docs, Kind::ParamOptionalityChanged, Some("e")),
        ]
    );
    assert_eq!(
        d.summary,
        Summary {
            breaking: 5,
            non_breaking: 1,
            docs: 1
        }
    );
    assert!(d.reaches(Class::Breaking));
}

/// An undocumented signature counts as no params, but its requests take `.params(...)`, which a
/// documented one's do not: documenting the params removes that method from the Rust API.
#[test]
fn unknown_signature_counts_as_no_params_but_has_raw_params() {
    let before = api(vec![method("m", None)]);
    let after = api(vec![method("m", Some(Vec::new()))]);
    assert_eq!(
        kinds(&diff(&before, &after)),
        vec![(Class::Breaking, Kind::RawParamsRemoved, None)]
    );
    assert_eq!(
        kinds(&diff(&after, &before)),
        vec![(Class::NonBreaking, Kind::RawParamsAdded, None)]
    );
    let after = api(vec![method(
        "m",
        Some(vec![param("x", None, Optionality::Optional)]),
    )]);
    assert_eq!(
        kinds(&diff(&before, &after)),
        vec![
            (Class::Breaking, Kind::RawParamsRemoved, None),
            (Class::NonBreaking, Kind::OptionalParamAdded, Some("x"))
        ]
    );
}

#[test]
fn type_text_alone_is_no_change() {
    let mut p = param("x", Some("str"), Optionality::Required);
    let before = api(vec![method("m", Some(vec![p.clone()]))]);
    p.raw_type = Some("string".to_owned());
    let after = api(vec![method("m", Some(vec![p]))]);
    assert!(diff(&before, &after).is_empty());
}

#[test]
fn returns_and_docs() {
    let before = api(vec![method("m", None)]);
    let mut m = method("m", None);
    m.returns = Some(Returns {
        raw_type: Some("dict".to_owned()),
        ty: Type::Map {
            value: Box::new(Type::unknown()),
        },
        doc: Some("The order.".to_owned()),
    });
    m.summary = Some("Other.".to_owned());
    m.deprecated = Some("Use n.".to_owned());
    let d = diff(&before, &api(vec![m]));
    assert_eq!(
        kinds(&d),
        vec![
            (Class::Breaking, Kind::ReturnTypeChanged, None),
            (Class::Docs, Kind::SummaryChanged, None),
            (Class::Docs, Kind::DeprecationChanged, None),
            (Class::Docs, Kind::ReturnDocChanged, None),
        ]
    );
    assert_eq!(
        d.summary,
        Summary {
            breaking: 1,
            non_breaking: 0,
            docs: 3
        }
    );
}

#[test]
fn signatures_and_declarations_read_like_python() {
    let mut m = method(
        "set",
        Some(vec![
            param("id", Some("str"), Optionality::Required),
            param("n", Some("int"), Optionality::Optional),
            param("x", None, Optionality::Unknown),
        ]),
    );
    m.params.as_mut().unwrap()[1].default = Some("10".to_owned());
    m.returns = Some(Returns {
        raw_type: None,
        ty: Type::List {
            item: Box::new(Type::Str),
        },
        doc: None,
    });
    assert_eq!(signature(&m), "set(id: str, n: int = 10, x) -> list[str]");
    assert_eq!(signature(&method("m", None)), "m(...)");
}

fn typed(name: &str, ty: Type, optional: Optionality) -> Param {
    Param {
        raw_type: Some(ty.python_text()),
        ..crate::model::samples::param(name, optional, ty)
    }
}

fn literal(values: &[&str]) -> Type {
    Type::Literal {
        values: values.iter().map(|v| (*v).to_owned()).collect(),
    }
}

/// One method `m` taking `status` (an optional param) of type `ty`.
fn taking(ty: Type) -> ResolvedApi {
    api(vec![method(
        "m",
        Some(vec![typed("status", ty, Optionality::Optional)]),
    )])
}

#[test]
fn a_documented_type_with_the_same_rust_type_is_docs() {
    let d = diff(&taking(Type::Str), &taking(Type::Date));
    assert_eq!(
        kinds(&d),
        vec![(Class::Docs, Kind::ParamTypeChanged, Some("status"))]
    );
    let c = &d.changes[0];
    assert_eq!(c.rust_old.as_deref(), Some("String"));
    assert_eq!(c.rust_new.as_deref(), Some("String"));
}

#[test]
fn a_changed_rust_type_shows_both_rust_types() {
    let d = diff(
        &taking(Type::Str),
        &taking(Type::List {
            item: Box::new(Type::Str),
        }),
    );
    assert_eq!(
        kinds(&d),
        vec![(Class::Breaking, Kind::ParamTypeChanged, Some("status"))]
    );
    assert_eq!(d.changes[0].rust.as_deref(), Some("orders().m"));
    assert_eq!(d.changes[0].rust_old.as_deref(), Some("String"));
    assert_eq!(d.changes[0].rust_new.as_deref(), Some("Vec<String>"));
}

/// Generated enums are exhaustive: a value gained breaks a `match` as a value lost does.
#[test]
fn an_enum_gaining_or_losing_a_value_is_breaking() {
    let (ab, abc) = (
        taking(literal(&["a", "b"])),
        taking(literal(&["a", "b", "c"])),
    );
    for (before, after) in [(&ab, &abc), (&abc, &ab)] {
        let d = diff(before, after);
        assert_eq!(
            kinds(&d),
            vec![(Class::Breaking, Kind::ParamTypeChanged, Some("status"))]
        );
        assert_eq!(
            d.changes[0].rust_old, d.changes[0].rust_new,
            "same enum name"
        );
    }
    // Listing the same values in another order changes only the docs.
    let d = diff(&ab, &taking(literal(&["b", "a"])));
    assert_eq!(
        kinds(&d),
        vec![(Class::Docs, Kind::ParamTypeChanged, Some("status"))]
    );
}

/// Rust names can change while the wire does not (a naming rule, the runtime's names): the
/// class follows the Rust API.
#[test]
fn a_rust_rename_with_the_same_wire_is_breaking() {
    let before = taking(literal(&["a", "b"]));
    let mut after = before.clone();
    after.nodes[0].module = Name::new("orders_node").unwrap();
    let m = &mut after.nodes[0].methods[0];
    m.params[0].setter = Some(Name::new("set_status").unwrap());
    m.enums[0].variants[0].0 = Name::new("First").unwrap();
    let d = diff(&before, &after);
    assert_eq!(
        kinds(&d),
        vec![
            (Class::Breaking, Kind::NodeRenamed, None),
            (Class::Breaking, Kind::ParamRenamed, Some("status")),
            (Class::Breaking, Kind::ParamTypeChanged, Some("status")),
        ]
    );
    assert_eq!(d.changes[1].rust_new.as_deref(), Some("set_status"));
    assert_eq!(
        d.changes[2].rust_new.as_deref(),
        Some("orders_node::MStatus"),
        "{:?}",
        d.changes[2]
    );
}

fn field(name: &str, ty: Type, optional: bool) -> crate::model::Field {
    crate::model::Field {
        name: name.to_owned(),
        raw_type: ty.python_text(),
        ty,
        optional,
        doc: None,
    }
}

/// An API whose `get` answers the record `Order` with `fields` (none: no record).
fn with_record(fields: Option<Vec<crate::model::Field>>) -> ResolvedApi {
    let mut get = method("get", Some(Vec::new()));
    get.returns = Some(Returns {
        raw_type: Some("Order".to_owned()),
        ty: Type::Record {
            name: "Order".to_owned(),
        },
        doc: None,
    });
    let api = Api {
        nodes: vec![Node {
            name: "orders".to_owned(),
            methods: vec![get],
        }],
        records: fields
            .map(|fields| crate::model::Record {
                name: "Order".to_owned(),
                fields,
            })
            .into_iter()
            .collect(),
    };
    crate::resolve::resolve(api).value
}

fn record_kinds(d: &ApiDiff) -> Vec<(Class, Kind, Option<&str>, Option<&str>)> {
    d.changes
        .iter()
        .map(|c| (c.class, c.kind, c.record.as_deref(), c.param.as_deref()))
        .collect()
}

#[test]
fn records_are_compared_field_by_field() {
    let id = || field("id", Type::Int, false);
    let before = with_record(Some(vec![id(), field("note", Type::Str, false)]));
    let mut status = field("status", Type::Str, true);
    status.doc = Some("Where the order is.".to_owned());
    let after = with_record(Some(vec![id(), field("note", Type::Str, true), status]));
    let d = diff(&before, &after);
    let order = Some("Order");
    assert_eq!(
        record_kinds(&d),
        vec![
            (Class::Breaking, Kind::FieldTypeChanged, order, Some("note")),
            // Records are plain structs: a struct literal without the new field breaks.
            (Class::Breaking, Kind::FieldAdded, order, Some("status")),
        ]
    );
    assert_eq!(d.changes[0].rust_new.as_deref(), Some("Option<String>"));
    assert_eq!(
        d.changes[1].rust_new.as_deref(),
        Some("status: Option<String>")
    );
    let d = diff(&after, &before);
    assert_eq!(
        record_kinds(&d)[1],
        (Class::Breaking, Kind::FieldRemoved, order, Some("status"))
    );
}

/// A record removed from `overrides.toml` leaves its uses as `serde_json::Value`: the method's
/// Rust result changes though its documented type does not.
#[test]
fn a_record_removed_changes_the_rust_result() {
    let with = with_record(Some(vec![field("id", Type::Int, false)]));
    let without = with_record(None);
    let d = diff(&with, &without);
    assert_eq!(
        record_kinds(&d),
        vec![
            (Class::Breaking, Kind::RecordRemoved, Some("Order"), None),
            (Class::Breaking, Kind::ReturnTypeChanged, None, None),
        ]
    );
    assert_eq!(d.changes[1].rust_old.as_deref(), Some("Order"));
    assert_eq!(d.changes[1].rust_new.as_deref(), Some("serde_json::Value"));
    let d = diff(&without, &with);
    assert_eq!(
        record_kinds(&d)[..2],
        [
            (Class::Breaking, Kind::ReturnTypeChanged, None, None),
            (Class::NonBreaking, Kind::RecordAdded, Some("Order"), None),
        ]
    );
}
