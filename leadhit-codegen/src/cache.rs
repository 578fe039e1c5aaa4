//! Reading `maps-cache/`: one `<node>.html` per node, the node name being the file stem.

use std::io;
use std::path::{Path, PathBuf};

/// The file extension of a cached map page.
pub const MAP_EXTENSION: &str = "html";

/// The path of a node's cached page.
pub fn map_path(cache_dir: &Path, node: &str) -> PathBuf {
    cache_dir.join(format!("{node}.{MAP_EXTENSION}"))
}

/// Every cached page as `(node, bytes)`, sorted by node name so the result is the same on every
/// file system.
pub fn read_pages(cache_dir: &Path) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(cache_dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some(MAP_EXTENSION) {
            continue;
        }
        let Some(node) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        pages.push((node.to_owned(), std::fs::read(&path)?));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}
