//! Scraping whole references: the DCS service folder (1.3 MB of PDF text and four single pages)
//! and the ECS one (208 HTML pages), documents already in memory; and the DCS PDF alone, whole
//! and halved (cost should grow linearly).

use std::hint::black_box;
use std::path::Path;

use apiref_scrape::layouts::pdf;
use apiref_scrape::normalize::{normalize, Context};
use apiref_scrape::pipeline::scrape_documents;
use apiref_scrape::ServiceDir;
use criterion::{criterion_group, criterion_main, Criterion};

fn service(name: &str) -> ServiceDir {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    ServiceDir::open(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn scrape(c: &mut Criterion) {
    let mut group = c.benchmark_group("scrape");
    group.sample_size(30);
    for name in ["dcs", "ecs"] {
        let dir = service(name);
        let (docs, _) = dir.documents();
        group.bench_function(format!("{name}: whole service folder"), |b| {
            b.iter(|| scrape_documents(&dir.manifest, black_box(&docs), Vec::new()))
        });
    }
    let dcs = service("dcs");
    let (docs, _) = dcs.documents();
    let reference = docs
        .iter()
        .max_by_key(|d| d.text.len())
        .expect("the DCS folder has documents");
    let half: String = reference
        .text
        .lines()
        .take(reference.text.lines().count() / 2)
        .collect::<Vec<_>>()
        .join("\n");
    for (label, text) in [("whole", reference.text.as_str()), ("first half", &half)] {
        group.bench_function(format!("dcs PDF text, {label}: parse+normalize"), |b| {
            b.iter(|| {
                let raw = pdf::parse(&reference.file, black_box(text));
                normalize(std::slice::from_ref(&raw), &Context::default())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, scrape);
criterion_main!(benches);
