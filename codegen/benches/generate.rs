//! Generating and formatting whole clients: target under 100 ms for each service's spec on one
//! thread (also measured on every core, the default), and the token stage alone.
//!
//! Uses `$APIREF_BENCH_SPEC` when set, else every `spec/<svc>/spec.yaml` of the repository.

use std::hint::black_box;
use std::path::PathBuf;

use apiref_codegen::{generate, generate_tokens, load_spec, Options};
use criterion::{criterion_group, criterion_main, Criterion};

fn spec_paths() -> Vec<PathBuf> {
    if let Some(path) = std::env::var_os("APIREF_BENCH_SPEC") {
        return vec![PathBuf::from(path)];
    }
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path().join("spec.yaml"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    for path in spec_paths() {
        let spec = match load_spec(&path) {
            Ok(spec) => spec,
            Err(e) => {
                eprintln!("skipping {}: {e}", path.display());
                continue;
            }
        };
        let name = spec.service.name.clone();
        // One thread first: the target is set there.
        std::env::set_var(apiref_codegen::THREADS_VAR, "1");
        c.bench_function(&format!("{name}: generate+format, 1 thread"), |b| {
            b.iter(|| generate(black_box(&spec), &opts))
        });
        std::env::remove_var(apiref_codegen::THREADS_VAR);
        c.bench_function(&format!("{name}: generate+format, every core"), |b| {
            b.iter(|| generate(black_box(&spec), &opts))
        });
        c.bench_function(&format!("{name}: generate tokens"), |b| {
            b.iter(|| generate_tokens(black_box(&spec), &opts))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
