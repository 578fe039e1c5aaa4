//! reST/Sphinx field lists.

use super::{names, param, parse};
use crate::model::{DocStyle, Optionality, Raise, Type};

/// `requests.api.get`, verbatim from requests 2.32.
const REQUESTS_GET: &str = r#"Sends a GET request.

:param url: URL for the new :class:`Request` object.
:param params: (optional) Dictionary, list of tuples or bytes to send
    in the query string for the :class:`Request`.
:param \*\*kwargs: Optional arguments that ``request`` takes.
:return: :class:`Response <Response>` object
:rtype: requests.Response"#;

#[test]
fn requests_get() {
    assert_doc_snapshot!(parse(REQUESTS_GET));
}

#[test]
fn leadhit_set_order_status() {
    let doc = parse(
        "Меняет статус заказа.

Допустимые статусы: paid, submitted.

:param order_id: Идентификатор заказа.
:type order_id: str
:param status: Новый статус.
:type status: Literal['paid', 'submitted']
:returns: Результат операции.
:rtype: dict
:raises ValidationError: Если статус неизвестен.",
    );
    assert_doc_snapshot!(doc);
}

#[test]
fn param_with_inline_type() {
    let doc = parse(":param int limit: How many.\n:param Dict[str, int] counts: Per status.");
    assert_eq!(param(&doc, "limit").raw_type.as_deref(), Some("int"));
    assert_eq!(param(&doc, "limit").ty, Type::Int);
    assert_eq!(
        param(&doc, "counts").ty,
        Type::Map {
            value: Box::new(Type::Int)
        }
    );
    assert_eq!(param(&doc, "counts").doc.as_deref(), Some("Per status."));
    assert_eq!(doc.style, DocStyle::Rest);
    assert_eq!(doc.summary, None);
}

#[test]
fn type_fields_merge_in_documented_order() {
    let doc = parse("Summary.\n\n:type b: int\n:param a: The a.\n:param b: The b.\n:type a: str");
    assert_eq!(names(&doc), ["b", "a"]);
    assert_eq!(param(&doc, "a").ty, Type::Str);
    assert_eq!(param(&doc, "b").ty, Type::Int);
    assert_eq!(param(&doc, "b").optional, Optionality::Required);
}

#[test]
fn a_type_field_alone_still_names_a_param() {
    let doc = parse(":type x: int");
    assert_eq!(names(&doc), ["x"]);
    assert_eq!(param(&doc, "x").optional, Optionality::Unknown);
    assert_eq!(param(&doc, "x").doc, None);
    let doc = parse(":type x: Optional[int]");
    assert_eq!(param(&doc, "x").optional, Optionality::Optional);
    assert_eq!(param(&doc, "x").ty, Type::Int);
}

#[test]
fn a_param_without_a_type_is_required() {
    let doc = parse(":param x: The x.\n:param y:");
    assert_eq!(param(&doc, "x").optional, Optionality::Required);
    assert_eq!(param(&doc, "x").ty, Type::unknown());
    assert_eq!(param(&doc, "y").optional, Optionality::Required);
    assert_eq!(param(&doc, "y").doc, None);
}

#[test]
fn multi_line_descriptions_and_types_join() {
    let doc = parse(
        ":param x: The first line
    and the second line.

    A second paragraph.
:type x: Dict[str,
    List[int]]
:returns: The result,
    over two lines.",
    );
    assert_eq!(
        param(&doc, "x").doc.as_deref(),
        Some("The first line and the second line.\n\nA second paragraph.")
    );
    assert_eq!(
        param(&doc, "x").raw_type.as_deref(),
        Some("Dict[str, List[int]]")
    );
    assert_eq!(
        param(&doc, "x").ty,
        Type::Map {
            value: Box::new(Type::List {
                item: Box::new(Type::Int)
            })
        }
    );
    assert_eq!(
        doc.returns.unwrap().doc.as_deref(),
        Some("The result, over two lines.")
    );
}

#[test]
fn field_synonyms() {
    let doc = parse(
        ":arg a: A.\n:argument b: B.\n:parameter c: C.\n:key d: D.\n:keyword e: E.\n:return: R.\n:raise KeyError: K.\n:except OSError: O.",
    );
    assert_eq!(names(&doc), ["a", "b", "c", "d", "e"]);
    assert_eq!(doc.returns.unwrap().doc.as_deref(), Some("R."));
    assert_eq!(
        doc.raises,
        [
            Raise {
                kind: Some("KeyError".into()),
                doc: Some("K.".into())
            },
            Raise {
                kind: Some("OSError".into()),
                doc: Some("O.".into())
            },
        ]
    );
}

