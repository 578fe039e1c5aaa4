//! Reading `maps-cache/`: one `<node>.html` per node, the node name being the file stem.
//!
//! A node name is both a URL path segment (`fetch`) and a file name (here and in the generated
//! crate), so [`check_node_name`] is the one rule for both: a name it refuses is never fetched,
//! and a cached file with such a name is an error when the cache is read into a model.

use std::io;
use std::path::{Path, PathBuf};

/// The file extension of a cached map page.
pub const MAP_EXTENSION: &str = "html";

/// Device names Windows reserves in every folder, whatever the extension (`con.html`,
/// `nul.tar.gz`). A repository holding such a file cannot be checked out there.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why a name cannot be a node.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NodeNameError {
    #[error(
        "{0:?} is not a valid node name: use only letters, digits, `_`, `-` and `.` (not leading, never `..`)"
    )]
    Invalid(String),
    #[error("{0:?} is not a usable node name: it is a device name reserved on Windows, where its page could not be a file")]
    Reserved(String),
}

/// Checks a node name: only `[A-Za-z0-9_.-]`, no leading dot (which also rules out `.`, `..`
/// and hidden files), no `..`, and not a name Windows reserves. Such a name can climb out of
/// neither a URL nor a folder, and its page can be a file on every system.
pub fn check_node_name(node: &str) -> Result<(), NodeNameError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if node.is_empty() || !node.chars().all(allowed) || node.starts_with('.') || node.contains("..")
    {
        return Err(NodeNameError::Invalid(node.to_owned()));
    }
    if is_reserved_file_stem(node) {
        return Err(NodeNameError::Reserved(node.to_owned()));
    }
    Ok(())
}

/// True when a file named `<stem>.<anything>` cannot exist on Windows: the part before the
/// first dot is a reserved device name, in any case.
pub fn is_reserved_file_stem(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem);
    WINDOWS_RESERVED
        .iter()
        .any(|r| base.eq_ignore_ascii_case(r))
}

/// The path of a node's cached page.
pub fn map_path(cache_dir: &Path, node: &str) -> PathBuf {
    cache_dir.join(format!("{node}.{MAP_EXTENSION}"))
}

/// Every cached page as `(node, bytes)`, sorted by node name so the result is the same on every
/// file system.
///
/// The node is the file stem as written, not yet checked: lowering reports a stem that
/// [`check_node_name`] refuses as an error naming it. A stem that is not UTF-8 is read lossily
/// (with U+FFFD), so it is reported that way too rather than silently left out.
pub fn read_pages(cache_dir: &Path) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(cache_dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some(MAP_EXTENSION) {
            continue;
        }
        let Some(node) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("reading {}: {e}", path.display())))?;
        pages.push((node, bytes));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_names() {
        for ok in [
            "orders",
            "report.daily",
            "v2-clients",
            "a_b",
            "console",
            "con_x",
            "COM10",
        ] {
            assert_eq!(check_node_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "a..b",
            "a b",
            "a/b",
            "a\\b",
            "x?y",
            "заказы",
        ] {
            assert!(
                matches!(check_node_name(bad), Err(NodeNameError::Invalid(_))),
                "{bad:?}"
            );
        }
        for reserved in ["con", "Con", "NUL", "nul.x", "lpt1", "COM9.a.b"] {
            assert!(
                matches!(check_node_name(reserved), Err(NodeNameError::Reserved(_))),
                "{reserved:?}"
            );
        }
    }
}
