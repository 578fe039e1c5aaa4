//! `leadhit::spec` against the crate's OpenRPC documents (`openrpc/<node>.json`): both are
//! generated from the same resolved model, so the table must list every node, method and param
//! the documents do, with the same required flags, Python types and kinds of type. (The
//! end-to-end test compares the table with the model itself, on the test server's maps.)

use leadhit::spec::{self, MethodSpec, TypeSpec, NODES};
use serde_json::Value;

fn document(node: &str) -> Value {
    let path = format!("{}/openrpc/{node}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Whether `spec` is the type the JSON Schema `schema` describes (`doc` holds its components).
fn describes(spec: &TypeSpec, schema: &Value, doc: &Value) -> bool {
    let ty = schema["type"].as_str();
    match spec {
        TypeSpec::Enum(values) => {
            let listed: Vec<&str> = schema["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            ty == Some("string") && listed == *values
        }
        TypeSpec::String => ty == Some("string") && schema.get("enum").is_none(),
        TypeSpec::Integer => ty == Some("integer"),
        TypeSpec::Number => ty == Some("number"),
        TypeSpec::Boolean => ty == Some("boolean"),
        TypeSpec::Null => ty == Some("null"),
        TypeSpec::List(item) => ty == Some("array") && describes(item, &schema["items"], doc),
        TypeSpec::Map(value) => {
            ty == Some("object") && describes(value, &schema["additionalProperties"], doc)
        }
        TypeSpec::Union(types) => schema["anyOf"].as_array().is_some_and(|schemas| {
            schemas.len() == types.len()
                && types.iter().zip(schemas).all(|(t, s)| describes(t, s, doc))
        }),
        TypeSpec::Record(record) => {
            let Some(reference) = schema["$ref"].as_str() else {
                return false;
            };
            let name = reference.trim_start_matches("#/components/schemas/");
            let component = &doc["components"]["schemas"][name];
            component["title"] == record.name
                && record.fields.iter().all(|f| {
                    let listed = &component["properties"][f.name];
                    let required = component["required"]
                        .as_array()
                        .is_some_and(|r| r.iter().any(|n| n == f.name));
                    required == f.required && describes(&f.ty, listed, doc)
                })
        }
        TypeSpec::Any => schema.as_object().is_some_and(|o| o.is_empty()),
        _ => false,
    }
}

fn assert_method(spec: &MethodSpec, method: &Value, doc: &Value) {
    assert_eq!(method["name"], spec.name);
    assert_eq!(method["summary"].as_str(), spec.summary);
    assert_eq!(method["description"].as_str(), spec.description);
    assert_eq!(method["x-undocumented"] == true, spec.params.is_none());
    assert_eq!(method["x-extra-args"] == true, spec.extra_args);
    assert_eq!(method["deprecated"] == true, spec.deprecated);
    let listed = method["params"].as_array().unwrap();
    let params = spec.params.unwrap_or_default();
    assert_eq!(listed.len(), params.len(), "{}", spec.name);
    for (p, listed) in params.iter().zip(listed) {
        assert_eq!(listed["name"], p.name);
        assert_eq!(listed["required"], p.required);
        assert_eq!(listed["x-python-type"].as_str(), p.python_type);
        assert_eq!(listed["x-python-default"].as_str(), p.default);
        assert_eq!(listed["description"].as_str(), p.doc);
        assert!(describes(&p.ty, &listed["schema"], doc), "{p:?}: {listed}");
    }
    let result = &method["result"];
    match &spec.returns {
        Some(ty) => assert!(describes(ty, &result["schema"], doc), "{ty:?}: {result}"),
        None => assert_eq!(result["x-undocumented"], true),
    }
    assert_eq!(result["x-python-type"].as_str(), spec.returns_python_type);
    let kinds: Vec<&str> = method["x-raises"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["type"].as_str())
        .collect();
    let raised: Vec<&str> = spec.raises.iter().filter_map(|r| r.kind).collect();
    assert_eq!(kinds, raised);
}

#[test]
fn the_table_lists_what_the_openrpc_documents_do() {
    let mut documents: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/openrpc"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
            .collect();
    documents.sort();
    let nodes: Vec<&str> = NODES.iter().map(|n| n.name).collect();
    assert!(!nodes.is_empty(), "the table has the cached maps' nodes");
    assert_eq!(nodes, documents);
    for node in NODES {
        let doc = document(node.name);
        let url = format!("{}{}/", leadhit::DEFAULT_BASE_URL, node.name);
        assert_eq!(doc["servers"][0]["url"], url);
        let methods = doc["methods"].as_array().unwrap();
        assert_eq!(methods.len(), node.methods.len(), "{}", node.name);
        for (spec, method) in node.methods.iter().zip(methods) {
            assert_method(spec, method, &doc);
        }
    }
}

#[test]
fn methods_are_found_by_wire_names() {
    for node in NODES {
        assert_eq!(spec::node(node.name), Some(node));
        for method in node.methods {
            assert_eq!(spec::method(node.name, method.name), Some(method));
            assert_eq!(node.method(method.name), Some(method));
        }
    }
    let orders = spec::method("orders", "set_order_status").expect("the documented method");
    assert_eq!(orders.rust_name, "set_order_status");
    assert_eq!(spec::method("orders", "set-order-status"), None);
    assert_eq!(spec::method("no_such_node", "set_order_status"), None);
    assert_eq!(spec::node("no_such_node"), None);
}

#[test]
fn a_nullable_type_names_the_type_besides_null() {
    static INT: TypeSpec = TypeSpec::Integer;
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Integer, TypeSpec::Null]).non_null(),
        Some(&INT)
    );
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Null, TypeSpec::Integer]).non_null(),
        Some(&INT)
    );
    assert_eq!(
        TypeSpec::Union(&[TypeSpec::Integer, TypeSpec::String]).non_null(),
        None
    );
    assert_eq!(TypeSpec::Integer.non_null(), None);
}
