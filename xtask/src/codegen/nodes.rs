//! Regeneration node by node: a node whose inputs are those of the last run, and whose files on
//! disk are still what that run wrote, is neither built nor emitted again.
//!
//! A node's inputs are its page, its own tables in `overrides.toml`, what that file says for
//! every node (injected params, records) and the generator itself; each node's [`NodeEntry`] in
//! the stamp keeps their fingerprint with the node's [`NodeSummary`] (names, diagnostics,
//! records used) and the set of files it emitted. The files shared by every node (`mod.rs`)
//! are made again each run from the summaries: they are small. The output is what a full run
//! would write, byte for byte (`xtask/tests/workflow/incremental.rs` checks it for each kind of
//! change); when anything is an error, this gives up and the full run reports it.

use super::{file_record, matches_disk, FileRecord};
use crate::fingerprint::fingerprint;
use leadhit_codegen::{assemble, build_nodes, generate_shared, prepare, remove_stale, report};
use leadhit_codegen::{sync_file, sync_nodes, FileChange, GeneratedFile, NodeSummary};
use leadhit_codegen::{Assembled, Overrides, ResolvedNode, Synced};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// One node as the last run left it.
#[derive(Serialize, Deserialize, Clone)]
pub struct NodeEntry {
    /// The fingerprint of the node's inputs ([`node_key`]), in hex.
    key: String,
    summary: NodeSummary,
    /// The files the node emitted, as the stamp records files.
    files: Vec<FileRecord>,
}

/// What a run by node did: what to print, what to record.
pub struct Outcome {
    pub report: String,
    pub changes: Vec<FileChange>,
    pub nodes: usize,
    /// The nodes built and emitted again (the others were up to date).
    pub built: usize,
    pub methods: usize,
    pub entries: Vec<NodeEntry>,
    /// Every generated file, shared ones first, then each node's.
    pub files: Vec<FileRecord>,
}

/// Regenerates the crate from `pages`, building only the nodes that `previous` does not hold
/// up to date. `None` when the API has errors: the caller's full run reports them.
pub fn regenerate(
    crate_dir: &Path,
    pages: &[(String, Vec<u8>)],
    overrides: &Overrides,
    generator: &str,
    previous: &[NodeEntry],
) -> anyhow::Result<Option<Outcome>> {
    let previous: BTreeMap<&str, &NodeEntry> = previous
        .iter()
        .map(|entry| (entry.summary.name.as_str(), entry))
        .collect();
    let keys: Vec<String> = pages
        .iter()
        .map(|(name, page)| node_key(generator, name, page, overrides))
        .collect();
    // Page by page: the entry to keep, or `None` to build the node again.
    let kept: Vec<Option<&NodeEntry>> = pages
        .iter()
        .zip(&keys)
        .map(|((name, _), key)| {
            previous
                .get(name.as_str())
                .copied()
                .filter(|entry| entry.key == *key && matches_disk(crate_dir, &entry.files))
        })
        .collect();
    let stale: Vec<(&str, &[u8])> = pages
        .iter()
        .zip(&kept)
        .filter(|(_, kept)| kept.is_none())
        .map(|((name, page), _)| (name.as_str(), page.as_slice()))
        .collect();
    let prepared = prepare(overrides);
    let mut built = build_nodes(&stale, overrides, &prepared).into_iter();
    let mut summaries = Vec::with_capacity(pages.len());
    let mut fresh: Vec<ResolvedNode> = Vec::with_capacity(stale.len());
    for entry in &kept {
        match entry {
            Some(entry) => summaries.push(entry.summary.clone()),
            None => {
                let build = built.next().expect("one build per stale node");
                fresh.extend(build.node);
                summaries.push(build.summary);
            }
        }
    }
    let refs: Vec<&NodeSummary> = summaries.iter().collect();
    let Some(assembled) = assemble(&refs, overrides, &prepared) else {
        return Ok(None);
    };

    let kept_paths: Vec<&str> = kept
        .iter()
        .flatten()
        .flat_map(|entry| entry.files.iter().map(|f| f.0.as_str()))
        .collect();
    let (shared, emitted, changes) = write_files(crate_dir, &assembled, fresh, &kept_paths)?;

    let mut emitted = emitted.into_iter();
    let mut entries = Vec::with_capacity(pages.len());
    for ((entry, key), summary) in kept.iter().zip(keys).zip(summaries) {
        let files = match entry {
            Some(entry) => entry.files.clone(),
            None => {
                let files = emitted.next().expect("files for each built node");
                files.into_iter().map(|f| f.kept).collect()
            }
        };
        entries.push(NodeEntry {
            key,
            summary,
            files,
        });
    }
    let mut files: Vec<FileRecord> = shared.into_iter().map(|f| f.kept).collect();
    files.extend(entries.iter().flat_map(|e| e.files.iter().cloned()));
    Ok(Some(Outcome {
        report: report(&assembled.diagnostics),
        changes,
        nodes: assembled.outlines.len(),
        built: stale.len(),
        methods: assembled.methods,
        entries,
        files,
    }))
}

/// The fingerprint of everything one node's files depend on (see the module docs).
fn node_key(generator: &str, name: &str, page: &[u8], overrides: &Overrides) -> String {
    let own = format!("{:?}", overrides.nodes.get(name));
    let common = format!("{:?} {:?}", overrides.injected_params, overrides.records);
    let parts: [&[u8]; 5] = [
        generator.as_bytes(),
        name.as_bytes(),
        page,
        own.as_bytes(),
        common.as_bytes(),
    ];
    format!("{:016x}", fingerprint(&parts))
}

/// What [`write_files`] wrote: the shared files, each built node's, and what changed on disk.
type Written = (
    Vec<Synced<FileRecord>>,
    Vec<Vec<Synced<FileRecord>>>,
    Vec<FileChange>,
);

/// The files made again, each written as it is made (each node's by the worker that made it)
/// and let go, only its record kept: at 10,000 methods the files are 50 MB, held to the end of
/// the run before. Then the stale files, those neither made nor `kept`, are removed.
fn write_files(
    crate_dir: &Path,
    assembled: &Assembled,
    fresh: Vec<ResolvedNode>,
    kept: &[&str],
) -> std::io::Result<Written> {
    let shared = generate_shared(&assembled.outlines, &assembled.records);
    let shared: Vec<Synced<FileRecord>> = shared
        .iter()
        .map(|file| synced(crate_dir, file))
        .collect::<std::io::Result<_>>()?;
    let emitted = sync_nodes(crate_dir, &fresh, &assembled.records, true, file_record)?;
    drop(fresh);
    let made = || shared.iter().chain(emitted.iter().flatten());
    let expected: Vec<&str> = made()
        .map(|f| f.path.as_str())
        .chain(kept.iter().copied())
        .collect();
    let removed = remove_stale(crate_dir, &expected, true)?;
    let changes = made().filter_map(|f| f.change.clone()).chain(removed);
    let changes = changes.collect();
    Ok((shared, emitted, changes))
}

/// One shared file synced with the disk, as [`sync_nodes`] syncs each node's.
fn synced(crate_dir: &Path, file: &GeneratedFile) -> std::io::Result<Synced<FileRecord>> {
    Ok(Synced {
        path: file.path.clone(),
        kept: file_record(file),
        change: sync_file(crate_dir, file, true)?,
    })
}
