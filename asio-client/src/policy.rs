//! The Asio policy areas and the default access-policy profile.

use neo_auth_core::{AccessPolicy, Area, AreaAccess};

/// Companies and their custom fields.
pub const COMPANIES: Area = Area::new("companies");
/// Sites.
pub const SITES: Area = Area::new("sites");
/// Devices: lists, details, status, system state, groups.
pub const DEVICES: Area = Area::new("devices");
/// Assets: hardware inventory and installed software.
pub const ASSETS: Area = Area::new("assets");
/// Agent information and install tokens.
pub const AGENT: Area = Area::new("agent");
/// Automation: scripts, tasks, results, and running scripts.
pub const AUTOMATION: Area = Area::new("automation");
/// Contacts.
pub const CONTACTS: Area = Area::new("contacts");
/// Tickets and their notes.
pub const TICKETS: Area = Area::new("tickets");
/// The rate-limit report of `/v1/rate_limits`.
pub const RATE_LIMITS: Area = Area::new("rate_limits");

/// The default profile: every area read-only, except automation, whose one
/// write (running a script) needs an explicit approval.
///
/// ```
/// use asio_client::policy;
/// use neo_auth_core::AreaAccess;
/// let p = policy::default_policy();
/// assert_eq!(p.access(&policy::AUTOMATION), AreaAccess::WRITE_WITH_APPROVAL);
/// assert_eq!(p.access(&policy::TICKETS), AreaAccess::Read);
/// ```
pub fn default_policy() -> AccessPolicy {
    AccessPolicy::read_only().with(AUTOMATION, AreaAccess::WRITE_WITH_APPROVAL)
}
