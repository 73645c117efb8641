//! A wiremock matcher that accepts only correctly signed requests.

use huaweicloud_runtime::signer;
use wiremock::{Match, Request};

/// Matches requests whose AK/SK signature verifies with the runtime's own algorithm.
pub struct ValidSignature {
    pub ak: &'static str,
    pub sk: &'static str,
}

impl Match for ValidSignature {
    fn matches(&self, request: &Request) -> bool {
        let target = match request.url.query() {
            Some(q) => format!("{}?{q}", request.url.path()),
            None => request.url.path().to_string(),
        };
        signer::verify_http(
            request.method.as_str(),
            &target,
            &request.headers,
            &request.body,
            |ak| (ak == self.ak).then(|| self.sk.to_string()),
        )
        .is_ok()
    }
}
