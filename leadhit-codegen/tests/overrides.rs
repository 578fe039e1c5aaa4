//! `maps-cache/overrides.toml`: every kind of override applied to a real map page, stale
//! overrides reported by name, and bad files refused with the line to look at.
//!
//! The pages come from `fixtures/diff/` and were rendered by the real `json-rpc`
//! library: `override-added/before/orders.html` has `set_order_status`, `list_orders`,
//! `get_order` documented in reST and `archive_order` without a docstring;
//! `skip-unlowerable/before/orders.html` adds `getOrder` (whose Rust name clashes with
//! `get_order`) and `заказ` (which has no Rust identifier), both left out by the resolve stage
//! unless an override settles them.

mod support;

use leadhit_codegen::{build_api, parse_type, Diagnosed, Diagnostic, Severity};
use leadhit_codegen::{Method, Optionality, Type};
use leadhit_codegen::{Overrides, OverridesError, ResolvedApi, ResolvedMethod};
use std::path::Path;

fn fixture(case: &str) -> Vec<u8> {
    let path = Path::new(support::FIXTURES)
        .join("diff")
        .join(case)
        .join("before/orders.html");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn page() -> Vec<u8> {
    fixture("override-added")
}

fn build_page(page: Vec<u8>, toml: &str) -> Diagnosed<ResolvedApi> {
    let overrides = Overrides::parse(toml).unwrap_or_else(|e| panic!("{e}"));
    build_api(&[("orders".to_owned(), page)], &overrides)
}

fn build(toml: &str) -> Diagnosed<ResolvedApi> {
    build_page(page(), toml)
}

fn resolved<'a>(api: &'a ResolvedApi, wire: &str) -> Option<&'a ResolvedMethod> {
    api.nodes
        .iter()
        .find(|n| n.name == "orders")?
        .methods
        .iter()
        .find(|m| m.model.wire_name == wire)
}

fn method<'a>(api: &'a ResolvedApi, wire: &str) -> Option<&'a Method> {
    resolved(api, wire).map(|m| &m.model)
}

/// The Rust name the resolve stage gave a method.
fn rust_name<'a>(api: &'a ResolvedApi, wire: &str) -> &'a str {
    resolved(api, wire)
        .unwrap_or_else(|| panic!("no method `{wire}`"))
        .name
        .as_str()
}

