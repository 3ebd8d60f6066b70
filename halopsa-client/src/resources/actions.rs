//! Actions: notes and time entries on tickets (`/Actions`). Write area, under the
//! `tickets` scope (Halo has no `:actions` scope).
//!
//! **Action ids restart on every ticket** (every ticket has an action 1), so an
//! action is keyed by `(ticket_id, id)`: listing, reading and deleting all take the
//! ticket id, and created actions must carry `ticket_id`.
//!
//! `GET /Actions` is not paginated (the spec gives it no `pageinate` / `page_no`):
//! one GET returns every action of the ticket, under the list key `actions`.

use crate::endpoints::ACTIONS;
use crate::list::ActionList;
use crate::models::Action;
use crate::resource::{DeleteRequest, GetRequest, Resource, SaveRequest};

/// The actions handler: `client.actions()`.
#[derive(Debug)]
pub struct Actions {
    inner: Resource<Action>,
}

impl crate::Client {
    /// Actions (notes, time entries), keyed by ticket.
    pub fn actions(&self) -> Actions {
        Actions {
            inner: Resource::new(self, &ACTIONS),
        }
    }
}

impl Actions {
    /// The client the handler sends with.
    pub(crate) fn client(&self) -> &crate::Client {
        self.inner.client()
    }

    /// What the SDK knows of `/Actions`.
    pub fn definition(&self) -> &'static neo_auth_core::EndpointSpec {
        self.inner.definition()
    }

    /// The actions of one ticket (one GET: the list is not paginated).
    pub fn list(&self, ticket_id: i64) -> ActionList {
        self.inner.list().param("ticket_id", ticket_id)
    }

    /// One action of one ticket.
    pub fn get(&self, ticket_id: i64, action_id: i64) -> GetRequest<Action> {
        self.inner.get(action_id).parent(ticket_id)
    }

    /// Adds an action (note or time entry); `ticket_id` must be set.
    pub fn create(&self, action: &Action) -> SaveRequest<Action> {
        self.inner.create(action)
    }

    /// Updates an action; `ticket_id` and `id` must be set.
    pub fn update(&self, action: &Action) -> SaveRequest<Action> {
        self.inner.update(action)
    }

    /// Adds many actions, in POSTs of up to 100.
    pub fn create_batch(&self, actions: &[Action]) -> SaveRequest<Action> {
        self.inner.create_batch(actions)
    }

    /// Updates many actions (each with `ticket_id` and `id`), in POSTs of up to 100.
    pub fn update_batch(&self, actions: &[Action]) -> SaveRequest<Action> {
        self.inner.update_batch(actions)
    }

    /// Deletes one action of one ticket.
    pub fn delete(&self, ticket_id: i64, action_id: i64) -> DeleteRequest {
        self.inner.delete(action_id).parent(ticket_id)
    }
}
