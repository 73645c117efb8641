// The generator's edge-case fixture, with every option.
mod dcs {
    apiref_macro::generate_client!(
        "$APIREF_MACRO_TESTS/../../tests/fixtures/small.yaml",
        client = SmallClient,
        groups = ["Instances", "Passwords"],
        runtime = ::huaweicloud_runtime,
    );
}

fn main() -> Result<(), huaweicloud_runtime::Error> {
    let config = huaweicloud_runtime::Config::builder()
        .endpoint("http://127.0.0.1:9")
        .project_id("p")
        .build()?;
    let client = dcs::SmallClient::new(huaweicloud_runtime::Client::new(config)?);
    let body =
        dcs::models::CreateInstanceBody::new("demo".into(), dcs::models::Engine::Redis, 0.125);
    let request = client.create_instance_request(None, &body)?;
    assert_eq!(request.operation.name, "CreateInstance");
    assert_eq!(dcs::operations::ALL.len(), 5);
    Ok(())
}