fn errors(lowered: &Diagnosed<ResolvedApi>) -> Vec<&Diagnostic> {
    lowered
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

fn parse_error(toml: &str) -> OverridesError {
    match Overrides::parse(toml) {
        Ok(o) => panic!("parsed: {o:?}"),
        Err(e) => e,
    }
}

#[test]
fn no_file_means_no_change() {
    let plain = build_api(&[("orders".to_owned(), page())], &Overrides::default());
    assert_eq!(build("").value, plain.value);
    assert!(Overrides::parse("# only a comment\n").unwrap().is_empty());
}

#[test]
fn every_kind_of_override_applies() {
    let lowered = build(
        r#"
injected_params = ["request", "shop_id"]

[orders.set_order_status]
rust_name = "set_status"

[orders.set_order_status.params.status]
values = ["paid", "submitted"]
default = "'paid'"

[orders.list_orders.params.limit]
type = "int"
optional = false
doc = "How many orders to return."

[orders.get_order]
returns = "list[dict]"

[orders.archive_order]
returns = "bool"

[orders.archive_order.params.order_id]
type = "str"
optional = false

[orders.archive_order.params.force]
type = "bool"
optional = true
default = "False"

[orders.archive_order.params.at]
"#,
    );
    assert!(errors(&lowered).is_empty(), "{:?}", lowered.diagnostics);
    let api = &lowered.value;

    let set = method(api, "set_order_status").unwrap();
    assert_eq!(rust_name(api, "set_order_status"), "set_status");
    let status = set
        .params
        .as_ref()
        .unwrap()
        .iter()
        .find(|p| p.wire_name == "status")
        .unwrap();
    assert_eq!(
        status.ty,
        Type::Literal {
            values: vec!["paid".into(), "submitted".into()]
        }
    );
    assert_eq!(
        status.raw_type.as_deref(),
        Some("Literal['paid', 'submitted']")
    );
    assert_eq!(status.default.as_deref(), Some("'paid'"));

    // `injected_params` replaced the default: `shop_id` is the server's now.
    let list = method(api, "list_orders").unwrap();
    let names: Vec<&str> = list
        .params
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| p.wire_name.as_str())
        .collect();
    assert_eq!(names, ["limit", "statuses"]);
    let limit = &list.params.as_ref().unwrap()[0];
    assert_eq!(
        (limit.optional, limit.ty.clone()),
        (Optionality::Required, parse_type("int"))
    );
    assert_eq!(limit.doc.as_deref(), Some("How many orders to return."));

    let get = method(api, "get_order").unwrap();
    let returns = get.returns.as_ref().unwrap();
    assert_eq!(returns.raw_type.as_deref(), Some("list[dict]"));
    assert_eq!(returns.ty, parse_type("list[dict]"));
    assert_eq!(
        returns.doc.as_deref(),
        Some("The order."),
        "the documented return doc is kept"
    );

    // The undocumented method gets the params the file lists, in its order.
    let archive = method(api, "archive_order").unwrap();
    assert_eq!(archive.returns.as_ref().unwrap().ty, parse_type("bool"));
    let params = archive.params.as_ref().unwrap();
    let got: Vec<(&str, &str, Optionality)> = params
        .iter()
        .map(|p| {
            (
                p.wire_name.as_str(),
                p.raw_type.as_deref().unwrap_or(""),
                p.optional,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("order_id", "str", Optionality::Required),
            ("force", "bool", Optionality::Optional),
            ("at", "", Optionality::Unknown),
        ]
    );
    assert_eq!(params[1].default.as_deref(), Some("False"));
}

#[test]
fn skip_leaves_the_method_out() {
    let lowered = build("[orders.get_order]\nskip = true\n");
    assert!(errors(&lowered).is_empty(), "{:?}", lowered.diagnostics);
    assert!(method(&lowered.value, "get_order").is_none());
    assert!(method(&lowered.value, "list_orders").is_some());
}

#[test]
fn dotted_wire_names_are_quoted_keys() {
    let o = Overrides::parse("[reports.\"report.daily\"]\nrust_name = \"daily\"\n").unwrap();
    assert_eq!(
        o.nodes["reports"]["report.daily"].rust_name.as_deref(),
        Some("daily")
    );
}

#[test]
fn stale_overrides_are_errors_naming_each_one() {
    let lowered = build(
        r#"
[crm.find]
skip = true

[orders.cancel_order]
rust_name = "cancel"

[orders.set_order_status.params.stauts]
type = "str"
"#,
    );
    let errs = errors(&lowered);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    let located: Vec<(Option<&str>, Option<&str>)> = errs
        .iter()
        .map(|d| (d.node.as_deref(), d.method.as_deref()))
        .collect();
    assert_eq!(
        located,
        [
            (Some("crm"), None),
            (Some("orders"), Some("cancel_order")),
            (Some("orders"), Some("set_order_status"))
        ]
    );
    assert!(errs[0].message.contains("node `crm`"), "{}", errs[0]);
    assert!(
        errs[1].message.contains("[orders.cancel_order]"),
        "{}",
        errs[1]
    );
    assert!(errs[2].message.contains("param `stauts`"), "{}", errs[2]);
    assert!(
        errs[2].message.contains("`order_id`, `status`"),
        "lists the real params: {}",
        errs[2]
    );
}

#[test]
fn params_on_an_injected_name_are_refused() {
    let lowered = build("[orders.archive_order.params.request]\ntype = \"dict\"\n");
    let errs = errors(&lowered);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].message.contains("injects"), "{}", errs[0]);
}

#[test]
fn renaming_onto_another_method_is_an_error() {
    let lowered = build("[orders.list_orders]\nrust_name = \"get_order\"\n");
    let errs = errors(&lowered);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].message.contains("`get_order`") && errs[0].message.contains("`list_orders`"),
        "{}",
        errs[0]
    );
}

#[test]
fn syntax_errors_name_the_line() {
    let e = parse_error("[orders.get_order]\nreturns = \"dict\"\nskip = \n");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.to_string().starts_with("line 3, column "), "{e}");

    let e = parse_error("[orders.get_order]\nreturns = dict\n");
    assert_eq!(e.line, Some(2), "{e}");
}

#[test]
fn schema_errors_name_the_line() {
    let e = parse_error("\n[orders.get_order]\nrust_nam = \"x\"\n");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.contains("rust_nam"), "{e}");

    let e = parse_error("[orders.get_order.params.order_id]\noptional = \"no\"\n");
    assert_eq!(e.line, Some(2), "{e}");

    let e = parse_error("injected_params = \"request\"\n");
    assert_eq!(e.line, Some(1), "{e}");

    // A key at node level is a method table, not a setting.
    let e = parse_error("[orders]\nskip = true\n");
    assert_eq!(e.line, Some(2), "{e}");
}

