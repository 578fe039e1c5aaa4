//! What the Python `json-rpc` server answers to a call that breaks the contract, judged from
//! [`crate::spec`]: the error objects for an unreadable request, an unknown method, and params
//! that do not fit the method's documented signature.

use serde_json::{json, Map, Value};

use crate::spec::MethodSpec;

/// `-32700`: the body is not JSON.
pub(super) fn parse_error() -> Value {
    json!({"code": -32700, "message": "Parse error"})
}

/// `-32600`: JSON, but not a JSON-RPC 2.0 request.
pub(super) fn invalid_request() -> Value {
    json!({"code": -32600, "message": "Invalid Request"})
}

/// `-32601`: the node has no such method (json-rpc sends no `data` with it).
pub(super) fn method_not_found() -> Value {
    json!({"code": -32601, "message": "Method not found"})
}

/// `-32602`: the params do not fit the signature; json-rpc reports the `TypeError` Python
/// raised, in the same `data` shape as any exception.
fn invalid_params(message: String) -> Value {
    json!({"code": -32602, "message": "Invalid params", "data": exception("TypeError", &message)})
}

/// `-32000`: the method raised `kind(message)`.
pub(super) fn server_error(kind: &str, message: &str) -> Value {
    json!({"code": -32000, "message": "Server error", "data": exception(kind, message)})
}

/// json-rpc's `data` for an exception raised with one argument.
fn exception(kind: &str, message: &str) -> Value {
    json!({"type": kind, "args": [message], "message": message})
}

/// The error a call of `method` with `params` (absent, an array or an object) gets before the
/// method runs, or `None` when the params fit. A method whose docstring documents no params has
/// an unknown signature, so every call fits.
pub(super) fn check_params(method: &MethodSpec, params: Option<&Value>) -> Option<Value> {
    let documented = method.params?;
    let name = method.name;
    let (given, named): (usize, Option<&Map<String, Value>>) = match params {
        None | Some(Value::Null) => (0, None),
        Some(Value::Array(list)) => (list.len(), None),
        Some(Value::Object(object)) => (0, Some(object)),
        // The request check refuses any other params first.
        Some(_) => return None,
    };
    if given > documented.len() && !method.extra_args {
        return Some(invalid_params(format!(
            "{name}() takes {} positional argument{} but {given} {} given",
            documented.len(),
            plural(documented.len()),
            if given == 1 { "was" } else { "were" },
        )));
    }
    if let (Some(object), false) = (named, method.extra_args) {
        if let Some(unknown) = object
            .keys()
            .find(|key| documented.iter().all(|p| p.name != key.as_str()))
        {
            return Some(invalid_params(format!(
                "{name}() got an unexpected keyword argument '{unknown}'"
            )));
        }
    }
    let missing: Vec<&str> = documented
        .iter()
        .enumerate()
        .filter(|(position, param)| {
            param.required
                && *position >= given
                && !named.is_some_and(|object| object.contains_key(param.name))
        })
        .map(|(_, param)| param.name)
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(invalid_params(format!(
        "{name}() missing {} required positional argument{}: {}",
        missing.len(),
        plural(missing.len()),
        python_list(&missing)
    )))
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// Names as Python's `TypeError` lists them: `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn python_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_order_status() -> &'static MethodSpec {
        crate::spec::method("orders", "set_order_status").expect("the shipped API has it")
    }

    fn message(error: Option<Value>) -> String {
        let error = error.expect("an error");
        assert_eq!(error["code"], -32602, "{error}");
        assert_eq!(error["message"], "Invalid params");
        assert_eq!(error["data"]["type"], "TypeError");
        assert_eq!(error["data"]["args"][0], error["data"]["message"]);
        error["data"]["message"].as_str().unwrap().to_owned()
    }

    #[test]
    fn named_params_that_fit_pass() {
        let params = json!({"order_id": "1", "status": "paid"});
        assert_eq!(check_params(set_order_status(), Some(&params)), None);
    }

    #[test]
    fn missing_required_params_are_named_like_python_does() {
        assert_eq!(
            message(check_params(
                set_order_status(),
                Some(&json!({"order_id": "1"}))
            )),
            "set_order_status() missing 1 required positional argument: 'status'"
        );
        assert_eq!(
            message(check_params(set_order_status(), None)),
            "set_order_status() missing 2 required positional arguments: 'order_id' and 'status'"
        );
        assert_eq!(
            message(check_params(set_order_status(), Some(&json!(["1"])))),
            "set_order_status() missing 1 required positional argument: 'status'"
        );
    }

    #[test]
    fn undocumented_and_surplus_params_are_refused() {
        let params = json!({"order_id": "1", "status": "paid", "shop": 3});
        assert_eq!(
            message(check_params(set_order_status(), Some(&params))),
            "set_order_status() got an unexpected keyword argument 'shop'"
        );
        assert_eq!(
            message(check_params(set_order_status(), Some(&json!([1, 2, 3])))),
            "set_order_status() takes 2 positional arguments but 3 were given"
        );
    }

    #[test]
    fn python_lists_names_with_a_serial_comma() {
        assert_eq!(python_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
    }
}
