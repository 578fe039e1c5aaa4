//! `cargo xtask codegen` and `cargo xtask check`: one code path, writing or only comparing.
//!
//! Emitting and formatting are nearly all of a run's cost (seconds for ten thousand methods),
//! and most runs change nothing. So each run that ends up to date leaves a [`Stamp`] next to
//! this binary, in the target directory and never in the repository: a fingerprint of its
//! inputs (every cached page, `overrides.toml`, the workspace and this very binary), what it
//! printed, and a fingerprint of every generated file. A later run whose inputs match, and
//! whose generated files on disk all still match theirs (with no stray file beside them),
//! knows the full run would find nothing to do, and skips it. Anything else — a fresh
//! clone, a rebuilt xtask, a changed map, a hand-edited or deleted generated file — means a
//! full run, so `check` still catches every difference.

mod nodes;

use crate::fingerprint::fingerprint;
use crate::paths;
use anyhow::Context;
use leadhit_codegen::{build_api, generate_synced, load_overrides, read_pages, report};
use leadhit_codegen::{generated_on_disk, FileChange, GeneratedFile, OVERRIDES_FILE};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command that fixes a stale generated crate; named in every "out of date" message.
pub const FIX_COMMAND: &str = "cargo xtask codegen";

/// Regenerates (`check == false`) or verifies (`check == true`) the generated crate.
pub fn run(check: bool) -> anyhow::Result<ExitCode> {
    let cache = paths::maps_cache();
    let crate_dir = paths::generated_crate();
    let root = paths::root();
    let pages = read_pages(&cache).with_context(|| format!("reading {}", cache.display()))?;
    let stamp_path = Stamp::path(&root);
    let generator = Stamp::generator(&root);
    let key = generator
        .as_deref()
        .and_then(|generator| Stamp::key(generator, &cache, &pages));
    let previous = stamp_path.as_deref().and_then(Stamp::read);
    if let Some(stamp) = previous
        .as_ref()
        .filter(|s| Some(&s.key) == key.as_ref() && s.matches_disk(&crate_dir))
    {
        eprint!("{}", stamp.report);
        return Ok(finish(
            check,
            &[],
            stamp.files.len(),
            stamp.nodes,
            stamp.methods,
        ));
    }

    // The cache's overrides.toml (if any) is applied here, as in every other command.
    let overrides = load_overrides(&cache)?;
    // `codegen` goes node by node, reusing what the last run left up to date; `check` (and a
    // run whose maps have errors, which only the full build reports in full) builds it all.
    if let (false, Some(generator)) = (check, &generator) {
        let entries = previous.map(|stamp| stamp.entries).unwrap_or_default();
        if let Some(done) = nodes::regenerate(&crate_dir, &pages, &overrides, generator, &entries)?
        {
            eprint!("{}", done.report);
            if done.built < done.nodes {
                eprintln!(
                    "{} of {} nodes built again, the others up to date",
                    done.built, done.nodes
                );
            }
            let files = done.files.len();
            if let (Some(path), Some(key)) = (stamp_path, key) {
                let stamp = Stamp {
                    key,
                    report: done.report,
                    nodes: done.nodes,
                    methods: done.methods,
                    files: done.files,
                    entries: done.entries,
                };
                // Only an optimisation: failing to record it costs the next run time.
                let _ = stamp.write(&path);
            }
            return Ok(finish(
                check,
                &done.changes,
                files,
                done.nodes,
                done.methods,
            ));
        }
    }
    let api = build_api(&pages, &overrides);
    let printed = report(&api.diagnostics);
    eprint!("{printed}");
    if api.has_errors() {
        anyhow::bail!(
            "the maps in {} have errors (listed above); nothing was written. Fix them with maps-cache/overrides.toml or re-fetch",
            cache.display()
        );
    }
    // Each file synced as it is made and let go, only its record kept (see `nodes.rs`).
    let (changes, files) = generate_synced(&crate_dir, &api.value, !check, file_record)
        .with_context(|| format!("syncing {}", crate_dir.display()))?;
    let (nodes, file_count) = (api.value.nodes.len(), files.len());
    let methods: usize = api.value.nodes.iter().map(|n| n.methods.len()).sum();
    // After a write, or a check that found nothing to do, the disk is what these inputs make.
    if !check || changes.is_empty() {
        if let (Some(path), Some(key)) = (stamp_path, key) {
            let stamp = Stamp {
                key,
                report: printed,
                nodes,
                methods,
                files,
                // No node summaries from a full build: the next `codegen` builds every node.
                entries: Vec::new(),
            };
            let _ = stamp.write(&path);
        }
    }
    Ok(finish(check, &changes, file_count, nodes, methods))
}

