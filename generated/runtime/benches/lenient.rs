//! The lenient readers (`huaweicloud_runtime::lenient`) against plain serde fields, on a list of
//! 1,000 objects shaped like a DCS `InstanceListInfo` (30 text fields, 7 integers, 4 booleans):
//!
//! - `plain`: `Option<String>`/`Option<i64>`/`Option<bool>` fields, the ceiling (and what
//!   progenitor's models do);
//! - `lenient`: the same fields through the lenient readers, as generated models declare them;
//! - `lenient, other forms`: integers and booleans sent as text, which only the lenient readers
//!   take.
//!
//! `cargo bench -p huaweicloud-runtime --bench lenient`; the throughput is in bytes of JSON.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;

/// A model with the field mix of `InstanceListInfo`; `$text`, `$int` and `$flag` are the serde
/// attributes of its text, integer and boolean fields.
macro_rules! model {
    ($name:ident, $text:meta, $int:meta, $flag:meta) => {
        model!(@ $name, $text, $int, $flag;
            t00 t01 t02 t03 t04 t05 t06 t07 t08 t09 t10 t11 t12 t13 t14
            t15 t16 t17 t18 t19 t20 t21 t22 t23 t24 t25 t26 t27 t28 t29;
            i0 i1 i2 i3 i4 i5 i6;
            f0 f1 f2 f3);
    };
    (@ $name:ident, $text:meta, $int:meta, $flag:meta;
        $($t:ident)*; $($i:ident)*; $($f:ident)*) => {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct $name {
            $(#[$text] $t: Option<String>,)*
            $(#[$int] $i: Option<i64>,)*
            $(#[$flag] $f: Option<bool>,)*
        }
    };
}

model!(Plain, serde(default), serde(default), serde(default));
model!(
    Lenient,
    serde(
        default,
        deserialize_with = "huaweicloud_runtime::lenient::text"
    ),
    serde(
        default,
        deserialize_with = "huaweicloud_runtime::lenient::int"
    ),
    serde(
        default,
        deserialize_with = "huaweicloud_runtime::lenient::flag"
    )
);

#[derive(Deserialize)]
struct List<T> {
    #[allow(dead_code)]
    instances: Vec<T>,
}

/// 1,000 objects; with `as_text`, integers and booleans are sent as text. A few text fields are
/// `null`, as replies leave them.
fn document(as_text: bool) -> String {
    let mut out = String::from(r#"{"instances": ["#);
    for n in 0..1000 {
        if n > 0 {
            out.push(',');
        }
        out.push('{');
        for t in 0..30 {
            match t {
                7 | 19 => out.push_str(&format!(r#""t{t:02}": null, "#)),
                0 => out.push_str(&format!(
                    r#""t{t:02}": "3c4a7d1e-9b2f-4e8a-a1d2-{n:012}", "#
                )),
                1 => out.push_str(&format!(
                    r#""t{t:02}": "2024-05-{:02}T08:30:00.000Z", "#,
                    n % 28 + 1
                )),
                _ => out.push_str(&format!(r#""t{t:02}": "value {t} of instance {n}", "#)),
            }
        }
        for i in 0..7 {
            let v = n * 1024 + i;
            if as_text {
                out.push_str(&format!(r#""i{i}": "{v}", "#));
            } else {
                out.push_str(&format!(r#""i{i}": {v}, "#));
            }
        }
        for f in 0..4 {
            let v = (n + f) % 2 == 0;
            let sep = if f == 3 { "" } else { ", " };
            if as_text {
                out.push_str(&format!(r#""f{f}": "{v}"{sep}"#));
            } else {
                out.push_str(&format!(r#""f{f}": {v}{sep}"#));
            }
        }
        out.push('}');
    }
    out.push_str("]}");
    out
}

fn bench(c: &mut Criterion) {
    let typed = document(false);
    let as_text = document(true);
    let mut group = c.benchmark_group("lenient");
    group.throughput(Throughput::Bytes(typed.len() as u64));
    group.bench_function("plain", |b| {
        b.iter(|| serde_json::from_str::<List<Plain>>(black_box(&typed)).unwrap())
    });
    group.bench_function("lenient", |b| {
        b.iter(|| serde_json::from_str::<List<Lenient>>(black_box(&typed)).unwrap())
    });
    group.throughput(Throughput::Bytes(as_text.len() as u64));
    group.bench_function("lenient, other forms", |b| {
        b.iter(|| serde_json::from_str::<List<Lenient>>(black_box(&as_text)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
