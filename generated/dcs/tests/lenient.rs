//! Optional scalars read leniently: each form the documents' examples send is taken, `null` and a
//! missing field are `None`, and anything else fails naming the value.

use dcs_client::models::{BandwidthInfo, CommandTimeTaken, InstanceListInfo};

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[test]
fn integers_take_numbers_and_integer_text() {
    let read = |json: &str| parse::<InstanceListInfo>(json).map(|i| i.capacity);
    assert_eq!(read(r#"{"capacity": 4}"#), Ok(Some(4)));
    assert_eq!(read(r#"{"capacity": " 4 "}"#), Ok(Some(4)));
    assert_eq!(read(r#"{"capacity": null}"#), Ok(None));
    assert_eq!(read("{}"), Ok(None));
    let e = read(r#"{"capacity": 4.5}"#).unwrap_err();
    assert!(e.starts_with("unexpected value 4.5"), "{e}");
    let e = read(r#"{"capacity": "four"}"#).unwrap_err();
    assert!(e.starts_with("unexpected value \"four\""), "{e}");
    let e = read(r#"{"capacity": {"a": [1]}}"#).unwrap_err();
    assert!(e.starts_with(r#"unexpected value {"a":[1]}"#), "{e}");
    let e = read(r#"{"capacity": 18446744073709551615}"#).unwrap_err();
    assert!(
        e.starts_with("unexpected value 18446744073709551615"),
        "{e}"
    );
}

#[test]
fn text_takes_numbers_and_booleans_as_json_writes_them() {
    let read = |json: &str| parse::<InstanceListInfo>(json).map(|i| i.capacity_minor);
    assert_eq!(
        read(r#"{"capacity_minor": "0.125"}"#),
        Ok(Some("0.125".into()))
    );
    assert_eq!(
        read(r#"{"capacity_minor": 0.125}"#),
        Ok(Some("0.125".into()))
    );
    assert_eq!(read(r#"{"capacity_minor": 2.0}"#), Ok(Some("2.0".into())));
    assert_eq!(read(r#"{"capacity_minor": -3}"#), Ok(Some("-3".into())));
    assert_eq!(read(r#"{"capacity_minor": true}"#), Ok(Some("true".into())));
    let e = read(r#"{"capacity_minor": ["a"]}"#).unwrap_err();
    assert!(e.starts_with(r#"unexpected value ["a"]"#), "{e}");
}

#[test]
fn floats_and_booleans() {
    let usec = |json: &str| parse::<CommandTimeTaken>(json).map(|c| c.usec_sum);
    assert_eq!(usec(r#"{"usec_sum": 3}"#), Ok(Some(3.0)));
    assert_eq!(usec(r#"{"usec_sum": "2.5"}"#), Ok(Some(2.5)));
    assert!(usec(r#"{"usec_sum": false}"#).is_err());
    let running = |json: &str| parse::<BandwidthInfo>(json).map(|b| b.task_running);
    assert_eq!(running(r#"{"task_running": true}"#), Ok(Some(true)));
    assert_eq!(running(r#"{"task_running": "false"}"#), Ok(Some(false)));
    let e = running(r#"{"task_running": "yes"}"#).unwrap_err();
    assert!(e.starts_with("unexpected value \"yes\""), "{e}");
    assert!(running(r#"{"task_running": 1}"#).is_err());
}
