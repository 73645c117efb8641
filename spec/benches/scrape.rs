//! Scraping the whole reference (1.3 MB of PDF text): parse + normalize, and the full build with
//! example validation. Target: under 50 ms on one core.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn reference() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sources/002_a0060ea259f01ceb.txt"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn scrape(c: &mut Criterion) {
    let text = reference();
    let mut group = c.benchmark_group("scrape");
    group.sample_size(30);
    group.bench_function("parse+normalize whole reference", |b| {
        b.iter(|| {
            let raw = dcs_spec::pdf::parse("002_a0060ea259f01ceb.txt", black_box(&text));
            dcs_spec::normalize::normalize(&raw)
        })
    });
    group.bench_function("build with example validation", |b| {
        b.iter(|| dcs_spec::build::build_from_text("002_a0060ea259f01ceb.txt", black_box(&text)))
    });
    // Linear growth: half the document should take about half the time.
    let half: String = text
        .lines()
        .take(text.lines().count() / 2)
        .collect::<Vec<_>>()
        .join("\n");
    group.bench_function("parse+normalize first half", |b| {
        b.iter(|| {
            let raw = dcs_spec::pdf::parse("002_a0060ea259f01ceb.txt", black_box(&half));
            dcs_spec::normalize::normalize(&raw)
        })
    });
    group.finish();
}

criterion_group!(benches, scrape);
criterion_main!(benches);
