//! Where the spec path points: relative to the caller's manifest directory, or to the directory
//! in an environment variable (`$OUT_DIR/spec.yaml`).

use std::path::{Path, PathBuf};

/// A resolved spec path, and the environment variable it was read from (to track it).
#[derive(Debug, PartialEq, Eq)]
pub struct Resolved {
    pub path: PathBuf,
    pub env_var: Option<String>,
}

/// Resolves `written` against `manifest_dir` (`None`: unknown) and the environment, `env`.
pub fn resolve(
    written: &str,
    manifest_dir: Option<&Path>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Resolved, String> {
    if written.is_empty() {
        return Err("the spec path is empty".into());
    }
    if let Some(rest) = written.strip_prefix('$') {
        let (name, tail) = rest.split_once('/').unwrap_or((rest, ""));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "`${name}` is not an environment variable name: write `$NAME/path/to/spec.yaml`"
            ));
        }
        let dir = env(name).ok_or_else(|| {
            format!("environment variable `{name}` (from the spec path `{written}`) is not set")
        })?;
        return Ok(Resolved {
            path: Path::new(&dir).join(tail),
            env_var: Some(name.to_string()),
        });
    }
    let written = Path::new(written);
    if written.is_absolute() {
        return Ok(Resolved {
            path: written.to_path_buf(),
            env_var: None,
        });
    }
    match manifest_dir {
        Some(dir) => Ok(Resolved {
            path: dir.join(written),
            env_var: None,
        }),
        None => Err(format!(
            "CARGO_MANIFEST_DIR is not set, so the relative spec path `{}` cannot be resolved; \
             build with cargo or give an absolute path",
            written.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        (name == "OUT_DIR").then(|| "/out".to_string())
    }

    fn ok(written: &str, manifest: Option<&str>) -> Resolved {
        resolve(written, manifest.map(Path::new), env).unwrap()
    }

    #[test]
    fn relative_paths_start_at_the_manifest_dir() {
        let r = ok("spec/dcs/spec.yaml", Some("/crate"));
        assert_eq!(r.path, Path::new("/crate/spec/dcs/spec.yaml"));
        assert_eq!(r.env_var, None);
    }

    #[test]
    fn absolute_paths_stay() {
        assert_eq!(ok("/x/s.yaml", None).path, Path::new("/x/s.yaml"));
    }

    #[test]
    fn a_leading_variable_names_the_base_dir() {
        let r = ok("$OUT_DIR/gen/s.yaml", Some("/crate"));
        assert_eq!(r.path, Path::new("/out/gen/s.yaml"));
        assert_eq!(r.env_var.as_deref(), Some("OUT_DIR"));
    }

    #[test]
    fn unresolvable_paths_are_errors() {
        let err = |w: &str, m: Option<&str>| resolve(w, m.map(Path::new), env).unwrap_err();
        assert!(err("$NOPE/s.yaml", Some("/c")).contains("`NOPE`"));
        assert!(err("$/s.yaml", Some("/c")).contains("not an environment variable name"));
        assert!(err("s.yaml", None).contains("CARGO_MANIFEST_DIR is not set"));
        assert!(err("", Some("/c")).contains("empty"));
    }
}
