// The full DCS spec, as the dcs-client build script uses it.
mod dcs {
    apiref_macro::generate_client!("$APIREF_MACRO_TESTS/../../../spec/dcs/spec.yaml");
}

fn main() {
    let names: Vec<&str> = dcs::operations::ALL.iter().map(|op| op.name).collect();
    for name in [
        "CreateInstance",
        "ListInstances",
        "ShowInstance",
        "CopyInstance",
    ] {
        assert!(names.contains(&name), "{name} is missing");
    }
    let _new: fn(huaweicloud_runtime::Client) -> dcs::DcsClient = dcs::DcsClient::new;
    let _ = dcs::DcsClient::list_instances_request;
}
