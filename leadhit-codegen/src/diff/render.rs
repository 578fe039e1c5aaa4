//! [`ApiDiff`] → Markdown for a pull-request comment, or JSON for tools.
//!
//! Everything that comes from a map (names, type text, docs) goes into Markdown only inside
//! code spans, whose fences are chosen around the text's own backticks, so a hostile method
//! name cannot close the span, open HTML or mention anyone. Newlines, control and bidi
//! characters are flattened or escaped first.

use super::{ApiDiff, Change, Class, Kind, Summary};
use crate::diagnostics::is_bidi_control;
use serde::Serialize;
use std::fmt::Write;

/// Longest doc text shown inline; longer or multi-line texts are only said to have changed.
const PREVIEW_CHARS: usize = 80;

/// Most methods listed for an added or removed node.
const LISTED_METHODS: usize = 20;

/// The diff as Markdown: a heading with counts, then one section per class (breaking first),
/// one sub-heading per node and one bullet per change. `base` names the "before" side.
pub fn markdown(diff: &ApiDiff, base: &str) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        let _ = writeln!(out, "No API changes since {}.", code(base));
        return out;
    }
    let s = &diff.summary;
    let _ = writeln!(
        out,
        "## API changes since {}: {} breaking, {} non-breaking, {} docs\n",
        code(base),
        s.breaking,
        s.non_breaking,
        s.docs
    );
    for class in Class::ALL {
        let changes: Vec<&Change> = diff.changes.iter().filter(|c| c.class == class).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {} ({})\n", class_title(class), changes.len());
        let mut group: Option<String> = None;
        for change in changes {
            let heading = match &change.record {
                Some(record) => format!("record {}", code(record)),
                None => code(&change.node),
            };
            if group.as_ref() != Some(&heading) {
                if group.is_some() {
                    out.push('\n');
                }
                let _ = writeln!(out, "#### {heading}\n");
                group = Some(heading);
            }
            let _ = writeln!(out, "- {}", bullet(change));
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The diff as pretty JSON with a trailing newline; keys in struct order:
/// `{"base", "summary": {"breaking", "non_breaking", "docs"}, "changes": [{"class", "kind",
/// "node", "method", "param", "old", "new", "methods", "record", "rust", "rust_old",
/// "rust_new"}]}`.
pub fn json(diff: &ApiDiff, base: &str) -> serde_json::Result<String> {
    #[derive(Serialize)]
    struct Report<'a> {
        base: &'a str,
        summary: &'a Summary,
        changes: &'a [Change],
    }
    let mut text = serde_json::to_string_pretty(&Report {
        base,
        summary: &diff.summary,
        changes: &diff.changes,
    })?;
    text.push('\n');
    Ok(text)
}

fn class_title(class: Class) -> &'static str {
    match class {
        Class::Breaking => "Breaking",
        Class::NonBreaking => "Non-breaking",
        Class::Docs => "Docs only",
    }
}

fn bullet(c: &Change) -> String {
    let m = c.method.as_deref().map(code).unwrap_or_default();
    let p = c.param.as_deref().map(code).unwrap_or_default();
    let (old, new) = (c.old.as_deref(), c.new.as_deref());
    let (rust_old, rust_new) = (value(c.rust_old.as_deref()), value(c.rust_new.as_deref()));
    match c.kind {
        Kind::NodeAdded => format!("new node, {}", method_list(&c.methods, "with")),
        Kind::NodeRemoved => format!("node removed, {}", method_list(&c.methods, "with its")),
        Kind::MethodAdded => format!("new method {}", value(new)),
        Kind::MethodRemoved => format!("method removed: {}", value(old)),
        Kind::NodeRenamed => format!("Rust accessor {} → {}", value(old), value(new)),
        Kind::MethodRenamed => format!("{m}: Rust name {} → {}", value(old), value(new)),
        Kind::ParamRenamed => format!("{m}: param {p} setter {} → {}", rust_old, rust_new),
        Kind::RawParamsAdded => format!("{m}: params now unknown, set with `.params(...)`"),
        Kind::RawParamsRemoved => format!("{m}: params now documented, no more `.params(...)`"),
        Kind::RecordAdded => "new record".to_owned(),
        Kind::RecordRemoved => "record removed".to_owned(),
        Kind::RecordRenamed => format!("Rust name {rust_old} → {rust_new}"),
        Kind::FieldAdded => format!("new field {p}: {rust_new}"),
        Kind::FieldRemoved => format!("field removed: {p}"),
        Kind::FieldRenamed => format!("field {p}: Rust name {rust_old} → {rust_new}"),
        Kind::FieldTypeChanged => format!(
            "field {p} type {} → {}{}",
            value(old),
            value(new),
            rust_change(c)
        ),
        Kind::FieldDocChanged => format!("field {p} doc {}", text_change(old, new)),
        Kind::RequiredParamAdded => format!("{m}: new required param {}", value(new)),
        Kind::OptionalParamAdded => format!("{m}: new optional param {}", value(new)),
        Kind::ParamRemoved => format!("{m}: param removed: {}", value(old)),
        Kind::ParamOptionalityChanged => format!(
            "{m}: param {p} {} → {}",
            old.unwrap_or("unknown"),
            new.unwrap_or("unknown")
        ),
        Kind::ParamTypeChanged => format!(
            "{m}: param {p} type {} → {}{}",
            value(old),
            value(new),
            rust_change(c)
        ),
        Kind::ReturnTypeChanged => format!(
            "{m}: return type {} → {}{}",
            value(old),
            value(new),
            rust_change(c)
        ),
        Kind::SummaryChanged => format!("{m}: summary {}", text_change(old, new)),
        Kind::DescriptionChanged => format!("{m}: description {}", text_change(old, new)),
        Kind::DeprecationChanged => match (old, new) {
            (None, Some(_)) => format!(
                "{m}: now deprecated{}",
                preview(new).map(|t| format!(": {t}")).unwrap_or_default()
            ),
            (Some(_), None) => format!("{m}: no longer deprecated"),
            _ => format!("{m}: deprecation note {}", text_change(old, new)),
        },
        Kind::RaisesChanged => format!("{m}: documented exceptions {}", text_change(old, new)),
        Kind::ParamDefaultChanged => format!("{m}: param {p} default {}", text_change(old, new)),
        Kind::ParamDocChanged => format!("{m}: param {p} doc {}", text_change(old, new)),
        Kind::ReturnDocChanged => format!("{m}: return doc {}", text_change(old, new)),
    }
}

