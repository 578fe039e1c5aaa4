//! What a param's type text and description say about leaving it out: optional markers and
//! documented defaults, in English and Russian.
//!
//! Defaults are extracted only where the phrasing makes the value unambiguous ("defaults to X",
//! "default: X", "default is X", or a literal right after "default"/"по умолчанию"); any other
//! mention of a default still marks the param optional.

use super::text::{
    find_ci, find_prefix_ci, matching_close, split_top_level_commas, starts_with_word_ci,
    starts_word,
};
use crate::model::Type;
use crate::type_text::parse_type;

/// The longest text taken as a default value. Longer "values" are prose, and bounding the
/// scan keeps a description full of "defaults to" linear.
const MAX_DEFAULT_CHARS: usize = 100;

/// What the documented type text says.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TypeFacts {
    /// The type with optionality stripped (`Optional[int]` → `int`).
    pub ty: Type,
    pub optional: bool,
    pub default: Option<String>,
}

/// Reads `int, optional`, `int, default 10`, `Optional[int]`, `int or None`, `None`.
pub(super) fn type_facts(raw: &str) -> TypeFacts {
    let mut optional = false;
    let mut default = None;
    let mut kept = Vec::new();
    // `x : (int, optional)`: one pair of parentheses around everything says nothing.
    let raw = raw.trim();
    let raw = match matching_close(raw) {
        Some(close) if raw.starts_with('(') && close + 1 == raw.len() => &raw[1..close],
        _ => raw,
    };
    for part in split_top_level_commas(raw) {
        let part = part.trim();
        if let Some(rest) = optional_marker(part) {
            optional = true;
            // `optional (default 10)`: the marker may carry the default with it.
            let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
            if let Some(value) = default_clause(rest) {
                default = default.or(value);
            }
        } else if is_required_marker(part) {
            // `(str, required)` says what the absence of `optional` already says.
        } else if let Some(value) = default_clause(part) {
            optional = true;
            default = default.or(value);
        } else {
            kept.push(part);
        }
    }
    match parse_type(&kept.join(", ")) {
        Type::Optional { inner } => TypeFacts {
            ty: *inner,
            optional: true,
            default,
        },
        Type::None => TypeFacts {
            ty: Type::None,
            optional: true,
            default,
        },
        ty => TypeFacts {
            ty,
            optional,
            default,
        },
    }
}

/// `optional` (napoleon, numpydoc) or its Russian equivalents at the start of one
/// comma-separated part; returns what follows the marker word.
fn optional_marker(part: &str) -> Option<&str> {
    let part = part.trim_start_matches('(');
    let rest = strip_word_ci(part, "optional").or_else(|| {
        ["необязательн", "опционал"].iter().find_map(|stem| {
            let end = find_prefix_ci(part, stem)?;
            Some(part[end..].trim_start_matches(char::is_alphabetic))
        })
    })?;
    // `Optional[int]` is a type, not the marker.
    (rest.is_empty() || rest.starts_with([' ', '\t', '(', ')'])).then_some(rest)
}

/// `required` / `обязательный`: a marker that only confirms what no `optional` means.
fn is_required_marker(part: &str) -> bool {
    let part = part.trim_matches(|c| c == '(' || c == ')');
    part.eq_ignore_ascii_case("required")
        || find_prefix_ci(part, "обязательн")
            .is_some_and(|end| part[end..].chars().all(char::is_alphabetic))
}

/// A `default 10` / `default=10` / `default: 10` / `по умолчанию 10` part of a type:
/// `Some(value)` when the part is a default clause (the value itself may be missing).
fn default_clause(part: &str) -> Option<Option<String>> {
    let after = ["defaults", "default", "по умолчанию"]
        .iter()
        .find_map(|word| strip_word_ci(part, word))?;
    let after = after.trim_start();
    let after = after.strip_prefix([':', '=']).unwrap_or(after).trim();
    let value = ["is", "to"]
        .iter()
        .find_map(|word| strip_word_ci(after, word))
        .unwrap_or(after)
        .trim();
    Some((!value.is_empty()).then(|| value.to_owned()))
}

/// What a param's description says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct DocFacts {
    pub optional: bool,
    pub default: Option<String>,
}

