//! [`GetCall`]: `GET` one record of an endpoint.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::record_path::{RecordId, parent_query, record_path};
use crate::access::requirements::Verb;
use crate::endpoint::EndpointSpec;
use crate::error::Result;
use crate::transport::Transport;
use crate::transport::request::{ApiRequest, RequestOptions};

/// Reads one record: `GET {spec.path}/{id}`, checked against the spec's
/// [`Verb::Get`] requirement, retried like every read. Ends in [`GetCall::send`].
///
/// ```no_run
/// use neo_auth_core::*;
/// static READ: Scope = Scope::new("platform.companies.read", "Platform - Companies - Read");
/// static COMPANIES: EndpointSpec = EndpointSpec::new(
///     "companies",
///     "/platform/v1/company/companies",
///     Requirements::read_only(Area::new("companies"), &READ),
/// )
/// .noun("company")
/// .id(IdKind::Text);
///
/// # async fn run(transport: Transport) -> Result<()> {
/// let company: serde_json::Value = GetCall::new(transport, &COMPANIES, "5b0c-77").send().await?;
/// # let _ = company; Ok(()) }
/// ```
#[must_use = "a read does nothing until `send()`"]
pub struct GetCall<T> {
    transport: Transport,
    spec: &'static EndpointSpec,
    id: RecordId,
    parent: Option<RecordId>,
    query: Vec<(String, String)>,
    options: RequestOptions,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for GetCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetCall")
            .field("endpoint", &self.spec.name)
            .field("id", &self.id)
            .field("parent", &self.parent)
            .field("query", &self.query)
            .field("options", &self.options)
            .finish()
    }
}

impl<T: DeserializeOwned> GetCall<T> {
    /// Reads the record `id` of `spec` through `transport`.
    pub fn new(transport: Transport, spec: &'static EndpointSpec, id: impl Into<RecordId>) -> Self {
        GetCall {
            transport,
            spec,
            id: id.into(),
            parent: None,
            query: Vec::new(),
            options: RequestOptions::default(),
            _item: PhantomData,
        }
    }

    /// The parent record: fills the spec's `{parent}` placeholder and its
    /// [`parent_key`](EndpointSpec::parent_key) query parameter.
    pub fn parent(mut self, parent: impl Into<RecordId>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// Adds a query parameter (`includedetails=true`, `fields=id,name`).
    pub fn query(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Per-request overrides (timeouts, attempts).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The request `send()` would send: path, id and requirement checked
    /// (a spec without [`Verb::Get`], a bad id or a missing parent is an
    /// [`Error::Config`](crate::Error::Config)), nothing sent.
    pub fn to_request(&self) -> Result<ApiRequest> {
        let requirement = super::requirement_of(self.spec, Verb::Get)?;
        let path = record_path(self.spec, self.parent.as_ref(), &self.id)?;
        let parent = parent_query(self.spec, self.parent.as_ref(), &self.query)?;
        Ok(ApiRequest::get(path)
            .queries(parent)
            .queries(self.query.iter().cloned())
            .requirement(requirement)
            .options(self.options.clone()))
    }

    /// Sends the request and decodes the record.
    pub async fn send(self) -> Result<T> {
        let request = self.to_request()?;
        self.transport.send_json(request).await
    }
}
