//! The client crates (`generated/*` with a `spec.yaml`): their `[features]` blocks match their
//! specs' operation groups (rust-analyzer style: fails when a committed manifest is stale and
//! prints the command that fixes it), and with the default features they generate every
//! operation.

use std::path::{Path, PathBuf};

/// Every client crate of the workspace, with its spec.
fn client_crates() -> Vec<PathBuf> {
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&generated)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|d| d.join("spec.yaml").exists() && d.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn manifests_declare_one_feature_per_operation_group() {
    let crates = client_crates();
    assert_eq!(crates.len(), 2, "{crates:?}");
    for dir in crates {
        let spec = apiref_codegen::load_spec(&dir.join("spec.yaml")).expect("spec loads");
        let features = apiref_codegen::group_features(&spec).expect("groups name features");
        let path = dir.join("Cargo.toml");
        let manifest = std::fs::read_to_string(&path).expect("manifest reads");
        let expected = apiref_codegen::update_manifest("Cargo.toml", &manifest, &features)
            .expect("the manifest has the generated block");
        assert!(
            manifest == expected,
            "{} has stale group features; run `cargo regen`",
            path.display()
        );
        // Every group of the spec is reachable through a feature that `full` enables.
        let groups: std::collections::BTreeSet<&str> =
            spec.operations.iter().map(|o| o.group.as_str()).collect();
        assert_eq!(features.len(), groups.len());
        assert_eq!(
            features.iter().map(|f| f.operations).sum::<usize>(),
            spec.operations.len()
        );
    }
}

/// With the default features the build scripts generated every operation.
#[test]
fn default_features_generate_every_operation() {
    let count = |service: &str| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../spec/{service}/spec.yaml"));
        apiref_codegen::load_spec(&path)
            .expect("spec loads")
            .operations
            .len()
    };
    assert_eq!(dcs_client::operations::ALL.len(), count("dcs"));
    assert_eq!(ecs_client::operations::ALL.len(), count("ecs"));
}

/// The packages of the resolved normal-dependency graph of client crate `package` with cargo
/// `flags` (`cargo tree`, nothing built; not offline: on a fresh machine the manifests of a TLS
/// backend the build did not need may not be downloaded yet).
fn dependency_packages(package: &str, flags: &[&str]) -> std::collections::BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(&root)
        .args(["tree", "--locked", "-p", package, "-e", "normal"])
        .args(["--prefix", "none", "--format", "{p}"])
        .args(flags)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree {flags:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn the_tls_backend_is_a_feature_of_each_client_crate() {
    for dir in client_crates() {
        let package = format!("{}-client", dir.file_name().unwrap().to_string_lossy());
        let default = dependency_packages(&package, &[]);
        assert!(default.contains("rustls"), "{package}: {default:?}");
        assert!(!default.contains("native-tls"), "{package}: {default:?}");

        let native = ["--no-default-features", "--features", "full,native-tls"];
        let native = dependency_packages(&package, &native);
        assert!(native.contains("native-tls"), "{package}: {native:?}");
        assert!(!native.contains("rustls"), "{package}: {native:?}");

        let none = dependency_packages(&package, &["--no-default-features", "--features", "full"]);
        assert!(none.contains("reqwest"), "{package}: {none:?}");
        assert!(
            !none.contains("rustls") && !none.contains("native-tls"),
            "{package}: {none:?}"
        );
    }
}
