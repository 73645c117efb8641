//! Client configuration: endpoint, project, credentials, timeouts, retries.

use std::time::Duration;

use crate::credentials::Credentials;
use crate::error::Error;

/// Environment variables read by [`Config::from_env`], in order of preference.
pub mod env {
    pub const AK: [&str; 2] = ["HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK"];
    pub const SK: [&str; 2] = ["HUAWEICLOUD_SDK_SK", "CLOUD_SDK_SK"];
    pub const SECURITY_TOKEN: [&str; 1] = ["HUAWEICLOUD_SDK_SECURITY_TOKEN"];
    pub const PROJECT_ID: [&str; 1] = ["HUAWEICLOUD_SDK_PROJECT_ID"];
    /// This crate's own names (the reference's samples pass region and endpoint in code).
    pub const REGION: [&str; 1] = ["HUAWEICLOUD_SDK_REGION"];
    pub const ENDPOINT: [&str; 1] = ["HUAWEICLOUD_SDK_DCS_ENDPOINT"];
}

/// When and how often a failed request is sent again.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts including the first (1 disables retries).
    pub max_attempts: u32,
    /// Backoff before the second attempt; doubles for each further attempt.
    pub base_delay: Duration,
    /// Upper bound of one backoff.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries.
    pub max_retry_after: Duration,
    /// Also retry `POST` and `PATCH` (which may not be idempotent) on 429, 5xx and connection
    /// failures after the request may have been sent.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }
}

/// A validated client configuration. Build it with [`Config::builder`] or [`Config::from_env`].
#[derive(Debug, Clone)]
pub struct Config {
    endpoint: reqwest::Url,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads credentials, project, region and endpoint from the environment (see [`env`](mod@crate::env)).
    pub fn from_env() -> Result<Config, Error> {
        Config::builder().env()?.build()
    }

    /// Base URL, e.g. `https://dcs.cn-north-4.myhuaweicloud.com`.
    pub fn endpoint(&self) -> &reqwest::Url {
        &self.endpoint
    }

    /// Fills `{project_id}` in paths.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    pub fn credentials(&self) -> Option<&Credentials> {
        self.credentials.as_ref()
    }

    /// Limit for one attempt, from connecting to the end of the body.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }

    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }

    /// A copy with another retry policy (e.g. to opt a `POST` into retries).
    pub fn with_retry(&self, retry: RetryPolicy) -> Config {
        Config {
            retry,
            ..self.clone()
        }
    }
}

/// Builder of [`Config`]; `build` checks it.
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
}

impl ConfigBuilder {
    /// Region such as `cn-north-4`; gives the endpoint `https://dcs.{region}.myhuaweicloud.com`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Overrides the region's endpoint (private clouds, tests). May include a base path.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Per-attempt timeout (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Fills unset fields from the process environment.
    pub fn env(self) -> Result<Self, Error> {
        self.env_from(|name| std::env::var(name).ok())
    }

