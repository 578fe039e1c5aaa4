//! The semantic difference between two models of the API: what a client user must know.
//!
//! [`diff`] compares two [`ResolvedApi`]s (usually the maps at a git revision and in the working
//! tree) and lists every change, each classified by what it does to code depending on the
//! generated crate. The class follows the **Rust API**, not only the wire: a renamed generated
//! item or a changed Rust type is breaking even when the JSON sent is the same.
//!
//! | change                                                        | class          |
//! |---------------------------------------------------------------|----------------|
//! | node, method, record or record field removed                  | breaking       |
//! | node accessor, method, setter, record or field renamed in Rust | breaking      |
//! | required param added; record field added (records are plain structs) | breaking |
//! | param removed                                                 | breaking       |
//! | param required ↔ optional (an argument becomes a setter, or back) | breaking   |
//! | param, result or field type changed, in the model or in Rust (an enum gaining or losing a value, a record's struct name) | breaking |
//! | `.params(...)` gone (the params became documented)            | breaking       |
//! | node, method or record added                                  | non-breaking   |
//! | optional (or unknown-optionality) param added                 | non-breaking   |
//! | `.params(...)` offered (the params became unknown)            | non-breaking   |
//! | param optional ↔ unknown (a setter either way)                | docs           |
//! | documented type changed, same Rust type (`str` → `date`)      | docs           |
//! | summary, description, deprecation, raises, param doc, param default, return doc, field doc | docs |
//!
//! Generated enums are exhaustive (no `#[non_exhaustive]`), so a value gained breaks a
//! dependent's `match` as surely as a value lost. Types are compared as parsed: `List[str]` →
//! `list[str]` is no change, and a type change is shown with both documented texts and both
//! Rust types. Identity is by wire name: a renamed method or param is one removal and one
//! addition. A method whose signature is unknown (its docstring documents no params) counts as
//! taking none, which is what the generated client does with it. The output is pure and
//! deterministic: changes are sorted by class (breaking first), node, record, method, param
//! and kind. [`render`] turns it into Markdown for a pull request or JSON for tools,
//! [`changelog`] into a release's section of the crate's changelog.

pub mod changelog;
mod records;
pub mod render;
mod rust;

use crate::model::{Method, Optionality, Param, Raise, Returns, Type};
use crate::resolve::{Marker, ResolvedApi, ResolvedMethod, ResolvedNode, ResolvedParam};
use rust::Typed;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a change does to code depending on the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Existing code may stop compiling or start failing.
    Breaking,
    /// Something new; existing code keeps working.
    NonBreaking,
    /// Only documentation changed (including a documented type with the same Rust type).
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
/// `param_removed`), the Rust names (`*_renamed`), `required` / `optional` / `unknown`
/// (`param_optionality_changed`), type text (`*_type_changed`, as documented), the doc text
/// (doc kinds). `node_added` / `node_removed` list the node's methods in [`Change::methods`]
/// instead. Record kinds name the record in [`Change::record`] and the field (its key) in
/// [`Change::param`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    NodeAdded,
    NodeRemoved,
    NodeRenamed,
    MethodAdded,
    MethodRemoved,
    MethodRenamed,
    RequiredParamAdded,
    OptionalParamAdded,
    ParamRemoved,
    ParamOptionalityChanged,
    ParamRenamed,
    ParamTypeChanged,
    ReturnTypeChanged,
    RawParamsAdded,
    RawParamsRemoved,
    RecordAdded,
    RecordRemoved,
    RecordRenamed,
    FieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldTypeChanged,
    SummaryChanged,
    DescriptionChanged,
    DeprecationChanged,
    RaisesChanged,
    ParamDefaultChanged,
    ParamDocChanged,
    ReturnDocChanged,
    FieldDocChanged,
}

