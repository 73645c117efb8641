//! `apiref`: the command line over the scraper and the generator.
//!
//! - `apiref regen [--root DIR]`: every service folder of a workspace (`spec/*/service.yaml`):
//!   scrape, check that the generator takes the spec, write spec and reports, keep the client
//!   crates' group features in step; prints a summary (`cargo regen`).
//! - `apiref scrape DIR [--out OUT]`: one service folder (`cargo scrape`).
//! - `apiref generate SPEC [-o FILE]`: the client's Rust source.
//! - `apiref diagnostics DIR`: every diagnostic of a scrape, without writing anything.
//! - `apiref openapi SPEC`: the spec as an OpenAPI 3.0 document.
//! - `apiref spec-diff OLD NEW`: every change between two specs, classified for the generated
//!   Rust API and the wire, with the client crate's next version (`cargo spec-diff`).
#![forbid(unsafe_code)]

mod generate;

/// Generation allocates many small token and syntax nodes; the system allocator spends a third
/// of the generator's time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod regen;
mod render;
mod scrape;
mod spec_diff;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "apiref",
    version,
    about = "Cloud API references to typed Rust clients"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate every service folder of a workspace and the client crates' features.
    Regen(regen::Args),
    /// Scrape one service folder into its spec.yaml and reports/.
    Scrape(scrape::Args),
    /// Print every diagnostic of scraping a service folder; writes nothing.
    Diagnostics {
        /// The service folder (holding service.yaml and sources/).
        dir: PathBuf,
    },
    /// Generate the client's Rust source from a spec.
    Generate(generate::Args),
    /// Export a spec as an OpenAPI 3.0 document.
    Openapi(generate::OpenapiArgs),
    /// What changed between two specs: breaking, additive or docs for the Rust API, and on the wire.
    SpecDiff(spec_diff::Args),
}

/// A failed command: what to print, and whether it was the caller's usage.
pub struct Failure(pub String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Regen(args) => regen::run(&args),
        Command::Scrape(args) => scrape::run(&args),
        Command::Diagnostics { dir } => scrape::diagnostics(&dir),
        Command::Generate(args) => generate::run(&args),
        Command::Openapi(args) => generate::openapi(&args),
        Command::SpecDiff(args) => spec_diff::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("apiref: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints to stdout; a closed pipe (`apiref diagnostics DIR | head`) just ends the output.
pub fn out(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}
