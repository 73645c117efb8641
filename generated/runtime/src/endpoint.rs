//! Where requests go: the service a generated client describes, and Huawei Cloud's rules for
//! turning it into a base URL (regions, endpoint templates, the per-service override variable).

use std::collections::BTreeMap;
use std::fmt;

use crate::credentials::REDACTED;
use crate::error::Error;

/// The placeholder of an endpoint template that the configured region fills.
const REGION_PLACEHOLDER: &str = "{region}";

/// What a generated client tells the runtime about its service: a generated crate has one as
/// `SERVICE`, and its client's `new` binds the runtime client to it
/// ([`Client::for_service`](crate::Client::for_service)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceInfo {
    /// Short lowercase name (`dcs`): names the endpoint override variable and tracing spans.
    pub name: &'static str,
    /// Endpoint template, its `{region}` filled with the configured region
    /// (`https://dcs.{region}.myhuaweicloud.com`).
    pub endpoint: &'static str,
}

impl ServiceInfo {
    /// The environment variable that overrides this service's endpoint, read by
    /// [`Config::from_env`](crate::Config::from_env): `HUAWEICLOUD_SDK_<NAME>_ENDPOINT`, the name
    /// in upper case with other characters than letters and digits as `_`
    /// (`dcs` → `HUAWEICLOUD_SDK_DCS_ENDPOINT`).
    pub fn endpoint_var(&self) -> String {
        let name: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("{ENDPOINT_VAR_PREFIX}{name}{ENDPOINT_VAR_SUFFIX}")
    }

    /// The service's endpoint in `region`: the template with `{region}` filled. A template
    /// without `{region}` (a global service) needs no region.
    pub fn regional_endpoint(&self, region: Option<&str>) -> Result<reqwest::Url, Error> {
        if !self.endpoint.contains(REGION_PLACEHOLDER) {
            return parse_endpoint(self.endpoint, "the service's endpoint");
        }
        let Some(region) = region else {
            return Err(Error::Config(format!(
                "no region for service {}: set one with Config::builder().region(..) or \
                 HUAWEICLOUD_SDK_REGION, or an endpoint with Config::builder().endpoint(..) or {}",
                self.name,
                self.endpoint_var()
            )));
        };
        check_region(region)?;
        let url = self.endpoint.replace(REGION_PLACEHOLDER, region);
        parse_endpoint(&url, &format!("the endpoint of {} in {region}", self.name))
    }
}

/// `HUAWEICLOUD_SDK_` … `_ENDPOINT`: the shape of a per-service endpoint variable.
const ENDPOINT_VAR_PREFIX: &str = "HUAWEICLOUD_SDK_";
const ENDPOINT_VAR_SUFFIX: &str = "_ENDPOINT";

/// Whether `name` has the shape of a per-service endpoint variable (see
/// [`ServiceInfo::endpoint_var`]).
pub(crate) fn is_endpoint_var(name: &str) -> bool {
    name.strip_prefix(ENDPOINT_VAR_PREFIX)
        .and_then(|rest| rest.strip_suffix(ENDPOINT_VAR_SUFFIX))
        .is_some_and(|service| !service.is_empty())
}

/// Checks a region name such as `cn-north-4`: it becomes part of a host name, so only lowercase
/// letters, digits and dashes.
pub(crate) fn check_region(region: &str) -> Result<(), Error> {
    let valid = !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "region {region:?} is not a region name like cn-north-4"
        )))
    }
}

/// Parses and checks a base URL (`what` names it in errors): http(s) with a host, no query or
/// fragment. A base path is kept, without its trailing slash, since paths are appended to it.
pub(crate) fn parse_endpoint(text: &str, what: &str) -> Result<reqwest::Url, Error> {
    let text = text.trim();
    let mut url = reqwest::Url::parse(text)
        .map_err(|e| Error::Config(format!("{what} {:?}: {e}", redacted_url_text(text))))?;
    // Error messages quote the URL less any password in it.
    let text = redacted_url(&url);
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Config(format!(
            "{what} {text:?} must be an http(s) URL with a host"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "{what} {text:?} must not have a query or fragment"
        )));
    }
    let base = url.path().trim_end_matches('/').to_string();
    url.set_path(&base);
    Ok(url)
}

/// `url` as text, with the password of its user info (`http://user:secret@host`) replaced by
/// [`REDACTED`], for `Debug` output and error messages.
pub(crate) fn redacted_url(url: &reqwest::Url) -> String {
    if url.password().is_none() {
        return url.to_string();
    }
    let mut bare = url.clone();
    // Setting user info fails only for URLs without a host, which have no password either.
    let _ = bare.set_password(None);
    let _ = bare.set_username("");
    let text = bare.to_string();
    let rest = text
        .strip_prefix(bare.scheme())
        .and_then(|r| r.strip_prefix("://"))
        .unwrap_or(&text);
    format!("{}://{}:{REDACTED}@{rest}", url.scheme(), url.username())
}

/// [`redacted_url`] of URL text as the user gave it; text that does not parse but has user info
/// is hidden whole.
pub(crate) fn redacted_url_text(text: &str) -> String {
    match reqwest::Url::parse(text.trim()) {
        Ok(url) => redacted_url(&url),
        Err(_) if text.contains('@') => REDACTED.to_string(),
        Err(_) => text.to_string(),
    }
}

