//! The main job (`cargo regen`): scrape the vendored documents into `spec/dcs.yaml` and
//! `spec/ecs.yaml` (with their reports), then run the generator over both specs so a spec the
//! generator cannot handle fails here, not in a user's build. The client crate `dcs-client`
//! regenerates itself from `spec/dcs.yaml` on its next build (its build script tracks the file);
//! its `[features]` block (one feature per operation group) is rewritten here.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use dcs_codegen::{generate_with_summary, group_features, update_manifest, Options};
use dcs_spec::regen::build_all;
use dcs_spec::write::write_atomic;
use dcs_spec::Spec;

fn codegen_line(label: &str, spec: &Spec, client_name: &str) -> Result<String, String> {
    let opts = Options {
        client_name: client_name.into(),
        ..Options::default()
    };
    let (_, s) = generate_with_summary(spec, &opts).map_err(|e| format!("{label}: {e}"))?;
    Ok(format!(
        "{label} client: {} operations ({} with page streams), {} models, {} enums, {} error codes, {} lines of Rust",
        s.operations, s.streams, s.models, s.enums, s.error_codes, s.lines
    ))
}

fn run() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec_dir = root.join("spec");
    let outputs = build_all(&spec_dir.join("sources")).map_err(|e| e.to_string())?;
    // Generate before writing: a spec the generator rejects is not committed over a good one.
    let mut lines = vec![codegen_line("dcs", &outputs.dcs.build.spec, "DcsClient")?];
    if let Some(ecs) = &outputs.ecs {
        lines.push(codegen_line("ecs", &ecs.spec, "EcsClient")?);
    }
    let features = group_features(&outputs.dcs.build.spec).map_err(|e| format!("dcs: {e}"))?;
    let manifest_path = root.join("generated/Cargo.toml");
    let manifest_name = "generated/Cargo.toml";
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {manifest_name}: {e}"))?;
    let manifest =
        update_manifest(manifest_name, &manifest, &features).map_err(|e| e.to_string())?;
    outputs.write(&spec_dir).map_err(|e| e.to_string())?;
    write_atomic(&manifest_path, manifest.as_bytes())
        .map_err(|e| format!("cannot write {manifest_name}: {e}"))?;
    for c in &outputs.dcs.changes {
        println!("merge: {c}");
    }
    println!(
        "wrote spec/dcs.yaml, spec/ecs.yaml, spec/reports/ and the {} group features of {manifest_name}",
        features.len()
    );
    println!("{}", outputs.summary());
    for l in lines {
        println!("{l}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dcs-regen: {e}");
            ExitCode::FAILURE
        }
    }
}
