//! The resolved API → files, and the one helper that compares generated files with what is on
//! disk and writes only what changed.

use crate::atomic::write_atomic;
use crate::emit::{emit, emit_nodes, emit_shared, GeneratedFile, NodeOutline};
use crate::emit::{GENERATED_DIR, OPENRPC_DIR};
use crate::resolve::{ResolvedApi, ResolvedNode, ResolvedRecord};
use std::io;
use std::path::{Path, PathBuf};

/// The folders of the `leadhit-generated` crate that only the generator writes, each with the
/// extension of the files it writes there: a file of that extension that it no longer writes
/// there is stale.
pub const GENERATED_DIRS: &[(&str, &str)] = &[(GENERATED_DIR, "rs"), (OPENRPC_DIR, "json")];

/// Every generated file of the `leadhit` crate for `api`, in a fixed order. Cannot fail: the
/// resolve stage has checked everything. Only an API resolved without errors may be written.
pub fn generate(api: &ResolvedApi) -> Vec<GeneratedFile> {
    emit(api)
}

/// The files shared by every node (`mod.rs`), which need only each node's outline: together
/// with [`generate_nodes`] for every node, what [`generate`] makes, so a caller may emit again
/// only the nodes that changed.
pub fn generate_shared(nodes: &[NodeOutline], records: &[ResolvedRecord]) -> Vec<GeneratedFile> {
    emit_shared(nodes, records)
}

/// The set of files each node emits, in node order; each depends on its node alone.
pub fn generate_nodes(
    nodes: &[ResolvedNode],
    records: &[ResolvedRecord],
) -> Vec<Vec<GeneratedFile>> {
    emit_nodes(nodes, records, |files| files)
}

/// One generated file once [`sync_file`] has seen it: its path, what the caller kept of it, and
/// whether the disk differed.
#[derive(Debug)]
pub struct Synced<K> {
    pub path: String,
    pub kept: K,
    pub change: Option<FileChange>,
}

/// [`generate_nodes`], each node's files synced with the disk ([`sync_file`]) by the worker that
/// made them and then dropped, keeping only what `keep` takes of each: so a run holds the files
/// of the nodes being emitted, not the whole crate's (50 MB at ten thousand methods). In node
/// order. Stale files are the caller's ([`remove_stale`]), once every node is done.
pub fn sync_nodes<K: Send>(
    crate_dir: &Path,
    nodes: &[ResolvedNode],
    records: &[ResolvedRecord],
    write: bool,
    keep: impl Fn(&GeneratedFile) -> K + Sync,
) -> io::Result<Vec<Vec<Synced<K>>>> {
    let synced = emit_nodes(nodes, records, |files| {
        files
            .into_iter()
            .map(|file| synced(crate_dir, file, write, &keep))
            .collect::<io::Result<Vec<_>>>()
    });
    synced.into_iter().collect()
}

/// [`generate`] and [`sync_files`] in one, the nodes' files synced as they are made
/// ([`sync_nodes`]): the changes, in `sync_files`' order, and what `keep` took of each file,
/// in `generate`'s.
pub fn generate_synced<K: Send>(
    crate_dir: &Path,
    api: &ResolvedApi,
    write: bool,
    keep: impl Fn(&GeneratedFile) -> K + Sync,
) -> io::Result<(Vec<FileChange>, Vec<K>)> {
    let outlines: Vec<NodeOutline> = api.nodes.iter().map(NodeOutline::of).collect();
    let shared = emit_shared(&outlines, &api.records);
    let shared = shared
        .into_iter()
        .map(|f| synced(crate_dir, f, write, &keep));
    let shared = shared.collect::<io::Result<Vec<_>>>()?;
    let per_node = sync_nodes(crate_dir, &api.nodes, &api.records, write, &keep)?;
    // As `generate` orders them: the shared files, the Rust modules, then the documents.
    let (modules, documents): (Vec<_>, Vec<_>) = per_node
        .into_iter()
        .flatten()
        .partition(|f| f.path.starts_with(GENERATED_DIR));
    let files: Vec<Synced<K>> = shared.into_iter().chain(modules).chain(documents).collect();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let stale = remove_stale(crate_dir, &paths, write)?;
    let (mut changes, mut kept) = (Vec::new(), Vec::with_capacity(files.len()));
    for file in files {
        changes.extend(file.change);
        kept.push(file.kept);
    }
    changes.extend(stale);
    Ok((changes, kept))
}

fn synced<K>(
    crate_dir: &Path,
    file: GeneratedFile,
    write: bool,
    keep: impl Fn(&GeneratedFile) -> K,
) -> io::Result<Synced<K>> {
    let change = sync_file(crate_dir, &file, write)?;
    Ok(Synced {
        kept: keep(&file),
        path: file.path,
        change,
    })
}

