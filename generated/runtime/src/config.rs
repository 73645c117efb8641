//! Client configuration: region and endpoint, project, credentials, timeouts, retries.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use crate::body::DEFAULT_MAX_RESPONSE_BYTES;
use crate::credentials::Credentials;
use crate::endpoint::{
    check_region, is_endpoint_var, parse_endpoint, redacted_url_text, Endpoints, ServiceInfo,
};
use crate::error::Error;

/// Environment variables read by [`Config::from_env`], in order of preference.
///
/// Besides these, every `HUAWEICLOUD_SDK_<NAME>_ENDPOINT` is captured: the endpoint override of
/// the service named `<name>` (see [`ServiceInfo::endpoint_var`]).
pub mod env {
    pub const AK: [&str; 2] = ["HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK"];
    pub const SK: [&str; 2] = ["HUAWEICLOUD_SDK_SK", "CLOUD_SDK_SK"];
    pub const SECURITY_TOKEN: [&str; 1] = ["HUAWEICLOUD_SDK_SECURITY_TOKEN"];
    pub const PROJECT_ID: [&str; 1] = ["HUAWEICLOUD_SDK_PROJECT_ID"];
    /// This crate's own name (the reference's samples pass the region in code).
    pub const REGION: [&str; 1] = ["HUAWEICLOUD_SDK_REGION"];
}

