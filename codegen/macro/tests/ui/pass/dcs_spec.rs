// The full DCS spec, as the dcs-client build script uses it.
mod dcs {
    dcs_codegen_macro::generate_client!("$DCS_MACRO_TESTS/../../../spec/dcs.yaml");
}

fn main() {
    assert_eq!(dcs::operations::ALL.len(), 143);
    let _new: fn(dcs_runtime::Client) -> dcs::DcsClient = dcs::DcsClient::new;
}
