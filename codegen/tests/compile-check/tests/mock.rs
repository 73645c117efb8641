//! The generated test double of the fixture (`mock::DcsMock`, `mock::CacheMock`): a stub method
//! per operation typed by its response, query and body, documented error codes with their
//! statuses, the calls read back typed, list streams paging through stubbed pages, timeouts,
//! and the group selection of the `cache` service.

use std::time::Duration;

use apiref_compile_check::cache::mock::CacheMock;
use apiref_compile_check::small::error_codes::ErrorCode;
use apiref_compile_check::small::mock::DcsMock;
use apiref_compile_check::small::models::{
    self, CreateInstanceBody, CreateInstanceResponse, CreateInstanceXLanguage, Engine,
    InstanceListInfo, InstanceRef, ListInstancesQuery, ListInstancesResponse, ResultResult, Status,
    TypeQuery, TypeShardNo,
};
use apiref_compile_check::small::{documented_error, operations, Config, Error, RetryPolicy};
use futures_util::StreamExt;
use serde_json::json;

fn body() -> CreateInstanceBody {
    CreateInstanceBody::builder()
        .name("dcs-demo")
        .engine(Engine::Redis)
        .capacity(0.125)
        .password("S3cret!pass")
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_stub_takes_the_response_type_and_the_call_reads_back_as_the_body_type() {
    let mock = DcsMock::new();
    let created = CreateInstanceResponse::new()
        .with_instance_id("a1b2")
        .with_instances([InstanceRef::new()
            .with_instance_id("a1b2")
            .with_instance_name("dcs-demo")]);
    mock.create_instance().respond(created.clone());
    let client = mock.client();

    let got = client
        .create_instance(Some(&CreateInstanceXLanguage::ZhCn), &body())
        .await
        .unwrap();
    assert_eq!(got, created);

    assert_eq!(mock.create_instance().bodies().unwrap(), [body()]);
    let calls = mock.calls_to(&operations::CREATE_INSTANCE);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].path, "/v2/mock-project/instances");
    assert_eq!(calls[0].header("X-Language"), Some("zh-cn"));
    // The wire form: secrets included (only `Debug` hides them), optional fields left out.
    assert_eq!(
        calls[0].body,
        Some(
            json!({"name": "dcs-demo", "engine": "Redis", "capacity": 0.125, "password": "S3cret!pass"})
        )
    );
    assert!(!format!("{:?}", calls[0]).contains("S3cret"));
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn a_documented_error_code_fails_with_its_status_and_message() {
    let mock = DcsMock::new();
    mock.show_instance().fail_with(ErrorCode::Dcs4008);
    mock.show_instance()
        .fail_with(ErrorCode::Unknown("DCS.9999".into()));
    mock.delete_instance().fail_with(
        apiref_compile_check::small::runtime::mock::Failure::from(ErrorCode::Dcs4001)
            .with_status(409)
            .with_request_id("req-1"),
    );
    let client = mock.client();

    let err = client.show_instance("i-404").await.unwrap_err();
    assert_eq!(documented_error(&err), Some(ErrorCode::Dcs4008));
    assert_eq!(
        err.to_string(),
        "HTTP 404 DCS.4008: The instance does not exist. (request id mock-1)"
    );
    // A code the reference does not list: 400 and no message.
    let err = client.show_instance("i-1").await.unwrap_err();
    assert_eq!(err.to_string(), "HTTP 400 DCS.9999 (request id mock-2)");

    let err = client.delete_instance("i-1").await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 409, error_code: Some(c), error_msg: Some(m), request_id: Some(id), .. }
            if c == "DCS.4001" && m == "Invalid request parameter." && id == "req-1"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_list_stream_pages_through_stubbed_pages() {
    let mock = DcsMock::new();
    let item = |n: u32| {
        InstanceListInfo::new()
            .with_instance_id(format!("i-{n}"))
            .with_status(Status::Running)
            .with_capacity(1.0)
    };
    for page in [
        vec![item(1), item(2)],
        vec![item(3), item(4)],
        vec![item(5)],
    ] {
        mock.list_instances().respond(
            ListInstancesResponse::new()
                .with_instance_num(5)
                .with_instances(page),
        );
    }
    let client = mock.client();
    let query = ListInstancesQuery::builder()
        .status(Status::Running)
        .build()
        .unwrap();
    let ids: Vec<String> = client
        .list_instances_stream(&query, 2)
        .map(|item| item.unwrap().instance_id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);

    let queries = mock.list_instances().queries().unwrap();
    let expected = |offset: i64| {
        ListInstancesQuery::builder()
            .status(Status::Running)
            .offset(offset)
            .limit(2)
            .build()
            .unwrap()
    };
    assert_eq!(queries, [expected(0), expected(2), expected(4)]);
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn odd_names_and_parameters_reach_the_mock_as_sent() {
    let mock = DcsMock::new();
    // `type` is a keyword: the stub method is `r#type`, as the client's.
    mock.r#type().respond(vec![models::Box::new()
        .with_id("b")
        .with_parent(models::Box::new().with_id("a"))]);
    mock.delete_instance().respond(());
    // The stub method of a deprecated operation is not deprecated: stubbing it is no use of it.
    mock.change_password()
        .respond(models::Result::new().with_result(ResultResult::PasswordFailed));
    let client = mock.client();

    let boxes = client
        .r#type(
            7,
            &TypeShardNo::V2,
            "g h",
            Some(5),
            &TypeQuery::builder().self_(true).build().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        boxes[0].parent.as_ref().and_then(|p| p.id.as_deref()),
        Some("a")
    );
    let call = &mock.r#type().calls()[0];
    assert_eq!(call.path, "/v2/mock-project/odd/7/2/g%20h");
    assert_eq!(call.path_param("shard.no"), Some("2"));
    assert_eq!(call.header("X-Trace"), Some("5"));
    assert_eq!(
        mock.r#type().queries().unwrap(),
        [TypeQuery::builder().self_(true).build().unwrap()]
    );

    let () = client.delete_instance("i-1").await.unwrap();
    let password = models::Option::builder()
        .old_password("old")
        .new_password("new")
        .build()
        .unwrap();
    #[allow(deprecated)]
    let result = client.change_password("i-1", &password).await.unwrap();
    assert_eq!(result.result, Some(ResultResult::PasswordFailed));
    assert_eq!(mock.change_password().bodies().unwrap(), [password]);
    let names: Vec<&str> = mock.calls().iter().map(|c| c.operation.name).collect();
    assert_eq!(names, ["Type", "DeleteInstance", "ChangePassword"]);
}

