//! The command tree, built at run time from [`leadhit::spec`]: one subcommand per node, one per
//! method under it, one flag per documented param, each by its kebab-case name with the wire
//! name as an alias.

use std::collections::HashSet;

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command};
use leadhit::spec::{self, MethodSpec, NodeSpec, ParamSpec, TypeSpec};

use crate::convert;
use crate::show::inert;

/// Subcommands of the tool itself; a node of the same name cannot be reached by it.
const BUILTINS: [&str; 4] = ["list", "describe", "completions", "help"];

/// Flags every method command has (the global ones propagate to it); a param of the same name
/// is reachable through `--params` only.
const RESERVED_FLAGS: [&str; 6] = [
    "help", "params", "base-url", "api-key", "compact", "version",
];

/// The `--help` heading of the flags every command has, after the method's own.
const GLOBAL: &str = "Global options";

/// The environment variable the API key is read from when `--api-key` is not given.
pub const API_KEY_ENV: &str = "LEADHIT_API_KEY";

/// The whole command tree.
pub fn command() -> Command {
    let mut root = Command::new("leadhit")
        .about("Calls the LeadHit JSON-RPC API: `leadhit <node> <method> --<param> VALUE...`")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args())
        .subcommand(
            Command::new("list")
                .about("Lists the nodes, or a node's methods with their summaries")
                .arg(Arg::new("node").help("The node whose methods to list")),
        )
        .subcommand(
            Command::new("describe")
                .about("Describes a method: its params, result and errors")
                .arg(Arg::new("node").required(true))
                .arg(Arg::new("method").required(true)),
        )
        .subcommand(
            Command::new("completions")
                .about("Prints a shell completion script")
                .arg(
                    Arg::new("shell")
                        .required(true)
                        .value_parser(clap::value_parser!(clap_complete::Shell)),
                ),
        );
    let mut used: HashSet<String> = BUILTINS.iter().map(|name| name.to_string()).collect();
    for node in spec::NODES {
        if let Some(names) = free_names(&mut used, node.command, node.name) {
            root = root.subcommand(node_command(node, names));
        }
    }
    root
}

fn global_args() -> [Arg; 3] {
    [
        Arg::new("base-url")
            .long("base-url")
            .env("LEADHIT_BASE_URL")
            // A base URL may carry credentials (`https://user:pass@host/`).
            .hide_env_values(true)
            .value_name("URL")
            .global(true)
            .help_heading(GLOBAL)
            .help(format!(
                "The API root [default: {}]",
                leadhit::DEFAULT_BASE_URL
            )),
        Arg::new("api-key")
            .long("api-key")
            .env(API_KEY_ENV)
            // The key must never be printed, not even by `--help`.
            .hide_env_values(true)
            .value_name("KEY")
            .global(true)
            .help_heading(GLOBAL)
            .help("The API key a LeadHit manager issued"),
        Arg::new("compact")
            .long("compact")
            .action(ArgAction::SetTrue)
            .global(true)
            .help_heading(GLOBAL)
            .help("Prints the result on one line instead of pretty JSON"),
    ]
}

/// The command name and, when it differs and is free, the wire name as an alias; `None` when
/// the command name is taken.
fn free_names(
    used: &mut HashSet<String>,
    command: &str,
    wire: &str,
) -> Option<(String, Option<String>)> {
    if command.is_empty() || !used.insert(command.to_owned()) {
        return None;
    }
    let alias = (wire != command && !wire.is_empty() && used.insert(wire.to_owned()))
        .then(|| wire.to_owned());
    Some((command.to_owned(), alias))
}

fn node_command(node: &NodeSpec, (name, alias): (String, Option<String>)) -> Command {
    let count = node.methods.len();
    let mut command = Command::new(name)
        .about(format!(
            "Node {}: {count} method{}",
            inert(node.name),
            if count == 1 { "" } else { "s" }
        ))
        .subcommand_required(true)
        .arg_required_else_help(true);
    if let Some(alias) = alias {
        command = command.alias(alias);
    }
    let mut used: HashSet<String> = ["help".to_owned()].into();
    for method in node.methods {
        if let Some(names) = free_names(&mut used, method.command, method.name) {
            command = command.subcommand(method_command(method, names));
        }
    }
    command
}

