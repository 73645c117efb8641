//! Deserialization throughput of a large `ListInstances` response, for `compare.sh`: into
//! `serde_json::Value` (the floor), dcs-client's model and progenitor's. Prints one line per
//! target: `<name> <median seconds per parse> <instances parsed>`, or `<name> failed <error>`.
//!
//! Built by compare.sh in a scratch crate that depends on both clients; not part of the workspace.

use std::time::Instant;

/// A parser of the document into one target, and how many instances it found.
struct Target<'a> {
    name: &'a str,
    parse: Box<dyn Fn(&str) -> Result<usize, String> + 'a>,
}

/// Median seconds per parse of each target. The targets take turns in blocks (a warm-up parse,
/// then 5 timed ones, 6 blocks each), so each block runs with warm caches while a drift of the
/// machine's speed (another tenant, frequency scaling) weighs on all targets alike.
fn medians(text: &str, targets: &[Target<'_>]) -> Vec<Result<(f64, usize), String>> {
    let mut times: Vec<Result<(Vec<f64>, usize), String>> =
        targets.iter().map(|_| Ok((Vec::new(), 0))).collect();
    for _block in 0..6 {
        for (target, slot) in targets.iter().zip(times.iter_mut()) {
            if let Err(e) = block(text, target, slot) {
                *slot = Err(e);
            }
        }
    }
    times
        .into_iter()
        .map(|slot| {
            slot.map(|(mut samples, count)| {
                samples.sort_by(f64::total_cmp);
                (samples[samples.len() / 2], count)
            })
        })
        .collect()
}

/// One block of a target: a warm-up parse, then 5 timed parses added to its samples.
fn block(
    text: &str,
    target: &Target<'_>,
    slot: &mut Result<(Vec<f64>, usize), String>,
) -> Result<(), String> {
    let Ok((samples, count)) = slot else {
        return Ok(());
    };
    (target.parse)(text)?;
    for _ in 0..5 {
        let t0 = Instant::now();
        *count = (target.parse)(text)?;
        samples.push(t0.elapsed().as_secs_f64());
    }
    Ok(())
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: throughput <list_instances.json>");
    let text = std::fs::read_to_string(&path).expect("the document reads");
    let err = |e: serde_json::Error| e.to_string();
    let targets = [
        Target {
            name: "value",
            parse: Box::new(|t| {
                let v: serde_json::Value = serde_json::from_str(t).map_err(err)?;
                Ok(v["instances"].as_array().map_or(0, Vec::len))
            }),
        },
        Target {
            name: "ours",
            parse: Box::new(|t| {
                let v: dcs_client::models::ListInstancesResponse =
                    serde_json::from_str(t).map_err(err)?;
                Ok(v.instances.as_ref().map_or(0, Vec::len))
            }),
        },
        Target {
            name: "progenitor",
            parse: Box::new(|t| {
                let v: dcs_progenitor::types::ListInstancesResponse =
                    serde_json::from_str(t).map_err(err)?;
                Ok(v.instances.len())
            }),
        },
    ];
    for (target, result) in targets.iter().zip(medians(&text, &targets)) {
        match result {
            Ok((seconds, count)) => println!("{} {seconds:.6} {count}", target.name),
            Err(e) => println!("{} failed {}", target.name, e.replace('\n', " ")),
        }
    }
}
