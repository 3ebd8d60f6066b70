//! Typed models of ConnectWise Manage records.
//!
//! Every model tolerates what a newer ConnectWise release adds: missing fields
//! are `None`, unknown fields are kept in `extra`, unknown enum values in
//! `Unknown(String)`, and numbers or booleans sent as strings are read leniently.
//! Fields left `None` are not sent.

mod board;
mod callback;
mod company;
mod member;
mod reference;
mod security;
mod system;
mod ticket;

pub use crate::company_info::CompanyInfo;
pub use board::{Board, BoardStatus, EscalationStatus};
pub use callback::{
    CallbackAction, CallbackEntry, CallbackLevel, CallbackMetadata, CallbackPayload, CallbackType,
};
pub use company::Company;
pub use member::{ContactKind, LicenseClass, Member};
pub use reference::{Count, CustomField, CustomFieldType, EntryMethod, Reference};
pub use security::{MySecurity, SecurityLevel};
pub use system::SystemInfo;
pub use ticket::{Level, RecordType, Ticket, TicketNote};
