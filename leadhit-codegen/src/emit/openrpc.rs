//! The resolved API → one OpenRPC 1.3 document per node (`openrpc/<node>.json`), for tools in
//! other languages.
//!
//! Each document is written straight from the model by `serde_json`'s pretty-printer: it is
//! a tree of structs ([`Document`] down to `schema::Schema`) whose fields are declared in the
//! sorted order of their JSON keys, and fields a map leaves out are left out of the document.
//! Methods and params are in page and documented order, so the same maps always make the same
//! bytes and a map change reads as a diff of these files (building `serde_json::Value` trees
//! first, with a sorted map per object, was most of their cost; a test reads each document back
//! as values and checks it prints the same). What the maps do not say is said so in an `x-`
//! extension, never made up: `x-undocumented` on a method whose docstring documents no params
//! (its `params` is empty) and on a result of no documented type; `x-python-type` keeps each
//! documented Python type as written.

mod schema;

use super::{header, GeneratedFile};
use crate::diagnostics::is_bidi_control;
use crate::model::{Param, Raise};
use crate::resolve::{ResolvedMethod, ResolvedNode, ResolvedRecord};
use schema::{RecordSchema, Schema, Schemas};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::collections::BTreeMap;
use std::io;

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
fn pretty(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(1 << 16);
    let mut printer = serde_json::Serializer::with_formatter(&mut out, Escaping::default());
    // Into a `Vec`, of structs and maps with string keys: nothing can fail.
    value
        .serialize(&mut printer)
        .expect("a document serializes");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// `serde_json`'s pretty-printer, but for the text of strings (keys too), whose characters that
/// change how text shows are escaped.
#[derive(Default)]
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        text: &str,
    ) -> io::Result<()> {
        let mut copied = 0;
        // Each such character's UTF-8 starts with one of these bytes (DEL; C1 controls; U+061C;
        // U+200E.., U+202A.., U+2066..), which no other character's continuation bytes are: only
        // there is a character decoded, and the text between is copied as it is. `serde_json`
        // has escaped the controls below U+0020 already, outside the fragments.
        let starts = text.bytes().enumerate();
        for (at, _) in starts.filter(|(_, b)| matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)) {
            let c = text[at..].chars().next().unwrap_or_default();
            if is_bidi_control(c) || c.is_control() {
                w.write_all(&text.as_bytes()[copied..at])?;
                write!(w, "\\u{:04X}", u32::from(c))?;
                copied = at + c.len_utf8();
            }
        }
        w.write_all(&text.as_bytes()[copied..])
    }

    // The rest is the pretty-printer's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// One node's document. Every struct below lists its fields in the sorted order of their keys.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<Components<'a>>,
    info: Info,
    methods: Vec<MethodObject<'a>>,
    openrpc: &'static str,
    servers: [Server<'a>; 1],
}

#[derive(Serialize)]
struct Components<'a> {
    schemas: BTreeMap<String, Option<RecordSchema<'a>>>,
}

#[derive(Serialize)]
struct Info {
    description: String,
    title: String,
    version: &'static str,
}

#[derive(Serialize)]
struct Server<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct MethodObject<'a> {
    #[serde(skip_serializing_if = "is_false")]
    deprecated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorObject<'a>>,
    name: &'a str,
    #[serde(rename = "paramStructure")]
    param_structure: &'static str,
    params: Vec<ParamObject<'a>>,
    result: ResultObject<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(rename = "x-deprecation", skip_serializing_if = "Option::is_none")]
    deprecation: Option<&'a str>,
    #[serde(rename = "x-extra-args", skip_serializing_if = "is_false")]
    extra_args: bool,
    #[serde(rename = "x-raises", skip_serializing_if = "Vec::is_empty")]
    raises: Vec<RaiseObject<'a>>,
    #[serde(rename = "x-undocumented", skip_serializing_if = "is_false")]
    undocumented: bool,
}

#[derive(Serialize)]
struct ParamObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    name: &'a str,
    required: bool,
    schema: Schema<'a>,
    /// The default as the docstring writes it: Python text, not a JSON value.
    #[serde(rename = "x-python-default", skip_serializing_if = "Option::is_none")]
    python_default: Option<&'a str>,
    #[serde(rename = "x-python-type", skip_serializing_if = "Option::is_none")]
    python_type: Option<&'a str>,
}

