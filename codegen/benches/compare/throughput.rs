//! Deserialization throughput of a large `ListInstances` response, for `compare.sh`: into
//! `serde_json::Value` (the floor), dcs-client's model and progenitor's. Prints one line per
//! target: `<name> <median seconds per parse> <instances parsed>`, or `<name> failed <error>`.
//!
//! Built by compare.sh in a scratch crate that depends on both clients; not part of the workspace.

use std::time::{Duration, Instant};

fn median_time<T>(text: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<(Duration, T), String> {
    for _ in 0..3 {
        parse(text)?;
    }
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..25 {
        let t0 = Instant::now();
        let value = parse(text)?;
        times.push(t0.elapsed());
        last = Some(value);
    }
    times.sort();
    Ok((times[times.len() / 2], last.expect("25 runs")))
}

fn report<T>(name: &str, text: &str, parse: impl Fn(&str) -> Result<T, String>, count: impl Fn(&T) -> usize) {
    match median_time(text, parse) {
        Ok((time, value)) => println!("{name} {:.6} {}", time.as_secs_f64(), count(&value)),
        Err(e) => println!("{name} failed {}", e.replace('\n', " ")),
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: throughput <list_instances.json>");
    let text = std::fs::read_to_string(&path).expect("the document reads");
    report(
        "value",
        &text,
        |t| serde_json::from_str::<serde_json::Value>(t).map_err(|e| e.to_string()),
        |v| v["instances"].as_array().map_or(0, Vec::len),
    );
    report(
        "ours",
        &text,
        |t| serde_json::from_str::<dcs_client::models::ListInstancesResponse>(t).map_err(|e| e.to_string()),
        |v| v.instances.as_ref().map_or(0, Vec::len),
    );
    report(
        "progenitor",
        &text,
        |t| serde_json::from_str::<dcs_progenitor::types::ListInstancesResponse>(t).map_err(|e| e.to_string()),
        |v| v.instances.len(),
    );
}
