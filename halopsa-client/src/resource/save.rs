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

    /// POSTs one chunk and returns the saved records, one per record sent.
    pub(super) async fn post_chunk(&self, chunk: &[Value]) -> Result<Vec<T>> {
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
