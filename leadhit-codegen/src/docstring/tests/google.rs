//! Google style (napoleon), English and Russian.

use super::{names, param, parse};
use crate::model::{DocStyle, Optionality, Raise, Type};

/// `module_level_function` from the napoleon documentation's Google style example.
const NAPOLEON_EXAMPLE: &str = r#"This is an example of a module level function.

Function parameters should be documented in the ``Args`` section. The name
of each parameter is required. The type and description of each parameter
is optional, but should be included if not obvious.

If ``*args`` or ``**kwargs`` are accepted,
they should be listed as ``*args`` and ``**kwargs``.

The format for a parameter is::

    name (type): description
        The description may span multiple lines. Following
        lines should be indented. The "(type)" is optional.

        Multiple paragraphs are supported in parameter
        descriptions.

Args:
    param1 (int): The first parameter.
    param2 (:obj:`str`, optional): The second parameter. Defaults to None.
        Second line of description should be indented.
    *args: Variable length argument list.
    **kwargs: Arbitrary keyword arguments.

Returns:
    bool: True if successful, False otherwise.

    The return type is optional and may be specified at the beginning of
    the ``Returns`` section followed by a colon.

    The ``Returns`` section may span multiple lines and paragraphs.
    Following lines should be indented to match the first line.

    The ``Returns`` section supports any valid reST markup, including
    literal blocks::

        {
            'param1': param1,
            'param2': param2
        }

Raises:
    AttributeError: The ``Raises`` section is a list of all exceptions
        that are relevant to the interface.
    ValueError: If `param2` is equal to `param1`."#;

/// `fetch_smalltable_rows` from the Google Python Style Guide (section 3.8.3).
const STYLE_GUIDE_EXAMPLE: &str = r#"Fetches rows from a Smalltable.

Retrieves rows pertaining to the given keys from the Table instance
represented by table_handle.  String keys will be UTF-8 encoded.

Args:
    table_handle:
      An open smalltable.Table instance.
    keys:
      A sequence of strings representing the key of each table row to
      fetch.  String keys will be UTF-8 encoded.
    require_all_keys:
      If True only rows with values set for all keys will be returned.

Returns:
    A dict mapping keys to the corresponding table row data
    fetched. Each row is represented as a tuple of strings. For
    example:

    {b'Serak': ('Rigel VII', 'Preparer'),
     b'Zim': ('Irk', 'Invader'),
     b'Lrrr': ('Omicron Persei 8', 'Emperor')}

    Returned keys are always bytes.  If a key from the keys argument is
    missing from the dictionary, then that row was not found in the
    table (and require_all_keys must have been False).

Raises:
    IOError: An error occurred accessing the smalltable."#;

#[test]
fn napoleon_example() {
    assert_doc_snapshot!(parse(NAPOLEON_EXAMPLE));
}

#[test]
fn style_guide_example() {
    assert_doc_snapshot!(parse(STYLE_GUIDE_EXAMPLE));
}

#[test]
fn russian_headers() {
    let doc = parse(
        "Изменяет статус заказа.

Параметры:
    order_id (str): Идентификатор заказа.
    status (str, необязательный): Новый статус, по умолчанию 'paid'.

Возвращает:
    dict: Результат операции.

Исключения:
    ValidationError: Если статус неизвестен.",
    );
    assert_doc_snapshot!(doc);
}

#[test]
fn header_synonyms() {
    for header in [
        "Args",
        "Arguments",
        "Parameters",
        "Params",
        "Keyword Args",
        "Keyword Arguments",
        "Other Parameters",
        "Аргументы",
        "Параметры",
    ] {
        let doc = parse(&format!("Summary.\n\n{header}:\n    x (int): The x."));
        assert_eq!(names(&doc), ["x"], "{header}");
        assert_eq!(doc.style, DocStyle::Google, "{header}");
    }
    for header in ["Raises", "Exceptions", "Исключения", "Вызывает"] {
        let doc = parse(&format!("{header}:\n    KeyError: Missing."));
        assert_eq!(
            doc.raises,
            [Raise {
                kind: Some("KeyError".into()),
                doc: Some("Missing.".into())
            }],
            "{header}"
        );
    }
    for header in ["Returns", "Return", "Возвращает", "Возвращаемое значение"]
    {
        let doc = parse(&format!("{header}:\n    int: Count."));
        assert_eq!(doc.returns.unwrap().ty, Type::Int, "{header}");
    }
}

