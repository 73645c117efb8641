//! The change report's classes checked against the compiler, not only against its rules.
//!
//! For a sample of the synthetic edits (`diff_edits`), a small caller written against the client
//! of the unedited fixture is compiled against the client of the edited one, and run:
//! - `breaking` must mean the caller no longer compiles, or what it observes changes (a builder
//!   that now fails naming the new required field);
//! - `additive` and `docs` must mean it compiles and observes what it did, unless the change breaks
//!   the wire, when the request it builds must differ (another path or method);
//! - where the edit is about reading responses, the old client reads a value shaped as the new
//!   documents say, and must fail exactly when the change is classified wire-breaking.
//!
//! Cheap for CI: one scratch crate under `CARGO_TARGET_TMPDIR` with its own target directory,
//! the runtime built once, every caller compiled once against the old client (in one binary) and
//! once against its edit's new client.

mod diff_edits;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use apiref_codegen::diff::{diff, RustClass};
use apiref_codegen::{generate, Options};
use diff_edits::{edited, edits, small};

/// A caller that builds a `ShowInstance` request.
const SHOW: &str = r#"
pub fn observe() -> String {
    let r = crate::dcs().show_instance_request("i-1").unwrap();
    format!("{} {} {:?}", r.operation.method, r.operation.path, r.path_params)
}
"#;

/// A caller that builds a `DeleteInstance` request.
const DELETE: &str = r#"
pub fn observe() -> String {
    let r = crate::dcs().delete_instance_request("i-1").unwrap();
    format!("{} {} {:?}", r.operation.method, r.operation.path, r.path_params)
}
"#;

/// A caller that builds the list query with its builder.
const LIST: &str = r#"
pub fn observe() -> String {
    match models::ListInstancesQuery::builder().limit(10).build() {
        Ok(q) => format!("ok {:?}", crate::dcs().list_instances_request(&q).unwrap().query),
        Err(e) => format!("err {e}"),
    }
}
"#;

/// A caller that builds a `CreateInstance` body from its required fields (and `extra`).
fn create(extra: &str, read: &str) -> String {
    format!(
        r#"
fn body() -> Result<models::CreateInstanceBody, crate::client::runtime::BuildError> {{
    models::CreateInstanceBody::builder()
        .name("dcs-demo")
        .engine(models::Engine::Redis)
        .capacity(2.0){extra}
        .build()
}}
pub fn observe() -> String {{
    match body() {{
        Ok(b) => {{
            let r = crate::dcs().create_instance_request(None, &b).unwrap();
            format!("ok {{:?}} {{}}", r.body, {read})
        }}
        Err(e) => format!("err {{e}}"),
    }}
}}
"#
    )
}

/// A caller that builds and reads a response model (as a test would).
const INFO: &str = r#"
pub fn observe() -> String {
    let info = models::InstanceListInfo::new().with_name("a").with_max_memory(1536);
    format!("{:?} {}", info.name, info.max_memory.unwrap_or(0) + 1)
}
"#;

/// What the old client makes of `json` as `ty` (for [`wire`] callers).
fn reads(ty: &str, json: &str) -> String {
    format!(
        r##"
pub fn wire() -> String {{
    match crate::client::runtime::serde_json::from_str::<models::{ty}>(r#"{json}"#) {{
        Ok(v) => format!("ok {{v:?}}"),
        Err(e) => format!("err {{e}}"),
    }}
}}
"##
    )
}

const REF: &str = r#"
pub fn observe() -> String {
    let r = models::InstanceRef::new().with_instance_id("i-1").with_instance_name("n");
    format!("{:?}", r.instance_name.as_deref())
}
"#;

const BSS: &str = r#"
pub fn observe() -> String {
    match models::BssParam::builder().charging_mode(models::BssParamChargingMode::PostPaid).period_num(3).build() {
        Ok(b) => format!("{:?}", b.period_num),
        Err(e) => format!("err {e}"),
    }
}
"#;

const TYPE_ENUM: &str = r#"
pub fn observe() -> String {
    let t = models::CreateInstanceBodyType::Cluster;
    let name = match &t {
        models::CreateInstanceBodyType::Single => "single",
        models::CreateInstanceBodyType::Cluster => "cluster",
        _ => "other",
    };
    format!("{name} {}", t.as_str())
}
"#;

