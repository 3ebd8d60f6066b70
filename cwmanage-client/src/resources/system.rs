//! Server information and the API member's own security (any member).

use neo_auth_core::{ApiRequest, Error, Result, Verb};

use crate::client::Client;
use crate::endpoints::{Endpoint, MY_SECURITY, SYSTEM_INFO};
use crate::models::{MySecurity, SystemInfo};

/// `client.system()`.
#[derive(Clone, Copy, Debug)]
pub struct System<'a> {
    pub(crate) client: &'a Client,
}

async fn read<T: serde::de::DeserializeOwned>(
    client: &Client,
    endpoint: &'static Endpoint,
) -> Result<T> {
    let spec = &endpoint.spec;
    let requirement = spec
        .requirements
        .requirement(spec.name, Verb::Get)
        .ok_or_else(|| Error::config(format!("{} cannot be read", spec.path)))?;
    let core = client.core().await?;
    core.transport()
        .send_json(ApiRequest::get(spec.path).requirement(requirement))
        .await
}

impl System<'_> {
    /// The server's version and cloud flag (`GET /system/info`); also the
    /// cheapest check that the credentials work.
    pub async fn info(&self) -> Result<SystemInfo> {
        read(self.client, &SYSTEM_INFO).await
    }

    /// The API member's effective security rows (`GET /system/mySecurity`).
    pub async fn my_security(&self) -> Result<Vec<MySecurity>> {
        read(self.client, &MY_SECURITY).await
    }
}
