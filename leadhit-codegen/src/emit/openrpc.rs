//! The resolved API → one OpenRPC 1.3 document per node (`openrpc/<node>.json`), for tools in
//! other languages.
//!
//! Each document is a `serde_json` value, pretty-printed. Its objects' keys come out sorted
//! (`serde_json`'s map without `preserve_order`, as this workspace builds it; with it, in the
//! fixed order they are inserted), and methods and params are in page and documented order,
//! so the same maps always make the same bytes and a map change reads as a diff of these files.
//! What the maps do not say is said so in an `x-` extension, never made up: `x-undocumented`
//! on a method whose docstring documents no params (its `params` is empty) and on a result of
//! no documented type; `x-python-type` keeps each documented Python type as written.

mod schema;

use super::{header, GeneratedFile};
use crate::diagnostics::is_bidi_control;
use crate::model::{Param, Raise};
use crate::resolve::{ResolvedMethod, ResolvedNode, ResolvedRecord};
use schema::Schemas;
use serde_json::{json, Map, Value};

/// Where the OpenRPC documents live, relative to the `leadhit-generated` crate root.
pub const OPENRPC_DIR: &str = "openrpc";

/// The OpenRPC version the documents follow.
pub const OPENRPC_VERSION: &str = "1.3.2";

/// The API's version, for `info.version`: the maps carry none, and the URL says `v1`.
const API_VERSION: &str = "1.0.0";

/// The code and message of the json-rpc library's answer to a method that raised; its `data`
/// is `{type, args, message}`, `type` being the exception's class.
const SERVER_ERROR: (i64, &str) = (-32000, "Server error");

/// The document of one node, as a file; it depends on that node and the records only.
pub fn document_file(
    records: &[ResolvedRecord],
    node: &ResolvedNode,
    base_url: &str,
) -> GeneratedFile {
    GeneratedFile {
        path: format!("{OPENRPC_DIR}/{}.json", node.name),
        contents: pretty(&document(records, node, base_url)),
    }
}

/// `value` pretty-printed, with the characters that change how text around them is shown
/// (bidirectional controls, DEL and the C1 controls, which `serde_json` leaves raw) written as
/// `\uXXXX` escapes: the same JSON, but a diff, an editor or a terminal shows the file as it is.
fn pretty(value: &Value) -> String {
    // A `Value` has string keys only, so it always serializes.
    let text = serde_json::to_string_pretty(value).expect("a JSON value serializes");
    let mut out = String::with_capacity(text.len() + 1);
    let mut copied = 0;
    // Each such character's UTF-8 starts with one of these bytes (DEL; C1 controls; U+061C;
    // U+200E.., U+202A.., U+2066..), which no other character's continuation bytes are: only
    // there is a character decoded, and the text between is copied as it is.
    let starts = text.bytes().enumerate();
    for (at, _) in starts.filter(|(_, b)| matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)) {
        let c = text[at..].chars().next().unwrap_or_default();
        // JSON's own syntax has no control character but the pretty-printer's newlines, and
        // `serde_json` escapes those below U+0020.
        if is_bidi_control(c) || c.is_control() {
            // Only ever inside a string (JSON's syntax is ASCII), where an escape means the same.
            out.push_str(&text[copied..at]);
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
            copied = at + c.len_utf8();
        }
    }
    out.push_str(&text[copied..]);
    out.push('\n');
    out
}

/// The document of one node.
fn document(records: &[ResolvedRecord], node: &ResolvedNode, base_url: &str) -> Value {
    let url = format!("{base_url}{}/", node.name);
    let mut schemas = Schemas::new(records);
    let methods: Vec<Value> = node
        .methods
        .iter()
        .map(|m| method(m, &mut schemas))
        .collect();
    let description = format!(
        "The `{}` node of the LeadHit JSON-RPC API, from its method map. {}",
        node.name,
        header(&format!("maps-cache/{}.html", node.name))
    );
    let mut doc = json!({
        "openrpc": OPENRPC_VERSION,
        "info": {
            "title": format!("LeadHit API: {}", node.name),
            "version": API_VERSION,
            "description": description,
        },
        "servers": [{"name": node.name, "url": url}],
        "methods": methods,
    });
    let components = schemas.into_components();
    if !components.is_empty() {
        doc["components"] = json!({ "schemas": components });
    }
    doc
}

