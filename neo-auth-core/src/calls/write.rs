//! [`WriteCall`]: one POST, PUT, PATCH (or DELETE with a body) with a
//! requirement, an approval and the write-reply rules; and
//! [`Transport::write_json`], its one-line form.

use std::fmt;

use http::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::outcome::{Confirm, SaveOutcome, confirmed_or_uncertain, read_outcome};
use super::record_path::{RecordId, collection_path, record_path};
use crate::access::policy::Approval;
use crate::access::requirement::{Access, Requirement};
use crate::access::requirements::Verb;
use crate::endpoint::EndpointSpec;
use crate::error::{Error, Result};
use crate::transport::Transport;
use crate::transport::request::{ApiRequest, RequestOptions};

/// Where a write goes.
#[derive(Clone, Debug)]
enum Target {
    /// A path the caller gave (the escape hatch).
    Raw(String),
    /// The collection of an endpoint, or one of its records.
    Endpoint {
        spec: &'static EndpointSpec,
        verb: Verb,
        id: Option<RecordId>,
        parent: Option<RecordId>,
    },
}

/// One write, sent with [`WriteCall::send`] (strict: the reply must show what
/// was saved) or [`WriteCall::send_unconfirmed`] (the reply may not).
///
/// The scope, policy and approval checks run before anything is sent; a write
/// is never retried after it may have reached the server (a PUT is, being a
/// replacement); a failure after that point, or a 2xx reply that does not show
/// what was saved, is [`Error::WriteUncertain`].
///
/// A vendor's handler wraps it in a few lines:
///
/// ```no_run
/// use neo_auth_core::*;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Ticket { id: Option<i64>, summary: String }
///
/// static READ: Scope = Scope::new("Service Tickets.inquire", "Inquire Level");
/// static ADD: Scope = Scope::new("Service Tickets.add", "Add Level");
/// static EDIT: Scope = Scope::new("Service Tickets.edit", "Edit Level");
/// static DELETE: Scope = Scope::new("Service Tickets.delete", "Delete Level");
/// static TICKETS: EndpointSpec = EndpointSpec::new(
///     "tickets",
///     "/service/tickets",
///     Requirements::crud(Area::new("tickets"), &READ, &ADD, &EDIT, &DELETE),
/// )
/// .noun("ticket");
///
/// struct Tickets { transport: Transport }
/// impl Tickets {
///     /// `POST /service/tickets`; the reply is the ticket with its new id.
///     fn create(&self, ticket: &Ticket) -> WriteCall<Ticket> {
///         WriteCall::create(self.transport.clone(), &TICKETS, ticket)
///             .confirm(|saved: &Ticket| match saved.id {
///                 Some(_) => Ok(()),
///                 None => Err("the reply holds a ticket without an id".into()),
///             })
///     }
///     /// `PATCH /service/tickets/{id}` with JSON-Patch operations.
///     fn patch(&self, id: i64, ops: &serde_json::Value) -> WriteCall<Ticket> {
///         WriteCall::patch(self.transport.clone(), &TICKETS, id, ops)
///     }
/// }
///
/// # async fn run(tickets: Tickets) -> Result<()> {
/// let new = Ticket { id: None, summary: "Printer offline".into() };
/// let saved = tickets.create(&new).approval(Approval::new("ops-lead", "CHG-42")?).send().await?;
/// let ops = serde_json::json!([{"op": "replace", "path": "summary", "value": "Printer fixed"}]);
/// tickets.patch(saved.id.unwrap_or_default(), &ops).send().await?;
/// # Ok(()) }
/// ```
#[must_use = "a write does nothing until `send()`"]
pub struct WriteCall<R = serde_json::Value> {
    transport: Transport,
    method: Method,
    target: Target,
    requirement: Option<Requirement>,
    body: Option<Vec<u8>>,
    query: Vec<(String, String)>,
    approval: Option<Approval>,
    options: RequestOptions,
    /// The first error of the builder (a body that could not be serialized),
    /// returned by `send()` before anything is sent.
    deferred: Option<Error>,
    confirm: Option<Confirm<R>>,
}

impl<R> fmt::Debug for WriteCall<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body is the caller's data: only its length is shown.
        f.debug_struct("WriteCall")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("query", &self.query)
            .field("body_bytes", &self.body.as_ref().map(Vec::len))
            .field("approval", &self.approval)
            .field("options", &self.options)
            .field("confirm", &self.confirm.is_some())
            .finish_non_exhaustive()
    }
}

