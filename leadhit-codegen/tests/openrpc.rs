//! The OpenRPC documents: a snapshot per fixture map, their methods and params against the
//! model, and the schemas each kind of type becomes. `xtask/tests/workflow/openrpc.rs`
//! validates them against the OpenRPC meta-schema.

mod support;

use leadhit_codegen::{build_api, generate, Optionality, Overrides, ResolvedApi, OPENRPC_DIR};
use serde_json::{json, Value};
use std::path::Path;
use support::render;

fn api_of(path: &Path) -> ResolvedApi {
    let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
    build_api(
        &[(name, std::fs::read(path).unwrap())],
        &Overrides::default(),
    )
    .value
}

/// The OpenRPC documents generated for `api`, as `(path, text)`.
fn documents(api: &ResolvedApi) -> Vec<(String, String)> {
    generate(api)
        .into_iter()
        .filter(|f| f.path.starts_with(&format!("{OPENRPC_DIR}/")))
        .map(|f| (f.path, f.contents))
        .collect()
}

/// The one document of a one-node page, parsed (after `support::run`'s checks on every file).
fn document(node: &str, page: String, overrides: &str) -> Value {
    let overrides = Overrides::parse(overrides).unwrap();
    let api = build_api(&[(node.to_owned(), page.into_bytes())], &overrides);
    assert!(!api.has_errors(), "{:?}", api.diagnostics);
    let docs = documents(&api.value);
    assert_eq!(docs.len(), 1);
    for file in generate(&api.value) {
        support::check_file(&file);
    }
    serde_json::from_str(&docs[0].1).unwrap()
}

#[test]
fn document_emitted_for_each_fixture_map() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        let mut out = String::new();
        for (file, text) in documents(&api_of(path)) {
            out.push_str(&format!("// ===== {file}\n{text}"));
        }
        insta::assert_snapshot!(out);
    });
}

#[test]
fn documents_are_deterministic() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        assert_eq!(documents(&api_of(path)), documents(&api_of(path)));
    });
}

/// Each document is written straight from the model; read back as values and printed by
/// `serde_json` (whose maps sort their keys), with the characters that change how text shows
/// escaped, it is the same text: its keys are sorted and nothing but the format differs.
#[test]
fn documents_print_as_their_values_do() {
    let shown_as_is = |c: char| {
        c == '\n'
            || !(c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}'))
    };
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        for (file, text) in documents(&api_of(path)) {
            let value: Value = serde_json::from_str(&text).unwrap();
            let mut printed = String::new();
            for c in serde_json::to_string_pretty(&value).unwrap().chars() {
                match shown_as_is(c) {
                    true => printed.push(c),
                    false => printed.push_str(&format!("\\u{:04X}", u32::from(c))),
                }
            }
            printed.push('\n');
            assert_eq!(printed, text, "{file}");
        }
    });
}

/// Each document lists its node's methods by wire name in page order, each param by wire name
/// with `required` as documented, says when params are undocumented, and names the documented
/// exception classes as `-32000` errors.
#[test]
fn documents_match_the_model() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        let api = api_of(path);
        let docs = documents(&api);
        assert_eq!(docs.len(), api.nodes.len());
        for (node, (file, text)) in api.nodes.iter().zip(&docs) {
            assert_eq!(file, &format!("{OPENRPC_DIR}/{}.json", node.name));
            let doc: Value = serde_json::from_str(text).unwrap();
            assert_eq!(doc["openrpc"], "1.3.2");
            let url = format!("https://service.leadhit.ru/api/v1/{}/", node.name);
            assert_eq!(doc["servers"][0]["url"], json!(url));
            let methods = doc["methods"].as_array().unwrap();
            assert_eq!(methods.len(), node.methods.len(), "{file}");
            for (m, method) in node.methods.iter().zip(methods) {
                let model = &m.model;
                assert_eq!(method["name"], json!(model.wire_name));
                assert_eq!(method["paramStructure"], "by-name");
                assert_eq!(method["summary"].as_str(), model.summary.as_deref());
                let params = method["params"].as_array().unwrap();
                let documented: Vec<(&str, bool)> = model
                    .params
                    .iter()
                    .flatten()
                    .map(|p| (p.wire_name.as_str(), p.optional == Optionality::Required))
                    .collect();
                let listed: Vec<(&str, bool)> = params
                    .iter()
                    .map(|p| (p["name"].as_str().unwrap(), p["required"] == true))
                    .collect();
                assert_eq!(listed, documented, "{file}: {}", model.wire_name);
                assert_eq!(method["x-undocumented"] == true, model.params.is_none());
                assert_eq!(method["x-extra-args"] == true, model.extra_args);
                assert_eq!(method["deprecated"] == true, model.deprecated.is_some());
                let mut kinds: Vec<&str> = Vec::new();
                for kind in model.raises.iter().filter_map(|r| r.kind.as_deref()) {
                    if !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
                let errors: Vec<&str> = method["errors"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .inspect(|e| assert_eq!(e["code"], -32000))
                    .map(|e| e["data"]["type"].as_str().unwrap())
                    .collect();
                assert_eq!(errors, kinds, "{file}: {}", model.wire_name);
                assert!(method["result"]["schema"].is_object());
            }
        }
    });
}

