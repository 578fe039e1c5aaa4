//! The semantic difference between two models of the API: what a client user must know.
//!
//! [`diff`] compares two [`ResolvedApi`]s (usually the maps at a git revision and in the working tree)
//! and lists every change, each classified by what it does to callers of the generated client:
//!
//! | change                                              | class          |
//! |-----------------------------------------------------|----------------|
//! | node or method removed                              | breaking       |
//! | method's Rust name changed (an override)            | breaking       |
//! | required param added                                | breaking       |
//! | param removed                                       | breaking       |
//! | param optional (or unknown) → required              | breaking       |
//! | param or return type changed                        | breaking       |
//! | node or method added                                | non-breaking   |
//! | optional (or unknown-optionality) param added       | non-breaking   |
//! | param required → optional (or unknown)              | non-breaking   |
//! | param optional ↔ unknown                            | docs           |
//! | summary, description, deprecation, raises, param doc, param default, return doc | docs |
//!
//! Types are compared as parsed: `List[str]` → `list[str]` is no change, and a type change is
//! shown with both documented texts. Identity is by wire name: a renamed method or param is one
//! removal and one addition. A method
//! whose signature is unknown (its docstring documents no params) counts as taking none, which
//! is what the generated client does with it. The output is pure and deterministic: changes are
//! sorted by class (breaking first), node, method, param and kind. [`render`] turns it into
//! Markdown for a pull request or JSON for tools.

pub mod render;

use crate::model::{Method, Optionality, Param, Raise, Returns, Type};
use crate::resolve::{ResolvedApi, ResolvedMethod, ResolvedNode};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a change does to code calling the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Existing calls may stop compiling or start failing.
    Breaking,
    /// Something new; existing calls keep working.
    NonBreaking,
    /// Only documentation changed.
    Docs,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Breaking, Class::NonBreaking, Class::Docs];

    /// Higher is more severe: docs 0, non-breaking 1, breaking 2.
    pub fn severity(self) -> u8 {
        match self {
            Class::Breaking => 2,
            Class::NonBreaking => 1,
            Class::Docs => 0,
        }
    }
}

/// What changed. `old` and `new` of a [`Change`] hold, per kind: a method's signature text
/// (`method_added`, `method_removed`), a param's declaration text (`*_param_added`,
/// `param_removed`), the Rust names (`method_renamed`), `required` / `optional` / `unknown`
/// (`param_optionality_changed`), type text (`*_type_changed`), the doc text (doc kinds).
/// `node_added` / `node_removed` list the node's methods in [`Change::methods`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    NodeAdded,
    NodeRemoved,
    MethodAdded,
    MethodRemoved,
    MethodRenamed,
    RequiredParamAdded,
    OptionalParamAdded,
    ParamRemoved,
    ParamOptionalityChanged,
    ParamTypeChanged,
    ReturnTypeChanged,
    SummaryChanged,
    DescriptionChanged,
    DeprecationChanged,
    RaisesChanged,
    ParamDefaultChanged,
    ParamDocChanged,
    ReturnDocChanged,
}

/// One change. Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub kind: Kind,
    pub node: String,
    /// The method's wire name, for method- and param-level changes.
    pub method: Option<String>,
    /// The param's wire name, for param-level changes.
    pub param: Option<String>,
    /// The value before; `None` when there was none (or it was undocumented).
    pub old: Option<String>,
    /// The value after; `None` when there is none (or it is undocumented).
    pub new: Option<String>,
    /// For `node_added` / `node_removed`: the node's methods (wire names, page order).
    pub methods: Vec<String>,
}

/// How many changes of each class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub non_breaking: usize,
    pub docs: usize,
}

impl Summary {
    pub fn count(&self, class: Class) -> usize {
        match class {
            Class::Breaking => self.breaking,
            Class::NonBreaking => self.non_breaking,
            Class::Docs => self.docs,
        }
    }
}

/// Every change between two models, breaking first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ApiDiff {
    pub summary: Summary,
    pub changes: Vec<Change>,
}

impl ApiDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// True when some change is at least as severe as `level` (`Docs` means "any change").
    pub fn reaches(&self, level: Class) -> bool {
        self.changes
            .iter()
            .any(|c| c.class.severity() >= level.severity())
    }
}

