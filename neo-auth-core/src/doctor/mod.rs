//! The doctor: one report of what a credential can do, for every vendor.
//!
//! A vendor crate's `check_access()` builds a [`ProbePlan`] — the credential's
//! grant, the access policy, one [`PlanEntry`] per permission (from its
//! endpoint table's [`Requirements`](crate::Requirements), with what degrades
//! without it and a 1-item probe read) and its identity check — and runs it.
//! The [`AccessReport`] it gets back is the same type for all four vendors:
//!
//! - `Display` prints the vendor, where permissions are ticked (once), one
//!   line per row and then the problems grouped by the permission to tick;
//! - `Serialize` gives `neo doctor --json` (snake_case field names);
//! - [`AccessReport::exit_code`] gives `neo doctor`'s exit code (0, 3, 4) and
//!   [`AccessReport::only_areas`] its `--areas`.
//!
//! ```
//! use std::sync::Arc;
//! use neo_auth_core::doctor::{Fact, PlanEntry, ProbePlan};
//! use neo_auth_core::{
//!     AccessPolicy, Area, AreaAccess, GrantSource, GrantedScopes, Requirements, Scope, Verb,
//! };
//!
//! static READ: Scope = Scope::new("read:tickets", "Tickets - Read");
//! static EDIT: Scope = Scope::new("edit:tickets", "Tickets - Edit");
//! const TICKETS: Area = Area::new("tickets");
//! const TICKET_NEEDS: Requirements = Requirements::read_write(TICKETS, &READ, &EDIT);
//!
//! # futures_util::FutureExt::now_or_never(async {
//! let report = ProbePlan::new("HaloPSA", "on the Permissions tab of the API application")
//!     .grant(Some((Arc::new(GrantedScopes::parse("read:tickets")), GrantSource::TokenResponse)))
//!     .policy(AccessPolicy::read_only().with(TICKETS, AreaAccess::WRITE))
//!     .identity(Fact::new("acting agent", "7 (API)"))
//!     .entry(
//!         PlanEntry::from_requirements(&TICKET_NEEDS, Verb::List)
//!             .unwrap()
//!             .degrades("tickets cannot be read")
//!             .probe(async { Ok(12) }),
//!     )
//!     .entry(
//!         PlanEntry::from_requirements(&TICKET_NEEDS, Verb::Create)
//!             .unwrap()
//!             .degrades("tickets cannot be opened"),
//!     )
//!     .run()
//!     .await;
//!
//! assert_eq!(report.exit_code(), 3);
//! assert_eq!(report.missing_required()[0].scope.as_ref().unwrap().name(), "edit:tickets");
//! let text = report.to_string();
//! assert!(text.contains("tick \"Tickets - Edit\" (edit:tickets)"));
//! let json = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["checks"][1]["granted"], false);
//! # }).unwrap();
//! ```

mod plan;
mod render;
mod report;
mod ser;

pub use plan::{PlanEntry, Probe, ProbePlan};
pub use report::{
    AccessCheck, AccessReport, CheckMethod, EXIT_AUTH, EXIT_OK, EXIT_PERMISSION, Fact, GrantReport,
    Severity, Visibility,
};
