//! The shape every Halo resource shares: `GET /X`, `GET /X/{id}`, `POST /X` with a
//! JSON array (create, or update when `id` is set), `DELETE /X/{id}`.
//!
//! - [`ResourceDef`]: a resource's path, list shape and requirements (`endpoints.rs`);
//! - [`Resource`]: the handler returned by `client.tickets()` and friends (here);
//! - [`GetRequest`] (`get.rs`), [`SaveRequest`] (`save.rs`), its batch form and
//!   [`BatchError`] (`batch.rs`), [`DeleteRequest`] (`delete.rs`).
//!
//! A write that reached Halo is only reported as done when the reply accounts for
//! every record sent: an empty body, an empty list, a different number of records
//! or a reply that does not decode is [`Error::WriteUncertain`] (never retried).

mod batch;
mod delete;
mod get;
mod save;

use std::fmt;
use std::marker::PhantomData;

use neo_auth_core::{Error, Result, encode_path_segment};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::list::ListRequest;

pub use crate::endpoints::ResourceDef;
pub use batch::{BatchError, MAX_BATCH};
pub use delete::DeleteRequest;
pub use get::GetRequest;
pub(crate) use save::SaveMode;
pub use save::{SaveOutcome, SaveRequest};

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