#[tokio::test]
async fn unstubbed_calls_fail_naming_the_operation_and_verify_lists_them() {
    let mock = DcsMock::new();
    mock.show_instance()
        .times(2)
        .respond(InstanceListInfo::new());
    let client = mock.client();
    client.show_instance("i-1").await.unwrap();
    let err = client.delete_instance("i-1").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "configuration error: mock: no stub left that answers DeleteInstance \
         (DELETE /v2/mock-project/instances/i-1); stub a reply for it, or check the stubs' \
         counts and conditions"
    );
    assert_eq!(
        mock.verify(),
        Err(
            "unexpected call: DeleteInstance DELETE /v2/mock-project/instances/i-1\n\
             unused stub: ShowInstance has 1 reply left"
                .to_string()
        )
    );
    assert_eq!(mock.runtime().unexpected_calls().len(), 1);
}

#[tokio::test]
async fn a_slow_stub_times_out_under_the_clients_timeout() {
    let mock = DcsMock::new();
    mock.show_instance()
        .delay(Duration::from_secs(30))
        .respond(InstanceListInfo::new());
    let config = Config::builder()
        .region("cn-north-4")
        .project_id("p-1")
        .timeout(Duration::from_millis(50))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = mock
        .client_with(config)
        .show_instance("i-1")
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(mock.calls()[0].path, "/v2/p-1/instances/i-1");
}

#[tokio::test]
async fn the_mock_of_a_group_selection_is_bound_to_its_service() {
    let mock = CacheMock::new();
    mock.show_instance()
        .respond(apiref_compile_check::cache::models::InstanceListInfo::new().with_name("c"));
    let client = mock.client();
    assert_eq!(client.inner().service().map(|s| s.name), Some("cache"));
    let info = client.show_instance("i-1").await.unwrap();
    assert_eq!(info.name.as_deref(), Some("c"));
    assert_eq!(
        mock.calls_to(&apiref_compile_check::cache::operations::SHOW_INSTANCE)
            .len(),
        1
    );
}
