//! The rustdoc of a generated method and of its setters, from the method's model: map text made
//! inert by `docs.rs`, in the sections a Rust user looks for.

use super::docs::{code, inline, prose};
use crate::model::{Optionality, Param};
use crate::resolve::ResolvedMethod;

/// The doc of the method on the node handle.
pub fn method_doc(method: &ResolvedMethod, node_url: &str) -> String {
    let m = &method.model;
    let mut doc = match &m.summary {
        Some(s) if !s.trim().is_empty() => inline(s),
        _ => format!(
            "Calls {} (the map gives no description).",
            code(&m.wire_name)
        ),
    };
    if let Some(d) = &m.doc {
        if !d.trim().is_empty() {
            doc.push_str("\n\n");
            doc.push_str(&prose(d));
        }
    }
    if let Some(note) = &m.deprecated {
        doc.push_str(&format!("\n\n**Deprecated:** {}", inline(note)));
    }
    push_params(&mut doc, method);
    if m.extra_args {
        doc.push_str("\n\nThe method also takes extra arguments (`*args` / `**kwargs`); send those with `Client::call`.");
    }
    push_returns(&mut doc, method);
    push_raises(&mut doc, method);
    doc.push_str(&format!(
        "\n\nJSON-RPC method {} at {} (map line {}).",
        code(&m.wire_name),
        code(node_url),
        m.line
    ));
    doc
}

/// The `# Params` and `# Optional params` sections.
fn push_params(doc: &mut String, method: &ResolvedMethod) {
    if method.model.params.is_none() {
        doc.push_str("\n\n# Params\n\nThe docstring documents no params, so the signature is unknown: pass them with `.params(...)` on the returned request, as a JSON list or object.");
        return;
    }
    let (required, optional): (Vec<_>, Vec<_>) =
        method.params().partition(|(_, r)| r.setter.is_none());
    let param_line = |p: &Param| {
        let mut line = String::from("* ");
        push_name_and_type(&mut line, p);
        if let Some(d) = &p.doc {
            line.push_str(": ");
            line.push_str(&inline(d));
        }
        line
    };
    if !required.is_empty() {
        doc.push_str("\n\n# Params\n");
        for (p, _) in required {
            doc.push('\n');
            doc.push_str(&param_line(p));
        }
    }
    if !optional.is_empty() {
        doc.push_str("\n\n# Optional params\n\nSet them on the returned request; unset ones are left out so the server's defaults apply.\n");
        for (p, _) in optional {
            doc.push('\n');
            doc.push_str(&param_line(p));
        }
    }
}

/// The `# Returns` section, when the docstring documents the result.
fn push_returns(doc: &mut String, method: &ResolvedMethod) {
    let Some(r) = &method.model.returns else {
        return;
    };
    doc.push_str("\n\n# Returns\n\n");
    match (&r.raw_type, &r.doc) {
        (Some(t), Some(d)) => doc.push_str(&format!("{}: {}", code(t), inline(d))),
        (Some(t), None) => doc.push_str(&code(t)),
        (None, Some(d)) => doc.push_str(&inline(d)),
        (None, None) => doc.push_str("Documented without a type."),
    }
}

/// The `# Errors` section, when the docstring documents exceptions.
fn push_raises(doc: &mut String, method: &ResolvedMethod) {
    let raises = &method.model.raises;
    if raises.is_empty() {
        return;
    }
    doc.push_str("\n\n# Errors\n\nThe server answers with `Error::Rpc` whose `kind()` is:\n");
    for r in raises {
        doc.push('\n');
        doc.push_str(&format!(
            "* {}{}",
            r.kind
                .as_deref()
                .map(code)
                .unwrap_or_else(|| "an error".into()),
            r.doc
                .as_deref()
                .map(|d| format!(": {}", inline(d)))
                .unwrap_or_default()
        ));
    }
}

/// The doc of an optional param's setter.
pub fn setter_doc(p: &Param) -> String {
    let mut doc = String::from("Sets the optional param ");
    push_name_and_type(&mut doc, p);
    doc.push('.');
    if let Some(d) = &p.doc {
        doc.push(' ');
        doc.push_str(&inline(d));
    }
    if let Some(default) = &p.default {
        doc.push_str(&format!("\n\nServer default: {}.", code(default)));
    }
    if p.optional == Optionality::Unknown {
        doc.push_str("\n\nThe docstring does not say whether this param is required.");
    }
    doc.push_str(
        "\n\nWhen not set, the param is left out of the request and the server's default applies.",
    );
    doc
}

/// Appends how the docs name a param: `` `wire` `` and, when documented, `` (`type`) ``.
fn push_name_and_type(doc: &mut String, p: &Param) {
    doc.push_str(&code(&p.wire_name));
    if let Some(raw) = &p.raw_type {
        doc.push_str(" (");
        doc.push_str(&code(raw));
        doc.push(')');
    }
}
