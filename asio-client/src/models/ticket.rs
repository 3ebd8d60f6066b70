use serde::{Deserialize, Serialize};

use super::common::{Extra, Ref};

/// A ticket: `GET /api/platform/v2/service/ticketing/tickets`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Ticket {
    /// The ticket id.
    pub id: String,
    /// The ticket number (a string of digits, sometimes a number).
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub number: Option<String>,
    /// The summary.
    pub summary: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The company.
    pub company: Option<Ref>,
    /// The site.
    pub site: Option<Ref>,
    /// The status (`{id, name}`).
    pub status: Option<Ref>,
    /// The priority (`{id, name}`).
    pub priority: Option<Ref>,
    /// The type.
    #[serde(rename = "type")]
    pub kind: Option<Ref>,
    /// The category.
    pub category: Option<Ref>,
    /// The source (`RMM`, …).
    pub source: Option<Ref>,
    /// The service board.
    pub service_board: Option<Ref>,
    /// The assignee.
    pub assignee: Option<Ref>,
    /// The assignee team.
    pub assignee_team: Option<Ref>,
    /// Tags.
    pub tags: Vec<Ref>,
    /// Linked assets (devices).
    pub assets: Vec<Ref>,
    /// The due date, as sent (`mm/dd/yyyy`).
    pub due_date: Option<String>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When it was last updated.
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of tickets, as sent: `{tickets, totalCount}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TicketPage {
    /// The tickets.
    pub tickets: Vec<Ticket>,
    /// The total across pages (0 past the end).
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub total_count: Option<i64>,
}

/// A note of a ticket.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TicketNote {
    /// The note id.
    pub id: String,
    /// The text.
    pub detail: Option<String>,
    /// Who may see it (1 all, 2 a partner, 7 expert services, 8 expert users).
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub visibility: Option<i64>,
    /// When it was created.
    pub created_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