/// The changes from `before` to `after`.
pub fn diff(before: &ResolvedApi, after: &ResolvedApi) -> ApiDiff {
    let mut out = Changes::default();
    let old = by_name(&before.nodes, |n| &n.name);
    let new = by_name(&after.nodes, |n| &n.name);
    for name in old.keys().chain(new.keys()).collect::<BTreeSet<_>>() {
        match (old.get(name), new.get(name)) {
            (Some(o), None) => out.node(Class::Breaking, Kind::NodeRemoved, o),
            (None, Some(n)) => out.node(Class::NonBreaking, Kind::NodeAdded, n),
            (Some(o), Some(n)) => diff_node(&mut out, o, n),
            (None, None) => {}
        }
    }
    let mut changes = out.0;
    changes.sort_by(|a, b| {
        (a.class, &a.node, &a.method, &a.param, a.kind)
            .cmp(&(b.class, &b.node, &b.method, &b.param, b.kind))
    });
    let mut summary = Summary::default();
    for c in &changes {
        match c.class {
            Class::Breaking => summary.breaking += 1,
            Class::NonBreaking => summary.non_breaking += 1,
            Class::Docs => summary.docs += 1,
        }
    }
    ApiDiff { summary, changes }
}

fn by_name<'a, T>(items: &'a [T], name: impl Fn(&'a T) -> &'a String) -> BTreeMap<&'a str, &'a T> {
    items.iter().map(|i| (name(i).as_str(), i)).collect()
}

impl Change {
    /// A change of `kind` to method `method` of node `node`, with no values yet.
    fn on_method(class: Class, kind: Kind, node: &str, method: &str) -> Change {
        Change {
            class,
            kind,
            node: node.to_owned(),
            method: Some(method.to_owned()),
            param: None,
            old: None,
            new: None,
            methods: Vec::new(),
        }
    }

    /// The change, about param `param` of its method.
    fn on_param(mut self, param: &str) -> Change {
        self.param = Some(param.to_owned());
        self
    }

    /// The change, with the values before and after.
    fn values(mut self, old: Option<String>, new: Option<String>) -> Change {
        self.old = old;
        self.new = new;
        self
    }
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn node(&mut self, class: Class, kind: Kind, node: &ResolvedNode) {
        self.0.push(Change {
            class,
            kind,
            node: node.name.clone(),
            method: None,
            param: None,
            old: None,
            new: None,
            methods: node
                .methods
                .iter()
                .map(|m| m.model.wire_name.clone())
                .collect(),
        });
    }

    fn push(&mut self, change: Change) {
        self.0.push(change);
    }