#[test]
fn each_kind_of_type_has_its_schema() {
    let doc = "Every type.\n\n\
        \x20   :param a: A.\n    :type a: list[Optional[int]]\n\
        \x20   :param b: B.\n    :type b: Literal['paid', 'submitted']\n\
        \x20   :param c: C.\n    :type c: list[str]\n\
        \x20   :param d: D.\n    :type d: dict[str, float]\n\
        \x20   :param e: E.\n    :type e: Union[int, str]\n\
        \x20   :param f: F.\n    :type f: datetime.date\n\
        \x20   :param g: Optional. G, defaults to 10.\n    :type g: SomeClass\n\
        \x20   :rtype: bool\n";
    let doc = document("orders", render(&[("m", doc)]), "");
    let method = &doc["methods"][0];
    let schema = |i: usize| method["params"][i]["schema"].clone();
    // A param's `Optional[...]` says it may be left out; inside a type it is nullable.
    assert_eq!(
        schema(0),
        json!({"type": "array", "items": {"anyOf": [{"type": "integer"}, {"type": "null"}]}})
    );
    assert_eq!(
        schema(1),
        json!({"type": "string", "enum": ["paid", "submitted"]})
    );
    assert_eq!(
        schema(2),
        json!({"type": "array", "items": {"type": "string"}})
    );
    assert_eq!(
        schema(3),
        json!({"type": "object", "additionalProperties": {"type": "number"}})
    );
    assert_eq!(
        schema(4),
        json!({"anyOf": [{"type": "integer"}, {"type": "string"}]})
    );
    assert_eq!(schema(5), json!({"type": "string", "format": "date"}));
    // No closer description: any value, with the Python type kept.
    assert_eq!(schema(6), json!({}));
    assert_eq!(method["params"][6]["x-python-type"], "SomeClass");
    assert_eq!(method["params"][6]["required"], false);
    assert_eq!(method["params"][0]["required"], true);
    assert_eq!(method["result"]["schema"], json!({"type": "boolean"}));
    assert_eq!(method["result"]["x-python-type"], "bool");
}

#[test]
fn a_record_is_a_component_schema() {
    let page = render(&[(
        "get_order",
        "Get an order.\n\n    :param order_id: The id.\n    :type order_id: str\n",
    )]);
    let overrides = "[orders.get_order]\nreturns = \"Order\"\n\n[records.Order]\n\
        order_id = \"str\"\nnote = { type = \"str\", optional = true, doc = \"A note.\" }\n";
    let doc = document("orders", page, overrides);
    assert_eq!(
        doc["methods"][0]["result"]["schema"],
        json!({"$ref": "#/components/schemas/Order"})
    );
    assert_eq!(
        doc["components"]["schemas"]["Order"],
        json!({
            "title": "Order",
            "type": "object",
            "properties": {
                "order_id": {"type": "string"},
                "note": {"type": "string", "description": "A note."},
            },
            "required": ["order_id"],
            "additionalProperties": true,
        })
    );
}

#[test]
fn undocumented_params_and_results_are_said_so_not_made_up() {
    let doc = document("orders", render(&[("ping", "None")]), "");
    let method = &doc["methods"][0];
    assert_eq!(method["params"], json!([]));
    assert_eq!(method["x-undocumented"], true);
    assert_eq!(method["result"]["schema"], json!({}));
    assert_eq!(method["result"]["x-undocumented"], true);
    assert!(method.get("summary").is_none(), "{method}");
}

#[test]
fn documented_exceptions_are_server_errors_and_deprecation_is_marked() {
    let doc = "Old way.\n\n\
        \x20   .. deprecated:: 2.0\n       Use new_way.\n\n\
        \x20   :raises ValidationError: If the id is bad.\n\
        \x20   :raises ValidationError: If the status is bad.\n\
        \x20   :raises KeyError: If there is no such order.\n";
    let doc = document("orders", render(&[("old_way", doc)]), "");
    let method = &doc["methods"][0];
    assert_eq!(method["deprecated"], true);
    assert!(method["x-deprecation"].as_str().is_some(), "{method}");
    assert_eq!(
        method["errors"],
        json!([
            {"code": -32000, "message": "Server error", "data": {"type": "ValidationError"}},
            {"code": -32000, "message": "Server error", "data": {"type": "KeyError"}},
        ])
    );
    assert_eq!(method["x-raises"].as_array().unwrap().len(), 3);
    assert_eq!(
        method["x-raises"][2]["description"],
        "If there is no such order."
    );
}

#[test]
fn direction_and_control_characters_are_escaped_in_the_text() {
    let page = render(&[("m", "Reads \u{202E}backwards, \u{7f} and \u{85}.")]);
    let api = build_api(
        &[("orders".to_owned(), page.into_bytes())],
        &Overrides::default(),
    );
    let (_, text) = &documents(&api.value)[0];
    for (raw, escaped) in [
        ('\u{202E}', "\\u202E"),
        ('\u{7f}', "\\u007F"),
        ('\u{85}', "\\u0085"),
    ] {
        assert!(!text.contains(raw), "{text}");
        assert!(text.contains(escaped), "{text}");
    }
    let doc: Value = serde_json::from_str(text).unwrap();
    assert_eq!(
        doc["methods"][0]["summary"],
        "Reads \u{202E}backwards, \u{7f} and \u{85}."
    );
}
