//! Uses `dcs-client` the way a downstream crate would: only through its public API, with the
//! client and models re-exported by the crate (no direct dependency on the runtime or serde).
//! Three operations: list instances (all pages), back one up, show one.
#![forbid(unsafe_code)]

use std::pin::pin;

use dcs_client::models::{BackupInstanceBody, ListInstancesQuery};
use dcs_client::{Config, Credentials, DcsClient, Error};
use futures_util::StreamExt;

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

    /// Names of every instance of the project, fetched page by page.
    pub async fn instance_names(&self) -> Result<Vec<String>, Error> {
        let mut names = Vec::new();
        let mut stream = pin!(self
            .dcs
            .list_instances_stream(&ListInstancesQuery::default(), 50));
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
