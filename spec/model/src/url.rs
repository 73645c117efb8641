//! The URL of an example request line (`Example::url`) as the documents print it:
//! `https://{dcs_endpoint}/v2/{project_id}/instances?offset=0&limit=10`. The generator writes an
//! operation's example call from it, and the end-to-end tests check that the call sends what the
//! document shows; both read it here, so they agree on what the example sends.

/// The path of `url` (without scheme and host, `{placeholders}` kept) and its query pairs in
/// document order, each key and value percent-decoded by [`decode_escapes`]; `None` when there is
/// no path after the host.
///
/// The query is split before decoding, so an encoded `%26` or `%3D` is part of a value; a
/// repeated key gives a pair per occurrence; a key without `=` has an empty value. A `#fragment`
/// is not told apart: it stays in the path, or in the last query value (no document's example
/// has one).
pub fn split_url(url: &str) -> Option<(&str, Vec<(String, String)>)> {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_query = &after_scheme[after_scheme.find('/')?..];
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_escapes(k), decode_escapes(v))
        })
        .collect();
    Some((path, pairs))
}

/// `s` with each `%XX` escape decoded (`+` kept: documents write a space as `%20`). A malformed
/// escape stays as it is, and so does all of `s` when the decoded bytes are not UTF-8: a value the
/// document got wrong is still shown, not dropped.
pub fn decode_escapes(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn path_with_placeholders_and_query() {
        assert_eq!(
            split_url(
                "https://{dcs_endpoint}/v2/{project_id}/instances?offset=0&limit=10&name={name}&include_failure=true"
            ),
            Some((
                "/v2/{project_id}/instances",
                pairs(&[
                    ("offset", "0"),
                    ("limit", "10"),
                    ("name", "{name}"),
                    ("include_failure", "true"),
                ])
            ))
        );
    }

    #[test]
    fn repeated_keys_keep_every_pair_in_order() {
        assert_eq!(
            split_url("https://{endpoint}/v1/{project_id}/cloudservers/detail?tags=env.prod&limit=10&tags=team.db"),
            Some((
                "/v1/{project_id}/cloudservers/detail",
                pairs(&[("tags", "env.prod"), ("limit", "10"), ("tags", "team.db")])
            ))
        );
    }

    #[test]
    fn query_is_split_before_it_is_decoded() {
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/instances?name=redis%20cache%E4%B8%AD&q=a%26b%3Dc&sort=a+b"),
            Some((
                "/v2/{project_id}/instances",
                pairs(&[("name", "redis cache中"), ("q", "a&b=c"), ("sort", "a+b")])
            ))
        );
        // The path is returned as printed; callers decode its segments.
        assert_eq!(
            split_url("https://{endpoint}/v2/a%20b/servers").map(|(path, _)| path),
            Some("/v2/a%20b/servers")
        );
    }

    #[test]
    fn no_query() {
        let servers = Some(("/v2/{project_id}/servers", Vec::new()));
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/servers"),
            servers
        );
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/servers?"),
            servers
        );
        assert_eq!(split_url("/v2/{project_id}/servers"), servers);
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/servers?&flag"),
            Some(("/v2/{project_id}/servers", pairs(&[("flag", "")])))
        );
        assert_eq!(split_url("https://{endpoint}"), None);
        assert_eq!(split_url(""), None);
    }

    #[test]
    fn a_fragment_is_not_told_apart() {
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/servers#detail"),
            Some(("/v2/{project_id}/servers#detail", Vec::new()))
        );
        assert_eq!(
            split_url("https://{endpoint}/v2/{project_id}/servers?limit=10#detail"),
            Some(("/v2/{project_id}/servers", pairs(&[("limit", "10#detail")])))
        );
    }

    #[test]
    fn malformed_escapes_stay_as_printed() {
        assert_eq!(decode_escapes("%E4%B8%AD%20x"), "中 x");
        assert_eq!(decode_escapes("100%"), "100%");
        assert_eq!(decode_escapes("%zz%20a"), "%zz a");
        assert_eq!(decode_escapes("%4"), "%4");
        // Not UTF-8 once decoded: the text as printed.
        assert_eq!(decode_escapes("%FF%20"), "%FF%20");
    }
}
