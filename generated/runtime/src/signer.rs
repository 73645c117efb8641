//! The `SDK-HMAC-SHA256` request signature of Huawei Cloud's API signing guide.
//!
//! The same functions sign outgoing requests and [`verify`] incoming ones, so a test server can
//! check what the client sent with exactly the algorithm the client used. The behaviour matches
//! the official `huaweicloudsdkcore` signer; `tests/vectors/signer.json` pins it.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use ring::{digest, hmac};

/// The algorithm name sent in the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const HEADER_DATE: &str = "X-Sdk-Date";
/// Payload hash of an empty body.
const EMPTY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Everything except RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`) is escaped, as
/// Python's `quote(s, safe='~')` does.
const ENCODE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment or query key/value the way the signer canonicalizes it.
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, ENCODE_SET).to_string()
}

/// One request, as it travels on the wire, reduced to what the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// Upper- or lower-case HTTP method.
    pub method: &'a str,
    /// The path as sent (percent-encoded), without the query string.
    pub path: &'a str,
    /// Decoded query pairs, in any order; repeated keys allowed.
    pub query: &'a [(String, String)],
    /// The headers to consider (names in any case). `Host` and `X-Sdk-Date` must be among them.
    /// Headers whose name contains `_` are not signed, as in the official signer.
    pub headers: &'a [(String, String)],
    /// The exact body bytes (empty when there is none).
    pub body: &'a [u8],
}

/// The signature's parts, returned for diagnostics and for the `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub canonical_request: String,
    pub string_to_sign: String,
    /// Lower-case names joined with `;`.
    pub signed_headers: String,
    /// Hex HMAC-SHA256.
    pub signature: String,
    /// The complete `Authorization` header value.
    pub authorization: String,
}

/// Sorted, encoded query string: both the canonical form and what the client sends.
pub fn canonical_query_string(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    encoded.join("&")
}

/// Canonical URI: decode the wire path, split on `/`, re-encode each segment, end with `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let segments: Vec<String> = decoded.split('/').map(encode_component).collect();
    let mut uri = segments.join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Lower-cased, trimmed headers to sign, sorted by name (later duplicates win, as in a dict).
fn signed_header_values(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut map = std::collections::BTreeMap::new();
    for (name, value) in headers {
        if name.contains('_') {
            continue;
        }
        map.insert(name.to_ascii_lowercase(), value.trim().to_string());
    }
    map.into_iter().collect()
}

// ring, not the RustCrypto crates: rustls, the default TLS backend, already builds it.
fn sha256_hex(data: &[u8]) -> String {
    to_hex(digest::digest(&digest::SHA256, data).as_ref())
}

fn hmac_hex(key: &[u8], data: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    to_hex(hmac::sign(&key, data).as_ref())
}

/// Lower-case hex, as the signature and payload hashes are written.
fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

fn build(
    request: &SignableRequest<'_>,
    headers: &[(String, String)],
    date: &str,
    ak: &str,
    sk: &str,
) -> Signature {
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let signed_headers = headers
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let payload_hash = if request.body.is_empty() {
        EMPTY_HASH.to_string()
    } else {
        sha256_hex(request.body)
    };
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method.to_ascii_uppercase(),
        canonical_uri(request.path),
        canonical_query_string(request.query),
        canonical_headers,
        signed_headers,
        payload_hash
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let signature = hmac_hex(sk.as_bytes(), string_to_sign.as_bytes());
    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    }
}

/// Signs `request` with the date found in its `X-Sdk-Date` header.
pub fn sign(request: &SignableRequest<'_>, ak: &str, sk: &str) -> Result<Signature, SignError> {
    let headers = signed_header_values(request.headers);
    let date = header(&headers, "x-sdk-date").ok_or(SignError::MissingHeader("X-Sdk-Date"))?;
    if header(&headers, "host").is_none() {
        return Err(SignError::MissingHeader("Host"));
    }
    let date = date.to_string();
    Ok(build(request, &headers, &date, ak, sk))
}

fn header<'h>(headers: &'h [(String, String)], lower_name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k == lower_name)
        .map(|(_, v)| v.as_str())
}

/// Why a request could not be signed or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("header {0} is required for signing")]
    MissingHeader(&'static str),
    #[error("no Authorization header")]
    NoAuthorization,
    #[error("malformed Authorization header: {0}")]
    Malformed(String),
    #[error("unknown access key {0}")]
    UnknownAccessKey(String),
    #[error("signed header {0} is not in the request")]
    SignedHeaderMissing(String),
    #[error("signature mismatch; server canonical request:\n{canonical_request}")]
    Mismatch { canonical_request: String },
}

/// The parsed `Authorization` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Parses `SDK-HMAC-SHA256 Access=…, SignedHeaders=a;b, Signature=…`.
pub fn parse_authorization(value: &str) -> Result<Authorization, SignError> {
    let malformed = || SignError::Malformed(value.to_string());
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(malformed)?;
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part.trim().split_once('=').ok_or_else(malformed)?;
        match key {
            "Access" => access = Some(val.to_string()),
            "SignedHeaders" => signed = Some(val.split(';').map(str::to_string).collect()),
            "Signature" => signature = Some(val.to_string()),
            _ => return Err(malformed()),
        }
    }
    match (access, signed, signature) {
        (Some(access), Some(signed_headers), Some(signature)) => Ok(Authorization {
            access,
            signed_headers,
            signature,
        }),
        _ => Err(malformed()),
    }
}

