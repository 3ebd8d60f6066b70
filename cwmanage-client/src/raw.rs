//! Handlers and the raw escape hatch for endpoints this crate does not model.

use http::Method;
use neo_auth_core::{ApiRequest, Approval, Requirement, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::resources::boards::Boards;
use crate::resources::callbacks::Callbacks;
use crate::resources::companies::Companies;
use crate::resources::members::Members;
use crate::resources::system::System;
use crate::resources::tickets::Tickets;

impl Client {
    /// Companies.
    pub fn companies(&self) -> Companies<'_> {
        Companies { client: self }
    }

    /// Service tickets and their notes.
    pub fn tickets(&self) -> Tickets<'_> {
        Tickets { client: self }
    }

    /// Service boards and their statuses.
    pub fn boards(&self) -> Boards<'_> {
        Boards { client: self }
    }

    /// Members.
    pub fn members(&self) -> Members<'_> {
        Members { client: self }
    }

    /// Server information and the API member's security.
    pub fn system(&self) -> System<'_> {
        System { client: self }
    }

    /// Callback (webhook) registrations.
    pub fn callbacks(&self) -> Callbacks<'_> {
        Callbacks { client: self }
    }

    /// A verifier for the callbacks this site posts (signing keys fetched only
    /// from the site's host).
    pub fn callback_verifier(&self) -> Result<crate::callbacks::CallbackVerifier> {
        crate::callbacks::CallbackVerifier::new(self.site())
    }

    /// `GET path` under the API base (`/service/priorities`), for endpoints not
    /// modelled. With a requirement it is scope- and policy-checked; without one
    /// the policy's default access applies.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        requirement: Option<Requirement>,
    ) -> Result<T> {
        let request = ApiRequest::get(path)
            .queries(query.iter().copied())
            .maybe_requirement(requirement);
        self.transport().await?.send_json(request).await
    }

    /// A raw write (`POST`, `PUT`, `PATCH`) of `body` to `path`; the requirement
    /// is mandatory so the scope and policy checks always apply.
    pub async fn write_json<B: Serialize + ?Sized, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        requirement: Requirement,
        approval: Option<Approval>,
    ) -> Result<R> {
        self.transport()
            .await?
            .write_json(method, path, body, requirement, approval)
            .await
    }
}
