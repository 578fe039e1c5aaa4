//! `leadhit <node> <method> ...`: the params from the flags, one call, the result on stdout or
//! the error on stderr with the exit code that names its class.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{ArgMatches, Command};
use leadhit::spec::{MethodSpec, NodeSpec};
use leadhit::Error;
use serde_json::{Map, Value};

use crate::app::{arg_id, find_method, find_node, flag_name, API_KEY_ENV};
use crate::convert;
use crate::show::inert;

/// Exit code of a JSON-RPC error answer.
const EXIT_RPC: u8 = 1;
/// Exit code of a usage error (clap's own).
const EXIT_USAGE: u8 = 2;
/// Exit code of a refused API key.
const EXIT_UNAUTHORIZED: u8 = 3;
/// Exit code of a transport, HTTP or protocol failure.
const EXIT_TRANSPORT: u8 = 4;

/// Runs the method command `node_command` matched; a usage error exits from here, before
/// anything is sent.
pub fn run(root: &mut Command, node_command: &str, matches: &ArgMatches) -> ExitCode {
    let (method_command, matches) = matches
        .subcommand()
        .expect("clap requires a method after the node");
    let node = find_node(node_command).expect("clap matched a node of the spec");
    let method = find_method(node, method_command).expect("clap matched a method of the spec");
    let usage = |root: &mut Command, message: String| -> ! {
        let command = root
            .find_subcommand_mut(node_command)
            .and_then(|node| node.find_subcommand_mut(method_command))
            .expect("the matched command is in the tree");
        command.error(ErrorKind::ValueValidation, message).exit()
    };
    let params = params(method, matches).unwrap_or_else(|message| usage(root, message));
    let Some(api_key) = matches.get_one::<String>("api-key") else {
        usage(
            root,
            format!("no API key: pass --api-key KEY or set {API_KEY_ENV}"),
        )
    };
    let mut builder = leadhit::Client::builder().api_key(api_key);
    if let Some(base_url) = matches.get_one::<String>("base-url") {
        builder = builder.base_url(base_url);
    }
    let client = builder
        .build()
        .unwrap_or_else(|error| usage(root, error.to_string()));
    let answer = call(&client, node, method, params);
    report(answer, matches.get_flag("compact"))
}

fn call(
    client: &leadhit::Client,
    node: &NodeSpec,
    method: &MethodSpec,
    params: Option<Value>,
) -> Result<Value, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime for one call");
    runtime.block_on(client.call::<Value>(node.name, method.name, params))
}

fn report(answer: Result<Value, Error>, compact: bool) -> ExitCode {
    let error = match answer {
        Ok(result) => {
            let mut text = match compact {
                true => result.to_string(),
                false => serde_json::to_string_pretty(&result).unwrap_or_default(),
            };
            text.push('\n');
            return crate::out(text.as_bytes());
        }
        Err(error) => error,
    };
    let (code, message) = match &error {
        Error::Rpc(rpc) => (EXIT_RPC, rpc.to_string()),
        Error::Unauthorized => (
            EXIT_UNAUTHORIZED,
            format!("the server refused the API key (HTTP 403): check --api-key or {API_KEY_ENV}"),
        ),
        Error::InvalidRequest(_) => (EXIT_USAGE, error.to_string()),
        _ => (EXIT_TRANSPORT, error.to_string()),
    };
    eprintln!("error: {message}");
    ExitCode::from(code)
}

/// The params to send: the flags as an object, merged into `--params` when that is an object;
/// `None` when there are none. `Err` is the usage error's message.
pub fn params(method: &MethodSpec, matches: &ArgMatches) -> Result<Option<Value>, String> {
    let mut flags = Map::new();
    for param in method.params.unwrap_or_default() {
        // A param whose flag name was taken has no flag (`try_`: no panic for an unknown id).
        let Ok(Some(texts)) = matches.try_get_many::<String>(&arg_id(param)) else {
            continue;
        };
        let texts: Vec<&str> = texts.map(String::as_str).collect();
        let value = convert::flag_value(&param.ty, &texts).map_err(|expected| {
            format!(
                "invalid value {:?} for --{}: expected {expected}",
                inert(&texts.join(" ")),
                flag_name(param.name)
            )
        })?;
        flags.insert(param.name.to_owned(), value);
    }
    let raw = match matches.get_one::<String>("params") {
        None if flags.is_empty() => return Ok(None),
        None => return Ok(Some(Value::Object(flags))),
        Some(text) => serde_json::from_str::<Value>(text)
            .map_err(|error| format!("--params is not JSON: {error}"))?,
    };
    match raw {
        Value::Array(_) if !flags.is_empty() => Err(
            "--params is a JSON array (positional params), so it cannot be combined with param \
             flags: put every param in the array, or pass an object"
                .to_owned(),
        ),
        Value::Array(_) => Ok(Some(raw)),
        Value::Object(mut object) => {
            for (name, value) in flags {
                if object.insert(name.clone(), value).is_some() {
                    return Err(format!(
                        "param {:?} is given both in --params and as a flag",
                        inert(&name)
                    ));
                }
            }
            check_required(method, &object)?;
            Ok(Some(Value::Object(object)))
        }
        _ => Err("--params must be a JSON object (named params) or array (positional)".to_owned()),
    }
}

/// Without `--params` clap checks the required flags; with an object, this does.
fn check_required(method: &MethodSpec, object: &Map<String, Value>) -> Result<(), String> {
    let missing = method
        .params
        .unwrap_or_default()
        .iter()
        .find(|param| param.required && !object.contains_key(param.name));
    match missing {
        Some(param) => Err(format!(
            "the required param {:?} is missing: pass --{} or put it in --params",
            inert(param.name),
            flag_name(param.name)
        )),
        None => Ok(()),
    }
}
