//! Generating and formatting the whole client: target under 100 ms for the DCS spec (on every
//! core; also measured on one thread).
//!
//! Uses `$DCS_BENCH_SPEC`, else `spec/dcs.yaml` when present and valid, else the small fixture.

use std::hint::black_box;
use std::path::PathBuf;

use apiref_codegen::{generate, generate_tokens, load_spec, Options};
use criterion::{criterion_group, criterion_main, Criterion};

fn spec_path() -> PathBuf {
    if let Some(path) = std::env::var_os("DCS_BENCH_SPEC") {
        return PathBuf::from(path);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dcs = manifest.join("../spec/dcs.yaml");
    if load_spec(&dcs).is_ok() {
        dcs
    } else {
        manifest.join("tests/fixtures/small.yaml")
    }
}

fn bench(c: &mut Criterion) {
    let path = spec_path();
    let spec = match load_spec(&path) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("skipping the benchmark: {e}");
            return;
        }
    };
    let opts = Options::default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    c.bench_function(&format!("generate+format {name}"), |b| {
        b.iter(|| generate(black_box(&spec), &opts))
    });
    // The same on one thread (the default uses every core), to see what the threads bring.
    std::env::set_var(apiref_codegen::THREADS_VAR, "1");
    c.bench_function(&format!("generate+format, 1 thread {name}"), |b| {
        b.iter(|| generate(black_box(&spec), &opts))
    });
    std::env::remove_var(apiref_codegen::THREADS_VAR);
    c.bench_function(&format!("generate tokens {name}"), |b| {
        b.iter(|| generate_tokens(black_box(&spec), &opts))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