impl<R: DeserializeOwned> WriteCall<R> {
    fn with_target(transport: Transport, method: Method, target: Target) -> Self {
        WriteCall {
            transport,
            method,
            target,
            requirement: None,
            body: None,
            query: Vec::new(),
            approval: None,
            options: RequestOptions::default(),
            deferred: None,
            confirm: None,
        }
    }

    /// The raw escape hatch: `method path` (under the transport's base URL)
    /// with `requirement`, which is mandatory so the scope and policy checks
    /// always apply.
    pub fn raw(
        transport: Transport,
        method: Method,
        path: impl Into<String>,
        requirement: Requirement,
    ) -> Self {
        let mut call = Self::with_target(transport, method, Target::Raw(path.into()));
        call.requirement = Some(requirement);
        call
    }

    /// `method` on the collection of `spec` (`POST /service/tickets`) as
    /// `verb`, whose requirement comes from the spec
    /// (`spec.requirements.requirement(spec.name, verb)`; a spec without the
    /// verb is an [`Error::Config`] at `send()`). Address one record with
    /// [`WriteCall::record`].
    ///
    /// A read verb ([`Verb::List`], [`Verb::Get`]) with `POST` is a read that
    /// travels as POST (a search, a report run): checked as a read, retried
    /// like one, its reply decoded like a read's.
    pub fn endpoint(
        transport: Transport,
        spec: &'static EndpointSpec,
        verb: Verb,
        method: Method,
    ) -> Self {
        Self::with_target(
            transport,
            method,
            Target::Endpoint {
                spec,
                verb,
                id: None,
                parent: None,
            },
        )
    }

    /// Creates a record: `POST` of `record` to the collection of `spec`
    /// ([`Verb::Create`]). The vendor's reply (usually the saved record) is `R`.
    pub fn create<B: Serialize + ?Sized>(
        transport: Transport,
        spec: &'static EndpointSpec,
        record: &B,
    ) -> Self {
        Self::endpoint(transport, spec, Verb::Create, Method::POST).json(record)
    }

    /// Replaces a record: `PUT` of `record` to its path ([`Verb::Update`]).
    pub fn update<B: Serialize + ?Sized>(
        transport: Transport,
        spec: &'static EndpointSpec,
        id: impl Into<RecordId>,
        record: &B,
    ) -> Self {
        Self::endpoint(transport, spec, Verb::Update, Method::PUT)
            .record(id)
            .json(record)
    }

    /// Changes a record: `PATCH` of `patch` to its path ([`Verb::Update`]);
    /// `patch` is what the vendor expects (a JSON-Patch array of
    /// `{op, path, value}` for ConnectWise Manage and Asio).
    pub fn patch<B: Serialize + ?Sized>(
        transport: Transport,
        spec: &'static EndpointSpec,
        id: impl Into<RecordId>,
        patch: &B,
    ) -> Self {
        Self::endpoint(transport, spec, Verb::Update, Method::PATCH)
            .record(id)
            .json(patch)
    }

    /// Sends to one record's path (`/service/tickets/42`) instead of the
    /// collection's. Ignored by [`WriteCall::raw`], whose path is the caller's.
    pub fn record(mut self, id: impl Into<RecordId>) -> Self {
        if let Target::Endpoint { id: slot, .. } = &mut self.target {
            *slot = Some(id.into());
        }
        self
    }

    /// The parent record: fills the spec's `{parent}` placeholder
    /// (`/service/tickets/{parent}/notes`) and its
    /// [`parent_key`](EndpointSpec::parent_key) query parameter.
    pub fn parent(mut self, parent: impl Into<RecordId>) -> Self {
        if let Target::Endpoint { parent: slot, .. } = &mut self.target {
            *slot = Some(parent.into());
        }
        self
    }

