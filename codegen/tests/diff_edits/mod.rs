//! Synthetic edits of the generator's small fixture (`tests/fixtures/small.yaml`), one of every
//! kind of change the change report knows, each with the changes it must report: the item, what
//! changed, the class for the Rust API and whether it breaks the wire. Shared by `diff.rs` (the
//! classes) and `diff_compile.rs` (the classes against the compiler).
#![allow(dead_code)]

use std::path::Path;

use apiref_codegen::diff::{ChangeKind as K, RustClass, Subject as S};
use apiref_codegen::load_spec;
use apiref_spec::{ErrorCode, Field, Location, Operation, Response, Schema, Spec};

pub const B: RustClass = RustClass::Breaking;
pub const A: RustClass = RustClass::Additive;
pub const D: RustClass = RustClass::Docs;

/// A change the report must hold: subject, kind, item, class, wire-breaking.
pub type Expected = (S, K, &'static str, RustClass, bool);

pub struct Edit {
    pub name: &'static str,
    pub apply: fn(&mut Spec),
    pub expected: Vec<Expected>,
}

pub fn small() -> Spec {
    load_spec(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.yaml")).unwrap()
}

pub fn edited(edit: &Edit) -> Spec {
    let mut spec = small();
    (edit.apply)(&mut spec);
    let yaml = spec.to_yaml();
    apiref_codegen::validate_spec(edit.name, &yaml, &spec)
        .unwrap_or_else(|e| panic!("edit {}: invalid spec: {e}", edit.name));
    spec
}

pub fn op<'a>(spec: &'a mut Spec, name: &str) -> &'a mut Operation {
    spec.operations.iter_mut().find(|o| o.name == name).unwrap()
}

pub fn schema<'a>(spec: &'a mut Spec, name: &str) -> &'a mut Schema {
    spec.schemas.get_mut(name).unwrap()
}

pub fn field<'a>(spec: &'a mut Spec, schema_name: &str, name: &str) -> &'a mut Field {
    schema(spec, schema_name)
        .fields
        .iter_mut()
        .find(|f| f.name == name)
        .unwrap()
}

pub fn param<'a>(spec: &'a mut Spec, op_name: &str, name: &str) -> &'a mut Field {
    op(spec, op_name)
        .params
        .iter_mut()
        .find(|f| f.name == name)
        .unwrap()
}

pub fn new_field(name: &str, ty: &str, required: bool) -> Field {
    Field {
        name: name.into(),
        ty: ty.into(),
        required,
        description: format!("The new `{name}`."),
        source: "new.txt:1".into(),
        ..Field::default()
    }
}

pub fn new_param(name: &str, location: Location, ty: &str, required: bool) -> Field {
    Field {
        location: Some(location),
        ..new_field(name, ty, required)
    }
}

fn drop_field(spec: &mut Spec, schema_name: &str, name: &str) {
    schema(spec, schema_name).fields.retain(|f| f.name != name);
}

fn drop_param(spec: &mut Spec, op_name: &str, name: &str) {
    op(spec, op_name).params.retain(|f| f.name != name);
}

fn restart_instance() -> Operation {
    let mut op = small()
        .operations
        .into_iter()
        .find(|o| o.name == "DeleteInstance")
        .unwrap();
    op.name = "RestartInstance".into();
    op.title = "Restarting an Instance".into();
    op.method = "POST".into();
    op.path = "/v2/{project_id}/instances/{instance_id}/restart".into();
    op.source = "new.txt:10".into();
    op
}

/// Every edit, in the order of the list: operations, parameters, fields, enums,
/// documentation, schemas, error codes, names the generator derives.
pub fn edits() -> Vec<Edit> {
    let mut all = operations();
    all.extend(parameters());
    all.extend(request_fields());
    all.extend(response_fields());
    all.extend(enums());
    all.extend(docs_only());
    all.extend(schemas_and_codes());
    all.extend(generated_names());
    all
}

