//! Configuration lists: statuses, priorities, categories, teams, agents, ticket
//! types and workflows. Sensitive: read-only unless turned on. Read with
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

use crate::list::ListRequest;
use crate::models::{Agent, Category, Priority, Status, Team, TicketType, Workflow};
use crate::resource::{DeleteRequest, GetRequest, Resource, ResourceDef, SaveRequest};
use crate::scopes::requirements;

resource! {
    /// Ticket statuses.
    statuses -> Status, STATUSES = ("Status", "status", requirements::CONFIGURATION),
        key = Some("statuses"), paginated = false
}
resource! {
    /// Ticket categories.
    categories -> Category, CATEGORIES = ("Category", "category", requirements::CONFIGURATION),
        key = Some("categories"), paginated = false
}
resource! {
    /// Teams.
    teams -> Team, TEAMS = ("Team", "team", requirements::CONFIGURATION),
        key = Some("teams"), paginated = false
}
resource! {
    /// Agents.
    agents -> Agent, AGENTS = ("Agent", "agent", requirements::CONFIGURATION),
        key = Some("agents"), paginated = false
}
resource! {
    /// Ticket types.
    ticket_types -> TicketType, TICKET_TYPES = ("TicketType", "ticket type", requirements::CONFIGURATION),
        key = None, paginated = false
}
resource! {
    /// Workflows.
    workflows -> Workflow, WORKFLOWS = ("Workflow", "workflow", requirements::CONFIGURATION),
        key = None, paginated = false
}

/// The `/Priority` resource (string ids; unpaginated; list key undocumented).
pub(crate) static PRIORITIES: ResourceDef = ResourceDef {
    path: "Priority",
    name: "priorities",
    noun: "priority",
    requirements: requirements::CONFIGURATION,
    parent_key: None,
    list_key: None,
    paginated: false,
};

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
    /// The resource's definition.
    pub fn definition(&self) -> &'static ResourceDef {
        self.inner.definition()
    }

    /// Every priority (one GET; the list is not paginated).
    pub fn list(&self) -> ListRequest<Priority> {
        self.inner.list()
    }

    /// One priority by its UUID `id` (`GET /Priority/{id}`). An empty id is a
    /// configuration error, raised before sending.
    pub fn get(&self, id: impl AsRef<str>) -> GetRequest<Priority> {
        self.inner.get_by_string_id(id.as_ref())
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
        self.inner.delete_by_string_id(id.as_ref())
    }
}
