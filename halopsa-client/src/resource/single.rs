//! [`GetRequest`] and [`DeleteRequest`]: Halo's single-record calls on the
//! core's [`GetCall`] and [`DeleteCall`].

use neo_auth_core::{
    Approval, DeleteCall, EndpointSpec, GetCall, RecordId, RequestOptions, Result,
};
use serde::de::DeserializeOwned;

use crate::client::Client;

/// Reads one record. Ends in [`GetRequest::send`].
#[must_use]
#[derive(Debug)]
pub struct GetRequest<T> {
    call: GetCall<T>,
}

impl<T: DeserializeOwned> GetRequest<T> {
    pub(crate) fn new(client: Client, spec: &'static EndpointSpec, id: RecordId) -> Self {
        GetRequest {
            call: GetCall::new(client.transport().clone(), spec, id),
        }
    }

    /// The parent record (actions: the ticket), sent as the endpoint's parent key.
    pub(crate) fn parent(mut self, parent: impl Into<RecordId>) -> Self {
        self.call = self.call.parent(parent);
        self
    }

    /// Per-request overrides (timeouts, attempts).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.call = self.call.options(options);
        self
    }

    /// Adds a raw query parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.call = self.call.query(key, value);
        self
    }

    /// Asks for the full details (`includedetails=true`).
    pub fn include_details(self, include: bool) -> Self {
        self.param("includedetails", include)
    }

    /// Sends the request. An empty or malformed id, or a missing parent, is a
    /// configuration error raised before sending.
    pub async fn send(self) -> Result<T> {
        self.call.send().await
    }
}

/// Deletes one record. Ends in [`DeleteRequest::send`].
///
/// A delete is a write, so it is never retried automatically: if the call fails
/// after the request may have reached Halo (a 5xx, a timeout), the error is
/// [`Error::WriteUncertain`](crate::Error::WriteUncertain): a blind retry of a
/// delete that went through would answer 404 and report a successful delete as
/// a failure. Opt in to retries with `RequestOptions::new().idempotent(true)`.
#[must_use]
#[derive(Debug)]
pub struct DeleteRequest {
    call: DeleteCall,
}

impl DeleteRequest {
    pub(crate) fn new(client: Client, spec: &'static EndpointSpec, id: RecordId) -> Self {
        DeleteRequest {
            call: DeleteCall::new(client.transport().clone(), spec, id),
        }
    }

    /// The parent record (actions: the ticket), sent as the endpoint's parent key.
    pub(crate) fn parent(mut self, parent: impl Into<RecordId>) -> Self {
        self.call = self.call.parent(parent);
        self
    }

    /// Per-request overrides (timeouts, attempts). Unless `idempotent` is set
    /// explicitly, the delete stays not retried.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.call = self.call.options(options);
        self
    }

    /// Adds a raw query parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.call = self.call.query(key, value);
        self
    }

    /// The reason recorded for the deletion (tickets).
    pub fn reason(self, reason: impl Into<String>) -> Self {
        self.param("reason", reason.into())
    }

    /// Attaches an explicit approval.
    pub fn approval(mut self, approval: Approval) -> Self {
        self.call = self.call.approval(approval);
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<()> {
        self.call.send().await
    }
}
