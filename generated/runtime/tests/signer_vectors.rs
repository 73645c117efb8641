//! The signer against vectors produced once by the official Python signer
//! (`vectors/gen_vectors.py`, huaweicloudsdkcore); Python is not needed to run this.

use huaweicloud_runtime::signer::{self, SignableRequest};
use serde_json::Value;

const VECTORS: &str = include_str!("vectors/signer.json");

struct Case {
    name: String,
    method: String,
    resource_path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    expected: Value,
    raw: Value,
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

fn load() -> (String, String, Vec<Case>) {
    let root: Value = serde_json::from_str(VECTORS).expect("signer.json parses");
    let cases = root["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let mut query = Vec::new();
            for pair in c["query"].as_array().expect("query") {
                let key = text(&pair[0]);
                match &pair[1] {
                    Value::Array(values) => {
                        query.extend(values.iter().map(|v| (key.clone(), text(v))))
                    }
                    v => query.push((key, text(v))),
                }
            }
            let mut headers: Vec<(String, String)> = c["headers"]
                .as_object()
                .expect("headers")
                .iter()
                .map(|(k, v)| (k.clone(), text(v)))
                .collect();
            headers.push(("X-Sdk-Date".into(), text(&c["date"])));
            headers.push(("Host".into(), text(&c["host"])));
            Case {
                name: text(&c["name"]),
                method: text(&c["method"]),
                resource_path: text(&c["resource_path"]),
                query,
                headers,
                body: c["body"].as_str().unwrap_or("").as_bytes().to_vec(),
                expected: c["expected"].clone(),
                raw: c.clone(),
            }
        })
        .collect();
    (text(&root["ak"]), text(&root["sk"]), cases)
}

impl Case {
    fn signable(&self) -> SignableRequest<'_> {
        SignableRequest {
            method: &self.method,
            path: &self.resource_path,
            query: &self.query,
            headers: &self.headers,
            body: &self.body,
        }
    }
}

#[test]
fn there_are_enough_vectors() {
    let (_, _, cases) = load();
    assert!(cases.len() >= 10, "{} cases", cases.len());
}

#[test]
fn canonical_request_and_authorization_match_the_official_signer() {
    let (ak, sk, cases) = load();
    for case in &cases {
        let sig = signer::sign(&case.signable(), &ak, &sk).expect("signable");
        assert_eq!(
            sig.canonical_request,
            text(&case.expected["canonical_request"]),
            "canonical request of {}",
            case.name
        );
        assert_eq!(
            sig.authorization,
            text(&case.expected["authorization"]),
            "authorization of {}",
            case.name
        );
    }
}

#[test]
fn path_encoding_and_wire_query_match_the_official_client() {
    let (_, _, cases) = load();
    for case in &cases {
        let mut path = text(&case.raw["template"]);
        for (k, v) in case.raw["path_params"].as_object().expect("path params") {
            path = path.replace(&format!("{{{k}}}"), &signer::encode_component(&text(v)));
        }
        assert_eq!(path, case.resource_path, "path of {}", case.name);
        let query = signer::canonical_query_string(&case.query);
        let uri = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        assert_eq!(uri, text(&case.expected["uri"]), "uri of {}", case.name);
    }
}

#[test]
fn verify_accepts_official_signatures_and_rejects_changes() {
    let (ak, sk, cases) = load();
    let lookup = |key: &str| (key == ak).then(|| sk.clone());
    for case in &cases {
        let mut headers = case.headers.clone();
        headers.push((
            "Authorization".into(),
            text(&case.expected["authorization"]),
        ));
        // The server sees the query as sent on the wire and decodes it.
        let uri = text(&case.expected["uri"]);
        let wire_query = signer::parse_query(uri.split_once('?').map_or("", |(_, q)| q));
        let received = SignableRequest {
            headers: &headers,
            query: &wire_query,
            ..case.signable()
        };
        signer::verify(&received, lookup)
            .unwrap_or_else(|e| panic!("{} does not verify: {e}", case.name));

        let mut other_body = case.body.clone();
        other_body.push(b' ');
        let tampered = SignableRequest {
            body: &other_body,
            ..received
        };
        assert!(
            signer::verify(&tampered, lookup).is_err(),
            "{}: changed body verified",
            case.name
        );
        let other_path = format!("{}x", case.resource_path);
        let moved = SignableRequest {
            path: &other_path,
            ..received
        };
        assert!(
            signer::verify(&moved, lookup).is_err(),
            "{}: changed path verified",
            case.name
        );
    }
}
