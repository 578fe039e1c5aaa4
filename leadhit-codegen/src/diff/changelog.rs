//! [`ApiDiff`] → one release's section of the crate's `CHANGELOG.md`, in the "Keep a Changelog"
//! layout: `## [version] - date`, then `### Breaking`, `### Added`, `### Changed` and
//! `### Docs`, each line naming the Rust item a dependent uses and what happened to it
//! ("`orders().get_order` removed", "`clients().add_client`: param `phone` is now
//! `Vec<String>` (was `String`)").
//!
//! Like [`super::render`], everything from a map is written inside code spans only.

use super::render::code;
use super::{ApiDiff, Change, Class, Kind};
use std::fmt::Write;

/// The changelog's sections, in order.
const SECTIONS: [&str; 4] = ["Breaking", "Added", "Changed", "Docs"];

/// The section of release `version` (made on `date`, `YYYY-MM-DD`), ending in one newline.
/// An empty diff makes a section that says the API did not change.
pub fn section(diff: &ApiDiff, version: &str, date: &str) -> String {
    let mut out = format!("## [{version}] - {date}\n");
    if diff.is_empty() {
        out.push_str("\nNo API changes.\n");
        return out;
    }
    for (index, title) in SECTIONS.iter().enumerate() {
        let lines: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| section_of(c) == index)
            .map(line)
            .collect();
        if lines.is_empty() {
            continue;
        }
        let _ = write!(out, "\n### {title}\n\n");
        for l in lines {
            let _ = writeln!(out, "- {l}");
        }
    }
    out
}

/// Which of [`SECTIONS`] a change goes in: breaking; additions; the types and optionality
/// the documentation shows, whose Rust API did not change; the rest of the docs.
fn section_of(c: &Change) -> usize {
    match (c.class, c.kind) {
        (Class::Breaking, _) => 0,
        (Class::NonBreaking, _) => 1,
        (
            Class::Docs,
            Kind::ParamTypeChanged
            | Kind::ReturnTypeChanged
            | Kind::FieldTypeChanged
            | Kind::ParamOptionalityChanged,
        ) => 2,
        (Class::Docs, _) => 3,
    }
}

fn opt(text: Option<&str>) -> String {
    text.map(code)
        .unwrap_or_else(|| "_undocumented_".to_owned())
}

/// One line: the item first, in Rust, then what changed.
fn line(c: &Change) -> String {
    let item = opt(c.rust.as_deref());
    let p = opt(c.param.as_deref());
    let (rust_old, rust_new) = (opt(c.rust_old.as_deref()), opt(c.rust_new.as_deref()));
    let (old, new) = (opt(c.old.as_deref()), opt(c.new.as_deref()));
    match c.kind {
        Kind::NodeAdded => format!("{item} added: the node {}, {}", code(&c.node), count(c)),
        Kind::NodeRemoved => format!("{item} removed: the node {}, {}", code(&c.node), count(c)),
        Kind::NodeRenamed => format!(
            "the node {} is now {rust_new} (was {rust_old})",
            code(&c.node)
        ),
        Kind::MethodAdded => format!("{item} added"),
        Kind::MethodRemoved => format!("{item} removed"),
        Kind::MethodRenamed => format!("{rust_old} renamed to {rust_new}"),
        Kind::RequiredParamAdded => format!("{item}: new required param {}", declared(c)),
        Kind::OptionalParamAdded => format!("{item}: new optional param {}", declared(c)),
        Kind::ParamRemoved => format!("{item}: param {p} removed"),
        Kind::ParamOptionalityChanged => optionality_line(c, &item, &p),
        Kind::ParamRenamed => {
            format!("{item}: the setter of param {p} is now {rust_new} (was {rust_old})")
        }
        Kind::ParamTypeChanged => type_line(c, &format!("{item}: param {p}")),
        Kind::ReturnTypeChanged => type_line(c, &format!("{item}: the result")),
        Kind::RawParamsAdded => {
            format!("{item}: params now set with `.params(...)` (they are no longer documented)")
        }
        Kind::RawParamsRemoved => {
            format!("{item}: `.params(...)` removed, its params are now documented and typed")
        }
        Kind::RecordAdded => format!("{item} added: the record {}", opt(c.record.as_deref())),
        Kind::RecordRemoved => format!("{item} removed: the record {}", opt(c.record.as_deref())),
        Kind::RecordRenamed => format!("{rust_old} renamed to {rust_new}"),
        Kind::FieldAdded => format!("{item}: new field {rust_new}"),
        Kind::FieldRemoved => format!("{item}: field {rust_old} removed"),
        Kind::FieldRenamed => format!(
            "{item}: field {p} is now `.{}` (was `.{}`)",
            bare(&c.rust_new),
            bare(&c.rust_old)
        ),
        Kind::FieldTypeChanged => type_line(c, &format!("{item}: field {p}")),
        Kind::SummaryChanged => format!("{item}: summary changed"),
        Kind::DescriptionChanged => format!("{item}: description changed"),
        Kind::DeprecationChanged => match (&c.old, &c.new) {
            (None, Some(_)) => format!("{item}: now deprecated"),
            (Some(_), None) => format!("{item}: no longer deprecated"),
            _ => format!("{item}: deprecation note changed"),
        },
        Kind::RaisesChanged => format!("{item}: documented errors changed"),
        Kind::ParamDefaultChanged => {
            format!("{item}: param {p}: documented default now {new} (was {old})")
        }
        Kind::ParamDocChanged => format!("{item}: param {p}: doc changed"),
        Kind::ReturnDocChanged => format!("{item}: the result's doc changed"),
        Kind::FieldDocChanged => format!("{item}: field {p}: doc changed"),
    }
}