fn operations() -> Vec<Edit> {
    vec![
        Edit {
            name: "operation_added",
            apply: |s| s.operations.push(restart_instance()),
            expected: vec![(S::Operation, K::Added, "`RestartInstance`", A, false)],
        },
        Edit {
            name: "operation_removed",
            apply: |s| s.operations.retain(|o| o.name != "DeleteInstance"),
            expected: vec![(S::Operation, K::Removed, "`DeleteInstance`", B, true)],
        },
        Edit {
            name: "path_changed",
            apply: |s| op(s, "ShowInstance").path.push_str("/detail"),
            expected: vec![(S::Operation, K::Path, "`ShowInstance`", D, true)],
        },
        Edit {
            name: "path_placeholder_renamed",
            apply: |s| {
                op(s, "ShowInstance").path = "/v2/{project_id}/instances/{id}".into();
                param(s, "ShowInstance", "instance_id").name = "id".into();
            },
            expected: vec![
                (S::Operation, K::Path, "`ShowInstance`", D, false),
                (
                    S::Parameter,
                    K::Removed,
                    "`ShowInstance` path parameter `instance_id`",
                    D,
                    false,
                ),
                (
                    S::Parameter,
                    K::Added,
                    "`ShowInstance` path parameter `id`",
                    D,
                    false,
                ),
            ],
        },
        Edit {
            name: "method_changed",
            apply: |s| op(s, "DeleteInstance").method = "POST".into(),
            expected: vec![(S::Operation, K::Method, "`DeleteInstance`", D, true)],
        },
        Edit {
            name: "operation_deprecated",
            apply: |s| op(s, "ShowInstance").deprecated = true,
            expected: vec![(S::Operation, K::Deprecated, "`ShowInstance`", D, false)],
        },
        Edit {
            name: "request_body_added",
            apply: |s| op(s, "DeleteInstance").body = Some("ResourceTag".into()),
            expected: vec![(S::Operation, K::Body, "`DeleteInstance`", B, true)],
        },
        Edit {
            name: "response_body_changed",
            apply: |s| op(s, "ShowInstance").responses[0].body = Some("InstanceRef".into()),
            expected: vec![(S::Operation, K::Response, "`ShowInstance`", B, false)],
        },
        Edit {
            name: "response_body_to_array",
            apply: |s| {
                op(s, "ShowInstance").responses[0].body = Some("array<InstanceListInfo>".into())
            },
            expected: vec![(S::Operation, K::Response, "`ShowInstance`", B, true)],
        },
    ]
}

fn parameters() -> Vec<Edit> {
    vec![
        Edit {
            name: "path_parameter_added",
            apply: |s| {
                op(s, "ShowInstance").path.push_str("/nodes/{node_id}");
                let p = new_param("node_id", Location::Path, "string", true);
                op(s, "ShowInstance").params.push(p);
            },
            expected: vec![
                (S::Operation, K::Path, "`ShowInstance`", D, true),
                (
                    S::Parameter,
                    K::Added,
                    "`ShowInstance` path parameter `node_id`",
                    B,
                    false,
                ),
            ],
        },
        Edit {
            name: "query_optional_added",
            apply: |s| {
                let p = new_param("engine_version", Location::Query, "string", false);
                op(s, "ListInstances").params.push(p);
            },
            expected: vec![(
                S::Parameter,
                K::Added,
                "`ListInstances` query parameter `engine_version`",
                A,
                false,
            )],
        },
        Edit {
            name: "query_required_added",
            apply: |s| {
                let p = new_param("region", Location::Query, "string", true);
                op(s, "ListInstances").params.push(p);
            },
            expected: vec![
                (
                    S::Parameter,
                    K::Added,
                    "`ListInstances` query parameter `region`",
                    B,
                    true,
                ),
                // All-optional query structs derive `Default`; this one no longer does.
                (S::Operation, K::Derives, "`ListInstances`", B, false),
            ],
        },
        Edit {
            name: "query_removed",
            apply: |s| drop_param(s, "ListInstances", "name"),
            expected: vec![(
                S::Parameter,
                K::Removed,
                "`ListInstances` query parameter `name`",
                B,
                false,
            )],
        },
        Edit {
            name: "first_query_parameter",
            apply: |s| {
                let p = new_param("verbose", Location::Query, "boolean", false);
                op(s, "ShowInstance").params.push(p);
            },
            expected: vec![
                (S::Operation, K::Signature, "`ShowInstance`", B, false),
                (
                    S::Parameter,
                    K::Added,
                    "`ShowInstance` query parameter `verbose`",
                    A,
                    false,
                ),
            ],
        },
        Edit {
            name: "header_added",
            apply: |s| {
                let p = new_param("X-Request-Id", Location::Header, "string", false);
                op(s, "ShowInstance").params.push(p);
            },
            expected: vec![(
                S::Parameter,
                K::Added,
                "`ShowInstance` header `X-Request-Id`",
                B,
                false,
            )],
        },
        Edit {
            name: "runtime_header_added",
            apply: |s| {
                let p = new_param("X-Auth-Token", Location::Header, "string", true);
                op(s, "ShowInstance").params.push(p);
            },
            expected: vec![(
                S::Parameter,
                K::Added,
                "`ShowInstance` header `X-Auth-Token`",
                D,
                true,
            )],
        },
        Edit {
            name: "header_required",
            apply: |s| param(s, "CreateInstance", "X-Language").required = true,
            expected: vec![(
                S::Parameter,
                K::Required,
                "`CreateInstance` header `X-Language`",
                B,
                true,
            )],
        },
        Edit {
            name: "path_parameter_retyped",
            apply: |s| param(s, "Type", "node-id").ty = "string".into(),
            expected: vec![(
                S::Parameter,
                K::Type,
                "`Type` path parameter `node-id`",
                B,
                true,
            )],
        },
    ]
}

