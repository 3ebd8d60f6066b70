//! [`SaveRequest`]: `POST /X` with a JSON array — create, or update when `id`
//! is set — on the core's [`WriteCall`] (scope, policy and approval checked
//! before sending; never retried after it may have reached Halo) and
//! [`send_chunked`] (batches of [`MAX_BATCH`]).
//!
//! What stays here is Halo's reply rule: a 2xx reply confirms the write only
//! when it holds one saved record per record sent (an array, or one object for
//! one record), each with the id Halo assigned when creating.

use std::fmt;
use std::marker::PhantomData;

use http::Method;
use neo_auth_core::Approval;
use neo_auth_core::{
    BatchError, EndpointSpec, Error, RequestOptions, Result, SaveOutcome, Verb, WriteCall,
    decode_json, send_chunked,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::client::Client;

/// Halo accepts at most this many records in one POST.
pub const MAX_BATCH: usize = 100;

/// Create or update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SaveMode {
    Create,
    Update,
}

impl SaveMode {
    fn verb(self) -> Verb {
        match self {
            SaveMode::Create => Verb::Create,
            SaveMode::Update => Verb::Update,
        }
    }
}

/// Creates or updates records. Ends in [`SaveRequest::send`] (one record),
/// [`SaveRequest::send_batch`] (many) or [`SaveRequest::send_unconfirmed`].
#[must_use]
pub struct SaveRequest<T> {
    client: Client,
    spec: &'static EndpointSpec,
    mode: SaveMode,
    records: std::result::Result<Vec<Value>, String>,
    approval: Option<Approval>,
    options: RequestOptions,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for SaveRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SaveRequest")
            .field("path", &self.spec.path)
            .field("mode", &self.mode)
            .field("records", &self.records.as_ref().map(Vec::len))
            .field("approval", &self.approval)
            .finish()
    }
}

/// Why a 2xx reply does not confirm the records.
enum NotShown {
    /// The reply does not decode as records (the error names the path).
    Undecodable(Error),
    /// No body, a different number of records, a created record without an id.
    Unconfirmed(String),
}

