//! [`Name`]: a Rust identifier the resolve stage has checked, and the names the runtime owns.
//!
//! Emitters turn a `Name` into a `proc_macro2::Ident` without any check of their own: a `Name`
//! can only be made here, from text that is an identifier, so making the `Ident` cannot fail.

use crate::names::is_reserved;
use proc_macro2::{Ident, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Methods the runtime's `Request` already has; an optional-param setter with one of these
/// names is emitted as `set_<name>`. Keep in step with `leadhit-generated/src/request.rs`.
pub const REQUEST_METHODS: &[&str] = &[
    "send",
    "params",
    "into_future",
    "with_timeout",
    "with_retry",
    "with_header",
];

/// Methods the runtime's `Client` already has; a node accessor with one of these names gets a
/// `_node` suffix. Keep in step with `leadhit-generated/src/client.rs`.
pub const CLIENT_METHODS: &[&str] = &["new", "builder", "call", "batch", "clone", "fmt"];

/// Names of the runtime's own modules in `leadhit-generated/src/lib.rs` (`tests` among them,
/// declared for its unit tests); a node module with one of these names would be shadowed, so it
/// gets a `_node` suffix too (a test keeps the list in step with `lib.rs`).
pub const RUNTIME_MODULES: &[&str] = &[
    "answer",
    "batch",
    "call",
    "client",
    "error",
    "generated",
    "http",
    "literal",
    // Only with the `mock` feature, but a node called `mock` must build either way.
    "mock",
    "request",
    "retry",
    "spec",
    "tests",
    "tls",
    "trace",
    "transport",
];

/// The types the runtime exports at the crate root (`leadhit-generated/src/lib.rs`), beside
/// which the generated records are exported; a record may not take one of their names (a test
/// keeps the list in step with `lib.rs`).
pub const RUNTIME_TYPES: &[&str] = &[
    "Batch",
    "BatchRequest",
    "Client",
    "ClientBuilder",
    "Error",
    "RawParams",
    "Request",
    "Retry",
    "RpcError",
];

/// A valid Rust identifier: a plain word (`get_report`, `Orders`) or a raw one (`r#type`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Name(String);

/// Read back (from the codegen cache) only through the same check that made it.
impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        let text = String::deserialize(deserializer)?;
        Name::new(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a Rust identifier")))
    }
}

impl Name {
    /// `Some` when `text` is an identifier as it stands (raw identifiers included).
    pub(crate) fn new(text: &str) -> Option<Name> {
        // The names made from maps are ASCII words; one that starts with a letter and is no
        // keyword is an identifier as it stands, without asking `syn`'s parser (which showed
        // in the generator's profile). Anything else gets the parser's verdict.
        if is_plain_word(text) {
            return Some(Name(text.to_owned()));
        }
        let parsed: Ident = syn::parse_str(text).ok()?;
        Some(Name(parsed.to_string()))
    }

    /// The identifier as written in code, `r#` included.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without `r#`: how docs and command names spell it.
    pub fn bare(&self) -> &str {
        self.0.trim_start_matches("r#")
    }

    /// The identifier for a syntax tree (with a call-site span, so output is stable).
    pub fn ident(&self) -> Ident {
        match self.0.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(&self.0, Span::call_site()),
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ASCII letter, then ASCII letters, digits and `_`, and not a reserved word.
fn is_plain_word(name: &str) -> bool {
    name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !is_reserved(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYWORDS: &[&str] = &[
        "_",
        "abstract",
        "as",
        "async",
        "await",
        "become",
        "box",
        "break",
        "const",
        "continue",
        "crate",
        "do",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "final",
        "fn",
        "for",
        "gen",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "macro",
        "match",
        "mod",
        "move",
        "mut",
        "override",
        "priv",
        "pub",
        "ref",
        "return",
        "Self",
        "self",
        "static",
        "struct",
        "super",
        "trait",
        "true",
        "try",
        "type",
        "typeof",
        "union",
        "unsafe",
        "unsized",
        "use",
        "virtual",
        "where",
        "while",
        "yield",
        "macro_rules",
        "raw",
        "safe",
    ];

    /// The shortcut in [`Name::new`] agrees with the parser, for every keyword and the shapes of
    /// names around them; and every name it makes becomes an `Ident` that prints as the name.
    #[test]
    fn names_are_what_the_parser_accepts() {
        let mut names: Vec<String> = Vec::new();
        for word in KEYWORDS {
            names.extend([
                word.to_string(),
                format!("r#{word}"),
                format!("{word}_"),
                format!("_{word}"),
                format!("{word}1"),
                word.to_uppercase(),
            ]);
        }
        names.extend(
            [
                "",
                "1a",
                "a-b",
                "a b",
                "ё",
                "a\u{301}",
                "get_report",
                "GetReport",
                "__x",
            ]
            .map(String::from),
        );
        for text in &names {
            let parsed = syn::parse_str::<Ident>(text).ok().map(|i| i.to_string());
            let name = Name::new(text);
            assert_eq!(name.as_ref().map(|n| n.to_string()), parsed, "{text:?}");
            if is_plain_word(text) {
                assert_eq!(parsed.as_deref(), Some(text.as_str()), "{text:?}");
            }
            if let Some(name) = name {
                assert_eq!(name.ident().to_string(), name.as_str(), "{text:?}");
            }
        }
    }
}