    /// Pushes `change` as a docs change with the texts, when they differ.
    fn text(&mut self, change: Change, old: Option<&str>, new: Option<&str>) {
        let (old, new) = (non_empty(old), non_empty(new));
        if old != new {
            self.push(change.values(old.map(str::to_owned), new.map(str::to_owned)));
        }
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn diff_node(out: &mut Changes, old: &ResolvedNode, new: &ResolvedNode) {
    let old_methods = by_name(&old.methods, |m| &m.model.wire_name);
    let new_methods = by_name(&new.methods, |m| &m.model.wire_name);
    let node = &new.name;
    for name in old_methods
        .keys()
        .chain(new_methods.keys())
        .collect::<BTreeSet<_>>()
    {
        let change = |class, kind| Change::on_method(class, kind, node, name);
        match (old_methods.get(name), new_methods.get(name)) {
            (Some(o), None) => out.push(
                change(Class::Breaking, Kind::MethodRemoved)
                    .values(Some(signature(&o.model)), None),
            ),
            (None, Some(n)) => out.push(
                change(Class::NonBreaking, Kind::MethodAdded)
                    .values(None, Some(signature(&n.model))),
            ),
            (Some(o), Some(n)) => diff_method(out, node, o, n),
            (None, None) => {}
        }
    }
}

fn diff_method(out: &mut Changes, node: &str, old: &ResolvedMethod, new: &ResolvedMethod) {
    let change = |class, kind| Change::on_method(class, kind, node, &new.model.wire_name);
    if old.name != new.name {
        out.push(
            change(Class::Breaking, Kind::MethodRenamed)
                .values(Some(old.name.to_string()), Some(new.name.to_string())),
        );
    }
    diff_params(out, &change, &old.model, &new.model);
    diff_returns(out, &change, &old.model, &new.model);
    let (old, new) = (&old.model, &new.model);
    let docs = |kind| change(Class::Docs, kind);
    out.text(
        docs(Kind::SummaryChanged),
        old.summary.as_deref(),
        new.summary.as_deref(),
    );
    out.text(
        docs(Kind::DescriptionChanged),
        old.doc.as_deref(),
        new.doc.as_deref(),
    );
    out.text(
        docs(Kind::DeprecationChanged),
        old.deprecated.as_deref(),
        new.deprecated.as_deref(),
    );
    out.text(
        docs(Kind::RaisesChanged),
        raises_text(&old.raises).as_deref(),
        raises_text(&new.raises).as_deref(),
    );
}

/// A method's params, matched by wire name.
fn diff_params(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    old: &Method,
    new: &Method,
) {
    let old_by = by_name(old.params.as_deref().unwrap_or_default(), |p| &p.wire_name);
    let new_by = by_name(new.params.as_deref().unwrap_or_default(), |p| &p.wire_name);
    for name in old_by.keys().chain(new_by.keys()).collect::<BTreeSet<_>>() {
        let param = |class, kind| change(class, kind).on_param(name);
        match (old_by.get(name), new_by.get(name)) {
            (Some(o), None) => out.push(
                param(Class::Breaking, Kind::ParamRemoved).values(Some(declaration(o)), None),
            ),
            (None, Some(n)) => {
                let (class, kind) = if n.optional == Optionality::Required {
                    (Class::Breaking, Kind::RequiredParamAdded)
                } else {
                    (Class::NonBreaking, Kind::OptionalParamAdded)
                };
                out.push(param(class, kind).values(None, Some(declaration(n))));
            }
            (Some(o), Some(n)) => diff_param(out, &param, o, n),
            (None, None) => {}
        }
    }
}

/// A method's result: its type, then its doc.
fn diff_returns(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    old: &Method,
    new: &Method,
) {
    let unknown = Type::unknown();
    let (old_raw, old_ty) = returns_type(old.returns.as_ref(), &unknown);
    let (new_raw, new_ty) = returns_type(new.returns.as_ref(), &unknown);
    if old_ty != new_ty {
        out.push(
            change(Class::Breaking, Kind::ReturnTypeChanged)
                .values(type_text(old_raw, old_ty), type_text(new_raw, new_ty)),
        );
    }
    let doc = |r: Option<&Returns>| r.and_then(|r| r.doc.clone());
    out.text(
        change(Class::Docs, Kind::ReturnDocChanged),
        doc(old.returns.as_ref()).as_deref(),
        doc(new.returns.as_ref()).as_deref(),
    );
}

fn diff_param(out: &mut Changes, change: &dyn Fn(Class, Kind) -> Change, old: &Param, new: &Param) {
    if old.optional != new.optional {
        let class = match (old.optional, new.optional) {
            (_, Optionality::Required) => Class::Breaking,
            (Optionality::Required, _) => Class::NonBreaking,
            _ => Class::Docs,
        };
        out.push(change(class, Kind::ParamOptionalityChanged).values(
            Some(optionality(old.optional).to_owned()),
            Some(optionality(new.optional).to_owned()),
        ));
    }
    if old.ty != new.ty {
        out.push(change(Class::Breaking, Kind::ParamTypeChanged).values(
            type_text(old.raw_type.as_deref(), &old.ty),
            type_text(new.raw_type.as_deref(), &new.ty),
        ));
    }
    out.text(
        change(Class::Docs, Kind::ParamDefaultChanged),
        old.default.as_deref(),
        new.default.as_deref(),
    );
    out.text(
        change(Class::Docs, Kind::ParamDocChanged),
        old.doc.as_deref(),
        new.doc.as_deref(),
    );
}

fn returns_type<'a>(r: Option<&'a Returns>, unknown: &'a Type) -> (Option<&'a str>, &'a Type) {
    match r {
        Some(r) => (r.raw_type.as_deref(), &r.ty),
        None => (None, unknown),
    }
}

fn optionality(o: Optionality) -> &'static str {
    match o {
        Optionality::Required => "required",
        Optionality::Optional => "optional",
        Optionality::Unknown => "unknown",
    }
}