impl<T> SaveRequest<T>
where
    T: Serialize + DeserializeOwned + Send + 'static,
{
    pub(crate) fn new(
        client: Client,
        spec: &'static EndpointSpec,
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
            spec,
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
        let noun = self.spec.noun;
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
                        "record {index} has an id: in Halo a POST with an id updates that {noun}; use update()"
                    )));
                }
                (SaveMode::Update, false) => {
                    return Err(Error::config(format!(
                        "record {index} has no id: an update needs the id of the {noun} to change"
                    )));
                }
                _ => {}
            }
            if let Some(key) = self.spec.parent_key
                && object.get(key).is_none_or(|v| v.is_null() || *v == 0)
            {
                return Err(Error::config(format!(
                    "record {index} has no `{key}`: every {noun} belongs to one"
                )));
            }
        }
        Ok(records)
    }

    /// The POST of one chunk, its reply kept raw for Halo's reply rule.
    fn write(&self, chunk: &[Value]) -> WriteCall<Box<RawValue>> {
        let mut call = WriteCall::endpoint(
            self.client.transport().clone(),
            self.spec,
            self.mode.verb(),
            Method::POST,
        )
        .json(chunk)
        .options(self.options.clone());
        if let Some(approval) = &self.approval {
            call = call.approval(approval.clone());
        }
        call
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
        let mut saved = self.post_chunk(records.to_vec()).await?;
        // post_chunk checked the count.
        saved
            .pop()
            .ok_or_else(|| self.uncertain("Halo answered with 0 records for 1 sent".into(), b""))
    }

    /// Sends all records in POSTs of up to [`MAX_BATCH`], in order, stopping at
    /// the first failure (see [`BatchError`]: which records were saved, which may
    /// have been, which were never sent). A failed POST is never retried
    /// blindly. Each POST's reply must hold exactly as many records as were
    /// sent; anything else stops the batch with [`Error::WriteUncertain`] for
    /// that chunk.
    pub async fn send_batch(self) -> std::result::Result<Vec<T>, BatchError<T>> {
        let total = self.records.as_ref().map_or(0, Vec::len);
        let records = match self.validated() {
            Ok(records) => records,
            Err(error) => return Err(BatchError::refused(total, MAX_BATCH, error)),
        };
        send_chunked(records, MAX_BATCH, |_, chunk| {
            self.post_chunk(chunk.to_vec())
        })
        .await
    }

    /// Sends the records in one POST (at most [`MAX_BATCH`]) and reports what
    /// Halo's reply shows, without insisting on it.
    ///
    /// [`SaveRequest::send`] and [`SaveRequest::send_batch`] treat a 2xx reply
    /// that does not hold exactly the saved records (no body, a different count,
    /// a shape that does not decode) as [`Error::WriteUncertain`]. Halo's reply
    /// shapes are not documented, so an integration that meets an instance
    /// answering differently can accept such a reply here instead: it gets
    /// [`SaveOutcome::Unconfirmed`] with the reason and a redacted snippet of the
    /// body. Everything else is unchanged: the scope, policy and approval checks
    /// run first, the POST is never retried blindly, and an error status or a
    /// failure after sending is still an error.
    ///
    /// ```no_run
    /// use halopsa_client::{SaveOutcome, models::Ticket};
    /// # async fn run(client: halopsa_client::Client) -> neo_auth_core::Result<()> {
    /// let ticket = Ticket { summary: Some("Printer offline".into()), client_id: Some(12), ..Default::default() };
    /// match client.tickets().create(&ticket).send_unconfirmed().await? {
    ///     SaveOutcome::Confirmed(saved) => println!("saved as {:?}", saved[0].id),
    ///     SaveOutcome::Unconfirmed { why, .. } => println!("accepted, unconfirmed: {why}"),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn send_unconfirmed(self) -> Result<SaveOutcome<Vec<T>>> {
        let records = self.validated()?;
        if records.len() > MAX_BATCH {
            return Err(Error::config(format!(
                "send_unconfirmed() sends one POST of at most {MAX_BATCH} records, {} were given: use send_batch()",
                records.len()
            )));
        }
        let (sent, mode) = (records.len(), self.mode);
        let outcome = self
            .write(records)
            .confirm(move |raw| match read_saved::<T>(raw, sent, mode) {
                Ok(_) => Ok(()),
                Err(NotShown::Unconfirmed(why)) => Err(why),
                Err(NotShown::Undecodable(error)) => Err(format!(
                    "Halo accepted the write of {sent} record(s) but its reply does not decode: {error}"
                )),
            })
            .send_unconfirmed()
            .await?;
        // The confirmation check read the same reply: it decodes.
        Ok(outcome.map(|raw| read_saved(&raw, sent, mode).unwrap_or_default()))
    }

    /// POSTs one chunk and returns the saved records, one per record sent; a
    /// reply that does not show them is [`Error::WriteUncertain`].
    async fn post_chunk(&self, chunk: Vec<Value>) -> Result<Vec<T>> {
        let raw = self.write(&chunk).send().await?;
        read_saved(&raw, chunk.len(), self.mode).map_err(|not_shown| match not_shown {
            NotShown::Undecodable(error) => {
                Error::write_uncertain(Method::POST, self.spec.path, error)
            }
            NotShown::Unconfirmed(why) => self.uncertain(why, raw.get().as_bytes()),
        })
    }

    /// The error of a write that reached Halo but whose reply does not show what
    /// was saved.
    fn uncertain(&self, why: String, body: &[u8]) -> Error {
        Error::unconfirmed_write(Method::POST, self.spec.path, why, body)
    }
}

/// Halo's reply rule: the saved records, one per record sent (`sent`), each
/// with an id when creating. A blank reply reaches here as JSON `null`.
fn read_saved<T: DeserializeOwned>(
    raw: &RawValue,
    sent: usize,
    mode: SaveMode,
) -> std::result::Result<Vec<T>, NotShown> {
    let body = raw.get().trim_start();
    let saved = match body.as_bytes().first() {
        None | Some(b'n') => {
            return Err(NotShown::Unconfirmed(format!(
                "Halo accepted the write of {sent} record(s) but answered with no body, so what it saved (and the ids it assigned) is unknown"
            )));
        }
        Some(b'[') => decode_json::<Vec<T>>(body.as_bytes()),
        Some(_) => decode_json::<T>(body.as_bytes()).map(|record| vec![record]),
    }
    .map_err(NotShown::Undecodable)?;
    if saved.len() != sent {
        return Err(NotShown::Unconfirmed(format!(
            "Halo answered with {} record(s) for {sent} sent, so which were saved is unknown",
            saved.len()
        )));
    }
    if mode == SaveMode::Create && !every_reply_record_has_an_id(body.as_bytes()) {
        return Err(NotShown::Unconfirmed(format!(
            "Halo's reply to the creation of {sent} record(s) holds a record without an id, so what it saved is unknown"
        )));
    }
    Ok(saved)
}

/// Whether every record of a (decoded) reply carries the id Halo assigned.
fn every_reply_record_has_an_id(body: &[u8]) -> bool {
    let has_id = |record: &Value| record.get("id").is_some_and(has_value);
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(records)) => records.iter().all(has_id),
        Ok(record) => has_id(&record),
        Err(_) => false,
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
