//! The shape every Halo resource shares: `GET /X`, `GET /X/{id}`, `POST /X` with a
//! JSON array (create, or update when `id` is set), `DELETE /X/{id}`.
//!
//! A write that reached Halo is only reported as done when the reply accounts for
//! every record sent: an empty body, an empty list, a different number of records
//! or a reply that does not decode is [`Error::WriteUncertain`] (never retried).

use std::fmt;
use std::marker::PhantomData;

use http::Method;
use neo_auth_core::{
    Access, ApiRequest, Approval, Error, RequestOptions, Requirement, Result, decode_json,
    encode_path_segment, redact_snippet,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{Client, api_path};
use crate::list::ListRequest;
use crate::scopes::ResourceRequirements;

/// Halo accepts at most this many records in one POST.
pub const MAX_BATCH: usize = 100;

/// A Halo resource: its path, how its list is shaped and paged, and what reading
/// and writing it requires.
#[derive(Debug)]
pub struct ResourceDef {
    /// The path under `/api` (`Tickets`).
    pub path: &'static str,
    /// The SDK's name of the resource, prefix of its operation names (`tickets`).
    pub name: &'static str,
    /// What the resource is called in messages (`ticket`).
    pub noun: &'static str,
    /// The requirements.
    pub requirements: ResourceRequirements,
    /// Query parameters every single-record request must carry (e.g. actions need `ticket_id`).
    pub parent_key: Option<&'static str>,
    /// The key a wrapped list reply holds the records under (`tickets`), as Halo's
    /// clients document it; `None` where it is undocumented. The items are taken
    /// from this key when the reply has it, else from the first array (see
    /// [`ListResponse`](crate::models::ListResponse)).
    pub list_key: Option<&'static str>,
    /// Whether `GET /X` takes Halo's `pageinate` / `page_size` / `page_no`. The
    /// OpenAPI spec gives them to the business lists (tickets, users, …) but not to
    /// `/Actions` and the configuration lists (`/Status`, `/Priority`, `/SLA`,
    /// `/Team`, `/Category`, `/TicketType`, `/Workflow`, `/Agent`): those are read
    /// with one GET without paging parameters, and that reply is the whole list.
    pub paginated: bool,
}

impl ResourceDef {
    /// The requirement of one concrete operation on this resource: the area's
    /// read or write requirement, named `tickets.list`, `tickets.create`, …
    pub fn operation(&self, access: Access, verb: &str) -> Requirement {
        let base = match access {
            Access::Write => &self.requirements.write,
            _ => &self.requirements.read,
        };
        base.clone().for_operation(format!("{}.{verb}", self.name))
    }
}

/// The handler of one resource: `client.tickets()`, `client.assets()`, …
pub struct Resource<T> {
    client: Client,
    def: &'static ResourceDef,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("path", &self.def.path)
            .finish()
    }
}

impl<T> Resource<T>
where
    T: Serialize + DeserializeOwned + Send + 'static,
{
    pub(crate) fn new(client: &Client, def: &'static ResourceDef) -> Self {
        Resource {
            client: client.clone(),
            def,
            _item: PhantomData,
        }
    }

    /// The resource's definition.
    pub fn definition(&self) -> &'static ResourceDef {
        self.def
    }

    /// Lists records (`GET /X`), paginated.
    pub fn list(&self) -> ListRequest<T> {
        ListRequest::new(self.client.clone(), self.def)
    }

    /// Reads one record (`GET /X/{id}`).
    pub fn get(&self, id: i64) -> GetRequest<T> {
        GetRequest::new(self.client.clone(), self.def, id.to_string())
    }

    /// Reads one record whose id is a string (priorities: a UUID).
    pub(crate) fn get_by_string_id(&self, id: &str) -> GetRequest<T> {
        GetRequest::new(self.client.clone(), self.def, id.to_owned())
    }

    /// Creates one record (`POST /X` with a one-element array). The record must not
    /// carry an `id` (in Halo that would update an existing record).
    pub fn create(&self, record: &T) -> SaveRequest<T> {
        SaveRequest::new(
            self.client.clone(),
            self.def,
            SaveMode::Create,
            std::slice::from_ref(record),
        )
    }

    /// Updates one record (`POST /X` with `id` set). Only the fields set are sent.
    pub fn update(&self, record: &T) -> SaveRequest<T> {
        SaveRequest::new(
            self.client.clone(),
            self.def,
            SaveMode::Update,
            std::slice::from_ref(record),
        )
    }

    /// Creates many records, in POSTs of up to 100.
    pub fn create_batch(&self, records: &[T]) -> SaveRequest<T> {
        SaveRequest::new(self.client.clone(), self.def, SaveMode::Create, records)
    }

    /// Updates many records (each with `id`), in POSTs of up to 100.
    pub fn update_batch(&self, records: &[T]) -> SaveRequest<T> {
        SaveRequest::new(self.client.clone(), self.def, SaveMode::Update, records)
    }

    /// Deletes one record (`DELETE /X/{id}`).
    pub fn delete(&self, id: i64) -> DeleteRequest {
        DeleteRequest::new(self.client.clone(), self.def, id.to_string())
    }

    /// Deletes one record whose id is a string (priorities: a UUID).
    pub(crate) fn delete_by_string_id(&self, id: &str) -> DeleteRequest {
        DeleteRequest::new(self.client.clone(), self.def, id.to_owned())
    }
}

