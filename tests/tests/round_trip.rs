//! Every example body in the documents, request and response, deserializes into its generated
//! model and serializes back to equal JSON (key order, fields the schema lacks and `null` versus
//! absent ignored). The exceptions are listed one by one and cross-checked against
//! `spec/reports/dcs-examples.txt`.

use apiref_spec::{ExampleKind, TypeRef};
use apiref_tests::compare::{differences, line_of};
use apiref_tests::example::shift_source;
use apiref_tests::{Service, SERVICES};

/// DCS examples that do not survive the round trip. Each was checked by hand in the document.
const DCS_EXCEPTIONS: &[&str] = &[
    // report
    "002_a0060ea259f01ceb.txt:2224 CreateInstance: request .enterprise_project_id: expected 0, got \"0\"",
    // report
    "002_a0060ea259f01ceb.txt:2257 CreateInstance: request .enterprise_project_id: expected 0, got \"0\"",
    // report
    "002_a0060ea259f01ceb.txt:4782 UpdateInstance: request does not deserialize into ModifyInstanceBody: unexpected value \"1,\"",
    // report
    "002_a0060ea259f01ceb.txt:5624 ShowDeletableReplicas: response 400 .error_code: expected 111400800, got \"111400800\"",
    // report
    "002_a0060ea259f01ceb.txt:5633 ShowDeletableReplicas: response 500 .error_code: expected 111500024, got \"111500024\"",
    // report :13602 (and :13604, not reached)
    "002_a0060ea259f01ceb.txt:13602 ListRestoreRecords: response 200 does not deserialize into ListRestoreRecordsResponse: unexpected value {}",
    // report :14536 (and :14547, not reached)
    "002_a0060ea259f01ceb.txt:14536 ListBackupRecords: response 200 does not deserialize into ListBackupRecordsResponse: unexpected value {}",
    // report :298 (and :309, not reached)
    "003_ad913a10cab215c6.txt:298 ListBackupRecords: response 200 does not deserialize into ListBackupRecordsResponse: unexpected value {}",
    // report
    "002_a0060ea259f01ceb.txt:17982 ShowMigrationTaskStats: response 200 .full_migration_progress: expected 100, got \"100\"",
    // report
    "002_a0060ea259f01ceb.txt:17983 ShowMigrationTaskStats: response 200 .offset: expected 100, got \"100\"",
    // report
    "002_a0060ea259f01ceb.txt:17984 ShowMigrationTaskStats: response 200 .source_dbsize: expected 531221, got \"531221\"",
    // report
    "002_a0060ea259f01ceb.txt:17985 ShowMigrationTaskStats: response 200 .target_dbsize: expected 531211, got \"531211\"",
    // report
    "002_a0060ea259f01ceb.txt:17986 ShowMigrationTaskStats: response 200 .target_input_kbps: expected 50, got \"50\"",
    // report
    "002_a0060ea259f01ceb.txt:17987 ShowMigrationTaskStats: response 200 .target_ops: expected 5300, got \"5300\"",
    // report
    "002_a0060ea259f01ceb.txt:18804 SetOnlineMigrationTask: request .bandwidth_limit_mb: expected 123, got \"123\"",
    // report
    "002_a0060ea259f01ceb.txt:26928 UpdateExpireAutoScanConfig: request .enable_auto_scan: expected \"true\", got true",
    // report
    "002_a0060ea259f01ceb.txt:34320 ListCenterTask: response 200 .task_count: expected 2, got \"2\"",
    // report
    "002_a0060ea259f01ceb.txt:34330 ListCenterTask: response 200 .tasks[0].details.old_capacity: expected 0.125, got \"0.125\"",
    // report
    "002_a0060ea259f01ceb.txt:34331 ListCenterTask: response 200 .tasks[0].details.new_capacity: expected 0.25, got \"0.25\"",
    // report :35571 (and :35572, not reached)
    "002_a0060ea259f01ceb.txt:35571 CreateDiagnosisTask: request does not deserialize into CreateDiagnosisTaskBody: invalid type: integer `1618466522486`, expected a string",
    // not in the report: `params` is map<string,string>, the example has the integer 15
    "002_a0060ea259f01ceb.txt:37580 CreateCustomTemplate: request does not deserialize into CreateCustomTemplateBody: invalid type: integer `15`, expected a string",
    // not in the report: `params` is map<string,string>, the example has the integer 15
    "002_a0060ea259f01ceb.txt:38337 UpdateConfigTemplate: request does not deserialize into UpdateCustomTemplateBody: invalid type: integer `15`, expected a string",
    // report
    "002_a0060ea259f01ceb.txt:39842 ShowQuotaOfTenant: response 200 does not deserialize into ShowQuotaOfTenantResponse: unexpected value {}",
    // report
    "002_a0060ea259f01ceb.txt:42055 ListClients: response 200 .clients[0].idle: expected 376, got \"376\"",
    // report
    "002_a0060ea259f01ceb.txt:42712 HangUpKillAllClients: response 200 is not JSON",
    // report
    "002_a0060ea259f01ceb.txt:48936 CreateInstanceV1: request does not deserialize into CreateInstanceBodyV1: invalid type: boolean `false`, expected a string",
    // report :48967 (and :48974, not reached)
    "002_a0060ea259f01ceb.txt:48967 CreateInstanceV1: request does not deserialize into CreateInstanceBodyV1: invalid type: boolean `true`, expected a string",
    // report :49610 (serde points at the end of the value)
    "002_a0060ea259f01ceb.txt:49611 ShowInstanceV1: response 200 does not deserialize into ShowInstanceResponseV1: unexpected value [\"192.168.1.136:6379\",\"192.168.1.224:6379\"]",
    // not in the report: `backup_at` is array<integer>, the example has strings
    "002_a0060ea259f01ceb.txt:50136 UpdateInformationAboutInstanceV1: request does not deserialize into UpdateInformationAboutInstanceBodyV1: invalid type: string \"1\", expected i64",
    // report
    "002_a0060ea259f01ceb.txt:52992 ShowServiceSpecificationsV1: response 200 has no field of ShowServiceSpecificationsResponseV1",
    // report
    "002_a0060ea259f01ceb.txt:53236 ShowQuotaTenantV1: response 200 does not deserialize into ShowQuotaTenantResponseV1: unexpected value \"op_svc_dcs_003\"",
];

