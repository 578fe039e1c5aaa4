//! `cargo xtask parse FILE`: the model of one map page as JSON, to see why a method got its
//! signature.

use anyhow::Context;
use leadhit_codegen::generate::report;
use leadhit_codegen::lower::{lower_node, Options};
use leadhit_codegen::model::{Method, Optionality};
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
    let mut diagnostics = Vec::new();
    let lowered = lower_node(&node, &bytes, &Options::default(), &mut diagnostics);
    eprint!("{}", report(&diagnostics));
    let Some(node) = lowered else {
        anyhow::bail!("{} is not a usable map page", file.display());
    };
    let out = json!({ "methods": node.methods.iter().map(method_json).collect::<Vec<_>>() });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}

/// The JSON shape users script against (keys fixed by the issue; extra keys only add detail).
pub fn method_json(m: &Method) -> Value {
    json!({
        "name": m.wire_name,
        "rust_name": m.rust_name,
        "summary": m.summary,
        "style": m.style,
        "params": m.params.as_ref().map(|ps| ps.iter().map(|p| json!({
            "name": p.wire_name,
            "rust_name": p.rust_name,
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