/// Reads one record. Ends in [`GetRequest::send`].
#[must_use]
pub struct GetRequest<T> {
    client: Client,
    def: &'static ResourceDef,
    id: String,
    params: Vec<(String, String)>,
    options: RequestOptions,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for GetRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetRequest")
            .field("path", &self.def.path)
            .field("id", &self.id)
            .field("params", &self.params)
            .finish()
    }
}

impl<T: DeserializeOwned> GetRequest<T> {
    pub(crate) fn new(client: Client, def: &'static ResourceDef, id: String) -> Self {
        GetRequest {
            client,
            def,
            id,
            params: Vec::new(),
            options: RequestOptions::default(),
            _item: PhantomData,
        }
    }

    /// Per-request overrides (timeouts, attempts).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a raw query parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// Asks for the full details (`includedetails=true`).
    pub fn include_details(self, include: bool) -> Self {
        self.param("includedetails", include)
    }

    /// Sends the request.
    pub async fn send(self) -> Result<T> {
        if let Some(key) = self.def.parent_key
            && !self.params.iter().any(|(k, _)| k == key)
        {
            return Err(Error::config(format!(
                "reading one {} needs `{key}` (ids restart for every parent)",
                self.def.noun
            )));
        }
        let path = record_path(self.def, &self.id)?;
        let request = ApiRequest::get(path)
            .queries(self.params)
            .requirement(self.def.operation(Access::Read, "get"))
            .options(self.options);
        self.client.transport().send_json(request).await
    }
}

/// Create or update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SaveMode {
    Create,
    Update,
}

/// Creates or updates records. Ends in [`SaveRequest::send`] (one record) or
/// [`SaveRequest::send_batch`] (many).
#[must_use]
pub struct SaveRequest<T> {
    client: Client,
    def: &'static ResourceDef,
    mode: SaveMode,
    records: std::result::Result<Vec<Value>, String>,
    approval: Option<Approval>,
    options: RequestOptions,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for SaveRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaveRequest")
            .field("path", &self.def.path)
            .field("mode", &self.mode)
            .field("records", &self.records.as_ref().map(Vec::len))
            .field("approval", &self.approval)
            .finish()
    }
}

/// A batch that stopped part-way: what was saved, and the error of the first POST
/// that did not succeed.
#[derive(Debug)]
pub struct BatchError<T> {
    /// Records the server confirmed, in order.
    pub saved: Vec<T>,
    /// Index (into the submitted records) of the first record not confirmed.
    /// Records from here on were not saved — or, if `error.is_write_uncertain()`,
    /// the failed chunk (up to 100 records from here) may have been.
    pub first_unconfirmed: usize,
    /// Why the batch stopped.
    pub error: Error,
}

impl<T: fmt::Debug> fmt::Display for BatchError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "batch stopped at record {} after {} saved: {}",
            self.first_unconfirmed,
            self.saved.len(),
            self.error
        )
    }
}