#[test]
fn returns_and_rtype() {
    let doc = parse("Get.\n\n:returns: The order.\n:rtype: dict");
    let returns = doc.returns.unwrap();
    assert_eq!(returns.raw_type.as_deref(), Some("dict"));
    assert_eq!(
        returns.ty,
        Type::Map {
            value: Box::new(Type::unknown())
        }
    );
    assert_eq!(returns.doc.as_deref(), Some("The order."));
    // Optional stays in a return type: the result may be null.
    let returns = parse(":rtype: Optional[int]").returns.unwrap();
    assert_eq!(
        returns.ty,
        Type::Optional {
            inner: Box::new(Type::Int)
        }
    );
    assert_eq!(returns.doc, None);
}

#[test]
fn a_returns_field_holding_only_a_type_is_the_type() {
    let returns = parse(":returns: dict").returns.unwrap();
    assert_eq!(
        (returns.raw_type.as_deref(), returns.doc),
        (Some("dict"), None)
    );
    let returns = parse(":returns: the order").returns.unwrap();
    assert_eq!(
        (returns.raw_type, returns.doc.as_deref()),
        (None, Some("the order"))
    );
}

#[test]
fn raises() {
    let doc = parse(":raises ValidationError: If the status is unknown.\n:raises: Something else.\n:raises ValueError, TypeError: Bad input.");
    assert_eq!(
        doc.raises,
        [
            Raise {
                kind: Some("ValidationError".into()),
                doc: Some("If the status is unknown.".into())
            },
            Raise {
                kind: None,
                doc: Some("Something else.".into())
            },
            Raise {
                kind: Some("ValueError".into()),
                doc: Some("Bad input.".into())
            },
            Raise {
                kind: Some("TypeError".into()),
                doc: Some("Bad input.".into())
            },
        ]
    );
}

#[test]
fn deprecated_directive() {
    let doc =
        parse("Old method.\n\n.. deprecated:: 2.1\n    Use :func:`new` instead.\n\n:param x: X.");
    assert_eq!(
        doc.deprecated.as_deref(),
        Some("since 2.1: Use :func:`new` instead.")
    );
    assert_eq!(doc.description, None);
    assert_eq!(
        parse(".. deprecated::").deprecated.as_deref(),
        Some("deprecated")
    );
    assert_eq!(
        parse("X.\n\n.. deprecated:: 3.0").deprecated.as_deref(),
        Some("since 3.0")
    );
    assert_eq!(parse("X.\n\n.. deprecated:: 3.0").style, DocStyle::Rest);
}

#[test]
fn args_and_kwargs_are_not_params() {
    let doc = parse(":param *args: Positional.\n:param **kwargs: Keyword.");
    assert_eq!(doc.params, Some(vec![]));
    assert!(doc.extra_args);
}

/// Only the stars mark extra arguments (`\*\*kwargs` is the reST-escaped form); a param
/// that is called `args` or `kwargs` is documented like any other.
#[test]
fn params_called_args_and_kwargs_are_params() {
    let doc = parse(
        "Validate the args of a call.

:param fname: The function's name.
:param args: The args it was called with.
:type args: tuple
:param kwargs: Its keyword args.
:param max_fname_arg_count: How many args it takes.
:type max_fname_arg_count: int",
    );
    assert_eq!(
        names(&doc),
        ["fname", "args", "kwargs", "max_fname_arg_count"]
    );
    assert_eq!(param(&doc, "args").raw_type.as_deref(), Some("tuple"));
    assert!(!doc.extra_args);
    let escaped = parse(":param name: The name.\n:param \\*\\*kwargs: Passed on.");
    assert_eq!(names(&escaped), ["name"]);
    assert!(escaped.extra_args);
    let escaped_args = parse(":param \\*args: Passed on.");
    assert_eq!(escaped_args.params, Some(vec![]));
    assert!(escaped_args.extra_args);
}

#[test]
fn problems_are_reported_with_their_lines() {
    let doc = parse("Summary.\n\n:type: int\n:param x: X.\n:param x: Again.\n:param: nothing\n:param y\n:param a-b: bad\n:type x: str\n:type x: int");
    let problems: Vec<(usize, &str)> = doc
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (2, "a `type` field names no param"),
            (4, "param `x` is documented more than once"),
            (5, "a `param` field names no param"),
            (6, "field `:param y` has no closing colon"),
            (7, "`a-b` is not a param name"),
            (9, "the type of param `x` is documented more than once"),
        ]
    );
    assert_eq!(names(&doc), ["x"]);
    assert_eq!(param(&doc, "x").doc.as_deref(), Some("X."));
    assert_eq!(param(&doc, "x").raw_type.as_deref(), Some("str"));
}

#[test]
fn unknown_fields_and_roles_stay_in_the_description() {
    let doc = parse(
        "Summary.\n\n:class:`Order` objects are returned.\n\n:note: be careful.\n\n:param x: X.",
    );
    assert_eq!(
        doc.description.as_deref(),
        Some(":class:`Order` objects are returned.\n\n:note: be careful.")
    );
}
