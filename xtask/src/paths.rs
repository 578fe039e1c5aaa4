//! Where things live in the workspace: found from this crate's manifest directory, or from
//! `XTASK_WORKSPACE` when set (tests point it at a scratch copy so they never touch the real
//! cache or generated crate).

use std::path::PathBuf;

/// Overrides the workspace root.
pub const WORKSPACE_ENV: &str = "XTASK_WORKSPACE";

/// The workspace root.
pub fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os(WORKSPACE_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
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
