//! [`DeleteRequest`]: `DELETE /X/{id}`.

use neo_auth_core::{Access, ApiRequest, Approval, Error, RequestOptions, Result};

use super::{ResourceDef, record_path};
use crate::client::Client;

/// Deletes one record. Ends in [`DeleteRequest::send`].
///
/// A delete is a write, so it is never retried automatically: if the call fails
/// after the request may have reached Halo (a 5xx, a timeout), the error is
/// [`Error::WriteUncertain`]: a blind retry of a delete that went through would
/// answer 404 and report a successful delete as a failure. Opt in to retries with
/// `RequestOptions::new().idempotent(true)`.
#[must_use]
#[derive(Debug)]
pub struct DeleteRequest {
    client: Client,
    def: &'static ResourceDef,
    id: String,
    params: Vec<(String, String)>,
    approval: Option<Approval>,
    options: RequestOptions,
}

impl DeleteRequest {
    pub(crate) fn new(client: Client, def: &'static ResourceDef, id: String) -> Self {
        DeleteRequest {
            client,
            def,
            id,
            params: Vec::new(),
            approval: None,
            options: RequestOptions::default(),
        }
    }

    /// Per-request overrides (timeouts, attempts). Unless `idempotent` is set
    /// explicitly, the delete stays not retried.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a raw query parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// The reason recorded for the deletion (tickets).
    pub fn reason(self, reason: impl Into<String>) -> Self {
        self.param("reason", reason.into())
    }

    /// Attaches an explicit approval.
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        if let Some(key) = self.def.parent_key
            && !self.params.iter().any(|(k, _)| k == key)
        {
            return Err(Error::config(format!(
                "deleting a {} needs `{key}`",
                self.def.noun
            )));
        }
        let path = record_path(self.def, &self.id)?;
        let request = ApiRequest::delete(path)
            .queries(self.params)
            .requirement(self.def.operation(Access::Write, "delete"))
            .approval(self.approval)
            .options(self.options); // DELETE: not retried unless asked (the core default)
        self.client.transport().send(request).await.map(|_| ())
    }
}
