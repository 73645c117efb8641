// Two specs in two modules of one crate: their items do not collide.
mod small {
    apiref_macro::generate_client!("$APIREF_MACRO_TESTS/../../tests/fixtures/small.yaml");
}

mod tiny {
    apiref_macro::generate_client!("$APIREF_MACRO_TESTS/specs/tiny.yaml", client = TinyClient);
}

fn main() {
    let _small: fn(huaweicloud_runtime::Client) -> small::DcsClient = small::DcsClient::new;
    let _tiny: fn(huaweicloud_runtime::Client) -> tiny::TinyClient = tiny::TinyClient::new;
    assert_eq!(tiny::operations::ALL.len(), 2);
    let names: Vec<&str> = tiny::operations::ALL.iter().map(|op| op.name).collect();
    assert_eq!(names, ["ShowInstance", "DeleteInstance"]);
    let tag = tiny::models::Tag::new().with_key("k");
    assert_eq!(tag.key.as_deref(), Some("k"));
    assert_ne!(small::operations::ALL.len(), tiny::operations::ALL.len());
}