fn request_fields() -> Vec<Edit> {
    vec![
        Edit {
            name: "request_optional_added",
            apply: |s| {
                let f = new_field("description", "string", false);
                schema(s, "CreateInstanceBody").fields.push(f);
            },
            expected: vec![(
                S::Field,
                K::Added,
                "`CreateInstanceBody.description`",
                A,
                false,
            )],
        },
        Edit {
            name: "request_required_added",
            apply: |s| {
                let f = new_field("vpc_id", "string", true);
                schema(s, "CreateInstanceBody").fields.push(f);
            },
            expected: vec![(S::Field, K::Added, "`CreateInstanceBody.vpc_id`", B, true)],
        },
        Edit {
            name: "request_removed",
            apply: |s| drop_field(s, "CreateInstanceBody", "password"),
            expected: vec![(
                S::Field,
                K::Removed,
                "`CreateInstanceBody.password`",
                B,
                false,
            )],
        },
        Edit {
            name: "request_required_to_optional",
            apply: |s| field(s, "CreateInstanceBody", "name").required = false,
            expected: vec![(S::Field, K::Required, "`CreateInstanceBody.name`", B, false)],
        },
        Edit {
            name: "request_optional_to_required",
            apply: |s| field(s, "CreateInstanceBody", "password").required = true,
            expected: vec![(
                S::Field,
                K::Required,
                "`CreateInstanceBody.password`",
                B,
                true,
            )],
        },
        Edit {
            name: "request_int_to_float",
            apply: |s| field(s, "BssParam", "period_num").ty = "double".into(),
            expected: vec![
                (S::Field, K::Type, "`BssParam.period_num`", B, false),
                (S::Schema, K::Derives, "`BssParam`", B, false),
            ],
        },
        Edit {
            name: "request_string_to_int",
            apply: |s| field(s, "ResourceTag", "value").ty = "integer".into(),
            expected: vec![(S::Field, K::Type, "`ResourceTag.value`", B, true)],
        },
        Edit {
            name: "request_range_narrowed",
            apply: |s| field(s, "CreateInstanceBody", "name").max_length = Some(32),
            expected: vec![(S::Field, K::Range, "`CreateInstanceBody.name`", D, true)],
        },
    ]
}

fn response_fields() -> Vec<Edit> {
    vec![
        Edit {
            name: "response_added",
            apply: |s| {
                let f = new_field("created_at", "string", true);
                schema(s, "InstanceListInfo").fields.push(f);
            },
            expected: vec![(
                S::Field,
                K::Added,
                "`InstanceListInfo.created_at`",
                A,
                false,
            )],
        },
        Edit {
            name: "response_removed",
            apply: |s| drop_field(s, "InstanceListInfo", "max_memory"),
            expected: vec![(
                S::Field,
                K::Removed,
                "`InstanceListInfo.max_memory`",
                B,
                false,
            )],
        },
        Edit {
            name: "response_required_to_optional",
            apply: |s| field(s, "InstanceListInfo", "capacity").required = false,
            expected: vec![(
                S::Field,
                K::Required,
                "`InstanceListInfo.capacity`",
                D,
                false,
            )],
        },
        Edit {
            name: "response_string_to_int",
            apply: |s| field(s, "InstanceRef", "instance_name").ty = "integer".into(),
            expected: vec![(S::Field, K::Type, "`InstanceRef.instance_name`", B, false)],
        },
        Edit {
            name: "response_long_to_string",
            apply: |s| field(s, "InstanceListInfo", "max_memory").ty = "string".into(),
            expected: vec![(S::Field, K::Type, "`InstanceListInfo.max_memory`", B, true)],
        },
        Edit {
            name: "integer_to_long",
            apply: |s| field(s, "BssParam", "period_num").ty = "long".into(),
            expected: vec![(S::Field, K::Type, "`BssParam.period_num`", D, false)],
        },
        Edit {
            name: "response_nested_to_array",
            apply: |s| field(s, "Box", "parent").ty = "array<Box>".into(),
            expected: vec![(S::Field, K::Type, "`Box.parent`", B, true)],
        },
    ]
}