/// ` (Rust `a` → `b`)` when the Rust types differ, ` (Rust type `a` unchanged)` otherwise.
fn rust_change(c: &Change) -> String {
    match (c.rust_old.as_deref(), c.rust_new.as_deref()) {
        (Some(o), Some(n)) if o == n => format!(" (Rust type {} unchanged)", code(o)),
        (Some(o), Some(n)) => format!(" (Rust {} → {})", code(o), code(n)),
        _ => String::new(),
    }
}

fn method_list(methods: &[String], with: &str) -> String {
    match methods.len() {
        0 => "without methods".to_owned(),
        n => {
            let shown: Vec<String> = methods
                .iter()
                .take(LISTED_METHODS)
                .map(|m| code(m))
                .collect();
            let more = n.saturating_sub(LISTED_METHODS);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            let noun = if n == 1 { "method" } else { "methods" };
            format!("{with} {n} {noun}: {}{tail}", shown.join(", "))
        }
    }
}

fn value(text: Option<&str>) -> String {
    text.map(code)
        .unwrap_or_else(|| "_undocumented_".to_owned())
}

/// `added: `x``, `removed`, `` `a` → `b` `` or `changed`, showing short one-line texts only.
fn text_change(old: Option<&str>, new: Option<&str>) -> String {
    match (old, new) {
        (None, Some(_)) => match preview(new) {
            Some(n) => format!("added: {n}"),
            None => "added".to_owned(),
        },
        (Some(_), None) => "removed".to_owned(),
        _ => match (preview(old), preview(new)) {
            (Some(o), Some(n)) => format!("{o} → {n}"),
            _ => "changed".to_owned(),
        },
    }
}

/// The text as a code span when it is one short line.
fn preview(text: Option<&str>) -> Option<String> {
    let text = text?.trim();
    (!text.contains('\n') && text.chars().count() <= PREVIEW_CHARS).then(|| code(text))
}

/// A Markdown code span holding `text` literally (CommonMark: the fence is one backtick longer
/// than the longest run inside, padded with spaces when the text starts or ends with one).
pub fn code(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => clean.push(' '),
            c if c.is_control() || is_bidi_control(c) => clean.extend(c.escape_unicode()),
            c => clean.push(c),
        }
    }
    if clean.is_empty() {
        return "` `".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in clean.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = clean.starts_with('`')
        || clean.ends_with('`')
        || (clean.starts_with(' ') && clean.ends_with(' ') && !clean.trim().is_empty());
    let space = if pad { " " } else { "" };
    format!("{fence}{space}{clean}{space}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_survive_backticks_and_markup() {
        assert_eq!(code("set_status"), "`set_status`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a``b`"), "``` a``b` ```");
        assert_eq!(code("<b>|x</b>"), "`<b>|x</b>`");
        assert_eq!(code("line\nnext"), "`line next`");
        assert_eq!(code(" x "), "`  x  `");
        assert_eq!(code("a\u{202E}b\u{1b}"), "`a\\u{202e}b\\u{1b}`");
    }

    #[test]
    fn text_changes_preview_short_lines_only() {
        assert_eq!(text_change(Some("a"), Some("b")), "`a` → `b`");
        assert_eq!(text_change(Some("a\nb"), Some("c")), "changed");
        assert_eq!(text_change(None, Some("x")), "added: `x`");
        assert_eq!(text_change(Some("x"), None), "removed");
        let long = "x".repeat(PREVIEW_CHARS + 1);
        assert_eq!(text_change(None, Some(&long)), "added");
    }
}
