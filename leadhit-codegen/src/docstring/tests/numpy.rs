//! NumPy style (numpydoc), English and Russian.

use super::{names, param, parse};
use crate::model::{DocStyle, Optionality, Raise, Type};

/// `numpy.linspace` (NumPy 2.1), with the See Also entries and examples shortened.
const NUMPY_LINSPACE: &str = r#"Return evenly spaced numbers over a specified interval.

Returns `num` evenly spaced samples, calculated over the
interval [`start`, `stop`].

The endpoint of the interval can optionally be excluded.

.. versionchanged:: 1.20.0
    Values are rounded towards ``-inf`` instead of ``0`` when an
    integer ``dtype`` is specified. The old behavior can
    still be obtained with ``np.linspace(start, stop, num).astype(int)``

Parameters
----------
start : array_like
    The starting value of the sequence.
stop : array_like
    The end value of the sequence, unless `endpoint` is set to False.
    In that case, the sequence consists of all but the last of ``num + 1``
    evenly spaced samples, so that `stop` is excluded.  Note that the step
    size changes when `endpoint` is False.
num : int, optional
    Number of samples to generate. Default is 50. Must be non-negative.
endpoint : bool, optional
    If True, `stop` is the last sample. Otherwise, it is not included.
    Default is True.
retstep : bool, optional
    If True, return (`samples`, `step`), where `step` is the spacing
    between samples.
dtype : dtype, optional
    The type of the output array.  If `dtype` is not given, the data type
    is inferred from `start` and `stop`. The inferred dtype will never be
    an integer; `float` is chosen even if the arguments would produce an
    array of integers.

    .. versionadded:: 1.9.0

axis : int, optional
    The axis in the result to store the samples.  Relevant only if start
    or stop are array-like.  By default (0), the samples will be along a
    new axis inserted at the beginning. Use -1 to get an axis at the end.
device : str, optional
    The device on which to place the created array. Default: None.
    For Array-API interoperability only, so must be ``"cpu"`` if passed.

Returns
-------
samples : ndarray
    There are `num` equally spaced samples in the closed interval
    ``[start, stop]`` or the half-open interval ``[start, stop)``
    (depending on whether `endpoint` is True or False).
step : float, optional
    Only returned if `retstep` is True

    Size of spacing between samples.


See Also
--------
arange : Similar to `linspace`, but uses a step size (instead of the
         number of samples).

Examples
--------
>>> import numpy as np
>>> np.linspace(2.0, 3.0, num=5)
array([2.  , 2.25, 2.5 , 2.75, 3.  ])"#;

#[test]
fn numpy_linspace() {
    assert_doc_snapshot!(parse(NUMPY_LINSPACE));
}

