//! Argument parsing against the shipped spec (`orders set-order-status --order-id --status`):
//! names in both spellings, required params, and how `--params` combines with the flags.

use clap::error::ErrorKind;
use serde_json::{json, Value};

use crate::app::{command, find_method, find_node};
use crate::call::params;

/// The params `args` (after `leadhit`) would send, or the usage error's message.
fn sent(args: &[&str]) -> Result<Option<Value>, String> {
    let matches = command()
        .try_get_matches_from(std::iter::once("leadhit").chain(args.iter().copied()))
        .map_err(|error| error.to_string())?;
    let (node, matches) = matches.subcommand().unwrap();
    let (method, matches) = matches.subcommand().unwrap();
    let method = find_method(find_node(node).unwrap(), method).unwrap();
    params(method, matches)
}

fn clap_error(args: &[&str]) -> ErrorKind {
    command()
        .try_get_matches_from(std::iter::once("leadhit").chain(args.iter().copied()))
        .unwrap_err()
        .kind()
}

#[test]
fn kebab_case_and_wire_names_are_both_accepted() {
    let expected = Ok(Some(json!({"order_id": "f1", "status": "paid"})));
    for args in [
        [
            "orders",
            "set-order-status",
            "--order-id",
            "f1",
            "--status",
            "paid",
        ],
        [
            "orders",
            "set_order_status",
            "--order_id",
            "f1",
            "--status",
            "paid",
        ],
    ] {
        assert_eq!(sent(&args), expected, "{args:?}");
    }
}

#[test]
fn a_missing_required_param_is_a_usage_error() {
    assert_eq!(
        clap_error(&["orders", "set-order-status", "--order-id", "f1"]),
        ErrorKind::MissingRequiredArgument
    );
    assert_eq!(
        clap_error(&[
            "orders",
            "set-order-status",
            "--order-id",
            "f1",
            "--shop",
            "1"
        ]),
        ErrorKind::UnknownArgument
    );
    assert_eq!(clap_error(&["shops", "list"]), ErrorKind::InvalidSubcommand);
    let error = sent(&[
        "orders",
        "set-order-status",
        "--params",
        r#"{"order_id": "f1"}"#,
    ]);
    assert_eq!(
        error,
        Err(
            r#"the required param "status" is missing: pass --status or put it in --params"#
                .to_owned()
        )
    );
}

#[test]
fn params_json_is_sent_raw_or_merged_with_the_flags() {
    let object = r#"{"order_id": "f1", "note": [1]}"#;
    assert_eq!(
        sent(&[
            "orders",
            "set-order-status",
            "--params",
            object,
            "--status",
            "paid"
        ]),
        Ok(Some(
            json!({"order_id": "f1", "status": "paid", "note": [1]})
        ))
    );
    assert_eq!(
        sent(&[
            "orders",
            "set-order-status",
            "--params",
            r#"["f1", "paid"]"#
        ]),
        Ok(Some(json!(["f1", "paid"])))
    );
    let twice = sent(&[
        "orders",
        "set-order-status",
        "--params",
        object,
        "--order-id",
        "f2",
        "--status",
        "paid",
    ]);
    assert!(twice
        .unwrap_err()
        .contains("both in --params and as a flag"));
    let mixed = sent(&[
        "orders",
        "set-order-status",
        "--params",
        "[1]",
        "--status",
        "paid",
    ]);
    assert!(mixed.unwrap_err().contains("cannot be combined"));
    let bad = sent(&["orders", "set-order-status", "--params", "{oops"]);
    assert!(bad.unwrap_err().starts_with("--params is not JSON"));
    let scalar = sent(&["orders", "set-order-status", "--params", "3"]);
    assert!(scalar
        .unwrap_err()
        .contains("object (named params) or array"));
}

#[test]
fn help_lists_what_exists_with_summaries() {
    let mut root = command();
    let help = root.render_help().to_string();
    assert!(
        help.contains("orders") && help.contains("describe"),
        "{help}"
    );
    let node = root.find_subcommand_mut("orders").unwrap();
    let help = node.render_help().to_string();
    assert!(help.contains("set-order-status") && help.contains("Set the status of an order"));
    let method = node.find_subcommand_mut("set-order-status").unwrap();
    let help = method.render_long_help().to_string();
    assert!(help.contains("--order-id <STRING>"), "{help}");
    assert!(help.contains("The order's id"), "{help}");
}
