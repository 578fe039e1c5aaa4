//! Wire names → Rust identifiers: the one place names from a map page are made safe for code.
//!
//! Everything the emitter turns into an identifier comes out of [`rust_ident`] or
//! [`type_ident`], which only ever return ASCII snake_case / UpperCamelCase words, raw
//! identifiers for keywords, or an error.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that are keywords in some Rust edition; they become raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate"];

/// True for the words [`rust_ident`] never leaves bare: keywords of any edition, and those that
/// cannot even be raw identifiers.
pub fn is_reserved(word: &str) -> bool {
    KEYWORDS.contains(&word) || NOT_RAW.contains(&word)
}

/// Why a wire name has no Rust identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("it has no letters or digits to make an identifier from")]
    Empty,
    #[error("it starts with a digit")]
    LeadingDigit,
    #[error("it contains characters outside ASCII ({0:?}), which are not used in identifiers")]
    NonAscii(char),
}

/// The snake_case identifier for a method, param or node name: `report.daily` →
/// `report_daily`, `getReport` → `get_report`, `type` → `r#type`, `self` → `self_`.
pub fn rust_ident(wire: &str) -> Result<String, NameError> {
    let snake = words(wire, |w| w.to_snake_case())?;
    if NOT_RAW.contains(&snake.as_str()) {
        return Ok(format!("{snake}_"));
    }
    if KEYWORDS.contains(&snake.as_str()) {
        return Ok(format!("r#{snake}"));
    }
    Ok(snake)
}

/// The UpperCamelCase type name for a name: `set_order_status` → `SetOrderStatus`.
pub fn type_ident(wire: &str) -> Result<String, NameError> {
    let camel = words(wire.trim_start_matches("r#"), |w| w.to_upper_camel_case())?;
    Ok(if NOT_RAW.contains(&camel.as_str()) {
        format!("{camel}_")
    } else {
        camel
    })
}

/// Splits on everything that is not an ASCII letter or digit and recases the words.
fn words(wire: &str, recase: impl Fn(&str) -> String) -> Result<String, NameError> {
    if let Some(c) = wire.chars().find(|c| !c.is_ascii()) {
        return Err(NameError::NonAscii(c));
    }
    let cleaned: String = wire
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let out = recase(&cleaned);
    match out.chars().next() {
        None => Err(NameError::Empty),
        Some(c) if c.is_ascii_digit() => Err(NameError::LeadingDigit),
        Some(_) => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases_wire_names() {
        for (wire, rust) in [
            ("set_order_status", "set_order_status"),
            ("report.daily", "report_daily"),
            ("getReport", "get_report"),
            ("HTTPServer", "http_server"),
            ("Orders.list-all", "orders_list_all"),
            ("__private", "private"),
            ("type", "r#type"),
            ("fn", "r#fn"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
        ] {
            assert_eq!(rust_ident(wire).as_deref(), Ok(rust), "{wire}");
        }
    }

    #[test]
    fn every_keyword_is_raw_and_parses() {
        for kw in KEYWORDS {
            let ident = rust_ident(kw).unwrap();
            assert_eq!(ident, format!("r#{kw}"));
            syn::parse_str::<syn::Ident>(&ident).unwrap();
        }
        for kw in NOT_RAW {
            syn::parse_str::<syn::Ident>(&rust_ident(kw).unwrap()).unwrap();
        }
    }

    #[test]
    fn unusable_names_are_errors() {
        assert_eq!(rust_ident("1st"), Err(NameError::LeadingDigit));
        assert_eq!(rust_ident("..."), Err(NameError::Empty));
        assert_eq!(rust_ident(""), Err(NameError::Empty));
        assert_eq!(rust_ident("заказы"), Err(NameError::NonAscii('з')));
    }

    #[test]
    fn hostile_names_become_plain_identifiers() {
        for wire in ["a\"b", "x{y}", "fn main() {}", "a b", "a-b", "x'); drop"] {
            let ident = rust_ident(wire).unwrap();
            assert!(ident
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#'));
            syn::parse_str::<syn::Ident>(&ident).unwrap();
        }
    }

    #[test]
    fn type_names_are_upper_camel() {
        assert_eq!(
            type_ident("set_order_status").as_deref(),
            Ok("SetOrderStatus")
        );
        assert_eq!(type_ident("r#type").as_deref(), Ok("Type"));
        assert_eq!(type_ident("self").as_deref(), Ok("Self_"));
        assert_eq!(type_ident("report.daily").as_deref(), Ok("ReportDaily"));
    }
}