#[test]
fn rust_names_that_are_not_identifiers_are_refused() {
    for (name, hint) in [
        ("fn main() {}", "did you mean \"fn_main\""),
        ("setStatus", "did you mean \"set_status\""),
        ("1st", "starts with a digit"),
        ("статус", "outside ASCII"),
        ("", "no letters or digits"),
    ] {
        let e = parse_error(&format!("[orders.get_order]\nrust_name = {name:?}\n"));
        assert_eq!(e.line, Some(2), "{name}: {e}");
        assert!(e.message.contains(hint), "{name}: {e}");
    }
    // A keyword is a raw identifier, written either way.
    for name in ["type", "r#type"] {
        let o = Overrides::parse(&format!("[orders.get_order]\nrust_name = {name:?}\n")).unwrap();
        assert_eq!(
            o.nodes["orders"]["get_order"].rust_name.as_deref(),
            Some("r#type")
        );
    }
}

#[test]
fn contradictory_keys_are_refused() {
    let e = parse_error("[orders.get_order]\nskip = true\nrust_name = \"x\"\n");
    assert!(e.message.contains("skip = true"), "{e}");
    assert!(e.line.is_some(), "{e}");

    let e = parse_error("[orders.get_order.params.order_id]\ntype = \"str\"\nvalues = [\"a\"]\n");
    assert!(e.message.contains("`values`"), "{e}");

    let e = parse_error("[orders.get_order.params.order_id]\nvalues = []\n");
    assert!(e.message.contains("empty"), "{e}");
    assert_eq!(e.line, Some(2), "{e}");
}

/// Resolving leaves out `getOrder` (its Rust name is `get_order`'s) and `заказ` (no
/// identifier); `skip` settles both before anything is said about them.
#[test]
fn skip_settles_methods_resolving_would_leave_out() {
    let bare = build_page(fixture("skip-unlowerable"), "");
    let about = |l: &Diagnosed<ResolvedApi>, wire: &str| {
        l.diagnostics
            .iter()
            .filter(|d| d.method.as_deref() == Some(wire))
            .count()
    };
    assert_eq!(errors(&bare).len(), 1, "the clash: {:?}", bare.diagnostics);
    assert_eq!(about(&bare, "getOrder"), 1);
    assert_eq!(about(&bare, "заказ"), 1, "the warning about the name");

    let skipped = build_page(
        fixture("skip-unlowerable"),
        "[orders.getOrder]\nskip = true\n\n[orders.\"заказ\"]\nskip = true\n",
    );
    assert!(errors(&skipped).is_empty(), "{:?}", skipped.diagnostics);
    assert_eq!(
        (about(&skipped, "getOrder"), about(&skipped, "заказ")),
        (0, 0)
    );
    assert!(method(&skipped.value, "get_order").is_some());
}

/// A `rust_name` names a method whose own name clashes or cannot be an identifier.
#[test]
fn rust_name_rescues_methods_resolving_would_leave_out() {
    let lowered = build_page(
        fixture("skip-unlowerable"),
        "[orders.\"заказ\"]\nrust_name = \"zakaz\"\n\n[orders.getOrder]\nrust_name = \"get_order_camel\"\n",
    );
    assert!(errors(&lowered).is_empty(), "{:?}", lowered.diagnostics);
    assert_eq!(rust_name(&lowered.value, "заказ"), "zakaz");
    assert_eq!(rust_name(&lowered.value, "getOrder"), "get_order_camel");
    assert_eq!(rust_name(&lowered.value, "get_order"), "get_order");
}

/// Every override reaches its method, whatever its name: one without an identifier takes a
/// `returns` (no stale-table error), and is still left out, with the warning that says why,
/// until it is named.
#[test]
fn other_overrides_reach_methods_without_an_identifier() {
    let lowered = build_page(
        fixture("skip-unlowerable"),
        "[orders.\"заказ\"]\nreturns = \"dict\"\n",
    );
    let errs = errors(&lowered);
    assert_eq!(errs.len(), 1, "only the clash of getOrder: {errs:#?}");
    assert_eq!(errs[0].method.as_deref(), Some("getOrder"), "{}", errs[0]);
    let about: Vec<&Diagnostic> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.method.as_deref() == Some("заказ"))
        .collect();
    assert_eq!(about.len(), 1, "{about:#?}");
    assert!(
        about[0].message.contains("cannot become a Rust identifier"),
        "{}",
        about[0]
    );
    assert!(method(&lowered.value, "заказ").is_none());

    let named = build_page(
        fixture("skip-unlowerable"),
        "[orders.\"заказ\"]\nreturns = \"dict\"\nrust_name = \"zakaz\"\n\n[orders.getOrder]\nskip = true\n",
    );
    assert!(errors(&named).is_empty(), "{:?}", named.diagnostics);
    let zakaz = method(&named.value, "заказ").unwrap();
    assert_eq!(zakaz.returns.as_ref().unwrap().ty, parse_type("dict"));
}

