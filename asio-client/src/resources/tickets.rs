use neo_auth_core::{GetCall, ListCall, Result, list_builder};

use super::id_list;
use crate::Client;
use crate::endpoints;
use crate::models::{Ticket, TicketNote};

/// One group of ticket criteria: all of a group must match (AND). A list
/// takes one unsuffixed group ([`TicketList::filter`]) and any number of
/// alternatives ([`TicketList::or`]), sent with numeric suffixes
/// (`statusIds1=…`), as Asio groups them (different suffix = OR).
///
/// ```
/// use asio_client::resources::TicketFilter;
/// let open_high = TicketFilter::new().status_names(["New"]).priority_names(["High"]);
/// assert_eq!(
///     open_high.pairs(Some(2)).unwrap(),
///     [("statusNames2".to_owned(), "New".to_owned()), ("priorityNames2".to_owned(), "High".to_owned())]
/// );
/// assert!(TicketFilter::new().created_from("yesterday").pairs(None).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct TicketFilter {
    params: Vec<(&'static str, Vec<String>)>,
    dates: Vec<(&'static str, String)>,
}

/// Whether `value` looks like one of the date forms Asio accepts
/// (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, RFC 3339).
fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        r.into_iter()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && (b.len() == 10 || b.get(10) == Some(&b'T'))
}

macro_rules! list_filters {
    ($($(#[$m:meta])* $fn:ident => $wire:literal;)*) => {
        $(
            $(#[$m])*
            pub fn $fn<I: IntoIterator<Item = S>, S: Into<String>>(mut self, values: I) -> Self {
                self.params.push(($wire, values.into_iter().map(Into::into).collect()));
                self
            }
        )*
    };
}

macro_rules! date_filters {
    ($($(#[$m:meta])* $fn:ident => $wire:literal;)*) => {
        $(
            $(#[$m])*
            pub fn $fn(mut self, date: impl Into<String>) -> Self {
                self.dates.push(($wire, date.into()));
                self
            }
        )*
    };
}

impl TicketFilter {
    /// No criteria.
    pub fn new() -> Self {
        Self::default()
    }

    list_filters! {
        /// Ticket numbers (`number`).
        numbers => "number";
        /// Ticket ids (`ticketIds`).
        ticket_ids => "ticketIds";
        /// Company ids (`companyIds`).
        company_ids => "companyIds";
        /// Site ids (`siteIds`).
        site_ids => "siteIds";
        /// Status ids (`statusIds`).
        status_ids => "statusIds";
        /// Status names (`statusNames`).
        status_names => "statusNames";
        /// Priority ids (`priorityIds`).
        priority_ids => "priorityIds";
        /// Priority names (`priorityNames`).
        priority_names => "priorityNames";
        /// Assignee ids (`assigneeIds`).
        assignee_ids => "assigneeIds";
        /// Asset (device) ids are not a filter of v2.2.8; tag names are (`tagNames`).
        tag_names => "tagNames";
    }

    date_filters! {
        /// Created at or after (`createdAtFrom`).
        created_from => "createdAtFrom";
        /// Created at or before (`createdAtTo`).
        created_to => "createdAtTo";
        /// Updated at or after (`updatedAtFrom`).
        updated_from => "updatedAtFrom";
        /// Updated at or before (`updatedAtTo`).
        updated_to => "updatedAtTo";
        /// Due at or after (`dueDateFrom`).
        due_from => "dueDateFrom";
        /// Due at or before (`dueDateTo`).
        due_to => "dueDateTo";
    }

    /// The query pairs, each name with `suffix` appended; an error names a
    /// value Asio cannot take.
    pub fn pairs(&self, suffix: Option<u32>) -> std::result::Result<Vec<(String, String)>, String> {
        let name = |wire: &str| match suffix {
            Some(n) => format!("{wire}{n}"),
            None => wire.to_owned(),
        };
        let mut out = Vec::new();
        for (wire, values) in &self.params {
            if values.is_empty() {
                return Err(format!("the ticket filter `{wire}` was given no value"));
            }
            out.push((name(wire), id_list(wire, values)?));
        }
        for (wire, date) in &self.dates {
            if !is_date(date.trim()) {
                return Err(format!(
                    "`{}` is not a date for `{wire}` (use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or RFC 3339)",
                    date.escape_debug()
                ));
            }
            out.push((name(wire), date.trim().to_owned()));
        }
        Ok(out)
    }
}

list_builder! {
    /// `GET /api/platform/v2/service/ticketing/tickets`: `pageNum`/`pageSize`
    /// pages (always sent together) of `{tickets, totalCount}`.
    pub struct TicketList => Ticket;
}

impl TicketList {
    /// The criteria every ticket must match (unsuffixed).
    pub fn filter(self, filter: &TicketFilter) -> Self {
        match filter.pairs(None) {
            Ok(pairs) => pairs.into_iter().fold(self, |l, (k, v)| l.param(k, v)),
            Err(problem) => self.refuse(problem),
        }
    }

    /// An alternative group of criteria (`group` ≥ 1 is its suffix; tickets
    /// matching any group are listed).
    pub fn or(self, group: u32, filter: &TicketFilter) -> Self {
        if group == 0 {
            return self.refuse("an OR group of ticket criteria is numbered from 1");
        }
        match filter.pairs(Some(group)) {
            Ok(pairs) => pairs.into_iter().fold(self, |l, (k, v)| l.param(k, v)),
            Err(problem) => self.refuse(problem),
        }
    }

    /// Sorting (`sortBy`: `createdAt`, `updatedAt`, `number`, `status`,
    /// `priority`, …) and direction (`sortDir`).
    pub fn sort(self, by: &str, descending: bool) -> Self {
        self.param("sortBy", by)
            .param("sortDir", if descending { "desc" } else { "asc" })
    }
}

list_builder! {
    /// `GET /api/platform/v1/service/ticketing/tickets/{id}/notes`.
    pub struct TicketNoteList => TicketNote;
}

/// Tickets: list with typed filters, get, notes.
#[derive(Clone, Copy, Debug)]
pub struct Tickets<'a> {
    client: &'a Client,
}

impl<'a> Tickets<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Tickets { client }
    }

    /// Every ticket (narrow with [`TicketList::filter`]); the page size is
    /// always sent, since Asio refuses `pageNum` without it.
    pub fn list(&self) -> TicketList {
        TicketList::from(ListCall::new(self.client.transport(), &endpoints::TICKETS))
            .page_size(self.client.core().page_size())
    }

    /// One ticket.
    pub async fn get(&self, ticket_id: &str) -> Result<Ticket> {
        GetCall::new(
            self.client.transport().clone(),
            &endpoints::TICKETS,
            ticket_id,
        )
        .send()
        .await
    }

    /// The notes of a ticket.
    pub fn notes(&self, ticket_id: &str) -> TicketNoteList {
        TicketNoteList::from(
            ListCall::new(self.client.transport(), &endpoints::TICKET_NOTES).parent(ticket_id),
        )
    }
}
