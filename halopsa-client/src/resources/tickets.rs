//! Tickets (`/Tickets`, schema `Faults`). Write area; scope `read:tickets` / `edit:tickets`.

use crate::models::Ticket;
use crate::scopes::requirements;

resource! {
    /// Tickets: list (with the typed filters of [`ListRequest`](crate::ListRequest)),
    /// get, create, update, batch, delete (with a reason).
    tickets -> Ticket, TICKETS = ("Tickets", "ticket", requirements::TICKETS),
        key = Some("tickets"), paginated = true
}