/// Examples with no schema to read them with (the document gives the status no body table).
const DCS_UNTYPED: &[&str] = &[
    "002_a0060ea259f01ceb.txt:41642 ScanClients: response 200",
    "002_a0060ea259f01ceb.txt:53314 ShowMaintenanceTimeWindowV1: response 200",
];

/// The ECS reference's, each checked in the page at its line (most are also in
/// `spec/ecs/reports/examples.txt`).
const ECS_EXCEPTIONS: &[&str] = &[
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0020212668.html:177 CreateEcs: request does not deserialize into CreateEcsBody: missing field `chargemode`",
    // the example is not JSON (checked in the page)
    "en-us_topic_0020212668.html:142 CreateEcs: request is not JSON",
    // the example shows another body: an error after "Or", one element, or a map keyed by name
    "en-us_topic_0020212668.html:558 CreateEcs: response 200 has no field of CreateEcsResponse",
    // the example shows another body: an error after "Or", one element, or a map keyed by name
    "en-us_topic_0020212679.html:119 DeleteEcss: response 200 has no field of DeleteEcssResponse",
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0067876349.html:142 ReinstallOs: request does not deserialize into ReinstallOsBody: missing field `keyname`",
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0067876349.html:152 ReinstallOs: request does not deserialize into ReinstallOsBody: missing field `keyname`",
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0067876971.html:152 ChangeOs: request does not deserialize into ChangeOsBody: missing field `keyname`",
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0067876971.html:163 ChangeOs: request does not deserialize into ChangeOsBody: missing field `keyname`",
    // the example is not JSON (checked in the page)
    "en-us_topic_0132905656.html:94 ColdMigratingEcs: request is not JSON",
    // the table says Array, the example holds an object
    "en-us_topic_0110472767.html:364 ShowTargetFlavors: response 200 does not deserialize into ShowTargetFlavorsResponse: invalid type: map, expected a sequence",
    // the table says Boolean, the example sends 0
    "en-us_topic_0101860613.html:178 ShowDiskAttachmentEcs: response 200 does not deserialize into ShowDiskAttachmentEcsResponse: unexpected value 0",
    // the table says Boolean, the example sends 0
    "en-us_topic_0101860614.html:139 ShowSingleDiskAttachedToEcs: response 200 does not deserialize into ShowSingleDiskAttachedToEcsResponse: unexpected value 0",
    // the table gives an object, the example holds an array (a reply model reads objects only)
    "en-us_topic_0065792793.html:119 ListApiVersions: response 200 does not deserialize into ListApiVersionsResponse: invalid type: sequence, expected struct Versions",
    // the example shows another body: an error after "Or", one element, or a map keyed by name
    "en-us_topic_0065792794.html:173 ShowApiVersion: response 200 has no field of ShowApiVersionResponse",
    // the table says Boolean, the example sends the text "False"
    "en-us_topic_0068473331.html:210 CreateEcsV21: request does not deserialize into CreateEcsV21Body: unexpected value \"False\"",
    // the example is not JSON (checked in the page)
    "en-us_topic_0068473331.html:212 CreateEcsV21: request is not JSON",
    // the table says Boolean, the example sends the text "False"
    "en-us_topic_0068473331.html:217 CreateEcsV21: request does not deserialize into CreateEcsV21Body: unexpected value \"False\"",
    // the table says Integer or Boolean, the example sends text
    "en-us_topic_0068473331.html:745 CreateEcsV21: request .server.return_reservation_id: expected \"true\", got true",
    // the table says Integer or Boolean, the example sends text
    "en-us_topic_0068473331.html:751 CreateEcsV21: request .server.min_count: expected \"2\", got 2",
    // the table says Integer or Boolean, the example sends text
    "en-us_topic_0068473331.html:752 CreateEcsV21: request .server.max_count: expected \"3\", got 3",
    // the example shows another body: an error after "Or", one element, or a map keyed by name
    "en-us_topic_0068473331.html:762 CreateEcsV21: response 200 has no field of CreateEcsV21Response",
    // the table gives an object, the example holds ""
    "en-us_topic_0020212689.html:865 ShowDetailsAboutEcss: response 200 does not deserialize into ShowDetailsAboutEcssResponse: invalid type: string \"\", expected struct Image",
    // the table gives an object, the example holds ""
    "en-us_topic_0020212690.html:729 ShowDetailsAboutEcss2: response 200 does not deserialize into ShowDetailsAboutEcss2Response: invalid type: string \"\", expected struct ShowDetailsAboutEcss2Image",
    // the table says Array, the example holds an object
    "en-us_topic_0065817688.html:172 RebuildEcs: response 200 does not deserialize into RebuildEcsResponse: invalid type: map, expected a sequence",
    // the example shows another body: an error after "Or", one element, or a map keyed by name
    "en-us_topic_0031169059.html:133 ShowNetworkEcs: response 200 has no field of ShowNetworkEcsResponse",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:251 ShowTenantQuotaLimits: response 200 .limits.absolute.maxServerMeta: expected 128, got \"128\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:252 ShowTenantQuotaLimits: response 200 .limits.absolute.maxPersonality: expected 5, got \"5\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:253 ShowTenantQuotaLimits: response 200 .limits.absolute.totalServerGroupsUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:254 ShowTenantQuotaLimits: response 200 .limits.absolute.maxImageMeta: expected 128, got \"128\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:255 ShowTenantQuotaLimits: response 200 .limits.absolute.maxPersonalitySize: expected 10240, got \"10240\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:256 ShowTenantQuotaLimits: response 200 .limits.absolute.maxTotalRAMSize: expected 25165824, got \"25165824\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:257 ShowTenantQuotaLimits: response 200 .limits.absolute.maxTotalKeypairs: expected -1, got \"-1\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:258 ShowTenantQuotaLimits: response 200 .limits.absolute.maxSecurityGroupRules: expected 20, got \"20\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:259 ShowTenantQuotaLimits: response 200 .limits.absolute.maxServerGroups: expected -1, got \"-1\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:260 ShowTenantQuotaLimits: response 200 .limits.absolute.totalCoresUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:261 ShowTenantQuotaLimits: response 200 .limits.absolute.totalRAMUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:262 ShowTenantQuotaLimits: response 200 .limits.absolute.maxSecurityGroups: expected 10, got \"10\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:263 ShowTenantQuotaLimits: response 200 .limits.absolute.totalFloatingIpsUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:264 ShowTenantQuotaLimits: response 200 .limits.absolute.totalInstancesUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:265 ShowTenantQuotaLimits: response 200 .limits.absolute.totalSecurityGroupsUsed: expected 0, got \"0\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:266 ShowTenantQuotaLimits: response 200 .limits.absolute.maxTotalFloatingIps: expected 10, got \"10\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:267 ShowTenantQuotaLimits: response 200 .limits.absolute.maxTotalInstances: expected 2048, got \"2048\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:268 ShowTenantQuotaLimits: response 200 .limits.absolute.maxTotalCores: expected 20480, got \"20480\"",
    // the table says String, the example sends numbers
    "en-us_topic_0065817717.html:269 ShowTenantQuotaLimits: response 200 .limits.absolute.maxServerGroupMembers: expected -1, got \"-1\"",
    // the example is not JSON (checked in the page)
    "en-us_topic_0065817692.html:191 ShowOperationsOnEcs: response 200 is not JSON",
    // the table says Integer, the example sends text
    "en-us_topic_0065817689.html:109 ShowManagementConsoleLogs: request does not deserialize into ShowManagementConsoleLogsBody: invalid type: string \"50\", expected i64",
    // the example is not JSON (checked in the page)
    "en-us_topic_0065817728.html:111 ShowAzs: response 200 is not JSON",
    // the table says Integer, the example sends text
    "en-us_topic_0065817703.html:254 CreateSecurityGroupRuleV2: request does not deserialize into CreateSecurityGroupRuleBodyV2: invalid type: string \"443\", expected i64",
    // the example leaves out a field the table marks mandatory
    "en-us_topic_0065820816.html:153 AssignFloatingIpAddressV2: request does not deserialize into AssignFloatingIpAddressBodyV2: missing field `tenant_id`",
];
const ECS_UNTYPED: &[&str] = &[];

