//! Configuration lists: statuses, priorities, categories, teams, agents, ticket
//! types and workflows. Sensitive: read-only unless turned on. Read with
//! `read:tickets`, written with `admin`. Unpaginated, Halo returns these as bare
//! arrays; the pager accepts both shapes.

use neo_auth_core::{ApiRequest, Result};

use crate::models::{Agent, Category, Priority, Status, Team, TicketType, Workflow};
use crate::scopes::requirements;

resource! {
    /// Ticket statuses.
    statuses -> Status, STATUSES = ("Status", "status", requirements::CONFIGURATION)
}
resource! {
    /// Priorities (their `id` is a UUID string; `priorityid` is the number).
    priorities -> Priority, PRIORITIES = ("Priority", "priority", requirements::CONFIGURATION)
}
resource! {
    /// Ticket categories.
    categories -> Category, CATEGORIES = ("Category", "category", requirements::CONFIGURATION)
}
resource! {
    /// Teams.
    teams -> Team, TEAMS = ("Team", "team", requirements::CONFIGURATION)
}
resource! {
    /// Agents.
    agents -> Agent, AGENTS = ("Agent", "agent", requirements::CONFIGURATION)
}
resource! {
    /// Ticket types.
    ticket_types -> TicketType, TICKET_TYPES = ("TicketType", "ticket type", requirements::CONFIGURATION)
}
resource! {
    /// Workflows.
    workflows -> Workflow, WORKFLOWS = ("Workflow", "workflow", requirements::CONFIGURATION)
}

impl crate::Client {
    /// The agent the application logs in as (`GET /Agent/me`). Every request is
    /// attributed to this agent. Needs only a valid token.
    pub async fn whoami(&self) -> Result<Agent> {
        self.transport()
            .send_json(ApiRequest::get("/Agent/me"))
            .await
    }
}
