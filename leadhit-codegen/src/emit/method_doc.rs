//! The rustdoc of a generated method and of its setters, from the resolved method: map text
//! made inert by `docs.rs`, in the sections a Rust user looks for, with the Rust types the
//! caller passes (linked where they are generated) and the documented Python types beside them.

use super::docs::{code, inline, prose};
use crate::model::{Optionality, Param};
use crate::resolve::{Name, ResolvedMethod, ResolvedNode, ResolvedParam, RustType};

/// The doc of `method`, a method of `node` posted to `node_url`.
pub fn method_doc(node: &ResolvedNode, method: &ResolvedMethod, node_url: &str) -> String {
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
    push_optional(&mut doc, node, method);
    if m.extra_args {
        doc.push_str("\n\nThe method also takes extra arguments (`*args` / `**kwargs`); send those with [`Client::call`](crate::Client::call).");
    }
    push_returns(&mut doc, method);
    push_raises(&mut doc, method);
    doc.push_str(&format!(
        "\n\nJSON-RPC method {} at {}.",
        code(&m.wire_name),
        code(node_url)
    ));
    doc
}

/// The `# Params` section: the arguments, or how to send params the docstring does not list.
fn push_params(doc: &mut String, method: &ResolvedMethod) {
    if method.model.params.is_none() {
        doc.push_str("\n\n# Params\n\nThe docstring documents no params, so the signature is unknown: pass them with [`params`](crate::Request::params) on the returned request, as a JSON list or object.");
        return;
    }
    let mut required = method
        .params()
        .filter(|(_, r)| r.setter.is_none())
        .peekable();
    if required.peek().is_none() {
        return;
    }
    doc.push_str("\n\n# Params\n");
    for (p, r) in required {
        doc.push_str(&format!(
            "\n* {} ({}{}){}",
            code(&p.wire_name),
            argument_type(p, r),
            documented_as(p),
            param_doc(p)
        ));
    }
}

/// The `# Optional params` section: each setter of the returned request, and an example.
fn push_optional(doc: &mut String, node: &ResolvedNode, method: &ResolvedMethod) {
    let optional: Vec<(&Param, &ResolvedParam, &Name)> = method
        .params()
        .filter_map(|(p, r)| Some((p, r, r.setter.as_ref()?)))
        .collect();
    let Some((first, first_resolved, first_setter)) = optional.first() else {
        return;
    };
    doc.push_str("\n\n# Optional params\n\nSet them on the returned request; those left unset are not sent, so the server's defaults apply.\n");
    for (p, r, setter) in &optional {
        let wire = if setter.bare() == p.wire_name {
            String::new()
        } else {
            format!(" sets {}", code(&p.wire_name))
        };
        doc.push_str(&format!(
            "\n* {}{wire} ({}{}){}{}",
            code(&format!(".{}(..)", setter.bare())),
            argument_type(p, r),
            documented_as(p),
            param_doc(p),
            default_note(p)
        ));
    }
    let example = format!(
        "client.{}().{}({}).{}({}).await?",
        node.module.bare(),
        method.name.bare(),
        required_args(method),
        first_setter.bare(),
        example_value(first, &first_resolved.ty, method)
    );
    doc.push_str(&format!("\n\nFor example: {}", code(&example)));
}

/// The required arguments of a call, by name, for an example.
fn required_args(method: &ResolvedMethod) -> String {
    let names: Vec<&str> = method
        .params()
        .filter(|(_, r)| r.setter.is_none())
        .map(|(_, r)| r.name.bare())
        .collect();
    names.join(", ")
}

/// A value to show a setter called with: the documented default when it is a plain literal of
/// the param's type, or a sample of the type.
fn example_value(p: &Param, ty: &RustType, method: &ResolvedMethod) -> String {
    let default = p.default.as_deref().map(str::trim).unwrap_or("");
    match ty {
        RustType::I64 if !default.is_empty() && default.bytes().all(|b| b.is_ascii_digit()) => {
            default.to_owned()
        }
        RustType::I64 => "10".to_owned(),
        RustType::F64 => "1.5".to_owned(),
        RustType::Bool if default == "True" => "true".to_owned(),
        RustType::Bool => "false".to_owned(),
        RustType::String | RustType::Json => "\"...\"".to_owned(),
        RustType::List { .. } => "vec![..]".to_owned(),
        RustType::Enum { name } => {
            let first = method
                .enums
                .iter()
                .find(|e| e.name == *name)
                .and_then(|e| e.variants.first());
            match first {
                Some((variant, _)) => format!("{name}::{variant}"),
                None => format!("{name}::.."),
            }
        }
        RustType::Record { name } => format!("{name} {{ .. }}"),
        _ => "..".to_owned(),
    }
}