/// What [`sync_files`] found or did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// The file is new or its contents differ.
    Updated(PathBuf),
    /// A generated file that nothing generates any more (its node is gone).
    Removed(PathBuf),
}

impl FileChange {
    pub fn path(&self) -> &Path {
        match self {
            FileChange::Updated(p) | FileChange::Removed(p) => p,
        }
    }
}

/// Compares `files` with the generated folder under `crate_dir`. With `write`, brings the disk
/// in line: writes only files whose contents differ (so mtimes, and cargo's rebuilds, are left
/// alone otherwise) and removes stale ones (see [`GENERATED_DIRS`]). Returns the files that differ(ed).
/// Newlines are normalised, so a checkout with CRLF line endings is not "out of date".
pub fn sync_files(
    crate_dir: &Path,
    files: &[GeneratedFile],
    write: bool,
) -> io::Result<Vec<FileChange>> {
    let mut changes = Vec::new();
    for file in files {
        changes.extend(sync_file(crate_dir, file, write)?);
    }
    let expected: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    changes.extend(remove_stale(crate_dir, &expected, write)?);
    Ok(changes)
}

/// One file of [`sync_files`]: compared with the disk and, with `write`, written if it differs.
pub fn sync_file(
    crate_dir: &Path,
    file: &GeneratedFile,
    write: bool,
) -> io::Result<Option<FileChange>> {
    let path = crate_dir.join(&file.path);
    let current = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if current.as_deref().map(normalize) == Some(normalize(&file.contents)) {
        return Ok(None);
    }
    if write {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_atomic(&path, file.contents.as_bytes())?;
    }
    Ok(Some(FileChange::Updated(path)))
}

/// The stale files of [`sync_files`]: those of the [`GENERATED_DIRS`] that are not `expected`
/// (paths relative to the crate), sorted; removed with `write`.
pub fn remove_stale(
    crate_dir: &Path,
    expected: &[&str],
    write: bool,
) -> io::Result<Vec<FileChange>> {
    let mut stale: Vec<PathBuf> = generated_on_disk(crate_dir)?
        .into_iter()
        .filter(|path| !expected.iter().any(|p| crate_dir.join(p) == *path))
        .collect();
    stale.sort();
    let mut changes = Vec::with_capacity(stale.len());
    for path in stale {
        if write {
            std::fs::remove_file(&path)?;
        }
        changes.push(FileChange::Removed(path));
    }
    Ok(changes)
}

/// The files on disk in the [`GENERATED_DIRS`] under `crate_dir` (those of the folder's
/// extension), sorted: what the generator wrote there, and anything stale.
pub fn generated_on_disk(crate_dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for (dir, extension) in GENERATED_DIRS {
        let dir = crate_dir.join(dir);
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) == Some(extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Newlines normalised for comparing; borrowed when there is no `\r`, as in every file this
/// generator writes (the generated crate is tens of megabytes at ten thousand methods).
fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{build_api, parse_overrides, read_pages};

    /// Syncing each file as it is made changes what `generate` + `sync_files` would, in the same
    /// order, and keeps what it was asked to of every file in `generate`'s order.
    #[test]
    fn generate_synced_is_generate_then_sync_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let cache = root.join("maps-cache");
        let text = std::fs::read_to_string(cache.join("overrides.toml")).unwrap();
        let overrides = parse_overrides(&text, Path::new("overrides.toml")).unwrap();
        let api = build_api(&read_pages(&cache).unwrap(), &overrides);
        assert!(!api.has_errors(), "{:?}", api.diagnostics);
        let dirs = ["synced", "plain"].map(|side| {
            let dir =
                std::env::temp_dir().join(format!("leadhit-sync-{}-{side}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join(GENERATED_DIR)).unwrap();
            std::fs::write(dir.join(GENERATED_DIR).join("gone.rs"), "stale").unwrap();
            dir
        });
        let files = generate(&api.value);
        let paths = |changes: Vec<FileChange>, dir: &Path| -> Vec<PathBuf> {
            let relative = |c: &FileChange| c.path().strip_prefix(dir).unwrap().to_owned();
            changes.iter().map(relative).collect()
        };
        for write in [false, true, false] {
            let (changes, kept) =
                generate_synced(&dirs[0], &api.value, write, |f| f.path.clone()).unwrap();
            let plain = sync_files(&dirs[1], &files, write).unwrap();
            assert_eq!(
                paths(changes, &dirs[0]),
                paths(plain, &dirs[1]),
                "write: {write}"
            );
            assert_eq!(
                kept,
                files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()
            );
        }
        assert_eq!(generated_on_disk(&dirs[0]).unwrap().len(), files.len());
        for dir in dirs {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
