//! Docstrings with no field syntax, and the free-text rules every style shares.

use super::parse;
use crate::docstring::parse_docstring;
use crate::model::DocStyle;

#[test]
fn one_line() {
    let doc = parse("Get the order status.");
    assert_eq!(doc.style, DocStyle::Plain);
    assert_eq!(doc.summary.as_deref(), Some("Get the order status."));
    assert_eq!(
        (doc.description, doc.params, doc.returns),
        (None, None, None)
    );
}

#[test]
fn summary_is_the_first_paragraph_joined() {
    let doc = parse("Change the status\nof an order.\n\nAllowed statuses: paid,\nsubmitted.\n\nThird paragraph.");
    assert_eq!(
        doc.summary.as_deref(),
        Some("Change the status of an order.")
    );
    assert_eq!(
        doc.description.as_deref(),
        Some("Allowed statuses: paid, submitted.\n\nThird paragraph.")
    );
}

#[test]
fn russian_text_and_raw_markup_are_kept() {
    let doc = parse("Возвращает <b>заказы</b> & итоги */ \"# \u{202e}rtl\u{0}.\n\nОписание.");
    assert_eq!(
        doc.summary.as_deref(),
        Some("Возвращает <b>заказы</b> & итоги */ \"# \u{202e}rtl\u{0}.")
    );
    assert_eq!(doc.description.as_deref(), Some("Описание."));
}

#[test]
fn lists_and_literal_blocks_keep_their_lines() {
    let doc = parse(
        "Summary.\n\nStatuses:\n- paid\n- submitted\n\nExample::\n\n    get(1)\n        more",
    );
    assert_eq!(
        doc.description.as_deref(),
        Some("Statuses:\n- paid\n- submitted\n\nExample::\n\n    get(1)\n        more")
    );
}

#[test]
fn deprecation_lines() {
    for (text, note) in [
        (
            "Get orders.\n\nDEPRECATED: use get_orders_v2.",
            "use get_orders_v2.",
        ),
        ("DEPRECATED. Use v2.\n\nGet orders.", "Use v2."),
        (
            "Get orders.\n\nDeprecated: use v2\n  from now on.",
            "use v2 from now on.",
        ),
        (
            "Get orders.\n\nУстарел: используйте get_orders_v2.",
            "используйте get_orders_v2.",
        ),
        (
            "Get orders.\n\nУстаревший метод, используйте get_orders_v2.",
            "Устаревший метод, используйте get_orders_v2.",
        ),
        ("Get orders.\nDEPRECATED", "deprecated"),
    ] {
        let doc = parse(text);
        assert_eq!(doc.deprecated.as_deref(), Some(note), "{text}");
        assert_eq!(doc.summary.as_deref(), Some("Get orders."), "{text}");
        assert_eq!(doc.description, None, "{text}");
        assert_eq!(doc.style, DocStyle::Plain, "{text}");
    }
    assert_eq!(parse("Deprecated methods live elsewhere.").deprecated, None);
}

#[test]
fn empty_and_blank_docstrings() {
    for text in ["", "\n", "   \n\t\n  "] {
        let doc = parse_docstring(text);
        assert_eq!(doc.style, DocStyle::Plain);
        assert_eq!(
            (doc.summary, doc.description, doc.params),
            (None, None, None)
        );
    }
}

#[test]
fn problem_lines_map_back_to_the_raw_docstring() {
    let doc = parse_docstring("\n\n    Summary.\n\n    :param:\n    ");
    assert_eq!(doc.first_line, 2);
    assert_eq!(doc.problems[0].line, 2);
    assert_eq!(parse_docstring("Summary.\n    :param:").first_line, 0);
}

#[test]
fn a_docstring_opening_with_fields_has_no_summary() {
    let doc = parse(":param x: X.\n\nTrailing note.");
    assert_eq!(doc.summary, None);
    assert_eq!(doc.description.as_deref(), Some("Trailing note."));
}