/// Parses a raw query string (`a=1&b=%20`) into decoded pairs; `+` stays a plus sign because the
/// signer always escapes spaces as `%20`.
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode_str(k).decode_utf8_lossy().into_owned(),
                percent_decode_str(v).decode_utf8_lossy().into_owned(),
            )
        })
        .collect()
}

/// Server side: checks the `Authorization` header of a received request. `secret_for` maps an
/// access key to its secret key (`None` for unknown keys). The clock is not checked.
pub fn verify(
    request: &SignableRequest<'_>,
    secret_for: impl Fn(&str) -> Option<String>,
) -> Result<Authorization, SignError> {
    let auth_value = request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.as_str())
        .ok_or(SignError::NoAuthorization)?;
    let auth = parse_authorization(auth_value)?;
    let sk =
        secret_for(&auth.access).ok_or_else(|| SignError::UnknownAccessKey(auth.access.clone()))?;
    let all = signed_header_values(request.headers);
    let mut headers = Vec::with_capacity(auth.signed_headers.len());
    for name in &auth.signed_headers {
        let value =
            header(&all, name).ok_or_else(|| SignError::SignedHeaderMissing(name.clone()))?;
        headers.push((name.clone(), value.to_string()));
    }
    let date = header(&headers, "x-sdk-date")
        .ok_or(SignError::MissingHeader("X-Sdk-Date"))?
        .to_string();
    let expected = build(request, &headers, &date, &auth.access, &sk);
    if constant_time_eq(expected.signature.as_bytes(), auth.signature.as_bytes()) {
        Ok(auth)
    } else {
        Err(SignError::Mismatch {
            canonical_request: expected.canonical_request,
        })
    }
}

/// [`verify`] for a request as an HTTP server library hands it over: method, the raw
/// `path?query` target, the header map and the body. Repeated headers are joined with `,`.
pub fn verify_http(
    method: &str,
    path_and_query: &str,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
    secret_for: impl Fn(&str) -> Option<String>,
) -> Result<Authorization, SignError> {
    let (path, raw_query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let query = parse_query(raw_query);
    let mut list: Vec<(String, String)> = Vec::with_capacity(headers.len());
    for name in headers.keys() {
        let values: Vec<String> = headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        list.push((name.as_str().to_string(), values.join(",")));
    }
    verify(
        &SignableRequest {
            method,
            path,
            query: &query,
            headers: &list,
            body,
        },
        secret_for,
    )
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn canonical_uri_appends_slash_and_reencodes() {
        assert_eq!(canonical_uri("/v2/a%20b"), "/v2/a%20b/");
        assert_eq!(canonical_uri("/v2/x/"), "/v2/x/");
        // An encoded slash becomes a separator, as in the official signer.
        assert_eq!(canonical_uri("/v2/a%2Fb"), "/v2/a/b/");
        assert_eq!(canonical_uri("/v2/%7e+"), "/v2/~%2B/");
    }

    #[test]
    fn query_is_sorted_by_key_then_value() {
        let q = pairs(&[("b", "2"), ("a", "z"), ("a", "y"), ("c d", "é")]);
        assert_eq!(canonical_query_string(&q), "a=y&a=z&b=2&c%20d=%C3%A9");
        assert_eq!(parse_query("a=y&a=z&b=2&c%20d=%C3%A9&e"), {
            let mut v = pairs(&[("a", "y"), ("a", "z"), ("b", "2"), ("c d", "é")]);
            v.push(("e".into(), String::new()));
            v
        });
    }

    #[test]
    fn sign_then_verify_round_trips_and_detects_tampering() {
        let headers = pairs(&[
            ("Host", "example.com"),
            ("X-Sdk-Date", "20260101T000000Z"),
            ("Content-Type", "application/json"),
        ]);
        let query = pairs(&[("limit", "10")]);
        let req = SignableRequest {
            method: "POST",
            path: "/v2/p/instances",
            query: &query,
            headers: &headers,
            body: b"{}",
        };
        let sig = sign(&req, "AK", "SK").expect("signable");
        let mut received = headers.clone();
        received.push(("Authorization".into(), sig.authorization.clone()));
        let got = SignableRequest {
            headers: &received,
            ..req
        };
        let lookup = |ak: &str| (ak == "AK").then(|| "SK".to_string());
        assert_eq!(verify(&got, lookup).expect("valid").access, "AK");
        let tampered = SignableRequest {
            body: b"{\"a\":1}",
            ..got
        };
        assert!(matches!(
            verify(&tampered, lookup),
            Err(SignError::Mismatch { .. })
        ));
        let wrong_key = |_: &str| Some("other".to_string());
        assert!(verify(&got, wrong_key).is_err());
        assert!(matches!(
            verify(&got, |_| None),
            Err(SignError::UnknownAccessKey(_))
        ));
    }

    #[test]
    fn sign_requires_date_and_host() {
        let headers = pairs(&[("Host", "h")]);
        let req = SignableRequest {
            method: "GET",
            path: "/",
            query: &[],
            headers: &headers,
            body: b"",
        };
        assert_eq!(
            sign(&req, "a", "b"),
            Err(SignError::MissingHeader("X-Sdk-Date"))
        );
    }

    #[test]
    fn malformed_authorization_is_an_error() {
        for bad in [
            "",
            "SDK-HMAC-SHA256",
            "Bearer x",
            "SDK-HMAC-SHA256 Access=a",
            "SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature",
        ] {
            assert!(parse_authorization(bad).is_err(), "{bad:?}");
        }
    }
}
