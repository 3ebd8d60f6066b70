//! Service tickets and their notes (Service Tickets: Inquire, Add, Edit).

use neo_auth_core::{Approval, Error, RecordId, Result};

use crate::calls::{GetRequest, WriteRequest, has_id};
use crate::client::Client;
use crate::endpoints::{TICKET_NOTES, TICKETS};
use crate::list::{CountRequest, ListRequest};
use crate::models::{Ticket, TicketNote};
use crate::optional::Optional;
use crate::patch::PatchOp;
use crate::scopes::{MEMBER_INQUIRE, SECURITY_ROLE_TABLE};

/// `client.tickets()`.
#[derive(Clone, Copy, Debug)]
pub struct Tickets<'a> {
    pub(crate) client: &'a Client,
}

impl Tickets<'_> {
    /// Lists tickets (`GET /service/tickets`).
    pub fn list(&self) -> ListRequest<Ticket> {
        ListRequest::new(self.client.clone(), &TICKETS, None)
    }

    /// Reads one ticket.
    pub fn get(&self, id: i64) -> GetRequest<Ticket> {
        GetRequest::new(self.client.clone(), &TICKETS.spec, RecordId::from(id))
    }

    /// Counts tickets.
    pub fn count(&self) -> CountRequest {
        CountRequest::new(self.client.clone(), &TICKETS, None)
    }

    /// Opens a ticket (`POST /service/tickets`). Without a board it goes to
    /// the API member's default service board (`/system/myMembers`); without
    /// Member Maintenance Inquire that board is unknown and the ticket needs an
    /// explicit one.
    pub fn create(&self, ticket: &Ticket) -> CreateTicket {
        CreateTicket {
            client: self.client.clone(),
            explicit_board: ticket.board.is_some(),
            request: WriteRequest::create(self.client.clone(), &TICKETS.spec, ticket)
                .confirmed_by(|t: &Ticket| has_id(t.id)),
        }
    }

    /// Changes a ticket (`PATCH /service/tickets/{id}`).
    pub fn update(&self, id: i64, ops: Vec<PatchOp>) -> WriteRequest<Ticket> {
        WriteRequest::patch(self.client.clone(), &TICKETS.spec, RecordId::from(id), ops)
            .confirmed_by(|t: &Ticket| has_id(t.id))
    }

    /// The notes of one ticket.
    pub fn notes(&self, ticket_id: i64) -> TicketNotes<'_> {
        TicketNotes {
            client: self.client,
            ticket_id,
        }
    }
}

/// `POST /service/tickets`, filling in the default board when none is given.
#[must_use = "a write does nothing until sent"]
#[derive(Debug)]
pub struct CreateTicket {
    client: Client,
    explicit_board: bool,
    request: WriteRequest<Ticket>,
}

impl CreateTicket {
    /// The approval of this write.
    pub fn approval(mut self, approval: Approval) -> Self {
        self.request = self.request.approval(approval);
        self
    }

    /// Sends the create.
    pub async fn send(mut self) -> Result<Ticket> {
        if !self.explicit_board {
            let board = match self.client.default_board().await? {
                Optional::Available(board) => board,
                Optional::PermissionMissing(missing) => {
                    let degrades = SECURITY_ROLE_TABLE
                        .iter()
                        .find(|r| r.function == "Member Maintenance")
                        .map_or("", |r| r.degrades);
                    return Err(Error::config(format!(
                        "the ticket has no board and the API member's default board cannot be read: give the ticket a board, or set \"{}\" ({}) in the API member's security role ({degrades})",
                        missing.portal_row,
                        MEMBER_INQUIRE.name()
                    )));
                }
            };
            let board = serde_json::to_value(board)
                .map_err(|e| Error::config_with("the default board could not be encoded", e))?;
            if let Some(body) = self.request.body_mut().and_then(|b| b.as_object_mut()) {
                body.insert("board".to_owned(), board);
            }
        }
        self.request.send().await
    }
}

/// `client.tickets().notes(id)`.
#[derive(Clone, Copy, Debug)]
pub struct TicketNotes<'a> {
    client: &'a Client,
    ticket_id: i64,
}

impl TicketNotes<'_> {
    /// Lists the ticket's notes (`GET /service/tickets/{id}/notes`).
    pub fn list(&self) -> ListRequest<TicketNote> {
        ListRequest::new(self.client.clone(), &TICKET_NOTES, Some(self.ticket_id))
    }

    /// Counts the ticket's notes.
    pub fn count(&self) -> CountRequest {
        CountRequest::new(self.client.clone(), &TICKET_NOTES, Some(self.ticket_id))
    }

    /// Adds a note (`POST /service/tickets/{id}/notes`).
    pub fn add(&self, note: &TicketNote) -> WriteRequest<TicketNote> {
        WriteRequest::create(self.client.clone(), &TICKET_NOTES.spec, note)
            .with_parent(RecordId::from(self.ticket_id))
            .confirmed_by(|n: &TicketNote| has_id(n.id))
    }
}
