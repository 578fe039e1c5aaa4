//! Maps written to break the generator: hostile names, docstrings that try to escape their
//! comment or run as doctests, huge and deeply nested input, broken pages. Each must give
//! either code that parses (with a warning for what was skipped) or an error naming the node
//! and method, and never a panic or an identifier not made by `names.rs`.
//!
//! The small cases are also in `fixtures/maps/hostile.html` (at the workspace root), rendered by
//! the real json-rpc library, so they get model and code snapshots and are compiled (and
//! documented with warnings denied) by `xtask/tests/workflow/compile_fixtures.rs`. The big cases
//! are built here in the renderer's exact format: they are too big to commit.

mod support;

use leadhit_codegen::Diagnostic;
use leadhit_codegen::Type;
use leadhit_codegen::{build_model, Overrides};
use std::time::{Duration, Instant};
use support::{render, render_entries, run, run_pages};

/// True when some diagnostic has this node, method and severity and says `text`.
fn has(diagnostics: &[&Diagnostic], node: &str, method: Option<&str>, text: &str) -> bool {
    diagnostics.iter().any(|d| {
        d.node.as_deref() == Some(node) && d.method.as_deref() == method && d.message.contains(text)
    })
}

#[test]
fn hostile_method_names_become_identifiers_or_are_skipped_with_a_warning() {
    let page = render(&[
        ("say\"hi\"", "Quotes."),
        ("x{y}", "Braces."),
        ("fn", "A keyword."),
        ("self", "Not a raw identifier."),
        ("crate", "Not a raw identifier either."),
        ("super", "Nor this."),
        ("get-report", "A hyphen."),
        (
            "fn main() {}",
            "Spaces are not names after the first entry, so this is text.",
        ),
        ("1st", "A leading digit."),
        ("заказы", "Not ASCII."),
        ("ping\u{202E}", "A direction override."),
        ("__", "No letters."),
        ("a::b", "Colons are not names either."),
    ]);
    let outcome = run("orders", page);
    let code = outcome.module("orders");
    for (rust, wire) in [
        ("say_hi", r#""say\"hi\"""#),
        ("x_y", r#""x{y}""#),
        ("r#fn", r#""fn""#),
        ("self_", r#""self""#),
        ("crate_", r#""crate""#),
        ("super_", r#""super""#),
        ("get_report", r#""get-report""#),
    ] {
        assert!(
            code.contains(&format!("pub fn {rust}(")),
            "no `{rust}`:\n{code}"
        );
        assert!(
            code.contains(&format!("self.client.__request(NODE, {wire})")),
            "`{rust}` does not send {wire}:\n{code}"
        );
    }
    let warnings = outcome.warnings();
    for (wire, why) in [
        ("1st", "starts with a digit"),
        ("заказы", "outside ASCII"),
        ("ping\u{202E}", "outside ASCII"),
        ("__", "no letters or digits"),
    ] {
        assert!(
            has(&warnings, "orders", Some(wire), "skipped")
                && has(&warnings, "orders", Some(wire), why),
            "no warning for {wire:?}: {warnings:#?}"
        );
    }
    // Prose that only looks like `NAME: ` stays in the docstring above it.
    assert!(code.contains("fn main() {}"), "{code}");
    assert!(!code.contains("pub fn main"), "{code}");
    assert!(!code.contains("pub fn a_b"), "{code}");
}

#[test]
fn the_first_entry_may_have_spaces_in_its_name() {
    let outcome = run(
        "orders",
        render(&[("fn main() {}", "The first entry."), ("b", "B.")]),
    );
    let code = outcome.module("orders");
    assert!(code.contains("pub fn fn_main("), "{code}");
    assert!(
        code.contains(r#"self.client.__request(NODE, "fn main() {}")"#),
        "{code}"
    );
}

#[test]
fn names_that_clash_once_sanitised_are_errors_naming_node_and_method() {
    let outcome = run("orders", render(&[("self", "A."), ("Self", "B.")]));
    assert!(outcome.files.is_none());
    assert!(
        has(
            &outcome.errors(),
            "orders",
            Some("Self"),
            "both map to the Rust name `self_`"
        ),
        "{:#?}",
        outcome.diagnostics
    );

    // A marker type that would shadow the node's handle.
    let page = render(&[(
        "orders",
        "Clashes with the handle.\n\n    :param x: Optional.\n    :type x: int\n",
    )]);
    let outcome = run("orders", page);
    assert!(outcome.files.is_none());
    assert!(
        has(
            &outcome.errors(),
            "orders",
            Some("orders"),
            "the generated type `Orders` clashes"
        ),
        "{:#?}",
        outcome.diagnostics
    );

    // Params whose names clash.
    let page = render(&[(
        "m",
        "Two spellings.\n\n    :param orderId: A.\n    :param order_id: B.\n",
    )]);
    let outcome = run("orders", page);
    assert!(outcome.files.is_none());
    assert!(
        has(
            &outcome.errors(),
            "orders",
            Some("m"),
            "both map to the Rust name `order_id`"
        ),
        "{:#?}",
        outcome.diagnostics
    );
}

#[test]
fn hostile_param_names_are_identifiers_or_skipped() {
    let doc = "Hostile params.\n\n\
        \x20   :param self: A.\n    :type self: int\n\
        \x20   :param fn: B.\n    :type fn: str\n\
        \x20   :param send: Optional. C.\n    :type send: int\n\
        \x20   :param a\"b: D.\n\
        \x20   :param заказ: E.\n";
    let outcome = run("orders", render(&[("m", doc)]));
    let code = outcome.module("orders");
    assert!(code.contains("self_: i64"), "{code}");
    assert!(code.contains("r#fn: impl ::std::convert::Into"), "{code}");
    // A setter may not shadow the runtime's own `send`.
    assert!(code.contains("pub fn set_send(self, send: i64)"), "{code}");
    assert!(code.contains(r#".__arg("self", self_)"#), "{code}");
    let warnings = outcome.warnings();
    assert!(
        has(&warnings, "orders", Some("m"), "`a\"b` is not a param name"),
        "{warnings:#?}"
    );
    assert!(
        has(&warnings, "orders", Some("m"), "param `заказ` skipped"),
        "{warnings:#?}"
    );
}

#[test]
fn docstrings_cannot_escape_their_comments_or_strings() {
    let doc = "Ends a comment */ opens one /* and a raw string \"# \"### r#\"x\"#.\n\n\
        \x20   #[doc = \"injected\"] fn evil() {}\n\
        \x20   \")] pub fn evil() {} #[doc = \"\n\
        \x20   Closes the map </pre> early and <pre>opens</pre> another.\n\n\
        \x20   :param x: \"*/ #[cfg(any())] \\\" \\\\.\n\
        \x20   :type x: Literal['*/', '\"#', 'a\"b']\n\
        \x20   :returns: */ \"#\n\n\
        \x20   .. deprecated:: 1.0 \")] #[doc = \"x\"] fn f() {} #[deprecated(note = \"\n";
    let outcome = run("orders", render(&[("m", doc), ("after", "Still listed.")]));
    let code = outcome.module("orders");
    // The `</pre>` in the docstring does not end the map: the next method is still there.
    assert!(code.contains("pub fn after("), "{code}");
    assert!(code.contains("#[deprecated("), "{code}");
    // Everything parsed as Rust items is one of ours.
    let file = syn::parse_file(code).unwrap();
    let items: Vec<String> = file
        .items
        .iter()
        .map(|item| match item {
            syn::Item::Struct(s) => s.ident.to_string(),
            syn::Item::Enum(e) => e.ident.to_string(),
            syn::Item::Const(c) => c.ident.to_string(),
            syn::Item::Impl(_) => "impl".to_owned(),
            // The spec table's module: one import and one constant, however long the docs.
            syn::Item::Mod(m) => {
                let inner = &m.content.as_ref().expect("an inline module").1;
                assert!(
                    matches!(inner[..], [syn::Item::Use(_), syn::Item::Const(_)]),
                    "{code}"
                );
                format!("mod {}", m.ident)
            }
            other => panic!(
                "unexpected item {}",
                quote::ToTokens::to_token_stream(other)
            ),
        })
        .collect();
    assert_eq!(items, ["Orders", "NODE", "impl", "mod spec"], "{code}");
}

#[test]
fn control_and_direction_characters_never_reach_the_code() {
    let doc = "NUL \0 bell \x07 escape \x1b[31m, CR\r and \u{202E}reversed\u{2066} \u{2069}.\n\n\
        \x20   More \0 text \u{200F} here.\n\n\
        \x20   :param v: A NUL \0 and \u{202E}.\n    :type v: str\n\
        \x20   :rtype: Literal['\u{202E}a', 'b\0']\n";
    let outcome = run("orders", render(&[("m", doc)]));
    // `check_file` (run on every file) refuses control and direction characters; the text
    // around them is kept.
    let code = outcome.module("orders");
    assert!(code.contains("reversed"), "{code}");
    assert!(
        code.contains("More  text  here") || code.contains("More text here"),
        "{code}"
    );
}

#[test]
fn docstrings_never_become_doctests_or_markup() {
    let doc = "Code that must not run.\n\n\
        \x20   Example::\n\n\
        \x20       assert!(false);\n\
        \x20       ```rust\n\
        \x20       ````\n\n\
        \x20   ```rust\n    panic!(\"doctest\");\n    ```\n\n\
        \x20   ````\n    ```\n    fn main() { unreachable!() }\n    ````\n\n\
        \x20   ~~~\n    panic!()\n    ~~~\n\n\
        \x20   <script>alert(1)</script> <details> [x](javascript:alert(1)) [crate::Client]\n\n\
        \x20   ``<b>[x](javascript:alert(1))`` :class:`[crate::Client]` I{<i>[y](z)</i>}\n\
        \x20   **<details>** `t <javascript:alert(1)>`_ C{[^n]}\n\n\
        \x20   :param code: ```rust panic!() ``` and\n        indented(); code();\n\
        \x20   :type code: str\n";
    let outcome = run("orders", render(&[("m", doc)]));
    // `check_file` checks every fence is a `text` block and nothing is an indented code block;
    // here, that the text is still shown, and how.
    let code = outcome.module("orders");
    // The literal block is fenced, the fence longer than the fences inside it.
    assert!(code.contains("/// `````text\n"), "{code}");
    assert!(code.contains("/// assert!(false);\n"), "{code}");
    // Fences in prose are escaped text, not code blocks.
    assert!(
        code.contains(r#"/// \`\`\`rust panic!("doctest"); \`\`\`"#),
        "{code}"
    );
    // Markup around hostile text: code spans hold it, emphasis escapes it, a link is its text.
    assert!(
        code.contains(
            r"/// `<b>[x](javascript:alert(1))` `[crate::Client]` *\<i\>\[y\](z)\</i\>* **\<details\>** t \<javascript:alert(1)\> `[^n]`"
        ),
        "{code}"
    );
}

#[test]
fn a_ten_megabyte_docstring_is_documented_in_bounded_time() {
    let line = "    Lorem ipsum <b>dolor</b> */ \"# sit amet, :param x: y ``` `code` [link]\n";
    let mut doc = String::from("A very long docstring.\n\n");
    while doc.len() < 10 * 1024 * 1024 {
        doc.push_str(line);
        doc.push_str("        indented continuation\n\n");
    }
    doc.push_str("    :param order_id: The order.\n    :type order_id: str\n");
    let started = Instant::now();
    let outcome = run("orders", render(&[("big", &doc), ("small", "Small.")]));
    let code = outcome.module("orders");
    assert!(
        code.contains("order_id: impl ::std::convert::Into"),
        "the params after the text were lost"
    );
    assert!(code.contains("pub fn small("));
    assert!(code.len() > 10 * 1024 * 1024, "the docstring was not kept");
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn fifty_thousand_methods_on_one_node() {
    let entries: Vec<String> = (0..50_000)
        .map(|i| format!("method_{i}: Method {i}.\n\n    :param x: X.\n    :type x: int\n"))
        .collect();
    let started = Instant::now();
    let outcome = run("orders", render_entries(&entries));
    assert!(
        outcome.diagnostics.is_empty(),
        "{:?}",
        &outcome.diagnostics[..3]
    );
    let code = outcome.module("orders");
    assert_eq!(code.matches("    pub fn method_").count(), 50_000);
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn types_nested_a_thousand_levels_deep_become_json() {
    let deep = |open: &str, close: &str| format!("{}int{}", open.repeat(1000), close.repeat(1000));
    let cases = [
        deep("List[", "]"),
        deep("Optional[Dict[str, ", "]]"),
        deep("(", ")"),
        deep("Union[int, ", "]"),
        format!("{}int", "list of ".repeat(1000)),
        "List[".repeat(1000),
    ];
    let mut doc = String::from("Deep types.\n\n");
    for (i, ty) in cases.iter().enumerate() {
        doc.push_str(&format!("    :param p{i}: Deep.\n    :type p{i}: {ty}\n"));
    }
    // The same nesting in a Google `(type)` that runs over lines, and in a NumPy section.
    let google = format!(
        "Google.\n\n    Args:\n        q ({}\n            int{}): Deep.\n",
        "List[".repeat(1000),
        "]".repeat(1000)
    );
    let numpy = format!(
        "NumPy.\n\n    Parameters\n    ----------\n    r : {}\n        Deep.\n",
        deep("Dict[str, ", "]")
    );
    let page = render(&[("deep", &doc), ("google", &google), ("numpy", &numpy)]);
    let pages = [("orders".to_owned(), page.clone().into_bytes())];
    let model = build_model(&pages, &Overrides::default());
    let node = model.value.nodes.first().expect("a node");
    for method in &node.methods {
        for param in method.params.iter().flatten() {
            assert!(
                matches!(param.ty, Type::Json { .. }),
                "{}.{} is {:?}",
                method.wire_name,
                param.wire_name,
                param.ty
            );
        }
    }
    assert_eq!(node.methods.len(), 3);
    let code = run("orders", page).module("orders").to_owned();
    // Of no type it knows, so the argument takes anything serialisable.
    assert!(code.contains("p0: impl ::serde::Serialize"), "{code}");
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let mut page = b"<h1>JSON-RPC map</h1><pre>ok: Fine.\n\nbad\xff\xfe: Bad \xc3 name.\n\nm: Doc \xed\xa0\x80 with a surrogate.\n\n    :param x\xff: X.\n</pre>".to_vec();
    page.extend_from_slice(b"\xf8");
    let outcome = run("orders", page);
    let warnings = outcome.warnings();
    assert!(
        has(&warnings, "orders", None, "not valid UTF-8"),
        "{warnings:#?}"
    );
    assert!(
        has(&warnings, "orders", Some("bad\u{FFFD}\u{FFFD}"), "skipped"),
        "{warnings:#?}"
    );
    let code = outcome.module("orders");
    assert!(
        code.contains("pub fn ok(") && code.contains("pub fn m("),
        "{code}"
    );
}

#[test]
fn two_pre_blocks_are_one_body_up_to_the_last_closing_tag() {
    // The renderer escapes nothing, so `</pre><pre>` is docstring text, and only the last
    // `</pre>` on the page is the renderer's.
    let page = "<h1>JSON-RPC map</h1><pre>a: x</pre><pre>b: y</pre>";
    let outcome = run("orders", page);
    let code = outcome.module("orders");
    assert!(code.contains("pub fn a("), "{code}");
    assert!(!code.contains("pub fn b("), "{code}");
    assert!(code.contains("x\\</pre\\>\\<pre\\>b: y"), "{code}");
}

#[test]
fn pages_without_a_map_are_errors_naming_the_node() {
    for page in [
        "",
        "<h1>JSON-RPC map</h1>",
        "<h1>JSON-RPC map</h1><p>no pre</p>",
        "<h1>JSON-RPC map</h1><pre>a: truncated",
        "<html><title>Login</title><pre>a: b</pre></html>",
        "<pre>a: b</pre>",
        "{\"jsonrpc\": \"2.0\"}",
        "\u{feff}   \n",
    ] {
        let outcome = run("orders", page);
        assert!(outcome.files.is_none(), "{page:?} gave code");
        assert!(
            outcome
                .errors()
                .iter()
                .any(|d| d.node.as_deref() == Some("orders")),
            "{page:?}: {:#?}",
            outcome.diagnostics
        );
    }
    // An empty `<pre>` is a real node without methods.
    let outcome = run("orders", "<h1>JSON-RPC map</h1><pre></pre>");
    assert!(outcome.module("orders").contains("pub struct Orders"));
}

#[test]
fn hostile_node_names_are_errors_not_crashes() {
    let page = render(&[("m", "A method.")]).into_bytes();
    for (node, why) in [
        ("a b", "not a valid node name"),
        ("../x", "not a valid node name"),
        (".hidden", "not a valid node name"),
        ("orders?x=1", "not a valid node name"),
        ("заказы", "not a valid node name"),
        ("x\u{202E}", "not a valid node name"),
        ("", "not a valid node name"),
        ("Con", "reserved on Windows"),
        ("nul.x", "reserved on Windows"),
        ("LPT1", "reserved on Windows"),
        ("con-", "reserved on Windows"),
        ("type", "is a Rust keyword"),
        ("1st", "starts with a digit"),
    ] {
        let outcome = run(node, page.clone());
        assert!(outcome.files.is_none(), "{node:?} gave code");
        assert!(
            has(&outcome.errors(), node, None, why),
            "{node:?}: {:#?}",
            outcome.diagnostics
        );
    }
    // Two nodes whose identifiers clash.
    let outcome = run_pages(&[
        ("Orders".to_owned(), page.clone()),
        ("orders".to_owned(), page.clone()),
    ]);
    assert!(outcome.files.is_none());
    assert!(
        has(
            &outcome.errors(),
            "orders",
            None,
            "both map to the Rust name `orders`"
        ),
        "{:#?}",
        outcome.diagnostics
    );
    // Names the runtime already uses get a suffix rather than shadowing it.
    let outcome = run("client", page.clone());
    assert!(outcome
        .files()
        .iter()
        .any(|f| f.path == "src/generated/client_node.rs"));
}

#[test]
fn a_method_named_like_a_docstring_section_keeps_its_own_docs() {
    // Found by the hostile fixture: `attributes` (a NumPy section word) was taken for a section
    // header of the docstring above it, so the method vanished and its deprecation and params
    // were given to the method before it.
    let page = render(&[
        (
            "first",
            "First.\n\n    :param a: A.\n    :type a: int\n    ",
        ),
        (
            "attributes",
            "Second.\n\n    .. deprecated:: 1.0\n\n    :param b: B.\n    :type b: str\n    ",
        ),
        ("example", "Third, after a one-line docstring."),
        ("note", "Fourth."),
    ]);
    let outcome = run("orders", page);
    let code = outcome.module("orders");
    for method in ["first", "attributes", "example", "note"] {
        assert!(
            code.contains(&format!("pub fn {method}(")),
            "no `{method}`:\n{code}"
        );
    }
    assert!(code.contains("pub fn first(&self, a: i64)"), "{code}");
    assert_eq!(code.matches("#[deprecated").count(), 1, "{code}");
    // The deprecation is on `attributes`: the first method after the attribute.
    let deprecated = code.find("#[deprecated").unwrap();
    let next_fn = &code[deprecated..][code[deprecated..].find("pub fn ").unwrap()..];
    assert!(next_fn.starts_with("pub fn attributes("), "{code}");
}

#[test]
fn odd_file_names_in_the_cache_are_errors_naming_them() {
    let dir = std::env::temp_dir().join(format!("leadhit-hostile-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = render(&[("m", "A method.")]);
    for name in [
        "orders.html",
        "a b.html",
        "Con.html",
        ".hidden.html",
        "notes.txt",
    ] {
        std::fs::write(dir.join(name), &page).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad\xff.html");
        std::fs::write(dir.join(name), &page).unwrap();
    }
    let lowered = leadhit_codegen::load_cache(&dir).unwrap();
    let nodes: Vec<&str> = lowered
        .value
        .nodes
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(nodes, ["orders"]);
    let errors: Vec<&Diagnostic> = lowered
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    let mut refused = vec!["a b", "Con", ".hidden"];
    if cfg!(unix) {
        refused.push("bad\u{FFFD}");
    }
    for node in refused {
        assert!(
            has(&errors, node, None, "node name"),
            "{node:?}: {:#?}",
            lowered.diagnostics
        );
    }
    assert_eq!(errors.len(), if cfg!(unix) { 4 } else { 3 }, "{errors:#?}");

    // A folder where a page should be cannot be read: an error naming it, not a crash.
    std::fs::create_dir(dir.join("folder.html")).unwrap();
    let error = leadhit_codegen::load_cache(&dir).unwrap_err();
    assert!(error.to_string().contains("folder.html"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