/// The exceptions and untyped examples expected of a service.
fn expected(service: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match service {
        "dcs" => (DCS_EXCEPTIONS, DCS_UNTYPED),
        "ecs" => (ECS_EXCEPTIONS, ECS_UNTYPED),
        other => panic!("no expected exceptions for service `{other}`: add them here"),
    }
}

#[test]
fn every_example_body_round_trips_through_its_generated_model() {
    let mut failed = Vec::new();
    for service in SERVICES {
        let (exceptions, untyped) = round_trip(service);
        let (expected_exceptions, expected_untyped) = expected(service.name);
        if exceptions != expected_exceptions || untyped != expected_untyped {
            failed.push(service.name);
        }
    }
    assert!(
        failed.is_empty(),
        "unexpected exceptions in {failed:?} (see the output)"
    );
}

/// Round-trips every example body of `service`; returns the exceptions and the untyped ones.
fn round_trip(service: &Service) -> (Vec<String>, Vec<String>) {
    let spec = service
        .spec()
        .unwrap_or_else(|e| panic!("the build script's spec does not load: {e}"));
    let (mut total, mut round_tripped) = (0, 0);
    let mut exceptions = Vec::new();
    let mut untyped = Vec::new();
    for op in &spec.operations {
        for example in &op.examples {
            let Some(json) = example.json.as_deref() else {
                continue;
            };
            total += 1;
            let schema = match example.kind {
                ExampleKind::Request => op.body.clone(),
                ExampleKind::Response => op
                    .responses
                    .iter()
                    .find(|r| Some(r.status) == example.status)
                    .and_then(|r| r.body.clone()),
            };
            let kind = match example.kind {
                ExampleKind::Request => "request".to_string(),
                ExampleKind::Response => format!("response {}", example.status.unwrap_or(0)),
            };
            let document: serde_json::Value = match serde_json::from_str(json) {
                Ok(v) => v,
                Err(e) => {
                    exceptions.push(format!(
                        "{} {}: {kind} is not JSON",
                        shift_source(&example.source, e.line().saturating_sub(1)),
                        op.name
                    ));
                    continue;
                }
            };
            let Some(schema) = schema else {
                untyped.push(format!("{} {}: {kind}", example.source, op.name));
                continue;
            };
            if let (serde_json::Value::Object(doc), Some(fields)) =
                (&document, spec.schemas.get(&schema).map(|s| &s.fields))
            {
                if !doc.is_empty() && !doc.keys().any(|k| fields.iter().any(|f| &f.name == k)) {
                    exceptions.push(format!(
                        "{} {}: {kind} has no field of {schema}",
                        example.source, op.name
                    ));
                    continue;
                }
            }
            let typed = match (service.round_trip)(&schema, json) {
                Some(Ok(v)) => v,
                Some(Err(e)) => {
                    let text = e.to_string();
                    let message = text.split(" at line ").next().unwrap_or(&text);
                    exceptions.push(format!(
                        "{} {}: {kind} does not deserialize into {schema}: {message}",
                        shift_source(&example.source, e.line().saturating_sub(1)),
                        op.name
                    ));
                    continue;
                }
                None => {
                    exceptions.push(format!(
                        "{} {}: no model for {schema}",
                        example.source, op.name
                    ));
                    continue;
                }
            };
            let diffs = differences(&spec, &TypeRef::Named(schema.clone()), &document, &typed);
            if diffs.is_empty() {
                round_tripped += 1;
            }
            for d in diffs {
                let path = d.split(':').next().unwrap_or("");
                let line = line_of(json, path).unwrap_or(0);
                exceptions.push(format!(
                    "{} {}: {kind} {d}",
                    shift_source(&example.source, line),
                    op.name
                ));
            }
        }
    }
    let name = service.name;
    println!(
        "{name}: example bodies: {total}, round-tripped unchanged: {round_tripped}, untyped: {}",
        untyped.len()
    );
    for u in &untyped {
        println!("{name} untyped: {u}");
    }
    for e in &exceptions {
        println!("{name} exception: {e}");
    }
    (exceptions, untyped)
}