/// The `User-Agent` unless [`ConfigBuilder::user_agent`] sets another.
const DEFAULT_USER_AGENT: &str = concat!("huaweicloud-runtime/", env!("CARGO_PKG_VERSION"));

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
    /// Also retry `POST` and `PATCH` (which may not be idempotent) on 5xx and on connection
    /// failures after the request may have been sent. A 429 is retried for every method
    /// regardless: a throttled request was not processed.
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
///
/// It holds no service: the endpoint is resolved per service when a request is sent (see
/// [`Config::endpoint_for`]), so one configuration, and one runtime client, serves several
/// generated clients.
///
/// `Debug` shows no secret: credentials and passwords in endpoint URLs print as
/// [`REDACTED`](crate::REDACTED).
#[derive(Debug, Clone)]
pub struct Config {
    endpoints: Endpoints,
    project_id: Option<String>,
    /// Redacted by its own `Debug`.
    credentials: Option<Credentials>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    max_response_bytes: usize,
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads credentials, project, region and per-service endpoints from the environment (see
    /// [`env`](mod@crate::env)).
    pub fn from_env() -> Result<Config, Error> {
        Config::builder().env()?.build()
    }

    /// Region such as `cn-north-4`, filled into the services' endpoint templates.
    pub fn region(&self) -> Option<&str> {
        self.endpoints.region.as_deref()
    }

    /// The endpoint set with [`ConfigBuilder::endpoint`], used for every service.
    pub fn endpoint(&self) -> Option<&reqwest::Url> {
        self.endpoints.explicit.as_ref()
    }

    /// Base URL of `service`: the explicit [`endpoint`](Config::endpoint), else the service's
    /// override variable captured by [`Config::from_env`], else the service's template in the
    /// [`region`](Config::region) (e.g. `https://dcs.cn-north-4.myhuaweicloud.com`). Without
    /// any of them it is a [`Error::Config`] naming what to set.
    pub fn endpoint_for(&self, service: &ServiceInfo) -> Result<reqwest::Url, Error> {
        self.endpoints.resolve(Some(service))
    }

    /// [`Config::endpoint_for`], for a client that may be bound to no service.
    pub(crate) fn resolve_endpoint(
        &self,
        service: Option<&ServiceInfo>,
    ) -> Result<reqwest::Url, Error> {
        self.endpoints.resolve(service)
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

    /// The largest reply body read, in bytes (see [`ConfigBuilder::max_response_bytes`]).
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// A copy with another retry policy (e.g. to opt a `POST` into retries).
    pub fn with_retry(&self, retry: RetryPolicy) -> Config {
        Config {
            retry,
            ..self.clone()
        }
    }
}

/// Builder of [`Config`]; `build` checks it. `Debug` shows no secret, as [`Config`]'s.
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    /// Per-service endpoint variables from the environment, by variable name.
    env_endpoints: BTreeMap<String, String>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
    max_response_bytes: Option<usize>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env_endpoints: BTreeMap<&str, String> = self
            .env_endpoints
            .iter()
            .map(|(name, text)| (name.as_str(), redacted_url_text(text)))
            .collect();
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("endpoint", &self.endpoint.as_deref().map(redacted_url_text))
            .field("env_endpoints", &env_endpoints)
            .field("project_id", &self.project_id)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl ConfigBuilder {
    /// Region such as `cn-north-4`: each service's endpoint is its template with the region
    /// filled in (`https://dcs.{region}.myhuaweicloud.com` for DCS).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every service's requests to this base URL instead (private clouds, tests). May
    /// include a base path.
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

    /// The `User-Agent` header (default `huaweicloud-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The largest reply body read, in bytes (default 64 MiB). A larger reply fails with
    /// [`Error::ResponseTooLarge`] as soon as its `Content-Length`, or what has arrived, passes
    /// the limit, so no more than the limit is ever held.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Fills unset fields from the process environment (variables that are not UTF-8 are
    /// skipped).
    pub fn env(self) -> Result<Self, Error> {
        self.env_from(std::env::vars_os().filter_map(|(name, value)| {
            Some((name.into_string().ok()?, value.into_string().ok()?))
        }))
    }

    /// Fills unset fields from `vars`, (name, value) pairs: the environment, or a list in tests.
    /// Blank values count as unset.
    pub fn env_from(
        mut self,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, Error> {
        let vars: BTreeMap<String, String> = vars
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .collect();
        let first = |names: &[&str]| names.iter().find_map(|n| vars.get(*n).cloned());
        if self.credentials.is_none() {
            self.credentials = env_credentials(&first)?;
        }
        if self.project_id.is_none() {
            self.project_id = first(&env::PROJECT_ID);
        }
        if self.region.is_none() {
            self.region = first(&env::REGION);
        }
        for (name, value) in vars.iter().filter(|(name, _)| is_endpoint_var(name)) {
            self.env_endpoints
                .entry(name.clone())
                .or_insert_with(|| value.clone());
        }
        Ok(self)
    }

    /// Checks and freezes the configuration.
    pub fn build(self) -> Result<Config, Error> {
        let endpoints = self.endpoints()?;
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
            endpoints,
            project_id: self.project_id,
            credentials: self.credentials,
            timeout: self.timeout.unwrap_or(Duration::from_secs(60)),
            connect_timeout: self.connect_timeout.unwrap_or(Duration::from_secs(10)),
            user_agent: self
                .user_agent
                .unwrap_or_else(|| DEFAULT_USER_AGENT.to_string()),
            retry,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
        })
    }

    /// The region and endpoints, checked. A missing region is not an error here: a service
    /// whose endpoint needs one reports it when a request is sent.
    fn endpoints(&self) -> Result<Endpoints, Error> {
        if let Some(region) = &self.region {
            check_region(region)?;
        }
        let explicit = match &self.endpoint {
            Some(text) => Some(parse_endpoint(text, "endpoint")?),
            None => None,
        };
        let from_env = self
            .env_endpoints
            .iter()
            .map(|(name, text)| Ok((name.clone(), parse_endpoint(text, name)?)))
            .collect::<Result<_, Error>>()?;
        Ok(Endpoints {
            region: self.region.clone(),
            explicit,
            from_env,
        })
    }
}

/// Credentials from the AK/SK (and security token) variables; half a pair is an error.
fn env_credentials(
    first: &impl Fn(&[&str]) -> Option<String>,
) -> Result<Option<Credentials>, Error> {
    match (first(&env::AK), first(&env::SK)) {
        (Some(ak), Some(sk)) => Ok(Some(match first(&env::SECURITY_TOKEN) {
            Some(token) => Credentials::temporary(ak, sk, token),
            None => Credentials::aksk(ak, sk),
        })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(Error::Config(
            "HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK (or CLOUD_SDK_SK) is not".into(),
        )),
        (None, Some(_)) => Err(Error::Config(
            "HUAWEICLOUD_SDK_SK is set but HUAWEICLOUD_SDK_AK (or CLOUD_SDK_AK) is not".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DCS: ServiceInfo = ServiceInfo {
        name: "dcs",
        endpoint: "https://dcs.{region}.myhuaweicloud.com",
    };

    fn vars(vars: &[(&str, &str)]) -> Vec<(String, String)> {
        vars.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn region_gives_each_service_its_endpoint() {
        let c = Config::builder()
            .region("cn-north-4")
            .build()
            .expect("valid");
        assert_eq!(c.region(), Some("cn-north-4"));
        assert_eq!(c.endpoint(), None);
        assert_eq!(
            c.endpoint_for(&DCS).expect("resolves").as_str(),
            "https://dcs.cn-north-4.myhuaweicloud.com/"
        );
        assert!(Config::builder().region("evil.com/x").build().is_err());
        // Without a region the configuration builds; the request says what is missing.
        let c = Config::builder().build().expect("valid");
        assert!(c.endpoint_for(&DCS).is_err());
    }

    #[test]
    fn endpoint_overrides_region_and_keeps_a_base_path() {
        let c = Config::builder()
            .region("cn-north-4")
            .endpoint("http://127.0.0.1:8080/dcs/")
            .build()
            .expect("valid");
        assert_eq!(
            c.endpoint().map(reqwest::Url::as_str),
            Some("http://127.0.0.1:8080/dcs")
        );
        assert_eq!(
            c.endpoint_for(&DCS).expect("resolves").as_str(),
            "http://127.0.0.1:8080/dcs"
        );
        for bad in ["ftp://x", "not a url", "http://h/?q=1"] {
            assert!(Config::builder().endpoint(bad).build().is_err(), "{bad}");
        }
    }

    #[test]
    fn env_prefers_huaweicloud_names_and_falls_back_to_cloud_sdk() {
        let b = Config::builder()
            .env_from(vars(&[
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
            c.endpoint_for(&DCS).expect("resolves").host_str(),
            Some("dcs.ap-southeast-1.myhuaweicloud.com")
        );

        let c = Config::builder()
            .region("r")
            .env_from(vars(&[("CLOUD_SDK_AK", "ak2"), ("CLOUD_SDK_SK", "sk2")]))
            .and_then(ConfigBuilder::build)
            .expect("valid");
        assert_eq!(c.credentials(), Some(&Credentials::aksk("ak2", "sk2")));
    }

    #[test]
    fn env_captures_each_services_endpoint_variable() {
        let other = ServiceInfo {
            name: "ecs",
            endpoint: "https://ecs.{region}.myhuaweicloud.com",
        };
        let c = Config::builder()
            .env_from(vars(&[
                ("HUAWEICLOUD_SDK_REGION", "cn-north-4"),
                ("HUAWEICLOUD_SDK_DCS_ENDPOINT", "http://127.0.0.1:9/dcs/"),
                ("HUAWEICLOUD_SDK_ECS_ENDPOINT", "  "),
            ]))
            .and_then(ConfigBuilder::build)
            .expect("valid");
        assert_eq!(c.endpoint(), None);
        assert_eq!(
            c.endpoint_for(&DCS).expect("resolves").as_str(),
            "http://127.0.0.1:9/dcs"
        );
        // A blank variable is unset: the service keeps its regional endpoint.
        assert_eq!(
            c.endpoint_for(&other).expect("resolves").host_str(),
            Some("ecs.cn-north-4.myhuaweicloud.com")
        );
        let err = Config::builder()
            .env_from(vars(&[("HUAWEICLOUD_SDK_DCS_ENDPOINT", "nope")]))
            .and_then(ConfigBuilder::build)
            .expect_err("not a URL");
        assert!(
            err.to_string().contains("HUAWEICLOUD_SDK_DCS_ENDPOINT"),
            "{err}"
        );
    }

    #[test]
    fn env_half_credentials_are_an_error_and_code_wins() {
        assert!(Config::builder()
            .env_from(vars(&[("HUAWEICLOUD_SDK_AK", "ak")]))
            .is_err());
        let c = Config::builder()
            .region("r")
            .credentials(Credentials::token("t"))
            .project_id("mine")
            .env_from(vars(&[
                ("HUAWEICLOUD_SDK_AK", "ak"),
                ("HUAWEICLOUD_SDK_PROJECT_ID", "theirs"),
            ]))
            .and_then(ConfigBuilder::build)
            .expect("valid");
        assert_eq!(c.credentials(), Some(&Credentials::token("t")));
        assert_eq!(c.project_id(), Some("mine"));
    }

    #[test]
    fn the_default_user_agent_names_no_service() {
        let c = Config::builder().build().expect("valid");
        assert!(
            c.user_agent().starts_with("huaweicloud-runtime/"),
            "{}",
            c.user_agent()
        );
    }
}