fn enums() -> Vec<Edit> {
    vec![
        Edit {
            name: "request_enum_value_added",
            apply: |s| {
                field(s, "CreateInstanceBody", "type")
                    .enum_values
                    .push("proxy".into())
            },
            expected: vec![(
                S::Field,
                K::EnumAdded,
                "`CreateInstanceBody.type`",
                A,
                false,
            )],
        },
        Edit {
            name: "request_enum_value_removed",
            apply: |s| {
                field(s, "CreateInstanceBody", "type")
                    .enum_values
                    .retain(|v| v != "cluster")
            },
            expected: vec![(
                S::Field,
                K::EnumRemoved,
                "`CreateInstanceBody.type`",
                B,
                true,
            )],
        },
        Edit {
            name: "response_enum_value_added",
            apply: |s| {
                field(s, "Result", "result")
                    .enum_values
                    .push("expired".into())
            },
            expected: vec![(S::Field, K::EnumAdded, "`Result.result`", A, false)],
        },
        Edit {
            name: "response_enum_value_removed",
            apply: |s| {
                field(s, "Result", "result")
                    .enum_values
                    .retain(|v| v != "locked")
            },
            expected: vec![(S::Field, K::EnumRemoved, "`Result.result`", B, false)],
        },
        Edit {
            // `status` of the list query and of `InstanceListInfo` share the enum `Status` while
            // their values agree: a value on one side splits it in two, renamed.
            name: "shared_enum_split",
            apply: |s| {
                field(s, "InstanceListInfo", "status")
                    .enum_values
                    .push("FROZEN".into())
            },
            expected: vec![
                (
                    S::Parameter,
                    K::RustName,
                    "`ListInstances` query parameter `status`",
                    B,
                    false,
                ),
                (
                    S::Field,
                    K::EnumAdded,
                    "`InstanceListInfo.status`",
                    B,
                    false,
                ),
            ],
        },
        Edit {
            name: "enum_on_free_text",
            apply: |s| {
                field(s, "ResourceTag", "key").enum_values = vec!["env".into(), "team".into()]
            },
            expected: vec![(S::Field, K::EnumAdded, "`ResourceTag.key`", B, true)],
        },
        Edit {
            // Float values are listed in the docs but make no Rust enum.
            name: "float_enum_value_added",
            apply: |s| {
                field(s, "CreateInstanceBody", "capacity")
                    .enum_values
                    .push("4".into())
            },
            expected: vec![(
                S::Field,
                K::EnumAdded,
                "`CreateInstanceBody.capacity`",
                D,
                false,
            )],
        },
    ]
}

fn docs_only() -> Vec<Edit> {
    vec![
        Edit {
            name: "default_changed",
            apply: |s| field(s, "BssParam", "charging_mode").default = Some("prePaid".into()),
            expected: vec![(S::Field, K::Default, "`BssParam.charging_mode`", D, false)],
        },
        Edit {
            name: "query_range_narrowed",
            apply: |s| param(s, "ListInstances", "limit").maximum = Some(100.0),
            expected: vec![(
                S::Parameter,
                K::Range,
                "`ListInstances` query parameter `limit`",
                D,
                true,
            )],
        },
        Edit {
            name: "range_widened",
            apply: |s| field(s, "BssParam", "period_num").maximum = Some(12.0),
            expected: vec![(S::Field, K::Range, "`BssParam.period_num`", D, false)],
        },
        Edit {
            name: "description_changed",
            apply: |s| field(s, "InstanceRef", "instance_id").description = "The instance.".into(),
            expected: vec![(
                S::Field,
                K::Description,
                "`InstanceRef.instance_id`",
                D,
                false,
            )],
        },
        Edit {
            name: "operation_title_changed",
            apply: |s| op(s, "ShowInstance").title = "Showing an Instance".into(),
            expected: vec![(S::Operation, K::Description, "`ShowInstance`", D, false)],
        },
    ]
}

