//! [`SaveRequest`]: `POST /X` with a JSON array — create, or update when `id` is set.

use std::fmt;
use std::marker::PhantomData;

use http::Method;
use neo_auth_core::{
    Access, ApiRequest, Approval, Error, RequestOptions, Result, decode_json, redact_snippet,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ResourceDef;
use crate::client::{Client, api_path};

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

    pub(super) fn validated(&self) -> Result<&[Value]> {
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

    /// The error of a write that reached Halo but whose reply does not show what
    /// was saved.
    fn uncertain(&self, message: String) -> Error {
        uncertain_write(self.def, message, &[])
    }

    /// POSTs one chunk and returns the saved records, one per record sent; a
    /// reply that does not show them is [`Error::WriteUncertain`].
    pub(super) async fn post_chunk(&self, chunk: &[Value]) -> Result<Vec<T>> {
        match self.post_chunk_checked(chunk).await? {
            Checked::Confirmed(saved) => Ok(saved),
            Checked::Undecodable { error, .. } => Err(Error::WriteUncertain {
                method: Method::POST,
                path: api_path(self.def.path),
                source: Box::new(error),
            }),
            Checked::Unconfirmed(unconfirmed) => Err(uncertain_write(
                self.def,
                unconfirmed.why,
                unconfirmed.body.as_bytes(),
            )),
        }
    }

    /// Sends the records in one POST (at most [`MAX_BATCH`](super::MAX_BATCH))
    /// and reports what Halo's reply shows, without insisting on it.
    ///
    /// [`SaveRequest::send`] and [`SaveRequest::send_batch`] treat a 2xx reply
    /// that does not hold exactly the saved records (no body, a different count,
    /// a shape that does not decode) as [`Error::WriteUncertain`]. Halo's reply
    /// shapes are not documented, so an integration that meets an instance
    /// answering differently can accept such a reply here instead: it gets
    /// [`SaveOutcome::Accepted`] with the reason and a redacted snippet of the
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
    ///     SaveOutcome::Accepted { why, .. } => println!("accepted, unconfirmed: {why}"),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn send_unconfirmed(self) -> Result<SaveOutcome<T>> {
        let records = self.validated()?;
        if records.len() > super::MAX_BATCH {
            return Err(Error::config(format!(
                "send_unconfirmed() sends one POST of at most {} records, {} were given: use send_batch()",
                super::MAX_BATCH,
                records.len()
            )));
        }
        Ok(match self.post_chunk_checked(records).await? {
            Checked::Confirmed(saved) => SaveOutcome::Confirmed(saved),
            Checked::Undecodable {
                error,
                mut accepted,
            } => {
                accepted.why = format!("{}: {error}", accepted.why);
                accepted.into_outcome()
            }
            Checked::Unconfirmed(accepted) => accepted.into_outcome(),
        })
    }

    /// POSTs one chunk and reads what the 2xx reply shows.
    async fn post_chunk_checked(&self, chunk: &[Value]) -> Result<Checked<T>> {
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
        let status = response.status();
        let body = response.body();
        let sent = chunk.len();
        let accepted = |why: String| Unconfirmed {
            sent,
            status,
            why,
            body: redact_snippet(body, 500),
        };
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        let saved = match first {
            None => {
                return Ok(Checked::Unconfirmed(accepted(format!(
                    "Halo accepted the write of {sent} record(s) but answered with no body, so what it saved (and the ids it assigned) is unknown"
                ))));
            }
            Some(b'[') => decode_json::<Vec<T>>(body),
            Some(_) => decode_json::<T>(body).map(|record| vec![record]),
        };
        let saved = match saved {
            Ok(saved) => saved,
            Err(error) => {
                return Ok(Checked::Undecodable {
                    error,
                    accepted: accepted(format!(
                        "Halo accepted the write of {sent} record(s) but its reply does not decode"
                    )),
                });
            }
        };
        if saved.len() != sent {
            return Ok(Checked::Unconfirmed(accepted(format!(
                "Halo answered with {} record(s) for {sent} sent, so which were saved is unknown",
                saved.len()
            ))));
        }
        if self.mode == SaveMode::Create && !every_reply_record_has_an_id(body) {
            return Ok(Checked::Unconfirmed(accepted(format!(
                "Halo's reply to the creation of {sent} record(s) holds a record without an id, so what it saved is unknown"
            ))));
        }
        Ok(Checked::Confirmed(saved))
    }
}

/// What a 2xx reply to one POST shows, before the caller decides how strict to be.
enum Checked<T> {
    /// One saved record per record sent.
    Confirmed(Vec<T>),
    /// The reply does not decode as records (the decode error names the path).
    Undecodable { error: Error, accepted: Unconfirmed },
    /// No body, or a different number of records.
    Unconfirmed(Unconfirmed),
}

/// The facts of a 2xx reply that does not confirm the records.
struct Unconfirmed {
    sent: usize,
    status: http::StatusCode,
    why: String,
    body: String,
}

impl Unconfirmed {
    fn into_outcome<T>(self) -> SaveOutcome<T> {
        SaveOutcome::Accepted {
            sent: self.sent,
            status: self.status,
            why: self.why,
            body: self.body,
        }
    }
}

/// What one POST's 2xx reply shows (see [`SaveRequest::send_unconfirmed`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum SaveOutcome<T> {
    /// The reply holds the saved records, one per record sent, in order (a
    /// create's records each with the id Halo assigned).
    Confirmed(Vec<T>),
    /// Halo accepted the POST (a 2xx status) but the reply does not show what
    /// was saved: the records were probably saved; read them back to be sure.
    Accepted {
        /// Records sent.
        sent: usize,
        /// The reply's status.
        status: http::StatusCode,
        /// Why the reply does not confirm the records.
        why: String,
        /// A short, redacted snippet of the reply body.
        body: String,
    },
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

/// [`Error::WriteUncertain`] for a POST to `def` whose reply was odd: the source
/// is a decode error at `.` saying what was odd, with a snippet of the body.
fn uncertain_write(def: &ResourceDef, message: String, body: &[u8]) -> Error {
    let source = Error::decode(".", body, message);
    Error::WriteUncertain {
        method: Method::POST,
        path: api_path(def.path),
        source: Box::new(source),
    }
}