/// The type as documented, or as parsed when no text was kept; `None` when undocumented.
pub fn type_text(raw: Option<&str>, ty: &Type) -> Option<String> {
    match non_empty(raw) {
        Some(raw) => Some(raw.to_owned()),
        None if *ty == Type::unknown() => None,
        None => Some(ty.python_text()),
    }
}

/// The parsed type spelled as Python, for signatures: documented text can carry markers such
/// as `, optional` that the declaration shows another way. The text when nothing was parsed.
fn parsed_type_text(raw: Option<&str>, ty: &Type) -> Option<String> {
    if *ty == Type::unknown() {
        non_empty(raw).map(str::to_owned)
    } else {
        Some(ty.python_text())
    }
}

/// `name: type = default`, Python style; an optional param without a documented default gets
/// `= ...`, one of unknown optionality gets neither.
fn declaration(p: &Param) -> String {
    let mut out = p.wire_name.clone();
    if let Some(ty) = parsed_type_text(p.raw_type.as_deref(), &p.ty) {
        out.push_str(": ");
        out.push_str(&ty);
    }
    match (p.optional, non_empty(p.default.as_deref())) {
        (Optionality::Required, _) | (Optionality::Unknown, None) => {}
        (_, Some(default)) => {
            out.push_str(" = ");
            out.push_str(default);
        }
        (Optionality::Optional, None) => out.push_str(" = ..."),
    }
    out
}

/// `name(param: type, ...) -> type`, Python style; `name(...)` when the params are unknown.
fn signature(m: &Method) -> String {
    let params = match &m.params {
        Some(params) => params
            .iter()
            .map(declaration)
            .collect::<Vec<_>>()
            .join(", "),
        None => "...".to_owned(),
    };
    let mut out = format!("{}({params})", m.wire_name);
    if let Some(r) = &m.returns {
        if let Some(ty) = parsed_type_text(r.raw_type.as_deref(), &r.ty) {
            out.push_str(" -> ");
            out.push_str(&ty);
        }
    }
    out
}

/// One line per documented exception: `Kind: doc`.
fn raises_text(raises: &[Raise]) -> Option<String> {
    let lines: Vec<String> = raises
        .iter()
        .map(
            |r| match (non_empty(r.kind.as_deref()), non_empty(r.doc.as_deref())) {
                (Some(k), Some(d)) => format!("{k}: {d}"),
                (Some(k), None) => k.to_owned(),
                (None, Some(d)) => d.to_owned(),
                (None, None) => "(unnamed)".to_owned(),
            },
        )
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Api, Node};

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
                (Class::Breaking, Kind::ParamTypeChanged, Some("c")),
                (Class::Breaking, Kind::ParamRemoved, Some("d")),
                (Class::Breaking, Kind::RequiredParamAdded, Some("f")),
                (Class::NonBreaking, Kind::ParamOptionalityChanged, Some("b")),
                (Class::NonBreaking, Kind::OptionalParamAdded, Some("g")),
                (Class::Docs, Kind::ParamOptionalityChanged, Some("e")),
            ]
        );
        assert_eq!(
            d.summary,
            Summary {
                breaking: 4,
                non_breaking: 2,
                docs: 1
            }
        );
        assert!(d.reaches(Class::Breaking));
    }

    #[test]
    fn unknown_signature_counts_as_no_params() {
        let before = api(vec![method("m", None)]);
        let after = api(vec![method("m", Some(Vec::new()))]);
        assert!(diff(&before, &after).is_empty());
        let after = api(vec![method(
            "m",
            Some(vec![param("x", None, Optionality::Optional)]),
        )]);
        assert_eq!(
            kinds(&diff(&before, &after)),
            vec![(Class::NonBreaking, Kind::OptionalParamAdded, Some("x"))]
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
}
