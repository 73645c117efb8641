//! The scraper's example check counts a scalar in another form than the documented one as
//! "read by the client" by its own statement of the runtime's rule
//! (`apiref_scrape::example_check::lenient`). Here the same JSON values go through the
//! runtime's readers (`huaweicloud_runtime::lenient`) and through that rule: they must agree
//! on every value, for every scalar type.

use apiref_scrape::example_check::lenient::client_reads;
use apiref_spec::TypeRef;
use huaweicloud_runtime::lenient;
use serde_json::{json, Value};

/// Values in every form the documents' examples use, and the edge cases of each rule.
fn values() -> Vec<Value> {
    let texts = [
        "12",
        " 12 ",
        "-4",
        "2.0",
        " 1e3 ",
        "6.0E1",
        "2.5",
        "0.001",
        "1e19",
        "",
        "x",
        "true",
        "false",
        "True",
        "yes",
        "1",
        "inf",
        "NaN",
        "-0",
        "9007199254740992.0",
        "9007199254740994.0",
        "18446744073709551615",
    ];
    let mut out: Vec<Value> = texts.iter().map(|t| json!(t)).collect();
    // Numbers as JSON writes them: integers, floats, integral floats, beyond `i64`.
    for n in [
        "0",
        "12",
        "-4",
        "2.0",
        "-2.0",
        "1e3",
        "2.5",
        "0.001",
        "1e19",
        "-0.0",
        "9007199254740992.0",
        "9007199254740994.0",
        "9223372036854775807",
        "18446744073709551615",
    ] {
        out.push(serde_json::from_str(n).unwrap());
    }
    out.extend([
        json!(true),
        json!(false),
        json!(null),
        json!({}),
        json!({"a": [1]}),
        json!([]),
        json!(["a"]),
    ]);
    out
}

/// Whether the runtime's reader for `t` takes `v` (`null` reads as absent, which is taken).
fn runtime_reads(t: &TypeRef, v: &Value) -> bool {
    let v = v.clone();
    match t {
        TypeRef::String => lenient::text(v).is_ok(),
        TypeRef::Integer | TypeRef::Long => lenient::int(v).is_ok(),
        TypeRef::Float | TypeRef::Double | TypeRef::Number => lenient::num(v).is_ok(),
        TypeRef::Boolean => lenient::flag(v).is_ok(),
        other => panic!("no lenient reader for {other}"),
    }
}

#[test]
fn the_scraper_counts_as_read_exactly_what_the_runtime_reads() {
    let scalars = [
        TypeRef::String,
        TypeRef::Integer,
        TypeRef::Long,
        TypeRef::Float,
        TypeRef::Double,
        TypeRef::Number,
        TypeRef::Boolean,
    ];
    let mut disagreements = Vec::new();
    let mut taken = 0;
    for t in &scalars {
        for v in values() {
            let runtime = runtime_reads(t, &v);
            taken += usize::from(runtime);
            if client_reads(t, &v) != Some(runtime) {
                disagreements.push(format!("{t} {v}: the runtime reads it: {runtime}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    // Both sides take some values and refuse others: the comparison is not vacuous.
    let all = scalars.len() * values().len();
    assert!(taken > all / 4 && taken < all * 3 / 4, "{taken} of {all}");
}

#[test]
fn the_forms_the_issue_names_are_read() {
    let int = TypeRef::Integer;
    for v in [json!(" 12 "), json!("2.0"), json!("1e3"), json!(2.0)] {
        assert!(
            runtime_reads(&int, &v) && client_reads(&int, &v) == Some(true),
            "{v}"
        );
    }
    assert!(!runtime_reads(&int, &json!("2.5")));
    assert!(runtime_reads(&TypeRef::String, &json!(40)));
    assert!(runtime_reads(&TypeRef::Boolean, &json!("true")));
    assert!(!runtime_reads(&TypeRef::Boolean, &json!("yes")));
}

#[test]
fn containers_have_no_lenient_reader() {
    let list = TypeRef::Array(Box::new(TypeRef::String));
    assert_eq!(client_reads(&list, &json!(["a"])), None);
    assert_eq!(client_reads(&TypeRef::Object, &json!({})), None);
}