const STATUS_ENUM: &str = r#"
pub fn observe() -> String {
    models::Status::Running.as_str().to_string()
}
"#;

const ERROR_CODES: &str = r#"
pub fn observe() -> String {
    use crate::client::error_codes::ErrorCode;
    match ErrorCode::from_code("DCS.4008") {
        ErrorCode::Dcs4001 => "4001".into(),
        ErrorCode::Dcs4008 => "4008".into(),
        _ => "other".into(),
    }
}
"#;

const TAG: &str = r#"
pub fn observe() -> String {
    let t = models::ResourceTag::builder().key("env").build().unwrap();
    format!("{}", t.key.len())
}
"#;

const REF_NEW: &str = r#"
pub fn observe() -> String {
    format!("{:?}", models::InstanceRef::new().with_instance_id("i-1"))
}
"#;

/// The sampled edits and their callers.
fn callers() -> Vec<(&'static str, String)> {
    let create_plain = create("", "0");
    vec![
        ("operation_added", SHOW.into()),
        ("operation_removed", DELETE.into()),
        ("path_changed", SHOW.into()),
        ("method_changed", DELETE.into()),
        ("operation_deprecated", SHOW.into()),
        ("request_body_added", DELETE.into()),
        ("header_added", SHOW.into()),
        ("query_optional_added", LIST.into()),
        ("query_required_added", LIST.into()),
        ("request_optional_added", create_plain.clone()),
        ("request_required_added", create_plain.clone()),
        (
            "request_removed",
            create("\n        .password(\"S3cret!pass\")", "0"),
        ),
        ("request_required_to_optional", create("", "b.name.len()")),
        ("response_added", INFO.into()),
        ("response_removed", INFO.into()),
        (
            "response_long_to_string",
            format!(
                "{INFO}{}",
                reads("InstanceListInfo", r#"{"max_memory": "lots"}"#)
            ),
        ),
        (
            "response_string_to_int",
            format!("{REF}{}", reads("InstanceRef", r#"{"instance_name": 42}"#)),
        ),
        ("integer_to_long", BSS.into()),
        ("default_changed", BSS.into()),
        ("request_enum_value_added", TYPE_ENUM.into()),
        ("request_enum_value_removed", TYPE_ENUM.into()),
        ("shared_enum_split", STATUS_ENUM.into()),
        ("error_code_added", ERROR_CODES.into()),
        ("error_code_removed", ERROR_CODES.into()),
        ("method_name_collision", create("", "0")),
        ("request_model_in_response", TAG.into()),
        ("response_model_in_request", REF_NEW.into()),
        ("schema_added", SHOW.into()),
    ]
}

/// The scratch crate: `client.rs` (a generated client), a module per caller, and a `main` that
/// prints what each caller observes.
struct Scratch {
    dir: PathBuf,
    target: PathBuf,
}

const MANIFEST: &str = r#"[package]
name = "spec-diff-caller"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
huaweicloud-runtime = { path = "RUNTIME" }

[profile.dev]
debug = false
incremental = false

[workspace]
"#;

const MAIN_HEAD: &str = r#"#![allow(deprecated, dead_code, unused_imports, unused_variables, clippy::all)]
mod client;

fn dcs() -> client::DcsClient {
    let config = client::Config::builder()
        .region("cn-north-4")
        .project_id("0123456789abcdef0123456789abcdef")
        .credentials(client::Credentials::aksk("ak", "sk"))
        .build()
        .unwrap();
    client::DcsClient::new(client::RuntimeClient::new(config).unwrap())
}
"#;

impl Scratch {
    fn new() -> Scratch {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("spec-diff-compile");
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let runtime = workspace.join("generated/runtime").canonicalize().unwrap();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let manifest = MANIFEST.replace("RUNTIME", &runtime.display().to_string());
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        // The workspace's versions of the runtime's dependencies: nothing to resolve or fetch.
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        Scratch {
            target: dir.join("target"),
            dir,
        }
    }

    /// Builds the crate with `client` and `callers` and runs it: each caller's `observe()` and
    /// `wire()` (`-` when it has none), or the compiler's errors.
    fn run(
        &self,
        client: &str,
        callers: &[(&str, String)],
    ) -> Result<Vec<(String, String)>, String> {
        let mut main = MAIN_HEAD.to_string();
        let mut calls = String::new();
        for (name, code) in callers {
            let wire = if code.contains("fn wire()") {
                ""
            } else {
                "pub fn wire() -> String { \"-\".into() }"
            };
            main.push_str(&format!(
                "mod {name} {{\n    use crate::client::models;\n{code}\n{wire}\n}}\n"
            ));
            calls.push_str(&format!(
                "    println!(\"{{}}\\t{{}}\", {name}::observe(), {name}::wire());\n"
            ));
        }
        main.push_str(&format!("fn main() {{\n{calls}}}\n"));
        std::fs::write(self.dir.join("src/client.rs"), client).unwrap();
        std::fs::write(self.dir.join("src/main.rs"), main).unwrap();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let build = Command::new(cargo)
            .args(["build", "--offline", "--quiet", "--message-format", "short"])
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&self.target)
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("CARGO_BUILD_RUSTFLAGS")
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .unwrap();
        if !build.status.success() {
            return Err(String::from_utf8_lossy(&build.stderr).into_owned());
        }
        let run = Command::new(self.target.join("debug/spec-diff-caller"))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        Ok(String::from_utf8_lossy(&run.stdout)
            .lines()
            .map(|l| {
                let (o, w) = l.split_once('\t').unwrap_or((l, "-"));
                (o.to_string(), w.to_string())
            })
            .collect())
    }
}

/// One edit's verdicts.
struct Row {
    edit: &'static str,
    class: RustClass,
    wire: bool,
    compiled: bool,
    changed: bool,
    agrees: bool,
    /// The old client reading the new documents' data: fails exactly when wire-breaking.
    wire_agrees: Option<bool>,
}

#[test]
fn classes_agree_with_the_compiler() {
    let start = Instant::now();
    let scratch = Scratch::new();
    let callers = callers();
    let old_client = generate(&small(), &Options::default()).unwrap();
    let baseline = scratch
        .run(&old_client, &callers)
        .unwrap_or_else(|e| panic!("the callers do not compile against the old client:\n{e}"));
    let base_time = start.elapsed();
    let all = edits();
    let mut rows = Vec::new();
    for (i, (name, code)) in callers.iter().enumerate() {
        let edit = all.iter().find(|e| e.name == *name).unwrap();
        let new = edited(edit);
        let report = diff(&small(), &new);
        let class = report.worst().unwrap_or(RustClass::Docs);
        let wire = report.wire_breaking() > 0;
        let client = generate(&new, &Options::default()).unwrap();
        let result = scratch.run(&client, &[(name, code.clone())]);
        let (old_observed, old_wire) = &baseline[i];
        let compiled = result.is_ok();
        if let Err(errors) = &result {
            // The caller broke, not the generated client.
            assert!(
                errors.contains("src/main.rs") && !errors.contains("src/client.rs"),
                "{name}: the errors are not the caller's:\n{errors}"
            );
        }
        let changed = result.as_ref().is_ok_and(|r| r[0].0 != *old_observed);
        let agrees = match class {
            RustClass::Breaking => !compiled || changed,
            _ => compiled && changed == wire,
        };
        let wire_agrees = (old_wire != "-").then(|| old_wire.starts_with("err") == wire);
        rows.push(Row {
            edit: name,
            class,
            wire,
            compiled,
            changed,
            agrees,
            wire_agrees,
        });
    }
    let agree = rows
        .iter()
        .filter(|r| r.agrees && r.wire_agrees != Some(false))
        .count();
    for r in &rows {
        eprintln!(
            "{:<30} {:<8} wire={:<5} compiles={:<5} behaviour-changed={:<5} {}{}",
            r.edit,
            r.class.as_str(),
            r.wire,
            r.compiled,
            r.changed,
            if r.agrees { "agrees" } else { "DISAGREES" },
            match r.wire_agrees {
                Some(true) => ", wire agrees",
                Some(false) => ", wire DISAGREES",
                None => "",
            }
        );
    }
    eprintln!(
        "{agree} of {} edits agree with the compiler; baseline (runtime and old client) {:.1?}, total {:.1?}",
        rows.len(),
        base_time,
        start.elapsed()
    );
    assert_eq!(agree, rows.len());
}
