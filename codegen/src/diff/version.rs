//! Crate versions: parsing, the bump a report calls for, and reading the current version from a
//! client crate's manifest (or the workspace's, for `version.workspace = true`).

use std::fmt;
use std::str::FromStr;

/// A `MAJOR.MINOR.PATCH` version (pre-release and build metadata are dropped).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    /// The version after a breaking change: 0.x bumps the minor, 1.0 and later the major.
    pub fn bump_breaking(&self) -> Version {
        if self.major == 0 {
            Version {
                major: 0,
                minor: self.minor + 1,
                patch: 0,
            }
        } else {
            Version {
                major: self.major + 1,
                minor: 0,
                patch: 0,
            }
        }
    }

    /// The version after a compatible change: the patch.
    pub fn bump_patch(&self) -> Version {
        Version {
            patch: self.patch + 1,
            ..self.clone()
        }
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let core = s.trim().split(['-', '+']).next().unwrap_or_default();
        let parts: Vec<&str> = core.split('.').collect();
        let [major, minor, patch] = parts.as_slice() else {
            return Err(format!("`{s}` is not a MAJOR.MINOR.PATCH version"));
        };
        let num = |p: &str| {
            p.parse::<u64>()
                .map_err(|_| format!("`{s}` is not a MAJOR.MINOR.PATCH version"))
        };
        Ok(Version {
            major: num(major)?,
            minor: num(minor)?,
            patch: num(patch)?,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The version of a crate from its `Cargo.toml` text: `version = "…"` of `[package]`, or, for
/// `version.workspace = true`, the `[workspace.package]` version of `workspace_manifest`.
pub fn manifest_version(crate_manifest: &str, workspace_manifest: Option<&str>) -> Option<Version> {
    match table_value(crate_manifest, "package", "version") {
        Some(Value::Text(v)) => v.parse().ok(),
        Some(Value::Workspace) => {
            match table_value(workspace_manifest?, "workspace.package", "version")? {
                Value::Text(v) => v.parse().ok(),
                Value::Workspace => None,
            }
        }
        None => None,
    }
}

/// The `[package]` name of a crate's `Cargo.toml` text.
pub fn package_name(crate_manifest: &str) -> Option<String> {
    match table_value(crate_manifest, "package", "name")? {
        Value::Text(name) => Some(name),
        Value::Workspace => None,
    }
}

enum Value {
    Text(String),
    Workspace,
}

/// The value of `key` in `[table]`: a quoted string, or an inherited value (`key.workspace =
/// true`, `key = { workspace = true }`). Enough TOML for a manifest's version line.
fn table_value(toml: &str, table: &str, key: &str) -> Option<Value> {
    let mut current = String::new();
    for line in toml.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_string();
            continue;
        }
        if current != table {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        if k == format!("{key}.workspace") && v == "true" {
            return Some(Value::Workspace);
        }
        if k != key {
            continue;
        }
        if v.starts_with('{') && v.contains("workspace") {
            return Some(Value::Workspace);
        }
        return Some(Value::Text(v.trim_matches('"').to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_cargo_semver() {
        let v: Version = "0.1.3".parse().unwrap();
        assert_eq!(v.bump_breaking().to_string(), "0.2.0");
        assert_eq!(v.bump_patch().to_string(), "0.1.4");
        let v: Version = "1.4.2-rc.1".parse().unwrap();
        assert_eq!(v.bump_breaking().to_string(), "2.0.0");
        assert!("1.2".parse::<Version>().is_err());
    }

    #[test]
    fn versions_come_from_the_crate_or_its_workspace() {
        let krate = "[package]\nname = \"dcs-client\"\nversion.workspace = true\n";
        let ws = "[workspace]\nmembers = []\n\n[workspace.package]\nedition = \"2021\"\nversion = \"0.3.1\" # the clients\n";
        assert_eq!(
            manifest_version(krate, Some(ws)).unwrap().to_string(),
            "0.3.1"
        );
        assert_eq!(manifest_version(krate, None), None);
        let own =
            "[package]\nname = \"x\"\nversion = \"1.2.3\"\n[dependencies]\nversion = \"9.9.9\"\n";
        assert_eq!(manifest_version(own, None).unwrap().to_string(), "1.2.3");
        assert_eq!(package_name(own).as_deref(), Some("x"));
    }
}
