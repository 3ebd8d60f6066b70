//! [`ResourceDef`]: what the SDK knows about one Halo resource — a leaf module
//! (it depends only on [`scopes`](crate::scopes)), so the list and resource
//! handlers that read it do not import each other through it.

use neo_auth_core::{Access, Requirement};

use crate::scopes::ResourceRequirements;

/// A Halo resource: its path, how its list is shaped and paged, and what reading
/// and writing it requires.
#[derive(Debug)]
#[non_exhaustive]
pub struct ResourceDef {
    /// The path under `/api` (`Tickets`).
    pub path: &'static str,
    /// The SDK's name of the resource, prefix of its operation names (`tickets`).
    pub name: &'static str,
    /// What the resource is called in messages (`ticket`).
    pub noun: &'static str,
    /// The requirements.
    pub requirements: ResourceRequirements,
    /// Query parameters every single-record request must carry (e.g. actions need `ticket_id`).
    pub parent_key: Option<&'static str>,
    /// The key a wrapped list reply holds the records under (`tickets`), as Halo's
    /// clients document it; `None` where it is undocumented. The items are taken
    /// from this key when the reply has it, else from the first array (see
    /// [`ListResponse`](crate::models::ListResponse)).
    pub list_key: Option<&'static str>,
    /// Whether `GET /X` takes Halo's `pageinate` / `page_size` / `page_no`. The
    /// OpenAPI spec gives them to the business lists (tickets, users, …) but not to
    /// `/Actions` and the configuration lists (`/Status`, `/Priority`, `/SLA`,
    /// `/Team`, `/Category`, `/TicketType`, `/Workflow`, `/Agent`): those are read
    /// with one GET without paging parameters, and that reply is the whole list.
    pub paginated: bool,
}

impl ResourceDef {
    /// The requirement of one concrete operation on this resource: the area's
    /// read or write requirement, named `tickets.list`, `tickets.create`, …
    pub fn operation(&self, access: Access, verb: &str) -> Requirement {
        let base = match access {
            Access::Write => &self.requirements.write,
            _ => &self.requirements.read,
        };
        base.clone().for_operation(format!("{}.{verb}", self.name))
    }
}