/// Prints the outcome, the same whether the run was full or skipped by the stamp.
fn finish(
    check: bool,
    changes: &[FileChange],
    files: usize,
    nodes: usize,
    methods: usize,
) -> ExitCode {
    let root = paths::root();
    let shown = |c: &FileChange| {
        c.path()
            .strip_prefix(&root)
            .unwrap_or(c.path())
            .display()
            .to_string()
    };
    if check {
        if changes.is_empty() {
            eprintln!("leadhit-generated is up to date with maps-cache/ ({files} files)");
            return ExitCode::SUCCESS;
        }
        eprintln!("leadhit-generated is out of date with maps-cache/:");
        for c in changes {
            let what = if matches!(c, FileChange::Removed(_)) {
                "stale"
            } else {
                "differs"
            };
            eprintln!("  {what}: {}", shown(c));
        }
        eprintln!("run `{FIX_COMMAND}` and commit the result");
        return ExitCode::FAILURE;
    }
    for c in changes {
        let what = if matches!(c, FileChange::Removed(_)) {
            "removed"
        } else {
            "wrote"
        };
        eprintln!("{what} {}", shown(c));
    }
    eprintln!(
        "{nodes} nodes, {methods} methods; {} of {files} files changed",
        changes.len()
    );
    ExitCode::SUCCESS
}

/// A generated file as the stamp records it: path relative to the crate, length, fingerprint
/// in hex.
pub(crate) type FileRecord = (String, u64, String);

fn file_record(file: &GeneratedFile) -> FileRecord {
    let bytes = file.contents.as_bytes();
    let hash = format!("{:016x}", fingerprint(&[bytes]));
    (file.path.clone(), bytes.len() as u64, hash)
}

/// True when each recorded file is on disk, byte for byte.
fn matches_disk(crate_dir: &Path, files: &[FileRecord]) -> bool {
    files.iter().all(|(path, len, hash)| {
        std::fs::read(crate_dir.join(path)).is_ok_and(|bytes| {
            bytes.len() as u64 == *len
                && format!("{:016x}", fingerprint(&[bytes.as_slice()])) == *hash
        })
    })
}

/// What an up-to-date run found, recorded for the next run (see the module docs).
#[derive(Serialize, Deserialize)]
struct Stamp {
    /// The fingerprint of the inputs, in hex.
    key: String,
    /// The diagnostics report the full run printed, printed again when it is skipped.
    report: String,
    nodes: usize,
    methods: usize,
    /// Each generated file.
    files: Vec<FileRecord>,
    /// Each node's inputs, summary and files, for a run whose inputs differ in only some nodes
    /// ([`nodes`]); empty after a `check`.
    entries: Vec<nodes::NodeEntry>,
}

impl Stamp {
    /// `<the binary's folder>/xtask-codegen-<workspace fingerprint>.stamp`: per binary (a
    /// rebuilt one is a different generator) and per workspace (tests run many at once).
    fn path(root: &Path) -> Option<PathBuf> {
        let exe = std::env::current_exe().ok()?;
        let id = fingerprint(&[root.as_os_str().as_encoded_bytes()]);
        Some(exe.with_file_name(format!("xtask-codegen-{id:016x}.stamp")))
    }

    /// This generator on this workspace: the version, this very binary's identity (size and
    /// modification time) and the workspace path; `None` when the binary cannot be read, which
    /// disables the stamp.
    fn generator(root: &Path) -> Option<String> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let built = exe
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        let identity = format!("{}:{built}", exe.len());
        let parts: [&[u8]; 3] = [
            env!("CARGO_PKG_VERSION").as_bytes(),
            identity.as_bytes(),
            root.as_os_str().as_encoded_bytes(),
        ];
        Some(format!("{:016x}", fingerprint(&parts)))
    }

    /// The fingerprint of everything a run's output depends on; `None` when `overrides.toml`
    /// cannot be read (the full run reports it).
    fn key(generator: &str, cache: &Path, pages: &[(String, Vec<u8>)]) -> Option<String> {
        let overrides = match std::fs::read(cache.join(OVERRIDES_FILE)) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(_) => return None,
        };
        let mut parts: Vec<&[u8]> = vec![
            generator.as_bytes(),
            overrides.as_deref().unwrap_or(b"\0absent"),
        ];
        for (node, bytes) in pages {
            parts.push(node.as_bytes());
            parts.push(bytes);
        }
        Some(format!("{:016x}", fingerprint(&parts)))
    }

    /// The stamp at `path`; `None` when there is none or it cannot be read.
    fn read(path: &Path) -> Option<Stamp> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }

    fn write(&self, path: &Path) -> anyhow::Result<()> {
        let json = serde_json::to_vec(self)?;
        leadhit_codegen::write_atomic(path, &json)?;
        Ok(())
    }

    /// True when the generated folder holds exactly the recorded files, byte for byte.
    fn matches_disk(&self, crate_dir: &Path) -> bool {
        let Ok(on_disk) = generated_on_disk(crate_dir) else {
            return false;
        };
        let mut recorded: Vec<PathBuf> = self.files.iter().map(|f| crate_dir.join(&f.0)).collect();
        recorded.sort();
        on_disk == recorded && matches_disk(crate_dir, &self.files)
    }
}