#[test]
fn entry_shapes() {
    let doc = parse(
        "Args:
    a (int): With a type.
    b: Without a type.
    c (int, optional): Optional by marker.
    d (Optional[str]): Optional by type.
    e (str or None): Optional by `or None`.
    f (int | None): Optional by `| None`.
    g (None): Only None.
    h (int): Optional by default. Defaults to 10.
    i (str): Status (default: 'paid').
    j (optional): Optional without a type.
    k (str) -- Dashed separator.
    l:
        Doc on the next line.
    m (Dict[str,
        int]): Type over two lines.",
    );
    let check =
        |name: &str, raw: Option<&str>, ty: Type, optional: Optionality, default: Option<&str>| {
            let p = param(&doc, name);
            assert_eq!(
                (
                    p.raw_type.as_deref(),
                    &p.ty,
                    p.optional,
                    p.default.as_deref()
                ),
                (raw, &ty, optional, default),
                "{name}"
            );
        };
    check("a", Some("int"), Type::Int, Optionality::Required, None);
    check("b", None, Type::unknown(), Optionality::Required, None);
    check(
        "c",
        Some("int, optional"),
        Type::Int,
        Optionality::Optional,
        None,
    );
    check(
        "d",
        Some("Optional[str]"),
        Type::Str,
        Optionality::Optional,
        None,
    );
    check(
        "e",
        Some("str or None"),
        Type::Str,
        Optionality::Optional,
        None,
    );
    check(
        "f",
        Some("int | None"),
        Type::Int,
        Optionality::Optional,
        None,
    );
    check("g", Some("None"), Type::None, Optionality::Optional, None);
    check(
        "h",
        Some("int"),
        Type::Int,
        Optionality::Optional,
        Some("10"),
    );
    check(
        "i",
        Some("str"),
        Type::Str,
        Optionality::Optional,
        Some("'paid'"),
    );
    check(
        "j",
        Some("optional"),
        Type::unknown(),
        Optionality::Optional,
        None,
    );
    check("k", Some("str"), Type::Str, Optionality::Required, None);
    check("l", None, Type::unknown(), Optionality::Required, None);
    check(
        "m",
        Some("Dict[str, int]"),
        Type::Map {
            value: Box::new(Type::Int),
        },
        Optionality::Required,
        None,
    );
    assert_eq!(param(&doc, "k").doc.as_deref(), Some("Dashed separator."));
    assert_eq!(
        param(&doc, "l").doc.as_deref(),
        Some("Doc on the next line.")
    );
    assert_eq!(
        param(&doc, "m").doc.as_deref(),
        Some("Type over two lines.")
    );
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn required_markers_and_optional_with_a_default() {
    let doc = parse("Args:\n    a (str, required): A.\n    b (int, обязательный): B.\n    c (int, optional, default 5): C.");
    assert_eq!(param(&doc, "a").ty, Type::Str);
    assert_eq!(param(&doc, "a").optional, Optionality::Required);
    assert_eq!(param(&doc, "b").optional, Optionality::Required);
    assert_eq!(
        (
            param(&doc, "c").optional,
            param(&doc, "c").default.as_deref()
        ),
        (Optionality::Optional, Some("5"))
    );
}

#[test]
fn returns_inline_and_block() {
    let returns = |doc: &str| {
        let returns = parse(doc).returns.unwrap();
        (returns.raw_type, returns.ty, returns.doc)
    };
    let dict = || Type::Map {
        value: Box::new(Type::unknown()),
    };
    assert_eq!(
        returns("Get.\n\nReturns: dict"),
        (Some("dict".into()), dict(), None)
    );
    assert_eq!(
        returns("Returns: dict: The order."),
        (Some("dict".into()), dict(), Some("The order.".into()))
    );
    assert_eq!(
        returns("Returns: The order."),
        (None, Type::unknown(), Some("The order.".into()))
    );
    assert_eq!(
        returns("Returns:\n    dict: The order\n        with details."),
        (
            Some("dict".into()),
            dict(),
            Some("The order with details.".into())
        )
    );
    assert_eq!(
        returns("Returns:\n    dict"),
        (Some("dict".into()), dict(), None)
    );
    assert_eq!(
        returns("Get.\n\nReturns:\n\n    dict"),
        (Some("dict".into()), dict(), None)
    );
    assert_eq!(
        returns("Returns:\n    None"),
        (Some("None".into()), Type::None, None)
    );
    assert_eq!(
        returns("Returns:\n    Order"),
        (
            Some("Order".into()),
            Type::Json {
                raw: "Order".into()
            },
            None
        )
    );
    assert_eq!(
        returns("Returns:\n    list of dict"),
        (
            Some("list of dict".into()),
            Type::List {
                item: Box::new(dict())
            },
            None
        )
    );
    assert_eq!(
        returns("Returns:\n    dict\n        The order."),
        (Some("dict".into()), dict(), Some("The order.".into()))
    );
    assert_eq!(
        returns("Returns:\n    The order, as a dict\n    with the keys: status, message."),
        (
            None,
            Type::unknown(),
            Some("The order, as a dict with the keys: status, message.".into())
        )
    );
    assert_eq!(
        returns("Returns:\n    Словарь со статусом."),
        (None, Type::unknown(), Some("Словарь со статусом.".into()))
    );
    assert_eq!(
        returns("Returns:\n    Dict[str, Any]: Mapping."),
        (
            Some("Dict[str, Any]".into()),
            Type::Map {
                value: Box::new(Type::Json { raw: "Any".into() })
            },
            Some("Mapping.".into())
        )
    );
}

#[test]
fn returns_after_a_blank_line_in_a_dedented_docstring() {
    // Python 3.13 leaves `Returns: dict` at column 0 right after a blank line.
    let doc = crate::docstring::parse_docstring(
        "Get the order.\n\nArgs:\n    order_id (str): The id.\n\nReturns: dict\n",
    );
    assert_eq!(
        doc.returns.as_ref().unwrap().raw_type.as_deref(),
        Some("dict")
    );
    assert_eq!(names(&doc), ["order_id"]);
    assert_eq!(doc.description, None);
}

#[test]
fn raises_inline_and_block() {
    let doc = parse("Raises: ValueError\n\nMore text.");
    assert_eq!(
        doc.raises,
        [Raise {
            kind: Some("ValueError".into()),
            doc: None
        }]
    );
    assert_eq!(doc.description.as_deref(), Some("More text."));
    let doc = parse("Raises:\n    jsonrpc.exceptions.JSONRPCDispatchException: On error.\n    When the moon is full.");
    assert_eq!(
        doc.raises,
        [
            Raise {
                kind: Some("jsonrpc.exceptions.JSONRPCDispatchException".into()),
                doc: Some("On error.".into())
            },
            Raise {
                kind: None,
                doc: Some("When the moon is full.".into())
            },
        ]
    );
}

#[test]
fn args_and_kwargs_only() {
    let doc = parse("Args:\n    *args: Positional.\n    **kwargs: Keyword.");
    assert_eq!(doc.params, Some(vec![]));
    assert!(doc.extra_args);
}

#[test]
fn params_called_args_and_kwargs_are_params() {
    let doc = parse(
        "Validate the args of a call.

Args:
    fname (str): The function's name.
    args (tuple): The args it was called with.
    kwargs: Its keyword args.
    max_fname_arg_count (int): How many args it takes.",
    );
    assert_eq!(
        names(&doc),
        ["fname", "args", "kwargs", "max_fname_arg_count"]
    );
    assert_eq!(param(&doc, "args").raw_type.as_deref(), Some("tuple"));
    assert!(!doc.extra_args);
}

#[test]
fn a_section_saying_none_documents_no_params() {
    assert_eq!(parse("Ping.\n\nArgs:\n    None").params, Some(vec![]));
    assert_eq!(parse("Ping.\n\nПараметры:\n    нет.").params, Some(vec![]));
}

#[test]
fn entries_flush_with_the_header_are_tolerated() {
    let doc = parse("Args:\nx (int): The x.\ny: The y.\n\nReturns:\ndict: The result.");
    assert_eq!(names(&doc), ["x", "y"]);
    assert_eq!(doc.returns.unwrap().raw_type.as_deref(), Some("dict"));
}

#[test]
fn deprecated_section() {
    let doc = parse("Old.\n\nDeprecated:\n    Use `get_orders_v2`.\n\nArgs:\n    x: X.");
    assert_eq!(doc.deprecated.as_deref(), Some("Use `get_orders_v2`."));
    assert_eq!(doc.description, None);
    assert_eq!(
        parse("Old.\n\nDeprecated: use v2.").deprecated.as_deref(),
        Some("use v2.")
    );
}

#[test]
fn unreadable_entries_are_problems() {
    let doc = parse("Summary.\n\nArgs:\n    x (int): X.\n    All params are strings.\n    y (int: broken\n\nArgs:");
    let problems: Vec<(usize, &str)> = doc
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (4, "cannot read the param entry `All params are strings.`"),
            (5, "cannot read the param entry `y (int: broken`"),
            (7, "the params section is empty"),
        ]
    );
    assert_eq!(names(&doc), ["x"]);
}

#[test]
fn prose_with_a_colon_is_not_a_section() {
    let doc = parse("Параметры: order_id и status.\nreturns: the order.\nExample:\n    >>> get(1)");
    assert_eq!(doc.style, DocStyle::Plain);
    assert_eq!(doc.params, None);
    assert_eq!(doc.returns, None);
}
