//! reST/Sphinx field lists (`:param int x: …`) and Epytext fields (`@param x: …`): the same
//! shape with a different sigil, so one parser serves both.
//!
//! A field owns the lines indented deeper than it. Fields with names this parser does not know
//! (`:note:`, `@author:`, and `:class:` at the start of a prose line) are left as free text.

use super::builder::{Acc, Weight};
use super::lines::{block_end, Line};
use super::text::{excerpt, field_body, find_top_level, one_line, reflow, Piece};
use crate::model::DocStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    Param,
    Type,
    Returns,
    ReturnType,
    Raises,
    Deprecated,
}

impl FieldKind {
    fn of(name: &str) -> Option<FieldKind> {
        Some(match name.to_ascii_lowercase().as_str() {
            "param" | "parameter" | "arg" | "argument" | "key" | "keyword" | "kwarg"
            | "kwparam" => FieldKind::Param,
            "type" | "paramtype" | "kwtype" => FieldKind::Type,
            "returns" | "return" => FieldKind::Returns,
            "rtype" | "returntype" | "returnstype" => FieldKind::ReturnType,
            "raises" | "raise" | "except" | "exception" | "throws" => FieldKind::Raises,
            "deprecated" => FieldKind::Deprecated,
            _ => return None,
        })
    }
}

/// The head of a field line: `:param int x: text` → (Rest, Param, "after the sigil and name").
pub(super) fn field_head(text: &str) -> Option<(DocStyle, FieldKind, &str)> {
    let style = match text.chars().next()? {
        ':' => DocStyle::Rest,
        '@' => DocStyle::Epytext,
        _ => return None,
    };
    let after_sigil = &text[1..];
    let name_len = after_sigil
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(after_sigil.len());
    let kind = FieldKind::of(&after_sigil[..name_len])?;
    let rest = &after_sigil[name_len..];
    (rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace))
        .then_some((style, kind, rest))
}

/// Parses the field starting at line `index`, if it is one; returns the index after it.
pub(super) fn try_field<'a>(
    lines: &'a [Line<'_>],
    index: usize,
    acc: &mut Acc<'a>,
) -> Option<usize> {
    let line = &lines[index];
    let (style, kind, rest) = field_head(line.text())?;
    let end = block_end(lines, index + 1, line.indent);
    let weight = if kind == FieldKind::Deprecated {
        Weight::Weak
    } else {
        Weight::Strong
    };
    acc.vote(style, weight);
    let Some(close) = find_top_level(rest, ':') else {
        acc.problem(
            line.no,
            format_args!("field `{}` has no closing colon", excerpt(line.text())),
        );
        return Some(end);
    };
    let args = rest[..close].trim();
    let (pieces, base) = field_body(&rest[close + 1..], &lines[index + 1..end]);
    let field = Field {
        line: line.no,
        args,
        pieces: &pieces,
        base,
    };
    match kind {
        FieldKind::Param => field.param(acc),
        FieldKind::Type => field.param_type(acc),
        FieldKind::Returns => field.returns(acc),
        FieldKind::ReturnType => acc.returns(field.line, non_empty(one_line(field.pieces)), None),
        FieldKind::Raises => field.raises(acc),
        FieldKind::Deprecated => acc.deprecate(reflow(field.pieces, field.base)),
    }
    Some(end)
}

/// One field split into its arguments (`int x`) and its body.
struct Field<'p, 'a> {
    line: usize,
    args: &'a str,
    pieces: &'p [Piece<'a>],
    base: usize,
}

impl Field<'_, '_> {
    fn doc(&self) -> Option<String> {
        reflow(self.pieces, self.base)
    }

    /// `:param x:`, `:param int x:`, `:param Dict[str, int] x:` — the last word is the name.
    fn param(&self, acc: &mut Acc<'_>) {
        let (raw_type, name) = match self.args.rfind(char::is_whitespace) {
            Some(at) => (
                non_empty(self.args[..at].trim().to_owned()),
                self.args[at..].trim(),
            ),
            None => (None, self.args),
        };
        if name.is_empty() {
            acc.problem(self.line, format_args!("a `param` field names no param"));
            return;
        }
        acc.param(self.line, name, raw_type, self.doc());
    }

    /// `:type x: Dict[str, int]`, the type possibly continued on indented lines.
    fn param_type(&self, acc: &mut Acc<'_>) {
        if self.args.is_empty() {
            acc.problem(self.line, format_args!("a `type` field names no param"));
            return;
        }
        match non_empty(one_line(self.pieces)) {
            Some(raw) => acc.param_type(self.line, self.args, raw),
            None => acc.problem(
                self.line,
                format_args!("the `type` field of `{}` is empty", excerpt(self.args)),
            ),
        }
    }

    fn returns(&self, acc: &mut Acc<'_>) {
        // `:returns dict: the order` is rare but unambiguous.
        let raw_type = non_empty(self.args.to_owned());
        acc.returns_doc_may_be_type();
        acc.returns(self.line, raw_type, self.doc());
    }

    /// `:raises ValidationError: text`; `:raises A, B:` documents both.
    fn raises(&self, acc: &mut Acc<'_>) {
        let doc = self.doc();
        if self.args.is_empty() {
            acc.raise(None, doc);
            return;
        }
        for kind in self
            .args
            .split(',')
            .map(str::trim)
            .filter(|kind| !kind.is_empty())
        {
            acc.raise(Some(kind.to_owned()), doc.clone());
        }
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_heads() {
        assert_eq!(
            field_head(":param int x: y"),
            Some((DocStyle::Rest, FieldKind::Param, " int x: y"))
        );
        assert_eq!(
            field_head("@return: y").map(|(s, k, _)| (s, k)),
            Some((DocStyle::Epytext, FieldKind::Returns))
        );
        assert_eq!(
            field_head(":RTYPE: dict").map(|(_, k, _)| k),
            Some(FieldKind::ReturnType)
        );
        assert!(field_head(":class:`Order` is returned").is_none());
        assert!(field_head(":params: x").is_none());
        assert!(field_head("@author: me").is_none());
        assert!(field_head("param x:").is_none());
        assert!(field_head(":").is_none());
    }
}
