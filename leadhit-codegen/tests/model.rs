//! Snapshots of the model built from every fixture map page (made by the real json-rpc library).

mod support;

use leadhit_codegen::lower::{lower_node, Options};
use serde::Serialize;

#[derive(Serialize)]
struct Snapshot {
    node: Option<leadhit_codegen::model::Node>,
    diagnostics: Vec<String>,
}

#[test]
fn model_of_each_fixture_map() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        let mut diagnostics = Vec::new();
        let node = lower_node(name, &bytes, &Options::default(), &mut diagnostics);
        let snapshot = Snapshot {
            node,
            diagnostics: diagnostics.iter().map(ToString::to_string).collect(),
        };
        insta::assert_yaml_snapshot!(snapshot);
    });
}

#[test]
fn pages_that_are_not_maps_are_errors_that_say_so() {
    insta::glob!(support::FIXTURES, "not-maps/*", |path| {
        let bytes = std::fs::read(path).unwrap();
        let mut diagnostics = Vec::new();
        let node = lower_node("orders", &bytes, &Options::default(), &mut diagnostics);
        assert_eq!(node, None, "{} was taken for a map", path.display());
        assert_eq!(diagnostics.len(), 1);
        let message = diagnostics[0].to_string();
        assert!(
            message.contains("not a JSON-RPC map") || message.contains("empty"),
            "{message}"
        );
    });
}
