//! The handler every Halo resource shares — `GET /X`, `GET /X/{id}`, `POST /X`
//! with a JSON array (create, or update when `id` is set), `DELETE /X/{id}` —
//! built from the resource's entry in [`endpoints`](crate::endpoints) on the
//! core's calls:
//!
//! - [`Resource::list`]: the endpoint's list type ([`Record::List`]) on
//!   [`ListCall`](neo_auth_core::ListCall);
//! - [`GetRequest`] and [`DeleteRequest`] (`single.rs`) on
//!   [`GetCall`](neo_auth_core::GetCall) and [`DeleteCall`](neo_auth_core::DeleteCall)
//!   (a delete is never retried unless asked);
//! - [`SaveRequest`] (`save.rs`) on [`WriteCall`](neo_auth_core::WriteCall) and
//!   [`send_chunked`](neo_auth_core::send_chunked).
//!
//! A write that reached Halo is only reported as done when the reply accounts for
//! every record sent: an empty body, an empty list, a different number of records
//! or a reply that does not decode is [`Error::WriteUncertain`](crate::Error::WriteUncertain)
//! (never retried).

mod save;
mod single;

use std::fmt;
use std::marker::PhantomData;

use neo_auth_core::{EndpointSpec, RecordId};

use crate::client::Client;
use crate::list::{Record, list_call};

pub(crate) use save::SaveMode;
pub use save::{MAX_BATCH, SaveRequest};
pub use single::{DeleteRequest, GetRequest};

/// The handler of one resource: `client.tickets()`, `client.assets()`, …
pub struct Resource<T> {
    client: Client,
    spec: &'static EndpointSpec,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("path", &self.spec.path)
            .finish()
    }
}

impl<T: Record> Resource<T> {
    pub(crate) fn new(client: &Client, spec: &'static EndpointSpec) -> Self {
        Resource {
            client: client.clone(),
            spec,
            _item: PhantomData,
        }
    }

    /// The client the handler sends with.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// What the SDK knows of the resource: its path, paging, list envelope and
    /// per-verb requirements.
    pub fn definition(&self) -> &'static EndpointSpec {
        self.spec
    }

    /// Lists records (`GET /X`): the endpoint's list type, with the filters it
    /// honours. Paged lists stream page by page (`pageinate`, `page_no`,
    /// `page_size`), following `record_count` and the records actually returned,
    /// in the stable order `order=id` unless one is chosen; unpaged lists are
    /// one GET. No record is yielded twice, and a page that brings no new record
    /// fails as stalled.
    pub fn list(&self) -> T::List {
        T::List::from(list_call(&self.client, self.spec))
    }

    /// Reads one record (`GET /X/{id}`).
    pub fn get(&self, id: impl Into<RecordId>) -> GetRequest<T> {
        GetRequest::new(self.client.clone(), self.spec, id.into())
    }

    /// Creates one record (`POST /X` with a one-element array). The record must not
    /// carry an `id` (in Halo that would update an existing record).
    pub fn create(&self, record: &T) -> SaveRequest<T> {
        SaveRequest::new(
            self.client.clone(),
            self.spec,
            SaveMode::Create,
            std::slice::from_ref(record),
        )
    }

    /// Updates one record (`POST /X` with `id` set). Only the fields set are sent.
    pub fn update(&self, record: &T) -> SaveRequest<T> {
        SaveRequest::new(
            self.client.clone(),
            self.spec,
            SaveMode::Update,
            std::slice::from_ref(record),
        )
    }

    /// Creates many records, in POSTs of up to [`MAX_BATCH`].
    pub fn create_batch(&self, records: &[T]) -> SaveRequest<T> {
        SaveRequest::new(self.client.clone(), self.spec, SaveMode::Create, records)
    }

    /// Updates many records (each with `id`), in POSTs of up to [`MAX_BATCH`].
    pub fn update_batch(&self, records: &[T]) -> SaveRequest<T> {
        SaveRequest::new(self.client.clone(), self.spec, SaveMode::Update, records)
    }

    /// Deletes one record (`DELETE /X/{id}`).
    pub fn delete(&self, id: impl Into<RecordId>) -> DeleteRequest {
        DeleteRequest::new(self.client.clone(), self.spec, id.into())
    }
}