/// Where a configuration sends requests: an explicit endpoint for every service, else a
/// service's override variable, else the service's template in the region.
#[derive(Clone, Default)]
pub(crate) struct Endpoints {
    pub region: Option<String>,
    /// `Config::builder().endpoint(..)`: tests, private clouds.
    pub explicit: Option<reqwest::Url>,
    /// Per-service override variables captured from the environment, by variable name.
    pub from_env: BTreeMap<String, reqwest::Url>,
}

/// URLs as text (shorter than `Url`'s own `Debug`) and without passwords.
impl fmt::Debug for Endpoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let from_env: BTreeMap<&str, String> = self
            .from_env
            .iter()
            .map(|(name, url)| (name.as_str(), redacted_url(url)))
            .collect();
        f.debug_struct("Endpoints")
            .field("region", &self.region)
            .field("explicit", &self.explicit.as_ref().map(redacted_url))
            .field("from_env", &from_env)
            .finish()
    }
}

impl Endpoints {
    /// The base URL for `service`; `None`: a runtime client used without a generated one.
    pub fn resolve(&self, service: Option<&ServiceInfo>) -> Result<reqwest::Url, Error> {
        if let Some(url) = &self.explicit {
            return Ok(url.clone());
        }
        let Some(service) = service else {
            return Err(Error::Config(
                "no endpoint: this runtime client is bound to no service; wrap it in a \
                 generated client, or set Config::builder().endpoint(..)"
                    .into(),
            ));
        };
        match self.from_env.get(&service.endpoint_var()) {
            Some(url) => Ok(url.clone()),
            None => service.regional_endpoint(self.region.as_deref()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DCS: ServiceInfo = ServiceInfo {
        name: "dcs",
        endpoint: "https://dcs.{region}.myhuaweicloud.com",
    };
    const OTHER: ServiceInfo = ServiceInfo {
        name: "elb-v3",
        endpoint: "https://elb.{region}.example.com/base/",
    };
    const GLOBAL: ServiceInfo = ServiceInfo {
        name: "iam",
        endpoint: "https://iam.myhuaweicloud.com",
    };

    fn endpoints(region: Option<&str>) -> Endpoints {
        Endpoints {
            region: region.map(str::to_string),
            ..Endpoints::default()
        }
    }

    #[test]
    fn override_variables_are_named_after_the_service() {
        assert_eq!(DCS.endpoint_var(), "HUAWEICLOUD_SDK_DCS_ENDPOINT");
        assert_eq!(OTHER.endpoint_var(), "HUAWEICLOUD_SDK_ELB_V3_ENDPOINT");
        assert!(is_endpoint_var("HUAWEICLOUD_SDK_DCS_ENDPOINT"));
        assert!(!is_endpoint_var("HUAWEICLOUD_SDK_ENDPOINT"));
        assert!(!is_endpoint_var("HUAWEICLOUD_SDK_REGION"));
    }

    #[test]
    fn the_template_takes_the_region() {
        let e = endpoints(Some("cn-north-4"));
        assert_eq!(
            e.resolve(Some(&DCS)).expect("resolves").as_str(),
            "https://dcs.cn-north-4.myhuaweicloud.com/"
        );
        assert_eq!(
            e.resolve(Some(&OTHER)).expect("resolves").as_str(),
            "https://elb.cn-north-4.example.com/base"
        );
        // A template without a region needs none.
        assert_eq!(
            endpoints(None)
                .resolve(Some(&GLOBAL))
                .expect("resolves")
                .host_str(),
            Some("iam.myhuaweicloud.com")
        );
    }

    #[test]
    fn a_missing_or_bad_region_is_a_clear_error() {
        let err = endpoints(None).resolve(Some(&DCS)).expect_err("no region");
        let text = err.to_string();
        assert!(
            text.contains("no region for service dcs")
                && text.contains("HUAWEICLOUD_SDK_DCS_ENDPOINT"),
            "{text}"
        );
        for bad in ["evil.com/x", "", "CN-NORTH-4"] {
            assert!(endpoints(Some(bad)).resolve(Some(&DCS)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn explicit_endpoint_wins_then_the_services_variable() {
        let mut e = endpoints(Some("cn-north-4"));
        let env_url = parse_endpoint("http://127.0.0.1:9/dcs", "test").expect("valid");
        e.from_env
            .insert("HUAWEICLOUD_SDK_DCS_ENDPOINT".into(), env_url.clone());
        assert_eq!(e.resolve(Some(&DCS)).expect("resolves"), env_url);
        // Another service keeps its template.
        assert_eq!(
            e.resolve(Some(&OTHER)).expect("resolves").host_str(),
            Some("elb.cn-north-4.example.com")
        );
        e.explicit = Some(parse_endpoint("http://127.0.0.1:8/", "test").expect("valid"));
        for service in [Some(&DCS), Some(&OTHER), None] {
            assert_eq!(
                e.resolve(service).expect("resolves").as_str(),
                "http://127.0.0.1:8/"
            );
        }
    }

    #[test]
    fn an_unbound_client_needs_an_explicit_endpoint() {
        let err = endpoints(Some("cn-north-4"))
            .resolve(None)
            .expect_err("no service");
        assert!(err.to_string().contains("bound to no service"), "{err}");
    }

    #[test]
    fn endpoints_must_be_http_urls_without_query() {
        assert_eq!(
            parse_endpoint(" http://127.0.0.1:8080/dcs/ ", "test")
                .expect("valid")
                .as_str(),
            "http://127.0.0.1:8080/dcs"
        );
        for bad in ["ftp://x", "not a url", "http://h/?q=1", "http://h/#f"] {
            assert!(parse_endpoint(bad, "test").is_err(), "{bad}");
        }
    }
}
