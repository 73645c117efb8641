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
    let client = dcs::SmallClient::from_config(config)?;
    let body = dcs::models::CreateInstanceBody::builder()
        .name("demo")
        .engine(dcs::models::Engine::Redis)
        .capacity(0.125)
        .build()?;
    let request = client.create_instance_request(None, &body)?;
    assert_eq!(request.operation.name, "CreateInstance");
    assert_eq!(dcs::operations::ALL.len(), 5);
    Ok(())
}
