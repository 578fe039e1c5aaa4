//! Where things live in the workspace, found from this crate's manifest directory.

use std::path::PathBuf;

/// The workspace root.
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// `maps-cache/`, the committed map pages.
pub fn maps_cache() -> PathBuf {
    root().join("maps-cache")
}

/// The generated client crate.
pub fn generated_crate() -> PathBuf {
    root().join("leadhit-generated")
}
