//! Typed, forward-compatible models of the HaloPSA records, and the list envelope.
//!
//! | model | endpoint | spec schema | list key |
//! | --- | --- | --- | --- |
//! | [`Ticket`] | `/Tickets` | `Faults` | `tickets` |
//! | [`Action`] | `/Actions` | `Actions` | `actions` |
//! | [`User`] (contact) | `/Users` | `Users` | `users` |
//! | [`Client`] (= [`Company`]) | `/Client` | `Area` | `clients` |
//! | [`Site`] | `/Site` | `Site` | `sites` |
//! | [`Asset`] | `/Asset` | `Device` | `assets` |
//! | [`Item`] (product) | `/Item` | `Item` | `items` |
//! | [`Appointment`] | `/Appointment` | `Appointment` | `appointments` |
//! | [`Sla`] | `/SLA` | `SlaHead` | unverified |
//! | [`KbArticle`] | `/KBArticle` | `KBEntry` | `articles` |
//! | [`Contract`] | `/ClientContract` | `ContractHeader` | `contracts` |
//! | [`Invoice`] | `/Invoice` | `InvoiceHeader` | `invoices` |
//! | [`Quotation`] | `/Quotation` | `QuotationHeader` | `quotes` |
//! | [`Supplier`] | `/Supplier` | `Company` | `suppliers` |
//! | [`Opportunity`] | `/Opportunities` | `Faults` (no `Opps` schema exists) | `tickets` |
//! | [`Report`] | `/Report` | `AnalyzerProfile` | `reports` |
//! | [`Status`] | `/Status` | `TStatus` | bare array / `statuses` |
//! | [`Priority`] | `/Priority` | `Policy` | bare array |
//! | [`Category`] | `/Category` | `CategoryDetail` | bare array / `categories` |
//! | [`Team`] | `/Team` | `SectionDetail` | bare array / `teams` |
//! | [`Agent`] | `/Agent`, `/Agent/me` | `Uname` | bare array / `agents` |
//! | [`TicketType`] | `/TicketType` | `RequestType` | bare array |
//! | [`Workflow`] | `/Workflow` | `FlowHeader` | bare array |
//! | [`RecurringInvoice`] | `/RecurringInvoice` | `InvoiceHeader` | `invoices` |
//! | [`PurchaseOrder`] | `/PurchaseOrder` | `SupplierOrderHeader` | `purchaseorders` |
//! | [`SalesOrder`] | `/SalesOrder` | `OrderHead` | `salesorders` |
//! | [`ContractSchedule`] | `/ContractSchedule` | `ContractSchedule` | unverified |
//! | [`ClientPrepay`] | `/ClientPrepay` | `PrepayHistory` | unverified |
//! | [`SupplierContract`] | `/SupplierContract` | `Contract` | unverified |
//! | [`Attachment`] | `/Attachment` | `Attachment` | `attachments` |
//! | [`Outcome`] | `/Outcome` | `TOutcome` | `outcomes` |
//! | [`AssetType`] | `/AssetType` | `Xtype` | bare array? |
//! | [`AssetGroup`] | `/AssetGroup` | `Generic` | bare array? |
//! | [`Field`] | `/Field` | `Field` | `fields` |
//! | [`FieldInfo`] | `/FieldInfo` | `FieldInfo` | unverified |
//! | [`Lookup`] | `/Lookup` | `Lookup` | `lookups` |
//! | [`TopLevel`] | `/TopLevel` | `Tree` | unverified |
//! | [`Timesheet`] | `/Timesheet` | `Timesheet` | `timesheets` |
//! | [`TimesheetEvent`] | `/TimesheetEvent` | `TimesheetEvent` | unverified |
//! | [`Project`] | `/Projects` | `Faults` | `tickets` |
//! | [`CrmNote`] | `/CRMNote` | `AreaNote` | `actions` |
//! | [`Expense`] | on tickets (`expenses`; no path in the spec) | `Expense` | — |
//! | [`ContractRule`] | on contracts (`billingplans`; no path in the spec) | `ContractDetail` | — |
//! | [`CustomField`] | on records (`customfields`) | `CustomField` | — |
//!
//! Nested records: [`Address`], [`AssetField`], [`FaqList`], [`InvoiceLine`],
//! [`QuotationLine`], [`ReportContent`], [`TeamMembership`],
//! [`DepartmentMembership`], [`AgentRole`], [`WorkflowStep`], [`PurchaseOrderLine`],
//! [`SalesOrderLine`], [`TimesheetApproval`], [`TicketTypeField`].
//!
//! Request bodies: [`AttachmentUpload`] (built and checked by [`AttachmentUploadBuilder`],
//! refused with an [`AttachmentError`]); notes and time entries are [`Action`]s built
//! with [`Action::private_note`], [`Action::public_note`] and [`Action::time_entry`]
//! (refused with an [`ActionError`]).
//!
//! # Conventions
//!
//! - **Every field is `Option`.** Halo omits fields freely (lists carry fewer
//!   fields than single reads), and on create/update only the fields that are set
//!   are sent (`None` is skipped when serializing: Halo would treat a `null` as a
//!   value). `Default` gives an empty record to fill in:
//!   `Ticket { summary: Some("…".into()), ..Default::default() }`.
//! - **Field names are Halo's keys**, with two adjustments: Rust keywords are raw
//!   identifiers (`r#type`, `r#ref`, `r#use`) and a leading underscore is dropped
//!   (`_novalidate` → `novalidate`, `_itemid` → `itemid`).
//! - **Numbers and booleans decode leniently** ([`neo_auth_core::lenient`]):
//!   `12`, `12.0` and `"12"` are all `Some(12)` (Halo types several ids as
//!   `double`), `null`/`""` is `None`, and `1.5` where an integer is expected is a
//!   decode error naming the value — never a silent truncation. Booleans accept
//!   `0`/`1` and `"true"`/`"false"`; strings accept numbers.
//! - **Dates are `Option<String>`**, exactly as Halo sends them: formats vary by
//!   endpoint and version (with or without `Z`, with or without fractions, and
//!   `1900-01-01T00:00:00` for "not set"). Parse them where you need them.
//! - **Nothing is lost**: every field not modelled lands in the record's
//!   `extra` map and is serialized back, so a read-modify-write round trip keeps
//!   all of Halo's 800-odd ticket fields.
//! - **Custom fields** are [`CustomField`]s whose `value` is any JSON; records that
//!   carry them have a `custom_field(name)` lookup.
//! - **Ids**: [`Priority::id`] is a UUID *string* (use `priorityid` for the number
//!   tickets carry); [`AgentRole::id`] is a string too. [`Action`] ids restart for
//!   every ticket — key actions by (`ticket_id`, `id`).
//! - There are no enums: the spec documents no closed value sets for these
//!   records (status types, who-types, etc. are plain codes; the one enum among
//!   them, [`TimesheetApproval::approvalstatus`], lists `0`, `1`, `2` without
//!   naming them), so codes stay integers.
//! - **Ids and lookups**: outcome, lookup and field ids are per tenant. Read
//!   [`Outcome`]s, [`Lookup`]s and [`FieldInfo`]s and build from them instead of
//!   hard-coding ids.