/// `name: Type`, the param's wire name and its Rust type.
fn declared(c: &Change) -> String {
    let name = c.param.as_deref().unwrap_or_default();
    match c.rust_new.as_deref() {
        Some(ty) => code(&format!("{name}: {ty}")),
        None => code(name),
    }
}

fn bare(name: &Option<String>) -> &str {
    name.as_deref().unwrap_or_default()
}

fn count(c: &Change) -> String {
    match c.methods.len() {
        1 => "with 1 method".to_owned(),
        n => format!("with {n} methods"),
    }
}

/// `… is now `T` (was `U`)` when the Rust type changed; otherwise what the maps say changed.
fn type_line(c: &Change, what: &str) -> String {
    let (old, new) = (opt(c.old.as_deref()), opt(c.new.as_deref()));
    match (c.rust_old.as_deref(), c.rust_new.as_deref()) {
        (Some(o), Some(n)) if o != n => format!("{what} is now {} (was {})", code(n), code(o)),
        (Some(rust), _) if c.class == Class::Breaking => {
            format!("{what}: {} now lists {new} (was {old})", code(rust))
        }
        (Some(rust), _) => {
            format!(
                "{what} is documented as {new} (was {old}); its Rust type {} is unchanged",
                code(rust)
            )
        }
        _ => format!("{what} is now {new} (was {old})"),
    }
}

fn optionality_line(c: &Change, item: &str, p: &str) -> String {
    let new = c.new.as_deref().unwrap_or("unknown");
    let old = c.old.as_deref().unwrap_or("unknown");
    match (c.rust_old.as_deref(), c.rust_new.as_deref()) {
        (None, Some(setter)) => format!(
            "{item}: param {p} is now {new}, set with `.{setter}(...)` instead of an argument (was {old})"
        ),
        (Some(_), None) => format!("{item}: param {p} is now {new}, an argument (was {old}, a setter)"),
        _ => format!("{item}: param {p} is now documented as {new} (was {old})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Summary;

    fn on_param(class: Class, kind: Kind, method: &str, param: &str) -> Change {
        Change::on_method(
            class,
            kind,
            "clients",
            method,
            format!("clients().{method}"),
        )
        .on_param(param)
    }

    #[test]
    fn sections_come_in_order_and_name_rust_items() {
        let changes = vec![
            on_param(
                Class::Breaking,
                Kind::ParamTypeChanged,
                "add_client",
                "phone",
            )
            .values(Some("str".into()), Some("list[str]".into()))
            .rust_values(Some("String".into()), Some("Vec<String>".into())),
            on_param(Class::NonBreaking, Kind::OptionalParamAdded, "find", "name")
                .rust_values(None, Some("String".into())),
            on_param(Class::Docs, Kind::ParamTypeChanged, "find", "since")
                .values(Some("str".into()), Some("date".into()))
                .rust_values(Some("String".into()), Some("String".into())),
            on_param(Class::Docs, Kind::ParamDocChanged, "find", "since")
                .values(Some("When.".into()), Some("Since when.".into())),
        ];
        let diff = ApiDiff {
            summary: Summary {
                breaking: 1,
                non_breaking: 1,
                docs: 2,
            },
            changes,
        };
        assert_eq!(
            section(&diff, "0.3.0", "2026-12-01"),
            "## [0.3.0] - 2026-12-01\n\
             \n### Breaking\n\n\
             - `clients().add_client`: param `phone` is now `Vec<String>` (was `String`)\n\
             \n### Added\n\n\
             - `clients().find`: new optional param `name: String`\n\
             \n### Changed\n\n\
             - `clients().find`: param `since` is documented as `date` (was `str`); its Rust type `String` is unchanged\n\
             \n### Docs\n\n\
             - `clients().find`: param `since`: doc changed\n"
        );
    }

    #[test]
    fn an_empty_diff_says_so() {
        assert_eq!(
            section(&ApiDiff::default(), "1.0.1", "2026-12-01"),
            "## [1.0.1] - 2026-12-01\n\nNo API changes.\n"
        );
    }
}