#[test]
fn entry_shapes() {
    let doc = parse(
        "Summary.

Parameters
----------
x1, x2 : int
    Two params at once.
limit : int, default 10
    Page size.
offset : int, default=0
status : {'paid', 'submitted'}, default: 'paid'
order_id
    No type at all.
filters : Dict[str,
          List[str]], optional
    A type over two lines.
*args, **kwargs
    Passed through.",
    );
    assert_eq!(
        names(&doc),
        ["x1", "x2", "limit", "offset", "status", "order_id", "filters"]
    );
    assert_eq!(param(&doc, "x2").ty, Type::Int);
    assert_eq!(
        param(&doc, "x2").doc.as_deref(),
        Some("Two params at once.")
    );
    assert_eq!(
        (
            param(&doc, "limit").optional,
            param(&doc, "limit").default.as_deref()
        ),
        (Optionality::Optional, Some("10"))
    );
    assert_eq!(param(&doc, "offset").default.as_deref(), Some("0"));
    assert_eq!(param(&doc, "offset").doc, None);
    assert_eq!(
        param(&doc, "status").ty,
        Type::Literal {
            values: vec!["paid".into(), "submitted".into()]
        }
    );
    assert_eq!(param(&doc, "status").default.as_deref(), Some("'paid'"));
    assert_eq!(
        (
            param(&doc, "order_id").optional,
            &param(&doc, "order_id").ty
        ),
        (Optionality::Required, &Type::unknown())
    );
    assert_eq!(
        param(&doc, "filters").raw_type.as_deref(),
        Some("Dict[str, List[str]], optional")
    );
    assert_eq!(param(&doc, "filters").optional, Optionality::Optional);
    assert_eq!(
        param(&doc, "filters").doc.as_deref(),
        Some("A type over two lines.")
    );
    assert!(doc.extra_args);
    assert_eq!(doc.style, DocStyle::Numpy);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

#[test]
fn russian_sections() {
    let doc = parse(
        "Изменяет статус заказа.

Параметры
---------
order_id : str
    Идентификатор заказа.
status : str, необязательный
    Новый статус, по умолчанию 'paid'.

Возвращает
----------
dict
    Результат операции.

Исключения
----------
ValidationError
    Если статус неизвестен.",
    );
    assert_doc_snapshot!(doc);
}

#[test]
fn returns_shapes() {
    let returns = |doc: &str| {
        let returns = parse(doc).returns.unwrap();
        (returns.raw_type, returns.ty, returns.doc)
    };
    assert_eq!(
        returns("Returns\n-------\nint\n    The count."),
        (Some("int".into()), Type::Int, Some("The count.".into()))
    );
    assert_eq!(
        returns("Returns\n-------\ncount : int\n    The count."),
        (Some("int".into()), Type::Int, Some("The count.".into()))
    );
    assert_eq!(
        returns("Returns\n-------\nThe count of orders."),
        (None, Type::unknown(), Some("The count of orders.".into()))
    );
    assert_eq!(
        returns("Returns\n-------\ncount : int\n    The count.\ntotal : int\n    The total."),
        (
            Some("Tuple[int, int]".into()),
            Type::List {
                item: Box::new(Type::Int)
            },
            Some("count: The count.\n\ntotal: The total.".into())
        )
    );
}

#[test]
fn raises_section() {
    let doc = parse("Raises\n------\nValidationError\n    If the status is unknown.\nKeyError\n    If the order is missing.");
    assert_eq!(
        doc.raises,
        [
            Raise {
                kind: Some("ValidationError".into()),
                doc: Some("If the status is unknown.".into())
            },
            Raise {
                kind: Some("KeyError".into()),
                doc: Some("If the order is missing.".into())
            },
        ]
    );
}

#[test]
fn deprecation_section_and_directive() {
    let doc = parse(
        "Old.\n\nDeprecated\n----------\nUse `new` instead.\n\nParameters\n----------\nx : int",
    );
    assert_eq!(doc.deprecated.as_deref(), Some("Use `new` instead."));
    assert_eq!(names(&doc), ["x"]);
    let doc = parse(
        "Old.\n\n.. deprecated:: 1.6.0\n          `ndobj_old` will be removed in NumPy 2.0.0, it is replaced by\n          `ndobj_new` because the latter works also with array subclasses.\n\nParameters\n----------\nx : int",
    );
    assert_eq!(
        doc.deprecated.as_deref(),
        Some("since 1.6.0: `ndobj_old` will be removed in NumPy 2.0.0, it is replaced by `ndobj_new` because the latter works also with array subclasses.")
    );
    assert_eq!(doc.style, DocStyle::Numpy);
}

#[test]
fn a_section_ends_at_another_style_at_its_indentation() {
    let doc = parse("Parameters\n----------\nx : int\n    The x.\n\nReturns:\n    dict: The result.\n:raises KeyError: Missing.");
    assert_eq!(names(&doc), ["x"]);
    assert_eq!(doc.returns.unwrap().raw_type.as_deref(), Some("dict"));
    assert_eq!(doc.raises.len(), 1);
    assert_eq!(doc.style, DocStyle::Numpy);
}

#[test]
fn empty_and_none_sections() {
    let doc = parse("Ping.\n\nParameters\n----------\nNone");
    assert_eq!(doc.params, Some(vec![]));
    let doc = parse("Ping.\n\nParameters\n----------\n\nReturns\n-------\n");
    assert_eq!(doc.params, None);
    let problems: Vec<&str> = doc.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        problems,
        [
            "the params section is empty",
            "the returns section is empty"
        ]
    );
}

#[test]
fn other_sections_are_description() {
    let doc = parse("Summary.\n\nNotes\n-----\nSome notes.\n\nParameters\n----------\nx : int\n\nExamples\n--------\n>>> f(1)");
    assert_eq!(
        doc.description.as_deref(),
        Some("Notes\n\nSome notes.\n\nExamples\n\n>>> f(1)")
    );
    assert_eq!(names(&doc), ["x"]);
}

#[test]
fn params_called_args_and_kwargs_are_params() {
    let doc = parse(
        "Validate the args of a call.

Parameters
----------
fname : str
    The function's name.
args : tuple
    The args it was called with.
kwargs
    Its keyword args.
max_fname_arg_count : int
    How many args it takes.",
    );
    assert_eq!(
        names(&doc),
        ["fname", "args", "kwargs", "max_fname_arg_count"]
    );
    assert_eq!(param(&doc, "args").raw_type.as_deref(), Some("tuple"));
    assert!(!doc.extra_args);
}