fn method_command(method: &MethodSpec, (name, alias): (String, Option<String>)) -> Command {
    let summary = method.summary.map(inert).unwrap_or_default();
    let about = match method.deprecated {
        true => format!("[deprecated] {summary}"),
        false => summary.to_string(),
    };
    let mut command = Command::new(name)
        .about(about)
        .after_help(format!(
            "Sends JSON-RPC method {:?}; `leadhit describe` tells more.",
            inert(method.name)
        ))
        .arg(
            Arg::new("params")
                .long("params")
                .value_name("JSON")
                .help("Params as a JSON object (named; the flags are added to it) or array"),
        );
    if let Some(alias) = alias {
        command = command.alias(alias);
    }
    let mut used: HashSet<String> = RESERVED_FLAGS.iter().map(|f| f.to_string()).collect();
    for param in method.params.unwrap_or_default() {
        if let Some(names) = free_names(&mut used, &flag_name(param.name), param.name) {
            command = command.arg(param_arg(param, names));
        }
    }
    command
}

fn param_arg(param: &ParamSpec, (long, alias): (String, Option<String>)) -> Arg {
    let mut help = param.doc.map(inert).unwrap_or_default().into_owned();
    help.push_str(&format!(" [{}]", convert::type_text(&param.ty)));
    if let Some(default) = param.default {
        help.push_str(&format!(" [server default: {}]", inert(default)));
    }
    let mut arg = Arg::new(arg_id(param))
        .long(long)
        .value_name(convert::value_name(&param.ty))
        .help(help.trim_start().to_owned());
    if let Some(alias) = alias {
        arg = arg.alias(alias);
    }
    if convert::list_item(&param.ty).is_some() {
        arg = arg.action(ArgAction::Append);
    }
    if let TypeSpec::Enum(values) = param.ty {
        // Possible values show in `--help` and completions; clap refuses empty or repeated ones.
        let distinct: HashSet<&str> = values.iter().copied().collect();
        if distinct.len() == values.len() && values.iter().all(|v| !v.is_empty()) {
            arg = arg.value_parser(PossibleValuesParser::new(values.iter().copied()));
        }
    }
    if param.required {
        arg = arg.required_unless_present("params");
    }
    arg
}

/// The id of a param's flag in the matches: not its name, which could be `params`.
pub fn arg_id(param: &ParamSpec) -> String {
    format!("param:{}", param.name)
}

/// A wire name in kebab case: `order_id` and `orderId` become `order-id`.
pub fn flag_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    let mut previous_lower = false;
    for c in wire.chars() {
        if c == '_' || c == '-' || c == '.' || c.is_whitespace() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            previous_lower = false;
        } else if c.is_uppercase() {
            if previous_lower {
                out.push('-');
            }
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_lowercase() || c.is_ascii_digit();
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        wire.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The node named `name`, by command or wire name.
pub fn find_node(name: &str) -> Option<&'static NodeSpec> {
    spec::NODES
        .iter()
        .find(|node| node.command == name)
        .or_else(|| spec::node(name))
}

/// The method named `name` of `node`, by command or wire name.
pub fn find_method(node: &'static NodeSpec, name: &str) -> Option<&'static MethodSpec> {
    node.methods
        .iter()
        .find(|method| method.command == name)
        .or_else(|| node.method(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_kebab_case() {
        assert_eq!(flag_name("order_id"), "order-id");
        assert_eq!(flag_name("orderId"), "order-id");
        assert_eq!(flag_name("date_from2"), "date-from2");
        assert_eq!(flag_name("_private"), "private");
        assert_eq!(flag_name("__"), "__");
        assert_eq!(flag_name("телефон"), "телефон");
    }

    #[test]
    fn the_tree_is_valid_for_clap() {
        // clap checks the tree (duplicate names, bad ids) in debug builds.
        command().debug_assert();
    }

    #[test]
    fn taken_names_are_not_reused() {
        let mut used = HashSet::from(["list".to_owned()]);
        assert_eq!(free_names(&mut used, "list", "list"), None);
        assert_eq!(
            free_names(&mut used, "get-report", "getReport"),
            Some(("get-report".to_owned(), Some("getReport".to_owned())))
        );
        assert_eq!(
            free_names(&mut used, "get-report-2", "getReport"),
            Some(("get-report-2".to_owned(), None))
        );
    }
}
