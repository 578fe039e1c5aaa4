//! Epytext fields.

use super::{names, param, parse};
use crate::model::{DocStyle, Optionality, Raise, Type};

/// `x_intercept` from the epydoc manual (section "Epytext: Fields").
const EPYDOC_MANUAL: &str = r#"Return the x intercept of the line M{y=m*x+b}.  The X{x intercept}
of a line is the point at which it crosses the x axis (M{y=0}).

This function can be used in conjuction with L{z_transform} to
find an arbitrary function's zeros.

@type  m: number
@param m: The slope of the line.
@type  b: number
@param b: The y intercept of the line.  The X{y intercept} of a
          line is the point at which it crosses the y axis (M{x=0}).
@rtype:   number
@return:  the x intercept of the line M{y=m*x+b}."#;

#[test]
fn epydoc_manual_example() {
    assert_doc_snapshot!(parse(EPYDOC_MANUAL));
}

#[test]
fn fields() {
    let doc = parse(
        "Set the status.

@param order_id: The order.
@type order_id: str
@keyword status: The status, defaults to 'paid'.
@type status: str
@return: The result.
@rtype: dict
@raise ValidationError: If the status is unknown.
@deprecated: Use set_status_v2.",
    );
    assert_eq!(doc.style, DocStyle::Epytext);
    assert_eq!(names(&doc), ["order_id", "status"]);
    assert_eq!(param(&doc, "order_id").ty, Type::Str);
    assert_eq!(param(&doc, "status").optional, Optionality::Optional);
    assert_eq!(param(&doc, "status").default.as_deref(), Some("'paid'"));
    assert_eq!(
        doc.returns.as_ref().unwrap().raw_type.as_deref(),
        Some("dict")
    );
    assert_eq!(
        doc.raises,
        [Raise {
            kind: Some("ValidationError".into()),
            doc: Some("If the status is unknown.".into())
        }]
    );
    assert_eq!(doc.deprecated.as_deref(), Some("Use set_status_v2."));
    assert_eq!(
        parse("X.\n\n@deprecated:").deprecated.as_deref(),
        Some("deprecated")
    );
}

#[test]
fn unknown_fields_stay_text() {
    let doc = parse("Summary.\n\n@author: Someone\n@param x: X.");
    assert_eq!(doc.description.as_deref(), Some("@author: Someone"));
    assert_eq!(names(&doc), ["x"]);
}

#[test]
fn params_called_args_and_kwargs_are_params() {
    let doc = parse(
        "Validate the args of a call.

@param fname: The function's name.
@param args: The args it was called with.
@type args: tuple
@param kwargs: Its keyword args.
@param max_fname_arg_count: How many args it takes.",
    );
    assert_eq!(
        names(&doc),
        ["fname", "args", "kwargs", "max_fname_arg_count"]
    );
    assert_eq!(param(&doc, "args").raw_type.as_deref(), Some("tuple"));
    assert!(!doc.extra_args);
    let starred = parse("@param name: The name.\n@param **options: Passed on.");
    assert_eq!(names(&starred), ["name"]);
    assert!(starred.extra_args);
}
