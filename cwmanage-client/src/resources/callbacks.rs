//! Callback registrations (`/system/callbacks`); the policy area is `callbacks`.

use neo_auth_core::RecordId;

use crate::calls::{DeleteRequest, GetRequest, WriteRequest, has_id};
use crate::client::Client;
use crate::endpoints::CALLBACKS;
use crate::list::{CountRequest, ListRequest};
use crate::models::CallbackEntry;

/// `client.callbacks()`.
#[derive(Clone, Copy, Debug)]
pub struct Callbacks<'a> {
    pub(crate) client: &'a Client,
}

impl Callbacks<'_> {
    /// Lists registrations.
    pub fn list(&self) -> ListRequest<CallbackEntry> {
        ListRequest::new(self.client.clone(), &CALLBACKS, None)
    }

    /// Reads one registration.
    pub fn get(&self, id: i64) -> GetRequest<CallbackEntry> {
        GetRequest::new(self.client.clone(), &CALLBACKS.spec, RecordId::from(id))
    }

    /// Counts registrations.
    pub fn count(&self) -> CountRequest {
        CountRequest::new(self.client.clone(), &CALLBACKS, None)
    }

    /// Registers a callback (`POST /system/callbacks`). A duplicate answers 400
    /// `InvalidObject` / `ObjectExists` on `objectId`.
    pub fn register(&self, entry: &CallbackEntry) -> WriteRequest<CallbackEntry> {
        WriteRequest::create(self.client.clone(), &CALLBACKS.spec, entry)
            .confirmed_by(|e: &CallbackEntry| has_id(e.id))
    }

    /// Deletes a registration (`DELETE /system/callbacks/{id}`).
    pub fn delete(&self, id: i64) -> DeleteRequest {
        DeleteRequest::new(self.client.clone(), &CALLBACKS.spec, RecordId::from(id))
    }
}
