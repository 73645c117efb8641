//! Every client crate's test double (`mock` feature), built by the workspace's clippy and test
//! runs through this crate's dev-dependencies: a typed stub answers the typed call, a documented
//! error code fails it with its documented status and message.

use dcs_client::mock::DcsMock;
use ecs_client::mock::EcsMock;

#[tokio::test]
async fn the_ecs_mock_answers_typed_calls_and_documented_errors() {
    let mock = EcsMock::new();
    mock.show_automatic_recovery_ecs().respond(
        ecs_client::models::ShowAutomaticRecoveryEcsResponse::new()
            .with_support_auto_recovery("true"),
    );
    mock.show_automatic_recovery_ecs()
        .fail_with(ecs_client::error_codes::ErrorCode::Ecs0114);
    let client = mock.client();
    let reply = client.show_automatic_recovery_ecs("s-1").await.unwrap();
    assert_eq!(reply.support_auto_recovery.as_deref(), Some("true"));
    let err = client.show_automatic_recovery_ecs("s-2").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTTP 404 Ecs.0114: Instance[%s] could not be found. (request id mock-2)"
    );
    let paths: Vec<String> = mock.calls().into_iter().map(|c| c.path).collect();
    assert_eq!(
        paths,
        [
            "/v1/mock-project/cloudservers/s-1/autorecovery",
            "/v1/mock-project/cloudservers/s-2/autorecovery"
        ]
    );
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn the_dcs_mock_covers_every_group_of_the_full_client() {
    let mock = DcsMock::new();
    // Cache Analysis: a group the downstream crate does not enable.
    mock.show_expire_key_scan_info()
        .respond(dcs_client::models::ShowExpireKeyScanInfoResponse::new());
    let reply = mock
        .client()
        .show_expire_key_scan_info("i-1", &Default::default())
        .await
        .unwrap();
    assert_eq!(reply, Default::default());
    assert_eq!(mock.calls().len(), 1);
}