fn schemas_and_codes() -> Vec<Edit> {
    vec![
        Edit {
            name: "schema_added",
            apply: |s| {
                let mut quota = s.schemas["ResourceTag"].clone();
                quota.source = "new.txt:20".into();
                s.schemas.insert("Quota".into(), quota);
            },
            expected: vec![(S::Schema, K::Added, "`Quota`", A, false)],
        },
        Edit {
            name: "schema_removed",
            apply: |s| {
                s.schemas.remove("ErrorInfo");
                for o in &mut s.operations {
                    o.responses
                        .retain(|r| r.body.as_deref() != Some("ErrorInfo"));
                }
            },
            expected: vec![
                (S::Operation, K::Response, "`CreateInstance`", D, false),
                (S::Operation, K::Response, "`DeleteInstance`", D, false),
                (S::Schema, K::Removed, "`ErrorInfo`", B, false),
            ],
        },
        Edit {
            name: "response_status_added",
            apply: |s| {
                op(s, "ShowInstance").responses.push(Response {
                    status: 404,
                    description: "Not found.".into(),
                    body: None,
                })
            },
            expected: vec![(S::Operation, K::Response, "`ShowInstance`", D, false)],
        },
        Edit {
            // A response-only model reachable from a request: built with a builder now.
            name: "response_model_in_request",
            apply: |s| {
                let f = new_field("refs", "array<InstanceRef>", false);
                schema(s, "CreateInstanceBody").fields.push(f);
            },
            // It also serializes now (with the default features a reply model only
            // deserializes).
            expected: vec![
                (S::Field, K::Added, "`CreateInstanceBody.refs`", A, false),
                (S::Schema, K::Role, "`InstanceRef`", B, false),
                (S::Schema, K::Derives, "`InstanceRef`", A, false),
            ],
        },
        Edit {
            // A request-only model reachable from a response: its required fields become
            // `Option`.
            name: "request_model_in_response",
            apply: |s| {
                let f = new_field("tags", "array<ResourceTag>", false);
                schema(s, "InstanceListInfo").fields.push(f);
            },
            expected: vec![
                (S::Field, K::Added, "`InstanceListInfo.tags`", A, false),
                (S::Schema, K::Role, "`ResourceTag`", B, false),
                (S::Schema, K::Derives, "`ResourceTag`", A, false),
            ],
        },
        Edit {
            name: "error_code_added",
            apply: |s| {
                s.error_codes.push(ErrorCode {
                    code: "DCS.4100".into(),
                    status: 400,
                    message: "Quota exceeded.".into(),
                    solution: None,
                    source: "new.txt:30".into(),
                })
            },
            expected: vec![(S::ErrorCode, K::Added, "`DCS.4100`", A, false)],
        },
        Edit {
            name: "error_code_removed",
            apply: |s| s.error_codes.retain(|e| e.code != "DCS.4008"),
            expected: vec![(S::ErrorCode, K::Removed, "`DCS.4008`", B, false)],
        },
        Edit {
            name: "error_code_message_changed",
            apply: |s| s.error_codes[0].message = "Bad request.".into(),
            expected: vec![(S::ErrorCode, K::Status, "`DCS.4001`", D, false)],
        },
    ]
}

fn generated_names() -> Vec<Edit> {
    vec![
        Edit {
            // The new operation's method takes the name of `CreateInstance`'s build method,
            // which is renumbered: additive in the documents, breaking in Rust.
            name: "method_name_collision",
            apply: |s| {
                let mut o = restart_instance();
                o.name = "CreateInstanceRequest".into();
                o.path = "/v2/{project_id}/instances/{instance_id}/request".into();
                s.operations.insert(0, o);
            },
            expected: vec![
                (S::Operation, K::RustName, "`CreateInstance`", B, false),
                (S::Operation, K::Added, "`CreateInstanceRequest`", A, false),
            ],
        },
        Edit {
            // Every operation of `Odd` deprecated: the group's cargo feature gets the prefix of
            // deprecated groups.
            name: "group_all_deprecated",
            apply: |s| op(s, "Type").deprecated = true,
            expected: vec![
                (S::Operation, K::Deprecated, "`Type`", D, false),
                (S::Operation, K::Group, "`Type`", B, false),
            ],
        },
        Edit {
            name: "group_renamed",
            apply: |s| op(s, "DeleteInstance").group = "Lifecycle".into(),
            expected: vec![(S::Operation, K::Group, "`DeleteInstance`", B, false)],
        },
    ]
}