impl<T: fmt::Debug> std::error::Error for BatchError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<T> SaveRequest<T>
where
    T: Serialize + DeserializeOwned,
{
    pub(crate) fn new(
        client: Client,
        def: &'static ResourceDef,
        mode: SaveMode,
        records: &[T],
    ) -> Self {
        let records = records
            .iter()
            .map(|r| {
                serde_json::to_value(r)
                    .map_err(|e| format!("a record could not be serialized: {e}"))
            })
            .collect();
        SaveRequest {
            client,
            def,
            mode,
            records,
            approval: None,
            options: RequestOptions::default(),
            _item: PhantomData,
        }
    }

    /// Per-request overrides (timeouts). A write is still never retried after it
    /// may have reached the server, unless `idempotent(true)` is set deliberately.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Attaches an explicit approval (needed where the policy requires one).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    fn validated(&self) -> Result<&[Value]> {
        let records = self
            .records
            .as_deref()
            .map_err(|e| Error::config(e.clone()))?;
        if records.is_empty() {
            return Err(Error::config("nothing to save: no records given"));
        }
        for (index, record) in records.iter().enumerate() {
            let Some(object) = record.as_object() else {
                return Err(Error::config(format!(
                    "record {index} is not a JSON object"
                )));
            };
            let has_id = object.get("id").is_some_and(has_value);
            match (self.mode, has_id) {
                (SaveMode::Create, true) => {
                    return Err(Error::config(format!(
                        "record {index} has an id: in Halo a POST with an id updates that {}; use update()",
                        self.def.noun
                    )));
                }
                (SaveMode::Update, false) => {
                    return Err(Error::config(format!(
                        "record {index} has no id: an update needs the id of the {} to change",
                        self.def.noun
                    )));
                }
                _ => {}
            }
            if let Some(key) = self.def.parent_key
                && object.get(key).is_none_or(|v| v.is_null() || *v == 0)
            {
                return Err(Error::config(format!(
                    "record {index} has no `{key}`: every {} belongs to one",
                    self.def.noun
                )));
            }
        }
        Ok(records)
    }

    /// Sends a single-record request and returns the saved record as Halo
    /// returned it (with the id it assigned).
    ///
    /// Once the POST may have reached Halo, anything short of a reply holding the
    /// saved record — a failure after sending, no body, an empty list, several
    /// records, a body that does not decode — is [`Error::WriteUncertain`]: the
    /// record may or may not have been saved, and the call is never retried.
    pub async fn send(self) -> Result<T> {
        let records = self.validated()?;
        if records.len() != 1 {
            return Err(Error::config(format!(
                "send() saves one record, {} were given: use send_batch()",
                records.len()
            )));
        }
        let saved = self.post_chunk(records).await?;
        match <[T; 1]>::try_from(saved) {
            Ok([record]) => Ok(record),
            // post_chunk already checked the count; this is defensive.
            Err(saved) => Err(self.uncertain(format!(
                "Halo answered with {} records for 1 sent",
                saved.len()
            ))),
        }
    }

    /// Sends all records in POSTs of up to 100, in order, stopping at the first
    /// failure (see [`BatchError`]). A failed POST is never retried blindly. Each
    /// POST's reply must hold exactly as many records as were sent; anything else
    /// stops the batch with [`Error::WriteUncertain`] for that chunk.
    pub async fn send_batch(self) -> std::result::Result<Vec<T>, BatchError<T>> {
        let records = match self.validated() {
            Ok(records) => records,
            Err(error) => {
                return Err(BatchError {
                    saved: Vec::new(),
                    first_unconfirmed: 0,
                    error,
                });
            }
        };
        let mut saved = Vec::with_capacity(records.len());
        for (chunk_index, chunk) in records.chunks(MAX_BATCH).enumerate() {
            match self.post_chunk(chunk).await {
                Ok(mut chunk_saved) => saved.append(&mut chunk_saved),
                Err(error) => {
                    return Err(BatchError {
                        saved,
                        first_unconfirmed: chunk_index * MAX_BATCH,
                        error,
                    });
                }
            }
        }
        Ok(saved)
    }

    /// The error of a write that reached Halo but whose reply does not show what
    /// was saved.
    fn uncertain(&self, message: String) -> Error {
        uncertain_write(self.def, message, &[])
    }

    /// POSTs one chunk and returns the saved records, one per record sent.
    async fn post_chunk(&self, chunk: &[Value]) -> Result<Vec<T>> {
        let request = ApiRequest::post(api_path(self.def.path))
            .json(chunk)?
            .requirement(self.def.operation(
                Access::Write,
                match self.mode {
                    SaveMode::Create => "create",
                    SaveMode::Update => "update",
                },
            ))
            .approval(self.approval.clone())
            .options(self.options.clone());
        let response = self.client.transport().send(request).await?;
        let body = response.body();
        let sent = chunk.len();
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        let saved = match first {
            None => {
                return Err(uncertain_write(
                    self.def,
                    format!(
                        "Halo accepted the write of {sent} record(s) but answered with no body, so what it saved (and the ids it assigned) is unknown"
                    ),
                    body,
                ));
            }
            Some(b'[') => decode_json::<Vec<T>>(body),
            Some(_) => decode_json::<T>(body).map(|record| vec![record]),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                return Err(Error::WriteUncertain {
                    method: Method::POST,
                    path: api_path(self.def.path),
                    source: Box::new(error),
                });
            }
        };
        if saved.len() != sent {
            return Err(uncertain_write(
                self.def,
                format!(
                    "Halo answered with {} record(s) for {sent} sent, so which were saved is unknown",
                    saved.len()
                ),
                body,
            ));
        }
        Ok(saved)
    }
}

/// Whether a record's `id` is set: not `null`, `0` or an empty string.
fn has_value(id: &Value) -> bool {
    match id {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        other => *other != 0,
    }
}

/// [`Error::WriteUncertain`] for a POST to `def` whose reply was odd: the source
/// is a decode error at `.` saying what was odd, with a snippet of the body.
fn uncertain_write(def: &ResourceDef, message: String, body: &[u8]) -> Error {
    let source = Error::Decode {
        path: ".".to_owned(),
        snippet: redact_snippet(body, 120),
        source: <serde_json::Error as serde::de::Error>::custom(message),
    };
    Error::WriteUncertain {
        method: Method::POST,
        path: api_path(def.path),
        source: Box::new(source),
    }
}

/// Deletes one record. Ends in [`DeleteRequest::send`].
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

    /// Per-request overrides (timeouts, attempts).
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
            .options(self.options);
        self.client.transport().send(request).await.map(|_| ())
    }
}

/// `/X/{id}`; an empty id is refused before anything is sent.
fn record_path(def: &ResourceDef, id: &str) -> Result<String> {
    let id = id.trim();
    if id.is_empty() {
        return Err(Error::config(format!(
            "the id of the {} is empty",
            def.noun
        )));
    }
    Ok(format!("/{}/{}", def.path, encode_path_segment(id)))
}