    /// Fills unset fields from `lookup` (the environment, or a map in tests).
    pub fn env_from(mut self, lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let first = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| lookup(n).filter(|v| !v.trim().is_empty()))
        };
        if self.credentials.is_none() {
            match (first(&env::AK), first(&env::SK)) {
                (Some(ak), Some(sk)) => {
                    self.credentials = Some(match first(&env::SECURITY_TOKEN) {
                        Some(token) => Credentials::temporary(ak, sk, token),
                        None => Credentials::aksk(ak, sk),
                    })
                }
                (None, None) => {}
                (Some(_), None) => {
                    return Err(Error::Config(
                        "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK (or CLOUD_SDK_SK) is not"
                            .into(),
                    ))
                }
                (None, Some(_)) => {
                    return Err(Error::Config(
                        "HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK (or CLOUD_SDK_AK) is not"
                            .into(),
                    ))
                }
            }
        }
        if self.project_id.is_none() {
            self.project_id = first(&env::PROJECT_ID);
        }
        if self.region.is_none() {
            self.region = first(&env::REGION);
        }
        if self.endpoint.is_none() {
            self.endpoint = first(&env::ENDPOINT);
        }
        Ok(self)
    }

    /// Checks and freezes the configuration.
    pub fn build(self) -> Result<Config, Error> {
        let endpoint_text = match (&self.endpoint, &self.region) {
            (Some(endpoint), _) => endpoint.trim().to_string(),
            (None, Some(region)) => {
                let valid = !region.is_empty()
                    && region
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !valid {
                    return Err(Error::Config(format!(
                        "region {region:?} is not a region name like cn-north-4"
                    )));
                }
                format!("https://dcs.{region}.myhuaweicloud.com")
            }
            (None, None) => {
                return Err(Error::Config(
                    "set a region (or an endpoint) in the builder or HUAWEICLOUD_SDK_REGION".into(),
                ))
            }
        };
        let mut endpoint = reqwest::Url::parse(&endpoint_text)
            .map_err(|e| Error::Config(format!("endpoint {endpoint_text:?}: {e}")))?;
        if !matches!(endpoint.scheme(), "http" | "https") || endpoint.host_str().is_none() {
            return Err(Error::Config(format!(
                "endpoint {endpoint_text:?} must be an http(s) URL with a host"
            )));
        }
        if endpoint.query().is_some() || endpoint.fragment().is_some() {
            return Err(Error::Config(format!(
                "endpoint {endpoint_text:?} must not have a query or fragment"
            )));
        }
        // Paths are appended to the endpoint's own path, so keep it without a trailing slash.
        let base = endpoint.path().trim_end_matches('/').to_string();
        endpoint.set_path(&base);
        if let Some(project) = &self.project_id {
            if project.is_empty() || project.contains(['/', '?', '#']) {
                return Err(Error::Config(format!(
                    "project id {project:?} is not valid"
                )));
            }
        }
        let retry = self.retry.unwrap_or_default();
        if retry.max_attempts == 0 {
            return Err(Error::Config(
                "retry.max_attempts must be at least 1".into(),
            ));
        }
        Ok(Config {
            endpoint,
            project_id: self.project_id,
            credentials: self.credentials,
            timeout: self.timeout.unwrap_or(Duration::from_secs(60)),
            connect_timeout: self.connect_timeout.unwrap_or(Duration::from_secs(10)),
            user_agent: self
                .user_agent
                .unwrap_or_else(|| format!("dcs-rs/{}", env!("CARGO_PKG_VERSION"))),
            retry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn region_gives_the_public_endpoint() {
        let c = Config::builder()
            .region("cn-north-4")
            .build()
            .expect("valid");
        assert_eq!(
            c.endpoint().as_str(),
            "https://dcs.cn-north-4.myhuaweicloud.com/"
        );
        assert!(Config::builder().region("evil.com/x").build().is_err());
        assert!(Config::builder().build().is_err());
    }

    #[test]
    fn endpoint_overrides_region_and_keeps_a_base_path() {
        let c = Config::builder()
            .region("cn-north-4")
            .endpoint("http://127.0.0.1:8080/dcs/")
            .build()
            .expect("valid");
        assert_eq!(c.endpoint().as_str(), "http://127.0.0.1:8080/dcs");
        for bad in ["ftp://x", "not a url", "http://h/?q=1"] {
            assert!(Config::builder().endpoint(bad).build().is_err(), "{bad}");
        }
    }

    #[test]
    fn env_prefers_huaweicloud_names_and_falls_back_to_cloud_sdk() {
        let b = Config::builder()
            .env_from(lookup(&[
                ("CLOUD_SDK_AK", "ak2"),
                ("CLOUD_SDK_SK", "sk2"),
                ("HUAWEICLOUD_SDK_AK", "ak1"),
                ("HUAWEICLOUD_SDK_SK", "sk1"),
                ("HUAWEICLOUD_SDK_PROJECT_ID", "p1"),
                ("HUAWEICLOUD_SDK_REGION", "ap-southeast-1"),
            ]))
            .expect("complete");
        let c = b.build().expect("valid");
        assert_eq!(c.credentials(), Some(&Credentials::aksk("ak1", "sk1")));
        assert_eq!(c.project_id(), Some("p1"));
        assert_eq!(
            c.endpoint().host_str(),
            Some("dcs.ap-southeast-1.myhuaweicloud.com")
        );

        let c = Config::builder()
            .region("r")
            .env_from(lookup(&[("CLOUD_SDK_AK", "ak2"), ("CLOUD_SDK_SK", "sk2")]))
            .and_then(ConfigBuilder::build)
            .expect("valid");
        assert_eq!(c.credentials(), Some(&Credentials::aksk("ak2", "sk2")));
    }

    #[test]
    fn env_half_credentials_are_an_error_and_code_wins() {
        assert!(Config::builder()
            .env_from(lookup(&[("HUAWEICLOUD_SDK_AK", "ak")]))
            .is_err());
        let c = Config::builder()
            .region("r")
            .credentials(Credentials::token("t"))
            .project_id("mine")
            .env_from(lookup(&[
                ("HUAWEICLOUD_SDK_AK", "ak"),
                ("HUAWEICLOUD_SDK_PROJECT_ID", "theirs"),
            ]))
            .and_then(ConfigBuilder::build)
            .expect("valid");
        assert_eq!(c.credentials(), Some(&Credentials::token("t")));
        assert_eq!(c.project_id(), Some("mine"));
    }
}