    /// The JSON body. A value that cannot be serialized fails `send()` with
    /// [`Error::Config`] before anything is sent.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(bytes),
            Err(e) => {
                self.deferred.get_or_insert_with(|| {
                    Error::config_with("the request body could not be serialized", e)
                });
            }
        }
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Attaches an explicit approval (needed where the policy requires one).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Per-request overrides (timeouts, attempts). A write stays not retried
    /// after it may have reached the server unless `idempotent(true)` is set
    /// deliberately (an idempotency key).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// A check that the decoded reply shows what was saved (`Err(why)` when it
    /// does not): a create's reply with an id, say. [`WriteCall::send`] turns a
    /// failed check into [`Error::WriteUncertain`];
    /// [`WriteCall::send_unconfirmed`] into [`SaveOutcome::Unconfirmed`].
    pub fn confirm(
        mut self,
        check: impl Fn(&R) -> std::result::Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.confirm = Some(Box::new(check));
        self
    }

    /// The request `send()` would send, checked (path, id, requirement), but
    /// not yet sent.
    pub fn to_request(&self) -> Result<ApiRequest> {
        if let Some(error) = &self.deferred {
            return Err(Error::config(error.to_string()));
        }
        let (path, requirement, mut query) = match &self.target {
            Target::Raw(path) => (path.clone(), self.requirement.clone(), Vec::new()),
            Target::Endpoint {
                spec,
                verb,
                id,
                parent,
            } => {
                let requirement = super::requirement_of(spec, *verb)?;
                let path = match id {
                    Some(id) => record_path(spec, parent.as_ref(), id)?,
                    None => collection_path(spec, parent.as_ref())?,
                };
                // The parent key is required of single-record requests; a
                // collection write (Halo's POST of actions, each naming its
                // ticket in the body) sends it only when a parent is given.
                let query = match (id, parent) {
                    (None, None) => None,
                    _ => super::record_path::parent_query(spec, parent.as_ref(), &self.query)?,
                };
                (path, Some(requirement), query.into_iter().collect())
            }
        };
        query.extend(self.query.iter().cloned());
        let mut request = ApiRequest::new(self.method.clone(), path)
            .queries(query)
            .approval(self.approval.clone())
            .options(self.options.clone());
        if let Some(requirement) = requirement {
            request = request.requirement(requirement);
        }
        request.body = self.body.clone();
        Ok(request)
    }

    /// [`WriteCall::to_request`], returning the builder's own error (with its
    /// source) when there is one.
    fn checked_request(&mut self) -> Result<ApiRequest> {
        match self.deferred.take() {
            Some(error) => Err(error),
            None => self.to_request(),
        }
    }

    /// Sends the write and decodes the reply as `R`, strictly: a blank body is
    /// JSON `null` (fine for `()`, `Option<_>`, `serde_json::Value`), and a 2xx
    /// whose body does not decode as `R` or fails the [confirmation
    /// check](WriteCall::confirm) is [`Error::WriteUncertain`], with the reply
    /// kept in its source.
    pub async fn send(mut self) -> Result<R> {
        let request = self.checked_request()?;
        let (method, path, read) = describe(&request);
        let confirm = self.confirm.take();
        let response = self.transport.send(request).await?;
        if read {
            return super::decode_read_reply(response.body());
        }
        confirmed_or_uncertain(&method, &path, &response, confirm.as_ref())
    }

    /// Sends the write and reports what the 2xx reply shows without insisting
    /// on it: for vendors whose replies do not always echo the record. Every
    /// check before sending is the same, the write is still never retried
    /// blindly, and an error status or a failure after sending is still an
    /// error; only a 2xx that does not show what was saved becomes
    /// [`SaveOutcome::Unconfirmed`].
    pub async fn send_unconfirmed(mut self) -> Result<SaveOutcome<R>> {
        let request = self.checked_request()?;
        let confirm = self.confirm.take();
        let response = self.transport.send(request).await?;
        Ok(read_outcome(&response, confirm.as_ref()))
    }
}

/// Method, path and whether the request is a read via POST.
fn describe(request: &ApiRequest) -> (Method, String, bool) {
    let read = request
        .requirement_ref()
        .is_some_and(|r| r.access() == Access::Read);
    (request.method().clone(), request.path().to_owned(), read)
}

impl Transport {
    /// The raw escape hatch for a write: `method` (POST, PUT, PATCH) of `body`
    /// as JSON to `path` under the base URL, with a mandatory `requirement` and
    /// an optional `approval`; the reply is decoded by the write-reply rules of
    /// [`WriteCall::send`] (a blank body is `null`; a 2xx that does not decode
    /// as `R` is [`Error::WriteUncertain`]).
    ///
    /// ```no_run
    /// use neo_auth_core::*;
    /// # async fn run(transport: Transport) -> Result<()> {
    /// static RUN: Scope = Scope::new("platform.automation.create", "Platform - Automation - Create");
    /// let run_script = Requirement::owned("scripts.run", Area::new("automation"), Access::Write)
    ///     .with_scope(RUN.clone());
    /// let body = serde_json::json!({"templateID": "3f2a…", "targets": ["e-1"]});
    /// let reply: serde_json::Value = transport
    ///     .write_json(http::Method::POST, "/platform/v2/automation/endpoints/schedule-tasks", &body, run_script, None)
    ///     .await?;
    /// # let _ = reply; Ok(()) }
    /// ```
    pub async fn write_json<B: Serialize + ?Sized, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        requirement: Requirement,
        approval: Option<Approval>,
    ) -> Result<R> {
        let mut call = WriteCall::raw(self.clone(), method, path, requirement).json(body);
        call.approval = approval;
        call.send().await
    }
}
