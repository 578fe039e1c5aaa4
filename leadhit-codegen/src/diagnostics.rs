//! Problems found while reading maps, collected with their location and reported together.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a problem is: warnings still produce a client, errors stop generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The node (map page) it was found on.
    pub node: Option<String>,
    /// The method's wire name.
    pub method: Option<String>,
    /// 1-based line on the map page.
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            node: None,
            method: None,
            line: None,
            message: message.into(),
        }
    }

    pub fn on_node(mut self, node: &str) -> Self {
        self.node = Some(node.to_owned());
        self
    }

    pub fn on_method(mut self, method: &str) -> Self {
        self.method = Some(method.to_owned());
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: ")?;
        if let Some(node) = &self.node {
            write!(f, "{}", escape_for_terminal(node))?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        if let Some(method) = &self.method {
            write!(f, "method `{}`: ", escape_for_terminal(method))?;
        }
        write!(f, "{}", escape_for_terminal(&self.message))
    }
}

/// Names and messages can carry text from a hostile page; control characters in it must not
/// drive the user's terminal.
fn escape_for_terminal(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() || is_bidi_control(c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// Unicode directional formatting characters (the "Trojan Source" set), which rustc rejects in
/// comments and which can make text read differently from what it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Formats diagnostics one per line, errors first (otherwise in the order found), for printing.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.severity));
    sorted.iter().map(|d| format!("{d}\n")).collect()
}

/// A stage's result and every problem noticed while making it. A stage that finds an error
/// still returns what it could make of the rest, so that all problems are reported together;
/// nothing may be generated from a value whose diagnostics hold an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosed<T> {
    pub value: T,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Diagnosed<T> {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        has_errors(&self.diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_node_line_and_method() {
        let d = Diagnostic::error("two methods map to `get_report`")
            .on_node("reports")
            .on_method("getReport")
            .at_line(12);
        assert_eq!(
            d.to_string(),
            "error: reports:12: method `getReport`: two methods map to `get_report`"
        );
    }

    #[test]
    fn display_escapes_control_characters() {
        let d = Diagnostic::warning("x").on_method("a\u{1b}[31m\u{202E}b");
        assert_eq!(d.to_string(), "warning: method `a\\u{1b}[31m\\u{202e}b`: x");
    }
}
