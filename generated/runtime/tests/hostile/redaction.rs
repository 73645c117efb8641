//! `Debug` of the client and its configuration: useful, and without secrets.

use huaweicloud_runtime::{Client, Config, Credentials, ServiceInfo, REDACTED};

static DCS: ServiceInfo = ServiceInfo {
    name: "dcs",
    endpoint: "https://dcs.{region}.myhuaweicloud.com",
};

const TOKEN: &str = "STStokenThatMustNeverShow77";
const IAM_TOKEN: &str = "MIIiamTokenThatMustNeverShow55";
const URL_PASSWORD: &str = "urlPassw0rdNeverShown";

fn secrets() -> [&'static str; 5] {
    use crate::support::{AK, SK};
    [AK, SK, TOKEN, IAM_TOKEN, URL_PASSWORD]
}

fn assert_redacted(what: &str, text: &str) {
    for secret in secrets() {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
    assert!(text.contains(REDACTED), "{what}: {text}");
}

#[test]
fn client_and_config_debug_redact_every_secret() {
    use crate::support::{AK, SK};
    let env = [
        ("HUAWEICLOUD_SDK_AK", AK),
        ("HUAWEICLOUD_SDK_SK", SK),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", TOKEN),
        ("HUAWEICLOUD_SDK_REGION", "cn-north-4"),
        (
            "HUAWEICLOUD_SDK_ECS_ENDPOINT",
            "https://proxyuser:urlPassw0rdNeverShown@ecs.example.test/",
        ),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let builder = Config::builder()
        .endpoint(format!("http://user:{URL_PASSWORD}@127.0.0.1:9/base"))
        .project_id("proj0123")
        .env_from(env)
        .expect("complete");
    assert_redacted("ConfigBuilder", &format!("{builder:?} {builder:#?}"));
    let config = builder.build().expect("valid");
    assert_redacted("Config", &format!("{config:?} {config:#?}"));
    let client = Client::new(config).expect("client").for_service(&DCS);
    let text = format!("{client:?} {client:#?}");
    assert_redacted("Client", &text);
    // Useful: what a reader needs to tell clients apart.
    for shown in ["\"dcs\"", "cn-north-4", "proj0123", "127.0.0.1:9", "user:"] {
        assert!(text.contains(shown), "{shown} missing: {text}");
    }
    // And short: no connection pool internals.
    assert!(
        !text.contains("ClientRef") && !text.contains("hyper"),
        "{text}"
    );

    let token = Config::builder()
        .credentials(Credentials::token(IAM_TOKEN))
        .build()
        .expect("valid");
    let client = Client::new(token).expect("client");
    assert_redacted("Client with a token", &format!("{client:?} {client:#?}"));
}

#[test]
fn endpoint_errors_do_not_quote_passwords() {
    let err = Config::builder()
        .endpoint(format!("ftp://user:{URL_PASSWORD}@host/"))
        .build()
        .expect_err("not http");
    let text = format!("{err} {err:?}");
    assert!(!text.contains(URL_PASSWORD), "{text}");
}
