//! The life of a DCS instance: create it, wait until it runs, list the project's instances page by
//! page, back the new instance up, wait for the backup, and list the instance's backups.
//!
//! The waits are the client's generated waiters (`wait_until_instance_running`,
//! `wait_until_backup_succeed`): they poll the read operation with growing delays, stop on the
//! state, fail at once on a failure state (`CREATEFAILED`, `ERROR`; a failed backup) with the last
//! resource read, and give up after the policy's timeout.
//!
//! This creates a real, billed instance. Configure it from the environment:
//!
//! ```sh
//! export HUAWEICLOUD_SDK_AK=… HUAWEICLOUD_SDK_SK=… HUAWEICLOUD_SDK_PROJECT_ID=…
//! export HUAWEICLOUD_SDK_REGION=cn-north-4          # or HUAWEICLOUD_SDK_DCS_ENDPOINT=https://…
//! export DCS_VPC_ID=… DCS_SUBNET_ID=… DCS_AZ_CODE=… # where the instance goes
//! cargo run -p dcs-client --example lifecycle
//! ```

use std::error::Error as StdError;
use std::pin::pin;
use std::time::Duration;

use dcs_client::models::{
    BackupInstanceBody, BackupRecordResponseStatus, CreateInstanceBody, ListBackupRecordsQuery,
    ListInstancesQuery,
};
use dcs_client::{Config, DcsClient, WaitError, WaitPolicy};
use futures_util::StreamExt;

type BoxError = Box<dyn StdError + Send + Sync>;

/// Where and how to create the instance, and how long to wait for it and for its backup.
pub struct Settings {
    pub name: String,
    pub vpc_id: String,
    pub subnet_id: String,
    pub az_code: String,
    /// How the waits poll: the first read at once, then delays growing up to a cap, until a
    /// timeout.
    pub wait: WaitPolicy,
    /// Items per page when listing.
    pub page_size: u32,
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let env = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let settings = Settings {
        name: "dcs-rs-demo".into(),
        vpc_id: env("DCS_VPC_ID")?,
        subnet_id: env("DCS_SUBNET_ID")?,
        az_code: env("DCS_AZ_CODE")?,
        // 5 s, 7.5 s, … up to 1 min between reads; at most 20 minutes.
        wait: WaitPolicy::default()
            .initial_delay(Duration::from_secs(5))
            .max_delay(Duration::from_secs(60))
            .timeout(Duration::from_secs(20 * 60)),
        page_size: 10,
    };
    // Credentials, project and region come from HUAWEICLOUD_SDK_* variables.
    let config = Config::from_env()?;
    let dcs = DcsClient::from_config(config)?;
    let summary = run(&dcs, &settings).await?;
    println!("{summary:#?}");
    Ok(())
}

/// What the run did.
#[derive(Debug)]
pub struct Summary {
    pub instance_id: String,
    /// Names of all instances in the project, as listed page by page.
    pub instance_names: Vec<String>,
    pub backup_id: String,
    /// The status of the backup when its wait ended.
    pub backup_status: Option<BackupRecordResponseStatus>,
    /// `(backup id, status)` of the instance's backups.
    pub backups: Vec<(String, Option<BackupRecordResponseStatus>)>,
}

pub async fn run(dcs: &DcsClient, settings: &Settings) -> Result<Summary, BoxError> {
    // 1. Create a single-node Redis 5.0 instance with 128 MB of memory.
    let body = CreateInstanceBody::builder()
        .name(&settings.name)
        .engine("Redis")
        .engine_version("5.0")
        .capacity(0.125)
        .spec_code("redis.single.xu1.tiny.128")
        .az_codes([&settings.az_code])
        .vpc_id(&settings.vpc_id)
        .subnet_id(&settings.subnet_id)
        .description("created by the dcs-rs lifecycle example")
        .build()?;
    let created = dcs.create_instance(&body).await?;
    let instance_id = created
        .instances
        .unwrap_or_default()
        .into_iter()
        .find_map(|i| i.instance_id)
        .ok_or("the create reply names no instance")?;
    println!("created {instance_id}");

    // 2. Creation is asynchronous: wait until the instance runs. A failure state ends the wait
    //    at once, with the instance as last read.
    match dcs
        .wait_until_instance_running(&instance_id, &settings.wait)
        .await
    {
        Ok(instance) => println!(
            "{instance_id} is running on {}:{}",
            instance.ip.unwrap_or_default(),
            instance.port.unwrap_or_default()
        ),
        Err(WaitError::Failed {
            status, resource, ..
        }) => {
            let name = resource.name.unwrap_or_default();
            return Err(format!("instance {instance_id} ({name}) ended in {status}").into());
        }
        // Timed out (with the last instance read) or a failed read.
        Err(e) => return Err(e.into()),
    }

    // 3. Every instance of the project: the stream fetches one page (offset/limit) at a time.
    let mut instance_names = Vec::new();
    let mut instances =
        pin!(dcs.list_instances_stream(&ListInstancesQuery::default(), settings.page_size));
    while let Some(instance) = instances.next().await {
        let instance = instance?;
        instance_names.push(instance.name.unwrap_or_default());
    }
    println!("the project has {} instances", instance_names.len());

    // 4. Back the new instance up.
    let backup = BackupInstanceBody::builder()
        .remark("lifecycle example")
        .build()?;
    let backup_id = dcs
        .copy_instance(&instance_id, &backup)
        .await?
        .backup_id
        .ok_or("the backup reply names no backup")?;
    println!("backup {backup_id} started");

    // 5. Wait for the backup: it is found in the instance's backup records by its id.
    let backup = dcs
        .wait_until_backup_succeed(&instance_id, &backup_id, &settings.wait)
        .await?;
    println!(
        "backup {backup_id} done: {} bytes",
        backup.size.unwrap_or_default()
    );

    // 6. The instance's backups, page by page.
    let mut backups = Vec::new();
    // The stream borrows the instance id; it ends with this block.
    {
        let mut records = pin!(dcs.list_backup_records_stream(
            &instance_id,
            &ListBackupRecordsQuery::default(),
            settings.page_size
        ));
        while let Some(record) = records.next().await {
            let record = record?;
            backups.push((record.backup_id.unwrap_or_default(), record.status));
        }
    }
    Ok(Summary {
        instance_id,
        instance_names,
        backup_id,
        backup_status: backup.status,
        backups,
    })
}
