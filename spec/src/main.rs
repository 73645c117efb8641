//! `dcs-spec`: scrape the vendored API reference and single pages into `spec/dcs.yaml` (and the
//! HTML pages into `spec/ecs.yaml`), or report how well the documents' examples agree with the
//! scraped schemas.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use dcs_spec::build::Build;
use dcs_spec::regen::build_all;

const USAGE: &str = "usage:
  dcs-spec scrape   [--sources DIR] [--out DIR] [--verbose]    write dcs.yaml, ecs.yaml and reports/ (default: spec/)
  dcs-spec validate [--sources DIR]                            print the example-validation report
  dcs-spec diagnostics [--sources DIR]                         print every scraper diagnostic
  dcs-spec openapi  [--spec FILE] [--format yaml|json] [--out FILE]  export spec/dcs.yaml as OpenAPI 3.0";

struct Args {
    command: String,
    sources: PathBuf,
    out: PathBuf,
    verbose: bool,
}

fn parse_args() -> Result<Args, String> {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or("missing command")?;
    let mut parsed = Args {
        command,
        sources: crate_dir.join("sources"),
        out: crate_dir.clone(),
        verbose: false,
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sources" => {
                parsed.sources = args.next().ok_or("--sources needs a directory")?.into()
            }
            "--out" => parsed.out = args.next().ok_or("--out needs a directory")?.into(),
            "--verbose" | "-v" => parsed.verbose = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

fn summary(b: &Build) -> String {
    let v2 = b
        .spec
        .operations
        .iter()
        .filter(|o| o.version == "v2")
        .count();
    let v1 = b.spec.operations.len() - v2;
    format!(
        "{} operations ({v2} v2, {v1} v1), {} schemas, {} error codes, {} warnings\n{}",
        b.spec.operations.len(),
        b.spec.schemas.len(),
        b.spec.error_codes.len(),
        b.diagnostics.len(),
        b.report
            .to_string()
            .lines()
            .filter(|l| l.starts_with("examples:") || l.starts_with("fields:"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// Prints to stdout; a closed pipe (`dcs-spec validate | head`) just ends the output.
fn out(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

fn run(args: &Args) -> Result<(), String> {
    let outputs = build_all(&args.sources).map_err(|e| e.to_string())?;
    let build = &outputs.dcs.build;
    match args.command.as_str() {
        "scrape" => {
            outputs.write(&args.out).map_err(|e| e.to_string())?;
            if args.verbose {
                for d in &build.diagnostics {
                    eprintln!("{d}");
                }
            }
            for c in &outputs.dcs.changes {
                out(&format!("merge: {c}"));
            }
            out(&format!(
                "wrote {}/{{dcs.yaml,ecs.yaml,reports/}}",
                args.out.display()
            ));
            out(&outputs.summary());
        }
        "validate" => out(&build.report.to_string()),
        "diagnostics" => {
            for d in &build.diagnostics {
                out(&d.to_string());
            }
            out(&summary(build));
        }
        other => return Err(format!("unknown command `{other}`\n{USAGE}")),
    }
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("openapi") {
        let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dcs.yaml");
        return match dcs_spec::openapi::cli(&argv[1..], &spec) {
            Ok(text) => {
                text.iter().for_each(|t| out(t.trim_end()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("dcs-spec openapi: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("dcs-spec: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dcs-spec: {e}");
            ExitCode::FAILURE
        }
    }
}