/// Reads "Defaults to 10.", "(default: 'paid')", "Default is 50", "по умолчанию 100",
/// "необязательный", "(optional)".
pub(super) fn doc_facts(doc: &str) -> DocFacts {
    let mut facts = DocFacts::default();
    scan_english_default(doc, &mut facts);
    scan_russian_default(doc, &mut facts);
    let optional_word = |needle: &str| {
        let mut from = 0;
        while let Some((start, end)) = find_ci(doc, needle, from) {
            if starts_word(doc, start) {
                return true;
            }
            from = end;
        }
        false
    };
    if optional_word("необязательн")
        || optional_word("опционал")
        || find_ci(doc, "(optional)", 0).is_some()
        || starts_with_word_ci(doc.trim_start(), "optional")
    {
        facts.optional = true;
    }
    facts
}

fn scan_english_default(doc: &str, facts: &mut DocFacts) {
    let mut from = 0;
    while let Some((start, end)) = find_ci(doc, "default", from) {
        from = end;
        if !starts_word(doc, start) {
            continue;
        }
        let mut after = &doc[end..];
        let plural = after.starts_with(['s', 'S']);
        if plural {
            after = &after[1..];
        }
        if after.starts_with(char::is_alphanumeric) {
            continue;
        }
        facts.optional = true;
        let value = if plural {
            strip_word_ci(after.trim_start(), "to").and_then(value_after_connector)
        } else {
            english_value(after)
        };
        if value.is_some() {
            facts.default = value;
            return;
        }
    }
}

/// The value after "default": "default: X", "default = X", "default is X", "default value is
/// X", or a literal straight after ("(default 'paid')").
fn english_value(after: &str) -> Option<String> {
    let rest = after.trim_start();
    let rest = strip_word_ci(rest, "value").map_or(rest, str::trim_start);
    if let Some(value) = rest
        .strip_prefix([':', '='])
        .or_else(|| strip_word_ci(rest, "is"))
    {
        return value_after_connector(value);
    }
    literal_value(rest)
}

fn scan_russian_default(doc: &str, facts: &mut DocFacts) {
    let mut from = 0;
    while let Some((start, end)) = find_ci(doc, "по умолчанию", from) {
        from = end;
        if !starts_word(doc, start) {
            continue;
        }
        facts.optional = true;
        if facts.default.is_some() {
            return;
        }
        let rest = doc[end..].trim_start();
        let connector = [":", "=", "—", "–", "-"]
            .iter()
            .find_map(|mark| rest.strip_prefix(mark))
            .or_else(|| {
                ["равен", "равна", "равно", "равны"]
                    .iter()
                    .find_map(|word| strip_word_ci(rest, word))
            });
        let value = match connector {
            Some(value) => value_after_connector(value),
            None => literal_value(rest),
        };
        if value.is_some() {
            facts.default = value;
            return;
        }
    }
}

/// `text` after a leading whole `word` (written in lowercase), ignoring case.
fn strip_word_ci<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    starts_with_word_ci(text, word)
        .then(|| find_prefix_ci(text, word).map(|end| &text[end..]))
        .flatten()
}

/// The value that follows a connector ("to", "is", ":"): a quoted or backticked literal, or
/// text up to the end of the sentence or clause.
fn value_after_connector(text: &str) -> Option<String> {
    let text = text.trim_start();
    if let Some(value) = quoted(text) {
        return Some(value);
    }
    let mut depth = 0usize;
    let mut end = None;
    let mut chars = text.char_indices().take(MAX_DEFAULT_CHARS).peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth > 0 => depth -= 1,
            ')' | ',' | ';' | '\n' if depth == 0 => {
                end = Some(index);
                break;
            }
            '.' if depth == 0 && chars.peek().is_none_or(|(_, next)| next.is_whitespace()) => {
                end = Some(index);
                break;
            }
            _ => {}
        }
    }
    // Running off the end of the text also ends the value; running out of budget does not.
    let end =
        end.or_else(|| (text.chars().nth(MAX_DEFAULT_CHARS).is_none()).then_some(text.len()))?;
    let value = text[..end].trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A value that can stand straight after "default" with no connector: a number, a quoted or
/// backticked string, or a Python constant. Anything else is prose ("default warehouse").
fn literal_value(text: &str) -> Option<String> {
    let text = text.trim_start();
    if let Some(value) = quoted(text) {
        return Some(value);
    }
    let token_end = text
        .char_indices()
        .take(MAX_DEFAULT_CHARS)
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
        .map_or(text.len(), |(end, _)| end);
    let token = text[..token_end]
        .strip_suffix('.')
        .unwrap_or(&text[..token_end]);
    let is_number = token.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        && token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || "-+._eE".contains(c));
    let is_constant = matches!(
        token,
        "True" | "False" | "None" | "true" | "false" | "null" | "[]" | "{}" | "()"
    );
    (is_number || is_constant).then(|| token.to_owned())
}

