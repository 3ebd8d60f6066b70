//! The shape every Halo resource shares: `GET /X`, `GET /X/{id}`, `POST /X` with a
//! JSON array (create, or update when `id` is set), `DELETE /X/{id}`.

use std::fmt;
use std::marker::PhantomData;

use neo_auth_core::{
    Access, ApiRequest, Approval, Error, RequestOptions, Requirement, Result, decode_json,
    encode_path_segment,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{Client, api_path};
use crate::list::ListRequest;
use crate::scopes::ResourceRequirements;

/// Halo accepts at most this many records in one POST.
pub const MAX_BATCH: usize = 100;

/// A Halo resource: its path and what reading and writing it requires.
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
        GetRequest::new(self.client.clone(), self.def, id)
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
        DeleteRequest::new(self.client.clone(), self.def, id)
    }
}

/// Reads one record. Ends in [`GetRequest::send`].
#[must_use]
pub struct GetRequest<T> {
    client: Client,
    def: &'static ResourceDef,
    id: i64,
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
    pub(crate) fn new(client: Client, def: &'static ResourceDef, id: i64) -> Self {
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
        if let Some(key) = self.def.parent_key {
            if !self.params.iter().any(|(k, _)| k == key) {
                return Err(Error::config(format!(
                    "reading one {} needs `{key}` (ids restart for every parent)",
                    self.def.noun
                )));
            }
        }
        let request = ApiRequest::get(record_path(self.def, self.id))
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
            let has_id = object.get("id").is_some_and(|id| !id.is_null() && id != 0);
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
            if let Some(key) = self.def.parent_key {
                if object.get(key).is_none_or(|v| v.is_null() || *v == 0) {
                    return Err(Error::config(format!(
                        "record {index} has no `{key}`: every {} belongs to one",
                        self.def.noun
                    )));
                }
            }
        }
        Ok(records)
    }

    /// Sends a single-record request and returns the saved record.
    ///
    /// If Halo answers with no body, the submitted record is returned as it was sent
    /// (without server-assigned fields) and a warning is logged.
    pub async fn send(self) -> Result<T> {
        let records = self.validated()?;
        if records.len() != 1 {
            return Err(Error::config(format!(
                "send() saves one record, {} were given: use send_batch()",
                records.len()
            )));
        }
        let mut saved = self.post_chunk(records).await?;
        match saved.pop() {
            Some(record) => Ok(record),
            None => Err(Error::config(
                "Halo returned an empty list for a saved record",
            )),
        }
    }

    /// Sends all records in POSTs of up to 100, in order, stopping at the first
    /// failure (see [`BatchError`]). A failed POST is never retried blindly.
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
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        match first {
            Some(b'[') => decode_json::<Vec<T>>(body),
            Some(_) => Ok(vec![decode_json::<T>(body)?]),
            None => {
                tracing::warn!(
                    path = self.def.path,
                    "Halo accepted the write but returned no body; returning the records as sent"
                );
                chunk
                    .iter()
                    .map(|v| {
                        serde_json::from_value(v.clone()).map_err(|e| Error::Decode {
                            path: ".".into(),
                            snippet: String::new(),
                            source: e,
                        })
                    })
                    .collect()
            }
        }
    }
}

/// Deletes one record. Ends in [`DeleteRequest::send`].
#[must_use]
#[derive(Debug)]
pub struct DeleteRequest {
    client: Client,
    def: &'static ResourceDef,
    id: i64,
    params: Vec<(String, String)>,
    approval: Option<Approval>,
    options: RequestOptions,
}

impl DeleteRequest {
    pub(crate) fn new(client: Client, def: &'static ResourceDef, id: i64) -> Self {
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
        if let Some(key) = self.def.parent_key {
            if !self.params.iter().any(|(k, _)| k == key) {
                return Err(Error::config(format!(
                    "deleting a {} needs `{key}`",
                    self.def.noun
                )));
            }
        }
        let request = ApiRequest::delete(record_path(self.def, self.id))
            .queries(self.params)
            .requirement(self.def.operation(Access::Write, "delete"))
            .approval(self.approval)
            .options(self.options);
        self.client.transport().send(request).await.map(|_| ())
    }
}

fn record_path(def: &ResourceDef, id: i64) -> String {
    format!("/{}/{}", def.path, encode_path_segment(&id.to_string()))
}