/// The `result` descriptor; of any value, and marked undocumented, when the docstring does not
/// say what the method returns (OpenRPC reads a method without `result` as a notification).
#[derive(Serialize)]
struct ResultObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    name: &'static str,
    schema: Schema<'a>,
    #[serde(rename = "x-python-type", skip_serializing_if = "Option::is_none")]
    python_type: Option<&'a str>,
    #[serde(rename = "x-undocumented", skip_serializing_if = "is_false")]
    undocumented: bool,
}

/// The json-rpc library's `-32000` whose `data.type` names the exception class.
#[derive(Serialize)]
struct ErrorObject<'a> {
    code: i64,
    data: ErrorData<'a>,
    message: &'static str,
}

#[derive(Serialize)]
struct ErrorData<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
}

/// A documented exception with what the docstring says of it (error objects take no
/// descriptions).
#[derive(Serialize)]
struct RaiseObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// The document of one node.
fn document<'a>(
    records: &'a [ResolvedRecord],
    node: &'a ResolvedNode,
    base_url: &str,
) -> Document<'a> {
    let mut schemas = Schemas::new(records);
    let methods = node
        .methods
        .iter()
        .map(|m| method(m, &mut schemas))
        .collect();
    let description = format!(
        "The `{}` node of the LeadHit JSON-RPC API, from its method map. {}",
        node.name,
        header(&format!("maps-cache/{}.html", node.name))
    );
    let components = schemas.into_components();
    Document {
        components: (!components.is_empty()).then_some(Components {
            schemas: components,
        }),
        info: Info {
            description,
            title: format!("LeadHit API: {}", node.name),
            version: API_VERSION,
        },
        methods,
        openrpc: OPENRPC_VERSION,
        servers: [Server {
            name: &node.name,
            url: format!("{base_url}{}/", node.name),
        }],
    }
}

fn method<'a>(m: &'a ResolvedMethod, schemas: &mut Schemas<'a>) -> MethodObject<'a> {
    let model = &m.model;
    let params = model.params.iter().flatten();
    MethodObject {
        deprecated: model.deprecated.is_some(),
        description: model.doc.as_deref(),
        errors: errors(&model.raises),
        name: &model.wire_name,
        param_structure: "by-name",
        params: params.map(|p| param(p, schemas)).collect(),
        result: result(m, schemas),
        summary: model.summary.as_deref(),
        deprecation: model.deprecated.as_deref(),
        extra_args: model.extra_args,
        raises: model.raises.iter().map(raise).collect(),
        undocumented: model.params.is_none(),
    }
}

fn param<'a>(p: &'a Param, schemas: &mut Schemas<'a>) -> ParamObject<'a> {
    ParamObject {
        description: p.doc.as_deref(),
        name: &p.wire_name,
        required: p.optional == crate::model::Optionality::Required,
        schema: schemas.of(&p.ty),
        python_default: p.default.as_deref(),
        python_type: p.raw_type.as_deref(),
    }
}

fn result<'a>(m: &'a ResolvedMethod, schemas: &mut Schemas<'a>) -> ResultObject<'a> {
    let returns = m.model.returns.as_ref();
    ResultObject {
        description: returns.and_then(|r| r.doc.as_deref()),
        name: "result",
        schema: returns.map_or_else(Schema::default, |r| schemas.of(&r.ty)),
        python_type: returns.and_then(|r| r.raw_type.as_deref()),
        undocumented: returns.is_none(),
    }
}

/// One error object per documented exception class, in documented order.
fn errors(raises: &[Raise]) -> Vec<ErrorObject<'_>> {
    let mut seen = Vec::new();
    for kind in raises.iter().filter_map(|r| r.kind.as_deref()) {
        if !seen.contains(&kind) {
            seen.push(kind);
        }
    }
    let (code, message) = SERVER_ERROR;
    seen.into_iter()
        .map(|kind| ErrorObject {
            code,
            data: ErrorData { kind },
            message,
        })
        .collect()
}

fn raise(r: &Raise) -> RaiseObject<'_> {
    RaiseObject {
        description: r.doc.as_deref(),
        kind: r.kind.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Found by the fuzz corpora: a DEL in a docstring reached a document raw.
    #[test]
    fn characters_that_change_how_text_shows_are_escaped_and_mean_the_same() {
        let value = json!({"doc": "a\u{7f}b\u{85}c\u{202e}d\te\nf", "k\u{2066}": "\u{61c}"});
        let text = pretty(&value);
        assert!(text.contains(r"a\u007Fb\u0085c\u202Ed\te\nf"), "{text}");
        assert!(text.contains(r#""k\u2066": "\u061C""#), "{text}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
