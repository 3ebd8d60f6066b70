//! [`DeleteCall`]: `DELETE` one record of an endpoint, never retried unless asked.

use serde::de::DeserializeOwned;

use super::outcome::decode_write_reply;
use super::record_path::{RecordId, parent_query, record_path};
use crate::access::policy::Approval;
use crate::access::requirements::Verb;
use crate::endpoint::EndpointSpec;
use crate::error::Result;
use crate::transport::Transport;
use crate::transport::request::{ApiRequest, RequestOptions};

/// Deletes one record: `DELETE {spec.path}/{id}`, checked against the spec's
/// [`Verb::Delete`] requirement (and the policy's approval). Ends in
/// [`DeleteCall::send`].
///
/// A delete is **not retried** after it may have reached the server (a 5xx, a
/// timeout): the error is [`Error::WriteUncertain`](crate::Error::WriteUncertain).
/// A blind retry of a delete that went through answers 404 and reports a
/// successful delete as a failure, and vendors' deletes often cascade or
/// archive. Opt in with `RequestOptions::new().idempotent(true)` where repeating
/// it is harmless.
///
/// ```no_run
/// use neo_auth_core::*;
/// static READ: Scope = Scope::new("read:tickets", "Read Tickets");
/// static EDIT: Scope = Scope::new("edit:tickets", "Edit Tickets");
/// static TICKETS: EndpointSpec = EndpointSpec::new(
///     "tickets",
///     "/Tickets",
///     Requirements::read_write(Area::new("tickets"), &READ, &EDIT),
/// );
/// # async fn run(transport: Transport) -> Result<()> {
/// DeleteCall::new(transport, &TICKETS, 42)
///     .query("reason", "duplicate")
///     .approval(Approval::new("ops-lead", "duplicate of #41")?)
///     .send()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a delete does nothing until `send()`"]
#[derive(Debug)]
pub struct DeleteCall {
    transport: Transport,
    spec: &'static EndpointSpec,
    id: RecordId,
    parent: Option<RecordId>,
    query: Vec<(String, String)>,
    approval: Option<Approval>,
    options: RequestOptions,
}

impl DeleteCall {
    /// Deletes the record `id` of `spec` through `transport`.
    pub fn new(transport: Transport, spec: &'static EndpointSpec, id: impl Into<RecordId>) -> Self {
        DeleteCall {
            transport,
            spec,
            id: id.into(),
            parent: None,
            query: Vec::new(),
            approval: None,
            options: RequestOptions::default(),
        }
    }

    /// The parent record: fills the spec's `{parent}` placeholder and its
    /// [`parent_key`](EndpointSpec::parent_key) query parameter.
    pub fn parent(mut self, parent: impl Into<RecordId>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// Adds a query parameter (Halo's `reason`).
    pub fn query(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Attaches an explicit approval (needed where the policy requires one).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Per-request overrides (timeouts, attempts). The delete stays not
    /// retried unless `idempotent(true)` is set.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The request `send()` would send, checked, not sent.
    pub fn to_request(&self) -> Result<ApiRequest> {
        let requirement = super::requirement_of(self.spec, Verb::Delete)?;
        let path = record_path(self.spec, self.parent.as_ref(), &self.id)?;
        let parent = parent_query(self.spec, self.parent.as_ref(), &self.query)?;
        let mut options = self.options.clone();
        // Explicit, although the transport's default for DELETE is the same:
        // the rule belongs to the call, whatever the default becomes.
        options.idempotent = Some(options.idempotent.unwrap_or(false));
        Ok(ApiRequest::delete(path)
            .queries(parent)
            .queries(self.query.iter().cloned())
            .requirement(requirement)
            .approval(self.approval.clone())
            .options(options))
    }

    /// Sends the delete. Any 2xx is success; its body is not read.
    pub async fn send(self) -> Result<()> {
        let request = self.to_request()?;
        self.transport.send(request).await.map(|_| ())
    }

    /// Sends the delete and decodes the vendor's reply as `R` by the write-reply
    /// rules ([`decode_write_reply`]): a blank body is JSON `null`, a reply
    /// that does not decode is [`Error::WriteUncertain`](crate::Error::WriteUncertain)
    /// (the delete was accepted).
    pub async fn send_with_reply<R: DeserializeOwned>(self) -> Result<R> {
        let request = self.to_request()?;
        let (method, path) = (request.method().clone(), request.path().to_owned());
        let response = self.transport.send(request).await?;
        decode_write_reply(&method, &path, response.body())
    }
}
