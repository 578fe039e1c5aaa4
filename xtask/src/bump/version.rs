//! Which version a change makes: the API diff's worst class, read the way Cargo reads semver
//! (a `0.x` crate's minor release may break, so there a breaking change bumps the minor
//! number and an addition the patch; `0.0.x` changes incompatibly at every release).

use leadhit_codegen::{ApiDiff, Class};
use semver::{BuildMetadata, Prerelease, Version};
use serde::Serialize;

/// What the API diff says of the change, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Some change breaks a dependent's build or behaviour.
    Breaking,
    /// Only additions.
    Additive,
    /// Only docs, or nothing the Rust API shows.
    Docs,
    /// No change at all.
    None,
}

impl Impact {
    pub fn of(diff: &ApiDiff) -> Impact {
        match diff.worst() {
            Some(Class::Breaking) => Impact::Breaking,
            Some(Class::NonBreaking) => Impact::Additive,
            Some(Class::Docs) => Impact::Docs,
            None => Impact::None,
        }
    }

    /// The word a pull request title uses: `breaking`, `additive`, `docs`, `no changes`.
    pub fn word(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::Docs => "docs",
            Impact::None => "no changes",
        }
    }
}

/// Which part of the version moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    Major,
    Minor,
    Patch,
    None,
}

impl Bump {
    /// `major`, `minor`, `patch` or `none`, as the JSON output spells it.
    pub fn word(self) -> &'static str {
        match self {
            Bump::Major => "major",
            Bump::Minor => "minor",
            Bump::Patch => "patch",
            Bump::None => "none",
        }
    }
}

/// The part `impact` moves in `version`, as Cargo's compatibility rules read it.
pub fn bump_for(version: &Version, impact: Impact) -> Bump {
    match (impact, version.major, version.minor) {
        (Impact::None, ..) => Bump::None,
        (Impact::Docs, ..) => Bump::Patch,
        // `0.0.x`: every release is incompatible with every other, so all count the same.
        (_, 0, 0) => Bump::Patch,
        (Impact::Additive, 0, _) => Bump::Patch,
        (Impact::Breaking, 0, _) => Bump::Minor,
        (Impact::Additive, ..) => Bump::Minor,
        (Impact::Breaking, ..) => Bump::Major,
    }
}

/// `version` with `bump` applied; a pre-release or build tag is dropped (the release is made).
pub fn next(version: &Version, bump: Bump) -> Version {
    let mut v = version.clone();
    match bump {
        Bump::None => return v,
        Bump::Major => (v.major, v.minor, v.patch) = (v.major + 1, 0, 0),
        Bump::Minor => (v.minor, v.patch) = (v.minor + 1, 0),
        Bump::Patch => v.patch += 1,
    }
    v.pre = Prerelease::EMPTY;
    v.build = BuildMetadata::EMPTY;
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(version: &str, impact: Impact) -> String {
        let v = Version::parse(version).unwrap();
        next(&v, bump_for(&v, impact)).to_string()
    }

    #[test]
    fn from_1x_semver_as_usual() {
        assert_eq!(after("1.4.2", Impact::Breaking), "2.0.0");
        assert_eq!(after("1.4.2", Impact::Additive), "1.5.0");
        assert_eq!(after("1.4.2", Impact::Docs), "1.4.3");
        assert_eq!(after("1.4.2", Impact::None), "1.4.2");
    }

    #[test]
    fn from_0x_one_place_down() {
        assert_eq!(after("0.3.1", Impact::Breaking), "0.4.0");
        assert_eq!(after("0.3.1", Impact::Additive), "0.3.2");
        assert_eq!(after("0.3.1", Impact::Docs), "0.3.2");
        assert_eq!(after("0.3.1", Impact::None), "0.3.1");
    }

    #[test]
    fn from_0_0_x_every_release_is_the_patch() {
        assert_eq!(after("0.0.7", Impact::Breaking), "0.0.8");
        assert_eq!(after("0.0.7", Impact::Additive), "0.0.8");
    }

    /// The text output and the JSON output spell a bump the same way.
    #[test]
    fn words_are_the_json_names() {
        for bump in [Bump::Major, Bump::Minor, Bump::Patch, Bump::None] {
            assert_eq!(serde_json::to_value(bump).unwrap(), bump.word());
        }
    }

    #[test]
    fn a_pre_release_is_dropped() {
        assert_eq!(after("1.0.0-rc.1+build.5", Impact::Additive), "1.1.0");
    }
}
