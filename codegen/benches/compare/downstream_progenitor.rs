//! The downstream crate of `tests/downstream`, written against progenitor's client of the same
//! OpenAPI document, for `compare.sh`: the same three operations (list instances page by page,
//! back one up, show one). Progenitor's client does no request signing, so there is no AK/SK.

use dcs_progenitor::{types, Client};

/// A small service of the downstream application.
pub struct Caches {
    dcs: Client,
    project_id: String,
}

impl Caches {
    /// Connects to DCS through `endpoint`.
    pub fn new(endpoint: &str, project_id: &str) -> Self {
        Caches {
            dcs: Client::new(endpoint),
            project_id: project_id.to_string(),
        }
    }

    /// Names of every instance of the project, fetched page by page.
    pub async fn instance_names(&self) -> Result<Vec<String>, String> {
        let mut names = Vec::new();
        let mut offset = 0;
        loop {
            let page = self
                .dcs
                .list_instances(
                    &self.project_id,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Some(50),
                    None,
                    None,
                    Some(offset),
                    None,
                    None,
                )
                .await
                .map_err(|e| e.to_string())?
                .into_inner();
            let got = page.instances.len() as i64;
            names.extend(page.instances.into_iter().map(|i| i.name.unwrap_or_default()));
            offset += got;
            if got == 0 || page.instance_num.is_some_and(|n| offset >= n) {
                return Ok(names);
            }
        }
    }

    /// Starts a backup of `instance_id` and returns the backup's ID.
    pub async fn back_up(&self, instance_id: &str, remark: &str) -> Result<Option<String>, String> {
        let body = types::BackupInstanceBody {
            remark: Some(remark.to_string()),
            ..Default::default()
        };
        let reply = self
            .dcs
            .copy_instance(&self.project_id, instance_id, &body)
            .await
            .map_err(|e| e.to_string())?;
        Ok(reply.into_inner().backup_id)
    }

    /// The instance's status, as the service reports it.
    pub async fn status(&self, instance_id: &str) -> Result<Option<String>, String> {
        let reply = self
            .dcs
            .show_instance(&self.project_id, instance_id)
            .await
            .map_err(|e| e.to_string())?;
        Ok(reply.into_inner().status)
    }
}
