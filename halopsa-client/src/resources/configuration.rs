//! Configuration lists: statuses, priorities, categories, teams, agents, ticket
//! types and workflows (their accessors are in the resources table; priorities
//! have their own handler here). Sensitive: read-only unless turned on. Read with
//! `read:tickets`, written with `admin`.
//!
//! None of these lists is paginated: the spec gives their `GET` no `pageinate` /
//! `page_no`, so the SDK reads each with one GET without paging parameters and
//! takes the reply as the whole list. Halo returns them as bare arrays; a wrapped
//! reply (`{"statuses": [...]}`, with or without `record_count`) is accepted too.
//!
//! Priorities have **string** ids (a UUID; `priorityid` is the number tickets
//! carry), so they have their own handler, [`Priorities`], whose `get` and
//! `delete` take the string.

use neo_auth_core::{Access, ApiRequest, Requirement, Result};

use crate::endpoints::PRIORITIES;
use crate::list::PriorityList;
use crate::models::{Agent, Priority};
use crate::resource::{DeleteRequest, GetRequest, Resource, SaveRequest};

/// The priorities handler: `client.priorities()`. A priority's `id` is a UUID
/// string (`GET /Priority/{id}` takes it); `priorityid` is the number tickets use.
#[derive(Debug)]
pub struct Priorities {
    inner: Resource<Priority>,
}

impl crate::Client {
    /// Priorities (their `id` is a UUID string; `priorityid` is the number).
    pub fn priorities(&self) -> Priorities {
        Priorities {
            inner: Resource::new(self, &PRIORITIES),
        }
    }

    /// The agent the application logs in as (`GET /Agent/me`). Every request is
    /// attributed to this agent. Needs only a valid token (no scope); the access
    /// policy sees it as a read of the [`identity`](crate::areas::IDENTITY) area.
    pub async fn whoami(&self) -> Result<Agent> {
        self.transport()
            .send_json(ApiRequest::get("/Agent/me").requirement(Requirement::new(
                "agents.me",
                crate::scopes::areas::IDENTITY,
                Access::Read,
            )))
            .await
    }
}

impl Priorities {
    /// What the SDK knows of `/Priority`.
    pub fn definition(&self) -> &'static neo_auth_core::EndpointSpec {
        self.inner.definition()
    }

    /// Every priority (one GET; the list is not paginated).
    pub fn list(&self) -> PriorityList {
        self.inner.list()
    }

    /// One priority by its UUID `id` (`GET /Priority/{id}`). An empty id is a
    /// configuration error, raised before sending.
    pub fn get(&self, id: impl AsRef<str>) -> GetRequest<Priority> {
        self.inner.get(id.as_ref())
    }

    /// Creates a priority (no `id`: Halo assigns the UUID).
    pub fn create(&self, priority: &Priority) -> SaveRequest<Priority> {
        self.inner.create(priority)
    }

    /// Updates a priority; its UUID `id` must be set.
    pub fn update(&self, priority: &Priority) -> SaveRequest<Priority> {
        self.inner.update(priority)
    }

    /// Creates many priorities, in POSTs of up to 100.
    pub fn create_batch(&self, priorities: &[Priority]) -> SaveRequest<Priority> {
        self.inner.create_batch(priorities)
    }

    /// Updates many priorities (each with its `id`), in POSTs of up to 100.
    pub fn update_batch(&self, priorities: &[Priority]) -> SaveRequest<Priority> {
        self.inner.update_batch(priorities)
    }

    /// Deletes one priority by its UUID `id` (`DELETE /Priority/{id}`).
    pub fn delete(&self, id: impl AsRef<str>) -> DeleteRequest {
        self.inner.delete(id.as_ref())
    }
}