fn method(m: &ResolvedMethod, schemas: &mut Schemas) -> Value {
    let model = &m.model;
    let mut out = Map::new();
    out.insert("name".into(), json!(model.wire_name));
    insert_text(&mut out, "summary", model.summary.as_deref());
    insert_text(&mut out, "description", model.doc.as_deref());
    out.insert("paramStructure".into(), json!("by-name"));
    let params: Vec<Value> = model
        .params
        .iter()
        .flatten()
        .map(|p| param(p, schemas))
        .collect();
    out.insert("params".into(), Value::Array(params));
    if model.params.is_none() {
        out.insert("x-undocumented".into(), json!(true));
    }
    if model.extra_args {
        out.insert("x-extra-args".into(), json!(true));
    }
    out.insert("result".into(), result(m, schemas));
    let errors = errors(&model.raises);
    if !errors.is_empty() {
        out.insert("errors".into(), Value::Array(errors));
    }
    if !model.raises.is_empty() {
        out.insert("x-raises".into(), raises(&model.raises));
    }
    if let Some(note) = &model.deprecated {
        out.insert("deprecated".into(), json!(true));
        insert_text(&mut out, "x-deprecation", Some(note));
    }
    Value::Object(out)
}

fn param(p: &Param, schemas: &mut Schemas) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(p.wire_name));
    insert_text(&mut out, "description", p.doc.as_deref());
    out.insert(
        "required".into(),
        json!(p.optional == crate::model::Optionality::Required),
    );
    out.insert("schema".into(), schemas.of(&p.ty));
    insert_text(&mut out, "x-python-type", p.raw_type.as_deref());
    // The default as the docstring writes it: Python text, not a JSON value.
    insert_text(&mut out, "x-python-default", p.default.as_deref());
    Value::Object(out)
}

/// The `result` descriptor; of any value, and marked undocumented, when the docstring does not
/// say what the method returns (OpenRPC reads a method without `result` as a notification).
fn result(m: &ResolvedMethod, schemas: &mut Schemas) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!("result"));
    match &m.model.returns {
        Some(r) => {
            insert_text(&mut out, "description", r.doc.as_deref());
            out.insert("schema".into(), schemas.of(&r.ty));
            insert_text(&mut out, "x-python-type", r.raw_type.as_deref());
        }
        None => {
            out.insert("schema".into(), json!({}));
            out.insert("x-undocumented".into(), json!(true));
        }
    }
    Value::Object(out)
}

/// One error object per documented exception class, in documented order: the json-rpc
/// library's `-32000` whose `data.type` names the class.
fn errors(raises: &[Raise]) -> Vec<Value> {
    let mut seen = Vec::new();
    for kind in raises.iter().filter_map(|r| r.kind.as_deref()) {
        if !seen.contains(&kind) {
            seen.push(kind);
        }
    }
    let (code, message) = SERVER_ERROR;
    seen.into_iter()
        .map(|kind| json!({"code": code, "message": message, "data": {"type": kind}}))
        .collect()
}

/// The documented exceptions with what the docstring says of each (error objects take no
/// descriptions).
fn raises(raises: &[Raise]) -> Value {
    let raises = raises.iter().map(|r| {
        let mut out = Map::new();
        insert_text(&mut out, "type", r.kind.as_deref());
        insert_text(&mut out, "description", r.doc.as_deref());
        Value::Object(out)
    });
    Value::Array(raises.collect())
}

fn insert_text(out: &mut Map<String, Value>, key: &str, text: Option<&str>) {
    if let Some(text) = text {
        out.insert(key.into(), json!(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the fuzz corpora: a DEL in a docstring reached a document raw.
    #[test]
    fn characters_that_change_how_text_shows_are_escaped_and_mean_the_same() {
        let value = json!({"doc": "a\u{7f}b\u{85}c\u{202e}d\te\nf"});
        let text = pretty(&value);
        assert!(text.contains(r"a\u007Fb\u0085c\u202Ed\te\nf"), "{text}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
