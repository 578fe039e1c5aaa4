//! Command-line text to JSON by a param's documented type: integers, numbers and booleans
//! parsed from text, strings as given, lists from repeated flags or a JSON array, anything else
//! as JSON.

use leadhit::spec::TypeSpec;
use serde_json::{Number, Value};

/// The JSON value of a flag given `texts` (one per occurrence): a list type collects every
/// occurrence, each one element or a JSON array of elements; any other type takes its one text.
/// `Err` holds what was expected, for the usage error.
pub fn flag_value(ty: &TypeSpec, texts: &[&str]) -> Result<Value, String> {
    if let Some(item) = list_item(ty) {
        let mut items = Vec::new();
        for text in texts {
            match json_array(text) {
                Some(list) => items.extend(list),
                None => items.push(value(item, text).map_err(|_| expected(ty))?),
            }
        }
        return Ok(Value::Array(items));
    }
    match texts {
        [text] => value(ty, text),
        _ => Err(expected(ty)),
    }
}

/// The element type of a list type, or of an optional list.
pub fn list_item(ty: &TypeSpec) -> Option<&'static TypeSpec> {
    match ty.non_null().unwrap_or(ty) {
        TypeSpec::List(item) => Some(item),
        _ => None,
    }
}

/// The JSON value of one text for type `ty`; `Err` holds what was expected.
pub fn value(ty: &TypeSpec, text: &str) -> Result<Value, String> {
    let fail = || Err(expected(ty));
    match ty {
        TypeSpec::String => Ok(Value::String(text.to_owned())),
        TypeSpec::Integer => match integer(text) {
            Some(number) => Ok(Value::Number(number)),
            None => fail(),
        },
        TypeSpec::Number => match integer(text).or_else(|| float(text)) {
            Some(number) => Ok(Value::Number(number)),
            None => fail(),
        },
        TypeSpec::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => fail(),
        },
        TypeSpec::Null if text == "null" => Ok(Value::Null),
        TypeSpec::Enum(values) if values.contains(&text) => Ok(Value::String(text.to_owned())),
        TypeSpec::List(_) => match json_array(text) {
            Some(list) => Ok(Value::Array(list)),
            None => flag_value(ty, &[text]),
        },
        TypeSpec::Map(_) | TypeSpec::Record(_) => match serde_json::from_str(text) {
            Ok(object @ Value::Object(_)) => Ok(object),
            _ => fail(),
        },
        TypeSpec::Union(members) => union_value(members, text).ok_or_else(|| expected(ty)),
        TypeSpec::Null | TypeSpec::Enum(_) => fail(),
        // `Any`, and kinds added later: JSON when it parses, else the text as a string, so
        // `--tag daily` works without quoting.
        _ => Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))),
    }
}

/// The first member that takes `text`, strings last: in `Union[int, str]`, `5` is the integer.
fn union_value(members: &[TypeSpec], text: &str) -> Option<Value> {
    let (strings, others): (Vec<&TypeSpec>, Vec<&TypeSpec>) = members
        .iter()
        .partition(|member| matches!(member, TypeSpec::String | TypeSpec::Any));
    others
        .into_iter()
        .chain(strings)
        .find_map(|member| value(member, text).ok())
}

fn integer(text: &str) -> Option<Number> {
    let text = text.trim();
    text.parse::<i64>()
        .map(Number::from)
        .or_else(|_| text.parse::<u64>().map(Number::from))
        .ok()
}

fn float(text: &str) -> Option<Number> {
    text.trim().parse::<f64>().ok().and_then(Number::from_f64)
}

fn json_array(text: &str) -> Option<Vec<Value>> {
    if !text.trim_start().starts_with('[') {
        return None;
    }
    match serde_json::from_str(text) {
        Ok(Value::Array(list)) => Some(list),
        _ => None,
    }
}

/// What a value of `ty` looks like, for a usage error: "an integer", "one of paid, submitted".
pub fn expected(ty: &TypeSpec) -> String {
    match ty {
        TypeSpec::String => "a string".to_owned(),
        TypeSpec::Integer => "an integer".to_owned(),
        TypeSpec::Number => "a number".to_owned(),
        TypeSpec::Boolean => "true or false".to_owned(),
        TypeSpec::Null => "null".to_owned(),
        TypeSpec::Enum(values) => format!("one of {}", values.join(", ")),
        TypeSpec::List(item) => format!(
            "a JSON array, or the flag repeated with {} each",
            expected(item)
        ),
        TypeSpec::Map(_) => "a JSON object".to_owned(),
        TypeSpec::Record(record) => format!("a JSON object ({})", record.name),
        TypeSpec::Union(members) => members
            .iter()
            .map(expected)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "JSON".to_owned(),
    }
}

