//! The crate's version in `Cargo.toml` and `Cargo.lock`: read with a TOML parser, written by
//! changing only the one `version = "..."` line, so the files keep their layout and comments.

use anyhow::{bail, Context};
use semver::Version;

/// The generated crate's package name.
pub const PACKAGE: &str = "leadhit";

/// The `[package]` version of a manifest's text.
pub fn read_version(manifest: &str) -> anyhow::Result<Version> {
    let table: toml::Table = toml::from_str(manifest).context("the manifest is not valid TOML")?;
    let Some(version) = table
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
    else {
        bail!("the manifest's [package] has no literal `version = \"...\"` (an inherited version cannot be bumped)");
    };
    Version::parse(version).with_context(|| format!("`{version}` is not a semver version"))
}

/// The manifest with its `[package]` version set to `version`.
pub fn set_manifest_version(manifest: &str, version: &Version) -> anyhow::Result<String> {
    let mut in_package = false;
    let mut done = false;
    let lines = manifest.split_inclusive('\n').map(|line| {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            in_package = trimmed.starts_with("[package]");
        } else if in_package && !done && key_is(trimmed, "version") {
            done = true;
            return format!("version = \"{version}\"{}", line_end(line));
        }
        line.to_owned()
    });
    let text: String = lines.collect();
    if !done {
        bail!("found no `version = ...` line in the manifest's [package] table");
    }
    Ok(text)
}

/// The lock file with the version of package [`PACKAGE`] set to `version`.
pub fn set_lock_version(lock: &str, version: &Version) -> anyhow::Result<String> {
    let mut after_name = false;
    let mut done = false;
    let lines = lock.split_inclusive('\n').map(|line| {
        let trimmed = line.trim();
        if trimmed == format!("name = \"{PACKAGE}\"") {
            after_name = true;
        } else if after_name && !done && key_is(trimmed, "version") {
            done = true;
            return format!("version = \"{version}\"{}", line_end(line));
        } else if trimmed.starts_with('[') {
            after_name = false;
        }
        line.to_owned()
    });
    let text: String = lines.collect();
    if !done {
        bail!("Cargo.lock has no entry for the package `{PACKAGE}`");
    }
    Ok(text)
}

fn key_is(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

fn line_end(line: &str) -> &str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = "[package]\nname = \"leadhit\"\nversion = \"0.1.0\" # bumped by xtask\n\n[dependencies]\nserde = { version = \"1\" }\n";

    #[test]
    fn the_package_version_and_nothing_else_changes() {
        let v = Version::new(0, 2, 0);
        assert_eq!(read_version(MANIFEST).unwrap(), Version::new(0, 1, 0));
        let out = set_manifest_version(MANIFEST, &v).unwrap();
        assert_eq!(
            out,
            MANIFEST.replace("\"0.1.0\" # bumped by xtask", "\"0.2.0\"")
        );
        assert_eq!(read_version(&out).unwrap(), v);
    }

    #[test]
    fn an_inherited_version_is_refused() {
        let err = read_version("[package]\nname = \"leadhit\"\nversion.workspace = true\n");
        assert!(err.unwrap_err().to_string().contains("inherited"));
    }

    #[test]
    fn only_the_lock_entry_of_the_package_changes() {
        let lock = "[[package]]\nname = \"leadhit\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n]\n\n[[package]]\nname = \"leadhit-codegen\"\nversion = \"0.1.0\"\n";
        let out = set_lock_version(lock, &Version::new(0, 2, 0)).unwrap();
        assert_eq!(out, lock.replacen("0.1.0", "0.2.0", 1));
        assert!(set_lock_version(
            "[[package]]\nname = \"x\"\nversion = \"1.0.0\"\n",
            &Version::new(1, 0, 0)
        )
        .is_err());
    }
}