mod action;
mod agent;
mod appointment;
mod asset;
mod asset_group;
mod asset_type;
mod attachment;
mod category;
mod client;
mod client_prepay;
mod contract;
mod contract_rule;
mod contract_schedule;
mod crm_note;
mod custom_field;
mod envelope;
mod expense;
mod field;
mod field_info;
mod invoice;
mod item;
mod kb;
mod lookup;
mod opportunity;
mod outcome;
mod priority;
mod project;
mod purchase_order;
mod quotation;
mod recurring_invoice;
mod report;
mod sales_order;
mod site;
mod sla;
mod status;
mod supplier;
mod supplier_contract;
mod team;
mod ticket;
mod ticket_type;
mod timesheet;
mod timesheet_event;
mod top_level;
mod user;
mod workflow;

pub use action::{Action, ActionError};
pub use agent::{Agent, AgentRole, DepartmentMembership, TeamMembership};
pub use appointment::Appointment;
pub use asset::{Asset, AssetField};
pub use asset_group::AssetGroup;
pub use asset_type::AssetType;
pub use attachment::{
    Attachment, AttachmentError, AttachmentUpload, AttachmentUploadBuilder, MAX_ATTACHMENT_BYTES,
};
pub use category::Category;
pub use client::Client;
pub use client_prepay::ClientPrepay;
pub use contract::Contract;
pub use contract_rule::ContractRule;
pub use contract_schedule::ContractSchedule;
pub use crm_note::CrmNote;
pub use custom_field::CustomField;
pub use envelope::ListResponse;
pub use expense::Expense;
pub use field::Field;
pub use field_info::FieldInfo;
pub use invoice::{Invoice, InvoiceLine};
pub use item::Item;
pub use kb::{FaqList, KbArticle};
pub use lookup::Lookup;
pub use opportunity::Opportunity;
pub use outcome::Outcome;
pub use priority::Priority;
pub use project::Project;
pub use purchase_order::{PurchaseOrder, PurchaseOrderLine};
pub use quotation::{Quotation, QuotationLine};
pub use recurring_invoice::RecurringInvoice;
pub use report::{Report, ReportContent};
pub use sales_order::{SalesOrder, SalesOrderLine};
pub use site::{Address, Site};
pub use sla::Sla;
pub use status::Status;
pub use supplier::Supplier;
pub use supplier_contract::SupplierContract;
pub use team::Team;
pub use ticket::Ticket;
pub use ticket_type::{TicketType, TicketTypeField};
pub use timesheet::{Timesheet, TimesheetApproval};
pub use timesheet_event::TimesheetEvent;
pub use top_level::TopLevel;
pub use user::User;
pub use workflow::{Workflow, WorkflowStep};

/// A Halo client (customer company): another name for [`Client`] that does not
/// clash with the API [`Client`](crate::Client).
pub type Company = Client;
