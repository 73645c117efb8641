//! Uses `dcs-client` the way a downstream crate would: only through its public API, with the
//! client and models re-exported by the crate (no direct dependency on the runtime or serde).
//! Three operations: list instances (all pages), back one up, show one; and logic of its own on
//! top of them, [`Caches::back_up_running`].
//!
//! Its tests (`tests/offline.rs`) run that logic against the client's test double, `DcsMock`
//! (`dcs-client`'s `mock` feature, enabled for the tests only, as a dev-dependency): no network,
//! no HTTP server. [`Caches::with_client`] is the seam: the application passes a client made
//! from its configuration, a test passes `DcsMock::client()`.
#![forbid(unsafe_code)]

use std::pin::pin;

use dcs_client::error_codes::ErrorCode;
use dcs_client::models::{BackupInstanceBody, ListInstancesQuery};
use dcs_client::{documented_error, Config, Credentials, DcsClient, Error};
use futures_util::StreamExt;

/// Instances listed per page.
pub const PAGE_SIZE: u32 = 50;

/// What [`Caches::back_up_running`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupReport {
    /// (instance ID, backup ID) of each backup started, in list order.
    pub started: Vec<(String, String)>,
    /// Instances skipped because a backup of theirs is already running.
    pub busy: Vec<String>,
}

/// A small service of the downstream application.
pub struct Caches {
    dcs: DcsClient,
}

impl Caches {
    /// Connects to DCS through `endpoint` (a region's endpoint, or a private cloud's).
    pub fn new(endpoint: &str, project_id: &str, ak: &str, sk: &str) -> Result<Self, Error> {
        let config = Config::builder()
            .endpoint(endpoint)
            .project_id(project_id)
            .credentials(Credentials::aksk(ak, sk))
            .build()?;
        Ok(Caches {
            dcs: DcsClient::from_config(config)?,
        })
    }

    /// Uses a client made elsewhere: one shared with other services, or in tests a mock's.
    pub fn with_client(dcs: DcsClient) -> Self {
        Caches { dcs }
    }

    /// Names of every instance of the project, fetched page by page.
    pub async fn instance_names(&self) -> Result<Vec<String>, Error> {
        let mut names = Vec::new();
        let mut stream = pin!(self
            .dcs
            .list_instances_stream(&ListInstancesQuery::default(), PAGE_SIZE));
        while let Some(instance) = stream.next().await {
            names.push(instance?.name.unwrap_or_default());
        }
        Ok(names)
    }

    /// Starts a backup of `instance_id` and returns the backup's ID.
    pub async fn back_up(&self, instance_id: &str, remark: &str) -> Result<Option<String>, Error> {
        let body = BackupInstanceBody::builder().remark(remark).build()?;
        Ok(self.dcs.copy_instance(instance_id, &body).await?.backup_id)
    }

    /// Backs up every running instance (status `RUNNING`), in list order, with `remark`. An
    /// instance that is being backed up already (documented codes `DCS.4096` and `111400096`)
    /// is skipped and reported as busy; any other error stops the run and is returned.
    pub async fn back_up_running(&self, remark: &str) -> Result<BackupReport, Error> {
        let body = BackupInstanceBody::builder().remark(remark).build()?;
        let mut report = BackupReport::default();
        let mut instances = pin!(self
            .dcs
            .list_instances_stream(&ListInstancesQuery::default(), PAGE_SIZE));
        while let Some(instance) = instances.next().await {
            let instance = instance?;
            let Some(id) = instance.instance_id else {
                continue;
            };
            if instance.status.as_deref() != Some("RUNNING") {
                continue;
            }
            match self.dcs.copy_instance(&id, &body).await {
                Ok(reply) => report
                    .started
                    .push((id, reply.backup_id.unwrap_or_default())),
                Err(e) if is_busy(&e) => report.busy.push(id),
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    /// The instance's status, as the service reports it.
    pub async fn status(&self, instance_id: &str) -> Result<Option<String>, Error> {
        Ok(self.dcs.show_instance(instance_id).await?.status)
    }

    /// The request `back_up` would send, for logging or dry runs.
    pub fn back_up_request(
        &self,
        instance_id: &str,
    ) -> Result<dcs_client::runtime::Request, Error> {
        self.dcs
            .copy_instance_request(instance_id, &BackupInstanceBody::default())
    }
}

/// The service refuses a backup because one is running.
fn is_busy(error: &Error) -> bool {
    matches!(
        documented_error(error),
        Some(ErrorCode::Dcs4096 | ErrorCode::E111400096)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_documented_backup_request_without_sending() {
        let caches = Caches::new("http://127.0.0.1:9", "p1", "AK", "SK").unwrap();
        let request = caches.back_up_request("i-1").unwrap();
        assert_eq!(request.operation.method, "POST");
        assert_eq!(
            request.operation.path,
            "/v2/{project_id}/instances/{instance_id}/backups"
        );
        assert_eq!(
            request.path_params,
            vec![("instance_id", "i-1".to_string())]
        );
    }
}
