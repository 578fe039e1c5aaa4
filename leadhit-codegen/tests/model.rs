//! Snapshots of the model built from every fixture map page (made by the real json-rpc library).

mod support;

use leadhit_codegen::{build_api, build_model, Node, Overrides};
use serde::Serialize;

#[derive(Serialize)]
struct Snapshot {
    node: Option<Node>,
    /// Every diagnostic of building the API: lowering's, and resolving's.
    diagnostics: Vec<String>,
}

/// The model as the emitters see it (by wire name, before any Rust name is chosen, with the
/// default injected params dropped), with what building the API from it reports.
#[test]
fn model_of_each_fixture_map() {
    insta::glob!(support::FIXTURES, "maps/*.html", |path| {
        let pages = vec![(
            path.file_stem().unwrap().to_str().unwrap().to_owned(),
            std::fs::read(path).unwrap(),
        )];
        let model = build_model(&pages, &Overrides::default());
        let resolved = build_api(&pages, &Overrides::default());
        let snapshot = Snapshot {
            node: model.value.nodes.into_iter().next(),
            diagnostics: resolved
                .diagnostics
                .iter()
                .map(ToString::to_string)
                .collect(),
        };
        insta::assert_yaml_snapshot!(snapshot);
    });
}

#[test]
fn pages_that_are_not_maps_are_errors_that_say_so() {
    insta::glob!(support::FIXTURES, "not-maps/*", |path| {
        let pages = vec![("orders".to_owned(), std::fs::read(path).unwrap())];
        let api = build_api(&pages, &Overrides::default());
        assert!(
            api.value.nodes.is_empty(),
            "{} was taken for a map",
            path.display()
        );
        assert_eq!(api.diagnostics.len(), 1);
        let message = api.diagnostics[0].to_string();
        assert!(
            message.contains("not a JSON-RPC map") || message.contains("empty"),
            "{message}"
        );
    });
}