/// The type a caller passes for the param, as the docs show it.
fn argument_type(p: &Param, r: &ResolvedParam) -> String {
    match &r.ty {
        RustType::String if super::types::is_string(&p.ty) => "`impl Into<String>`".to_owned(),
        RustType::Json => "any `impl Serialize` value".to_owned(),
        ty => shown_type(ty),
    }
}

/// A Rust type for the docs: a link where it is one generated type, a code span otherwise
/// (followed by links to the generated types inside it).
pub fn shown_type(ty: &RustType) -> String {
    match ty {
        RustType::Enum { name } => format!("[`{name}`]"),
        RustType::Record { name } => format!("[`{name}`](crate::{name})"),
        _ => {
            let mut named = Vec::new();
            let text = type_text(ty, &mut named);
            let links: Vec<String> = named.iter().map(|n| shown_type(n)).collect();
            if links.is_empty() {
                code(&text)
            } else {
                format!("{} (see {})", code(&text), links.join(", "))
            }
        }
    }
}

/// The Rust spelling of a type, short (`Vec<String>`), collecting the generated types in it.
fn type_text<'a>(ty: &'a RustType, named: &mut Vec<&'a RustType>) -> String {
    ty.spelled(&mut |t, name| {
        if !named.contains(&t) {
            named.push(t);
        }
        name.to_string()
    })
}

/// `, Python `int, optional``, when the docstring (or an override) gives a type.
fn documented_as(p: &Param) -> String {
    match &p.raw_type {
        Some(raw) if !raw.trim().is_empty() => format!(", Python {}", code(raw)),
        _ => String::new(),
    }
}

/// `: the doc`, when the param has one.
fn param_doc(p: &Param) -> String {
    match &p.doc {
        Some(d) if !d.trim().is_empty() => format!(": {}", inline(d)),
        _ => String::new(),
    }
}

/// ` Server default: `10`.`, unless the param's doc already speaks of its default: a default
/// is stated once.
fn default_note(p: &Param) -> String {
    let mentioned = p.doc.as_deref().is_some_and(|d| {
        let d = d.to_lowercase();
        d.contains("default") || d.contains("по умолчанию")
    });
    match &p.default {
        Some(default) if !mentioned => format!(" Server default: {}.", code(default)),
        _ => String::new(),
    }
}

/// The `# Returns` section, when the docstring documents the result.
fn push_returns(doc: &mut String, method: &ResolvedMethod) {
    let Some(r) = &method.model.returns else {
        return;
    };
    doc.push_str("\n\n# Returns\n\n");
    doc.push_str(&shown_type(&method.returns));
    if let Some(raw) = r.raw_type.as_deref().filter(|t| !t.trim().is_empty()) {
        doc.push_str(&format!(", Python {}", code(raw)));
    }
    match &r.doc {
        Some(d) if !d.trim().is_empty() => doc.push_str(&format!(": {}", inline(d))),
        _ => doc.push('.'),
    }
}

/// The `# Errors` section, when the docstring documents exceptions.
fn push_raises(doc: &mut String, method: &ResolvedMethod) {
    let raises = &method.model.raises;
    if raises.is_empty() {
        return;
    }
    doc.push_str("\n\n# Errors\n\nThe server answers with [`Error::Rpc`](crate::Error::Rpc), whose [`kind`](crate::RpcError::kind) is:\n");
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
pub fn setter_doc(p: &Param, r: &ResolvedParam) -> String {
    let mut doc = format!(
        "Sets the optional param {} ({}{}).",
        code(&p.wire_name),
        argument_type(p, r),
        documented_as(p)
    );
    if let Some(d) = &p.doc {
        doc.push(' ');
        doc.push_str(&inline(d));
    }
    doc.push_str(&default_note(p));
    if p.optional == Optionality::Unknown {
        doc.push_str("\n\nThe docstring does not say whether this param is required.");
    }
    doc.push_str("\n\nWhen not set, the param is not sent and the server's default applies.");
    doc
}
