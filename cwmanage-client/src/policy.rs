//! The default access policy of a ConnectWise Manage client.

use neo_auth_core::{AccessPolicy, AreaAccess};

use crate::scopes::areas;

/// The default policy, for a security product that opens and updates tickets
/// and maps companies to tenants:
///
/// | area | access |
/// | --- | --- |
/// | `tickets` (tickets and their notes) | write |
/// | `companies`, `configuration` (boards, statuses), `members`, `system` | read |
/// | `callbacks` | read: registering or deleting a callback changes the MSP's ConnectWise setup, so turn write on explicitly |
/// | any other area | read |
///
/// ```
/// use cwmanage_client::{AreaAccess, default_policy, scopes::areas};
/// let policy = default_policy();
/// assert_eq!(policy.access(&areas::TICKETS), AreaAccess::WRITE);
/// assert_eq!(policy.access(&areas::COMPANIES), AreaAccess::Read);
/// // Turn callback registration on:
/// let policy = policy.with(areas::CALLBACKS, AreaAccess::WRITE);
/// assert_eq!(policy.access(&areas::CALLBACKS), AreaAccess::WRITE);
/// ```
pub fn default_policy() -> AccessPolicy {
    AccessPolicy::read_only()
        .with(areas::TICKETS, AreaAccess::WRITE)
        .with(areas::COMPANIES, AreaAccess::Read)
        .with(areas::CONFIGURATION, AreaAccess::Read)
        .with(areas::MEMBERS, AreaAccess::Read)
        .with(areas::SYSTEM, AreaAccess::Read)
        .with(areas::CALLBACKS, AreaAccess::Read)
}