/// Skipping one of two clashing methods frees the Rust name for the other.
#[test]
fn skipping_one_of_two_clashing_methods_frees_the_name() {
    let lowered = build_page(
        fixture("skip-unlowerable"),
        "[orders.get_order]\nskip = true\n",
    );
    assert!(errors(&lowered).is_empty(), "{:?}", lowered.diagnostics);
    assert!(method(&lowered.value, "get_order").is_none());
    assert_eq!(rust_name(&lowered.value, "getOrder"), "get_order");
}

/// A record is declared once and used by name in any type text; it becomes a struct of the
/// root module that keeps the keys it does not declare.
#[test]
fn records_are_declared_and_used_by_name() {
    let lowered = build(
        r#"
[orders.get_order]
returns = "Order"

[orders.list_orders.params.statuses]
type = "list[Order]"

[records.Order]
order_id = "str"
status = "Literal['paid', 'new']"
total = { type = "float", optional = true, doc = "The total." }
lines = "list[Line]"

[records.Line]
sku = "str"
"#,
    );
    assert!(errors(&lowered).is_empty(), "{:?}", lowered.diagnostics);
    let api = &lowered.value;
    let names: Vec<&str> = api.records.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Line", "Order"], "sorted by name");
    let order = &api.records[1];
    let fields: Vec<(&str, String)> = order
        .fields
        .iter()
        .map(|f| (f.name.as_str(), format!("{:?}", f.ty)))
        .collect();
    assert_eq!(fields[0], ("order_id", "String".to_owned()));
    assert!(fields[1].1.starts_with("Enum"), "{fields:?}");
    assert!(fields[2].1.starts_with("Option"), "{fields:?}");
    assert!(fields[3].1.contains("Record"), "{fields:?}");
    assert_eq!(order.extra.as_str(), "extra");
    // The field's enum is open: a status added later still deserialises.
    assert!(order.enums[0].other.is_some());
    let get = resolved(api, "get_order").unwrap();
    assert_eq!(
        format!("{:?}", get.returns),
        "Record { name: Name(\"Order\") }"
    );

    let pages = [("orders".to_owned(), page())];
    let overrides = Overrides::parse(
        "[orders.get_order]\nreturns = \"Order\"\n\n[records.Order]\norder_id = \"str\"\n",
    )
    .unwrap();
    let built = build_api(&pages, &overrides);
    let files = leadhit_codegen::generate(&built.value);
    let root = &files[0].contents;
    assert!(root.contains("pub struct Order {"), "{root}");
    assert!(root.contains("#[serde(rename = \"order_id\")]"), "{root}");
    assert!(root.contains("#[serde(flatten)]"), "{root}");
    let orders = &files[1].contents;
    assert!(
        orders.contains("crate::Request<'a, crate::Order, ()>"),
        "{orders}"
    );
}

#[test]
fn inconsistent_records_are_errors() {
    for (toml, expected) in [
        ("[records.Unused]\nid = \"str\"\n", "no param, result or other record uses it"),
        (
            "[orders.get_order]\nreturns = \"Client\"\n\n[records.Client]\nid = \"str\"\n",
            "already the runtime's `Client`",
        ),
        (
            "[orders.get_order]\nreturns = \"Node\"\n\n[records.Node]\nnext = \"Optional[Node]\"\n",
            "contains itself",
        ),
        (
            "[orders.get_order]\nreturns = \"Pair\"\n\n[records.Pair]\norder-id = \"str\"\norder_id = \"int\"\n",
            "both map to the Rust name `order_id`",
        ),
        (
            "[orders.get_order]\nreturns = \"Empty\"\n\n[records.Empty]\n",
            "declares no fields",
        ),
    ] {
        let lowered = build(toml);
        let errs = errors(&lowered);
        assert_eq!(errs.len(), 1, "{toml}: {errs:#?}");
        assert!(errs[0].message.contains(expected), "{toml}: {}", errs[0]);
    }
    let e = parse_error("[records.Order]\nid = { optional = true }\n");
    assert!(e.message.contains("a field"), "{e}");
}