/// One change. Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub kind: Kind,
    /// The node's wire name; empty for a record's change.
    pub node: String,
    /// The method's wire name, for method- and param-level changes.
    pub method: Option<String>,
    /// The param's wire name, for param-level changes; the key, for a record field's.
    pub param: Option<String>,
    /// The value before; `None` when there was none (or it was undocumented).
    pub old: Option<String>,
    /// The value after; `None` when there is none (or it is undocumented).
    pub new: Option<String>,
    /// For `node_added` / `node_removed`: the node's methods (wire names, page order).
    pub methods: Vec<String>,
    /// The record's declared name (`[records.<name>]`), for record-level changes.
    pub record: Option<String>,
    /// The Rust item the change is about, as a dependent reaches it: `orders()`,
    /// `orders().get_order`, `Report` (the new side's name; the old one's when removed).
    pub rust: Option<String>,
    /// The Rust type (or name, for renames and setters) before, where the kind has one.
    pub rust_old: Option<String>,
    /// The Rust type (or name) after, where the kind has one.
    pub rust_new: Option<String>,
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

    /// The most severe class of any change; `None` when nothing changed.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).min()
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
    records::diff_records(&mut out, &before.records, &after.records);
    let mut changes = out.0;
    changes.sort_by(|a, b| {
        (a.class, &a.node, &a.record, &a.method, &a.param, a.kind)
            .cmp(&(b.class, &b.node, &b.record, &b.method, &b.param, b.kind))
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
    /// A change of `kind` to node `node`, with no values yet.
    fn new(class: Class, kind: Kind, node: &str) -> Change {
        Change {
            class,
            kind,
            node: node.to_owned(),
            method: None,
            param: None,
            old: None,
            new: None,
            methods: Vec::new(),
            record: None,
            rust: None,
            rust_old: None,
            rust_new: None,
        }
    }

    /// A change of `kind` to method `method` of node `node`, reached as `rust` in Rust.
    fn on_method(class: Class, kind: Kind, node: &str, method: &str, rust: String) -> Change {
        let mut change = Change::new(class, kind, node);
        change.method = Some(method.to_owned());
        change.rust = Some(rust);
        change
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

    /// The change, with the Rust types or names before and after.
    fn rust_values(mut self, old: Option<String>, new: Option<String>) -> Change {
        self.rust_old = old;
        self.rust_new = new;
        self
    }
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn node(&mut self, class: Class, kind: Kind, node: &ResolvedNode) {
        let mut change = Change::new(class, kind, &node.name);
        change.methods = node
            .methods
            .iter()
            .map(|m| m.model.wire_name.clone())
            .collect();
        change.rust = Some(format!("{}()", node.module));
        self.0.push(change);
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

/// A method seen from the crate root: its node's module, where its enums live.
#[derive(Clone, Copy)]
struct Seen<'a> {
    node: &'a ResolvedNode,
    method: &'a ResolvedMethod,
}

impl<'a> Seen<'a> {
    /// `orders().get_order`.
    fn path(&self) -> String {
        format!("{}().{}", self.node.module, self.method.name)
    }

    fn typed(&self, ty: &'a crate::resolve::RustType) -> Typed<'a> {
        Typed {
            ty,
            enums: &self.method.enums,
            module: Some(&self.node.module),
        }
    }
}

fn diff_node(out: &mut Changes, old: &ResolvedNode, new: &ResolvedNode) {
    let node = &new.name;
    if old.module != new.module || old.handle != new.handle {
        out.push(
            Change::new(Class::Breaking, Kind::NodeRenamed, node)
                .values(Some(old.module.to_string()), Some(new.module.to_string()))
                .rust_values(
                    Some(format!("{}() -> {}", old.module, old.handle)),
                    Some(format!("{}() -> {}", new.module, new.handle)),
                ),
        );
    }
    let old_methods = by_name(&old.methods, |m| &m.model.wire_name);
    let new_methods = by_name(&new.methods, |m| &m.model.wire_name);
    for name in old_methods
        .keys()
        .chain(new_methods.keys())
        .collect::<BTreeSet<_>>()
    {
        match (old_methods.get(name), new_methods.get(name)) {
            (Some(o), None) => {
                let seen = Seen {
                    node: old,
                    method: o,
                };
                out.push(
                    Change::on_method(
                        Class::Breaking,
                        Kind::MethodRemoved,
                        node,
                        name,
                        seen.path(),
                    )
                    .values(Some(signature(&o.model)), None),
                )
            }
            (None, Some(n)) => {
                let seen = Seen {
                    node: new,
                    method: n,
                };
                out.push(
                    Change::on_method(
                        Class::NonBreaking,
                        Kind::MethodAdded,
                        node,
                        name,
                        seen.path(),
                    )
                    .values(None, Some(signature(&n.model))),
                )
            }
            (Some(o), Some(n)) => diff_method(
                out,
                Seen {
                    node: old,
                    method: o,
                },
                Seen {
                    node: new,
                    method: n,
                },
            ),
            (None, None) => {}
        }
    }
}

fn diff_method(out: &mut Changes, old: Seen<'_>, new: Seen<'_>) {
    let path = new.path();
    let node = new.node.name.as_str();
    let wire = new.method.model.wire_name.as_str();
    let change = |class, kind| Change::on_method(class, kind, node, wire, path.clone());
    if old.method.name != new.method.name {
        out.push(
            change(Class::Breaking, Kind::MethodRenamed)
                .values(
                    Some(old.method.name.to_string()),
                    Some(new.method.name.to_string()),
                )
                .rust_values(Some(old.path()), Some(path.clone())),
        );
    }
    let raw = |m: &ResolvedMethod| matches!(m.marker, Marker::RawParams);
    match (raw(old.method), raw(new.method)) {
        (true, false) => out.push(change(Class::Breaking, Kind::RawParamsRemoved)),
        (false, true) => out.push(change(Class::NonBreaking, Kind::RawParamsAdded)),
        _ => {}
    }
    diff_params(out, &change, old, new);
    diff_returns(out, &change, old, new);
    let (old, new) = (&old.method.model, &new.method.model);
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

type ParamPair<'a> = (&'a Param, &'a ResolvedParam);

/// A method's params, matched by wire name.
fn diff_params(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    old: Seen<'_>,
    new: Seen<'_>,
) {
    let (old_by, new_by) = (param_pairs(old.method), param_pairs(new.method));
    for name in old_by.keys().chain(new_by.keys()).collect::<BTreeSet<_>>() {
        let param = |class, kind| change(class, kind).on_param(name);
        match (old_by.get(name), new_by.get(name)) {
            (Some((o, r)), None) => out.push(
                param(Class::Breaking, Kind::ParamRemoved)
                    .values(Some(declaration(o)), None)
                    .rust_values(Some(old.typed(&r.ty).text()), None),
            ),
            (None, Some((n, r))) => {
                let (class, kind) = if r.setter.is_none() {
                    (Class::Breaking, Kind::RequiredParamAdded)
                } else {
                    (Class::NonBreaking, Kind::OptionalParamAdded)
                };
                out.push(
                    param(class, kind)
                        .values(None, Some(declaration(n)))
                        .rust_values(None, Some(new.typed(&r.ty).text())),
                );
            }
            (Some(o), Some(n)) => diff_param(out, &param, (old, *o), (new, *n)),
            (None, None) => {}
        }
    }
}

fn param_pairs(m: &ResolvedMethod) -> BTreeMap<&str, ParamPair<'_>> {
    m.params()
        .map(|(p, r)| (p.wire_name.as_str(), (p, r)))
        .collect()
}

/// A method's result: its type, then its doc.
fn diff_returns(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    old: Seen<'_>,
    new: Seen<'_>,
) {
    let unknown = Type::unknown();
    let (old_raw, old_ty) = returns_type(old.method.model.returns.as_ref(), &unknown);
    let (new_raw, new_ty) = returns_type(new.method.model.returns.as_ref(), &unknown);
    let (old_rust, new_rust) = (
        old.typed(&old.method.returns),
        new.typed(&new.method.returns),
    );
    if let Some(class) = type_class(old_ty != new_ty, old_rust.differs(&new_rust)) {
        out.push(
            change(class, Kind::ReturnTypeChanged)
                .values(type_text(old_raw, old_ty), type_text(new_raw, new_ty))
                .rust_values(Some(old_rust.text()), Some(new_rust.text())),
        );
    }
    let doc = |r: Option<&Returns>| r.and_then(|r| r.doc.clone());
    out.text(
        change(Class::Docs, Kind::ReturnDocChanged),
        doc(old.method.model.returns.as_ref()).as_deref(),
        doc(new.method.model.returns.as_ref()).as_deref(),
    );
}

/// A type change is breaking when a dependent sees another Rust type, docs when only the
/// documented (parsed) type changed; `None` when neither did.
fn type_class(model_differs: bool, rust_differs: bool) -> Option<Class> {
    match (model_differs, rust_differs) {
        (_, true) => Some(Class::Breaking),
        (true, false) => Some(Class::Docs),
        (false, false) => None,
    }
}

fn diff_param(
    out: &mut Changes,
    change: &dyn Fn(Class, Kind) -> Change,
    (old_seen, (old, old_r)): (Seen<'_>, ParamPair<'_>),
    (new_seen, (new, new_r)): (Seen<'_>, ParamPair<'_>),
) {
    // An argument (required) and a setter (optional or unknown) are different Rust API.
    let (was_setter, is_setter) = (old_r.setter.as_ref(), new_r.setter.as_ref());
    if old.optional != new.optional {
        let class = if was_setter.is_some() == is_setter.is_some() {
            Class::Docs
        } else {
            Class::Breaking
        };
        out.push(
            change(class, Kind::ParamOptionalityChanged)
                .values(
                    Some(optionality(old.optional).to_owned()),
                    Some(optionality(new.optional).to_owned()),
                )
                .rust_values(
                    was_setter.map(ToString::to_string),
                    is_setter.map(ToString::to_string),
                ),
        );
    } else if let (Some(was), Some(is)) = (was_setter, is_setter) {
        if was != is {
            out.push(
                change(Class::Breaking, Kind::ParamRenamed)
                    .rust_values(Some(was.to_string()), Some(is.to_string())),
            );
        }
    }
    let (old_rust, new_rust) = (old_seen.typed(&old_r.ty), new_seen.typed(&new_r.ty));
    if let Some(class) = type_class(old.ty != new.ty, old_rust.differs(&new_rust)) {
        out.push(
            change(class, Kind::ParamTypeChanged)
                .values(
                    type_text(old.raw_type.as_deref(), &old.ty),
                    type_text(new.raw_type.as_deref(), &new.ty),
                )
                .rust_values(Some(old_rust.text()), Some(new_rust.text())),
        );
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
mod tests;