/// The type in a few words, for `describe` and `--help`: `integer`, `list of string`.
pub fn type_text(ty: &TypeSpec) -> String {
    match ty {
        TypeSpec::String => "string".to_owned(),
        TypeSpec::Integer => "integer".to_owned(),
        TypeSpec::Number => "number".to_owned(),
        TypeSpec::Boolean => "boolean".to_owned(),
        TypeSpec::Null => "null".to_owned(),
        TypeSpec::List(item) => format!("list of {}", type_text(item)),
        TypeSpec::Map(value) => format!("map of {}", type_text(value)),
        TypeSpec::Enum(values) => format!("one of {}", values.join(", ")),
        TypeSpec::Union(members) => members
            .iter()
            .map(type_text)
            .collect::<Vec<_>>()
            .join(" | "),
        TypeSpec::Record(record) => format!("object {}", record.name),
        _ => "any JSON".to_owned(),
    }
}

/// The value placeholder in `--help`, e.g. `<INT>`.
pub fn value_name(ty: &TypeSpec) -> &'static str {
    match list_item(ty).or(ty.non_null()).unwrap_or(ty) {
        TypeSpec::String => "STRING",
        TypeSpec::Integer => "INT",
        TypeSpec::Number => "NUMBER",
        TypeSpec::Boolean => "BOOL",
        TypeSpec::Enum(_) => "VALUE",
        _ => "JSON",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static STATUS: TypeSpec = TypeSpec::Enum(&["paid", "submitted"]);
    static INTS: TypeSpec = TypeSpec::List(&TypeSpec::Integer);
    static OPTIONAL_INT: TypeSpec = TypeSpec::Union(&[TypeSpec::Integer, TypeSpec::Null]);

    #[test]
    fn scalars_are_parsed_by_their_type() {
        assert_eq!(value(&TypeSpec::Integer, "42"), Ok(json!(42)));
        assert_eq!(value(&TypeSpec::Integer, "-7"), Ok(json!(-7)));
        assert_eq!(value(&TypeSpec::Number, "2.5"), Ok(json!(2.5)));
        assert_eq!(value(&TypeSpec::Number, "3"), Ok(json!(3)));
        assert_eq!(value(&TypeSpec::Boolean, "false"), Ok(json!(false)));
        assert_eq!(value(&TypeSpec::String, "42"), Ok(json!("42")));
        assert_eq!(value(&STATUS, "paid"), Ok(json!("paid")));
        assert_eq!(value(&OPTIONAL_INT, "null"), Ok(Value::Null));
        assert_eq!(value(&OPTIONAL_INT, "5"), Ok(json!(5)));
    }

    #[test]
    fn bad_values_say_what_was_expected() {
        assert_eq!(
            value(&TypeSpec::Integer, "ten"),
            Err("an integer".to_owned())
        );
        assert_eq!(
            value(&TypeSpec::Integer, "1.5"),
            Err("an integer".to_owned())
        );
        assert_eq!(value(&TypeSpec::Number, "NaN"), Err("a number".to_owned()));
        assert_eq!(
            value(&TypeSpec::Boolean, "yes"),
            Err("true or false".to_owned())
        );
        assert_eq!(
            value(&STATUS, "lost"),
            Err("one of paid, submitted".to_owned())
        );
        assert_eq!(
            value(&OPTIONAL_INT, "x"),
            Err("an integer or null".to_owned())
        );
        let map = TypeSpec::Map(&TypeSpec::Any);
        assert_eq!(value(&map, "[1]"), Err("a JSON object".to_owned()));
        assert_eq!(value(&map, r#"{"a": 1}"#), Ok(json!({"a": 1})));
    }

    #[test]
    fn lists_come_from_repeated_flags_or_a_json_array() {
        assert_eq!(flag_value(&INTS, &["1", "2"]), Ok(json!([1, 2])));
        assert_eq!(flag_value(&INTS, &["[1, 2]", "3"]), Ok(json!([1, 2, 3])));
        assert_eq!(
            flag_value(&INTS, &["1", "two"]),
            Err("a JSON array, or the flag repeated with an integer each".to_owned())
        );
        let optional = TypeSpec::Union(&[TypeSpec::List(&TypeSpec::String), TypeSpec::Null]);
        assert_eq!(flag_value(&optional, &["a"]), Ok(json!(["a"])));
    }

    #[test]
    fn untyped_values_are_json_when_they_parse_and_text_otherwise() {
        assert_eq!(
            value(&TypeSpec::Any, r#"{"a": [1]}"#),
            Ok(json!({"a": [1]}))
        );
        assert_eq!(value(&TypeSpec::Any, "7"), Ok(json!(7)));
        assert_eq!(value(&TypeSpec::Any, "daily"), Ok(json!("daily")));
    }

    #[test]
    fn unions_prefer_members_other_than_string() {
        let union = TypeSpec::Union(&[TypeSpec::String, TypeSpec::Integer]);
        assert_eq!(value(&union, "5"), Ok(json!(5)));
        assert_eq!(value(&union, "five"), Ok(json!("five")));
    }
}
