//! Model → files (the model itself comes from `pipeline`), and the one helper that compares
//! generated files with what is on disk and writes only what changed.

use crate::diagnostics::{has_errors, Diagnostic};
use crate::emit::{emit, GeneratedFile, GENERATED_DIR};
use crate::lower::Lowered;
use crate::model::Api;
use std::io;
use std::path::{Path, PathBuf};

/// Model → files. `value` is `None` when any diagnostic is an error.
pub fn generate(api: &Api) -> Lowered<Option<Vec<GeneratedFile>>> {
    let emitted = emit(api);
    let ok = !has_errors(&emitted.diagnostics);
    Lowered {
        value: ok.then_some(emitted.value),
        diagnostics: emitted.diagnostics,
    }
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
/// alone otherwise) and removes stale `.rs` files. Returns the files that differ(ed).
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
    let dir = crate_dir.join(GENERATED_DIR);
    if dir.is_dir() {
        let mut stale = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let is_rs = path.extension().and_then(|e| e.to_str()) == Some("rs");
            if is_rs && !files.iter().any(|f| crate_dir.join(&f.path) == path) {
                stale.push(path);
            }
        }
        stale.sort();
        for path in stale {
            if write {
                std::fs::remove_file(&path)?;
            }
            changes.push(FileChange::Removed(path));
        }
    }
    Ok(changes)
}

/// Writes through a temporary file and a rename, so a crash never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let tmp = path.with_file_name(format!(".{}.tmp", file_name.to_string_lossy()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
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

/// A 64-bit fingerprint of a sequence of byte strings (each length-prefixed, so the split
/// between parts counts). For telling whether inputs or outputs changed since an earlier run:
/// XXH3, which hashes tens of megabytes of pages and generated files in a few milliseconds (the
/// standard library's SipHash took tens). Not a defence against anyone: the stamp it goes into
/// only ever lets a run skip work it would have redone identically.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest()
}

/// Formats diagnostics one per line, errors first, for printing.
pub fn report(diagnostics: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.severity));
    sorted.iter().map(|d| format!("{d}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn fingerprints_tell_parts_and_their_splits_apart() {
        let pages: [&[u8]; 2] = [b"orders", b"<pre>a: b</pre>"];
        assert_eq!(fingerprint(&pages), fingerprint(&pages));
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
        assert_ne!(fingerprint(&[b"a", b""]), fingerprint(&[b"a"]));
        assert_ne!(
            fingerprint(&pages),
            fingerprint(&[b"orders", b"<pre>a: c</pre>"])
        );
    }
}