/// A leading `'…'`/`"…"` literal (quotes kept, as documented) or ``` ``…`` ```/`` `…` ``
/// markup (backticks dropped).
fn quoted(text: &str) -> Option<String> {
    let bounded = |inner: &str, close: &str| {
        let window = inner
            .char_indices()
            .nth(MAX_DEFAULT_CHARS)
            .map_or(inner, |(end, _)| &inner[..end]);
        window.find(close).map(|end| inner[..end].to_owned())
    };
    if let Some(inner) = text.strip_prefix("``") {
        return bounded(inner, "``");
    }
    if let Some(inner) = text.strip_prefix('`') {
        return bounded(inner, "`");
    }
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let close = text[1..]
        .char_indices()
        .take(MAX_DEFAULT_CHARS)
        .find(|(_, c)| *c == quote)?
        .0;
    Some(text[..close + 2].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(doc: &str) -> (bool, Option<String>) {
        let facts = doc_facts(doc);
        (facts.optional, facts.default)
    }

    #[test]
    fn defaults_in_descriptions() {
        for (doc, default) in [
            ("The limit. Defaults to 10.", Some("10")),
            ("The limit. defaults to 0.5.", Some("0.5")),
            ("Status (default: 'paid')", Some("'paid'")),
            ("Status (default 'paid')", Some("'paid'")),
            ("Status (default=\"paid\")", Some("\"paid\"")),
            (
                "Number of samples. Default is 50. Must be non-negative.",
                Some("50"),
            ),
            ("The device. Default: None.", Some("None")),
            ("Default value is 3", Some("3")),
            ("Defaults to ``None``.", Some("None")),
            ("Defaults to the current date.", Some("the current date")),
            ("Лимит, по умолчанию 100.", Some("100")),
            ("Лимит (ПО УМОЛЧАНИЮ: 100)", Some("100")),
            ("Дата. По умолчанию — текущая дата.", Some("текущая дата")),
            ("Статус, по умолчанию равен 'paid'", Some("'paid'")),
            ("По умолчанию используется текущая дата.", None),
            ("The default warehouse is used when missing.", None),
            ("By default (0), the samples are along a new axis.", None),
            ("Необязательный параметр.", None),
            ("(optional) Dictionary to send.", None),
            ("Optional. The filter.", None),
        ] {
            assert_eq!(facts(doc), (true, default.map(str::to_owned)), "{doc}");
        }
    }

    #[test]
    fn descriptions_without_markers_say_nothing() {
        for doc in [
            "The order id.",
            "Optionally filters.",
            "A defaulted value",
            "Идентификатор заказа.",
            "",
        ] {
            assert_eq!(facts(doc), (false, None), "{doc}");
        }
    }

    #[test]
    fn type_markers() {
        let check = |raw: &str, ty: Type, optional: bool, default: Option<&str>| {
            assert_eq!(
                type_facts(raw),
                TypeFacts {
                    ty,
                    optional,
                    default: default.map(str::to_owned)
                },
                "{raw}"
            );
        };
        check("int", Type::Int, false, None);
        check("int, optional", Type::Int, true, None);
        check("Optional[int]", Type::Int, true, None);
        check("int or None", Type::Int, true, None);
        check("int | None", Type::Int, true, None);
        check("None", Type::None, true, None);
        check("optional", Type::unknown(), true, None);
        check("int, default 10", Type::Int, true, Some("10"));
        check("int, default=10", Type::Int, true, Some("10"));
        check("str, default: 'paid'", Type::Str, true, Some("'paid'"));
        check("int, необязательный", Type::Int, true, None);
        check("int, по умолчанию 5", Type::Int, true, Some("5"));
        check("int, defaults to 5", Type::Int, true, Some("5"));
        check("int, optional (default 10)", Type::Int, true, Some("10"));
        check("(int, optional)", Type::Int, true, None);
        check("str, required", Type::Str, false, None);
        check("str, обязательный", Type::Str, false, None);
        check(
            "Dict[str, int], optional",
            Type::Map {
                value: Box::new(Type::Int),
            },
            true,
            None,
        );
    }
}
