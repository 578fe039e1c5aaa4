//! The pages of `leadhit list` and `leadhit describe`, written from the spec; every text that
//! comes from a map page is printed inert.

use std::borrow::Cow;
use std::fmt::Write;

use leadhit::spec::{self, MethodSpec, NodeSpec};

use crate::app::{find_method, find_node, flag_name};
use crate::convert::type_text;

/// `leadhit list`: the nodes; `leadhit list <node>`: its methods with their summaries.
pub fn list(node: Option<&str>) -> Result<String, String> {
    let mut out = String::new();
    let Some(name) = node else {
        for node in spec::NODES {
            let count = node.methods.len();
            let _ = writeln!(
                out,
                "{:<24} {count} method{}",
                inert(node.command),
                plural(count)
            );
        }
        out.push_str("\n`leadhit list <node>` lists a node's methods.\n");
        return Ok(out);
    };
    let node = node_named(name)?;
    for method in node.methods {
        let mut summary = method.summary.map(inert).unwrap_or_default().into_owned();
        if method.deprecated {
            summary.insert_str(0, "[deprecated] ");
        }
        let _ = writeln!(out, "{:<24} {summary}", inert(method.command));
    }
    Ok(out)
}

/// `leadhit describe <node> <method>`: params, result and errors.
pub fn describe(node: &str, method: &str) -> Result<String, String> {
    let node = node_named(node)?;
    let method = find_method(node, method).ok_or_else(|| {
        format!(
            "node {} has no method {}: `leadhit list {}` lists them",
            inert(node.name),
            inert(method),
            inert(node.command)
        )
    })?;
    let mut out = format!(
        "leadhit {} {}  (JSON-RPC method {:?} on node {:?})\n",
        inert(node.command),
        inert(method.command),
        inert(method.name),
        inert(node.name)
    );
    for text in [method.summary, method.description].into_iter().flatten() {
        let _ = write!(out, "\n{}\n", inert_lines(text));
    }
    if method.deprecated {
        let note = method.deprecation.map(inert).unwrap_or_default();
        let _ = write!(out, "\nDeprecated. {note}\n");
    }
    describe_params(&mut out, method);
    describe_result(&mut out, method);
    Ok(out)
}

fn describe_params(out: &mut String, method: &MethodSpec) {
    let Some(params) = method.params else {
        out.push_str("\nParams: not documented; send them with --params JSON.\n");
        return;
    };
    out.push_str("\nParams:\n");
    if params.is_empty() {
        out.push_str("  none\n");
    }
    for param in params {
        let need = if param.required {
            "required"
        } else {
            "optional"
        };
        let _ = write!(
            out,
            "  --{:<20} {need}, {}",
            inert(&flag_name(param.name)),
            type_text(&param.ty)
        );
        if let Some(python) = param.python_type {
            let _ = write!(out, " (`{}`)", inert(python));
        }
        if let Some(default) = param.default {
            let _ = write!(out, ", server default {}", inert(default));
        }
        out.push('\n');
        if let Some(doc) = param.doc {
            let _ = writeln!(out, "      {}", inert(doc));
        }
    }
    if method.extra_args {
        out.push_str("  The method also takes params beyond these: add them with --params.\n");
    }
}

fn describe_result(out: &mut String, method: &MethodSpec) {
    let returns = match (method.returns, method.returns_python_type) {
        (Some(ty), Some(python)) => format!("{} (`{}`)", type_text(&ty), inert(python)),
        (Some(ty), None) => type_text(&ty),
        (None, _) => "not documented".to_owned(),
    };
    let _ = writeln!(out, "\nReturns: {returns}");
    if let Some(doc) = method.returns_doc {
        let _ = writeln!(out, "  {}", inert(doc));
    }
    if !method.raises.is_empty() {
        out.push_str("\nErrors (JSON-RPC -32000, exit code 1):\n");
        for raise in method.raises {
            let kind = raise.kind.map(inert).unwrap_or(Cow::Borrowed("(unnamed)"));
            let doc = raise.doc.map(inert).unwrap_or_default();
            let _ = writeln!(out, "  {kind}: {doc}");
        }
    }
}

fn node_named(name: &str) -> Result<&'static NodeSpec, String> {
    find_node(name).ok_or_else(|| {
        format!(
            "there is no node {}: `leadhit list` lists them",
            inert(name)
        )
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// Map-page text made safe for a terminal: control characters (escape sequences, carriage
/// returns that would overwrite a line) and Unicode direction overrides shown escaped.
pub fn inert(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match unsafe_char(c) {
                true => c.escape_unicode().to_string(),
                false => c.to_string(),
            })
            .collect(),
    )
}

/// Like [`inert`], keeping the text's line breaks.
fn inert_lines(text: &str) -> String {
    text.lines().map(inert).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_drive_the_terminal() {
        assert_eq!(inert("ok\u{1b}[2J\r"), r"ok\u{1b}[2J\u{d}");
        assert_eq!(inert_lines("a\nb\u{202e}"), "a\nb\\u{202e}");
    }

    #[test]
    fn the_shipped_method_is_described_with_its_params() {
        let page = describe("orders", "set-order-status").unwrap();
        assert!(page.contains("--order-id"), "{page}");
        assert!(page.contains("required, string (`str`)"), "{page}");
        assert!(page.contains("ValidationError"), "{page}");
        assert_eq!(describe("orders", "set_order_status"), Ok(page));
        let error = describe("orders", "nope").unwrap_err();
        assert!(error.contains("leadhit list orders"), "{error}");
    }

    #[test]
    fn lists_name_nodes_and_methods() {
        assert!(list(None).unwrap().starts_with("orders"));
        let methods = list(Some("orders")).unwrap();
        assert!(methods.contains("set-order-status"), "{methods}");
        assert!(list(Some("shops")).is_err());
    }
}
