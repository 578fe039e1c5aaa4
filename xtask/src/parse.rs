//! `cargo xtask parse FILE`: the model of one map page as JSON, to see why a method got its
//! signature.
//!
//! The workspace's `maps-cache/overrides.toml` is applied as `codegen` applies it: its
//! `injected_params` always, and its tables for the node the file stem names, so the output is
//! what the generator will see.

use crate::paths;
use anyhow::Context;
use leadhit_codegen::{build_node, load_overrides, report, Optionality, ResolvedMethod};
use serde_json::{json, Value};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let node = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("node")
        .to_owned();
    let overrides = load_overrides(&paths::maps_cache())?;
    if overrides.nodes.contains_key(&node) {
        eprintln!("applying the overrides of node `{node}` from maps-cache/overrides.toml");
    }
    let lowered = build_node(&node, &bytes, &overrides);
    eprint!("{}", report(&lowered.diagnostics));
    let Some(node) = lowered.value else {
        anyhow::bail!("{} is not a usable map page", file.display());
    };
    let out = json!({ "methods": node.methods.iter().map(method_json).collect::<Vec<_>>() });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}

/// The JSON shape users script against (keys fixed by the issue; extra keys only add detail).
/// The Rust names are the resolve stage's, as the generated code has them.
pub fn method_json(resolved: &ResolvedMethod) -> Value {
    let m = &resolved.model;
    json!({
        "name": m.wire_name,
        "rust_name": resolved.name,
        "summary": m.summary,
        "style": m.style,
        "params": m.params.as_ref().map(|_| resolved.params().map(|(p, r)| json!({
            "name": p.wire_name,
            "rust_name": r.name,
            "type": p.raw_type,
            "parsed_type": p.ty,
            "optional": match p.optional {
                Optionality::Required => Some(false),
                Optionality::Optional => Some(true),
                Optionality::Unknown => None,
            },
            "default": p.default,
            "doc": p.doc,
        })).collect::<Vec<_>>()),
        "extra_args": m.extra_args,
        "returns": m.returns.as_ref().map(|r| json!({
            "type": r.raw_type,
            "parsed_type": r.ty,
            "doc": r.doc,
        })),
        "deprecated": m.deprecated,
        "line": m.line,
    })
}
