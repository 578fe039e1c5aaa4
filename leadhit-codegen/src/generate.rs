//! The resolved API → files, and the one helper that compares generated files with what is on
//! disk and writes only what changed.

use crate::atomic::write_atomic;
use crate::emit::{emit, GeneratedFile, GENERATED_DIR, OPENRPC_DIR};
use crate::resolve::ResolvedApi;
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
        let path = crate_dir.join(&file.path);
        let current = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if current.as_deref().map(normalize) == Some(normalize(&file.contents)) {
            continue;
        }
        if write {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            write_atomic(&path, file.contents.as_bytes())?;
        }
        changes.push(FileChange::Updated(path));
    }
    let mut stale: Vec<PathBuf> = generated_on_disk(crate_dir)?
        .into_iter()
        .filter(|path| !files.iter().any(|f| crate_dir.join(&f.path) == *path))
        .collect();
    stale.sort();
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
