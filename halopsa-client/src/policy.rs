//! The default access-policy profile for HaloPSA (SPEC "Default policy profile").

use neo_auth_core::{AccessPolicy, Area, AreaAccess};

use crate::scopes::areas;

/// Areas that stay read-only unless the integrator turns write on explicitly:
/// money (invoices with recurring invoices, purchase and sales orders;
/// contracts with their schedules, rules and prepay records), suppliers (with
/// supplier contracts), opportunities, configuration and SLAs. Turned on with
/// [`policy_with_writes`], one is approval-gated ([`AreaAccess::WRITE_WITH_APPROVAL`]:
/// every write carries an [`Approval`](neo_auth_core::Approval)).
pub const SENSITIVE_AREAS: &[Area] = &[
    areas::INVOICES,
    areas::CONTRACTS,
    areas::SUPPLIERS,
    areas::OPPORTUNITIES,
    areas::CONFIGURATION,
    areas::SLAS,
];

/// The safe default profile:
///
/// - **Write**: tickets, actions (notes, time entries), contacts, assets,
///   products, appointments.
/// - **Read only**: companies, sites, SLAs, knowledge base, contracts, invoices,
///   quotations, suppliers, opportunities, reports, configuration, timesheets,
///   projects, CRM notes, and the
///   application's own identity ([`areas::IDENTITY`], `GET /Agent/me`).
/// - Anything else: ignored.
///
/// Turn on a write explicitly with [`AccessPolicy::with`]:
///
/// ```
/// use neo_auth_core::AreaAccess;
/// use halopsa_client::{default_policy, areas};
/// let policy = default_policy().with(areas::INVOICES, AreaAccess::WRITE_WITH_APPROVAL);
/// assert_eq!(policy.access(&areas::INVOICES), AreaAccess::WRITE_WITH_APPROVAL);
/// ```
pub fn default_policy() -> AccessPolicy {
    let writable = [
        areas::TICKETS,
        areas::ACTIONS,
        areas::CONTACTS,
        areas::ASSETS,
        areas::PRODUCTS,
        areas::APPOINTMENTS,
    ];
    // Timesheets, projects and CRM notes are read-only too: writes there need
    // the integrator to say so.
    let read_only = [
        areas::COMPANIES,
        areas::SITES,
        areas::SLAS,
        areas::KNOWLEDGE_BASE,
        areas::CONTRACTS,
        areas::INVOICES,
        areas::QUOTATIONS,
        areas::SUPPLIERS,
        areas::OPPORTUNITIES,
        areas::REPORTS,
        areas::CONFIGURATION,
        areas::TIMESHEETS,
        areas::PROJECTS,
        areas::CRM_NOTES,
        areas::IDENTITY,
    ];
    let mut policy = AccessPolicy::deny_all();
    for area in writable {
        policy.set(area, AreaAccess::WRITE);
    }
    for area in read_only {
        policy.set(area, AreaAccess::Read);
    }
    policy
}

/// What turning write on in `area` gives by default: writes with an explicit
/// [`Approval`](neo_auth_core::Approval) in the [`SENSITIVE_AREAS`] (money,
/// suppliers, opportunities, configuration, SLAs — and so their sub-areas:
/// purchase orders are in the invoices area), plain writes elsewhere.
pub fn write_access(area: &Area) -> AreaAccess {
    if SENSITIVE_AREAS.contains(area) {
        AreaAccess::WRITE_WITH_APPROVAL
    } else {
        AreaAccess::WRITE
    }
}

/// The [`default_policy`] with writes turned on in `areas`, each at its
/// [`write_access`]: a sensitive area turned on is approval-gated unless the
/// integrator sets [`AreaAccess::WRITE`] explicitly.
///
/// ```
/// use neo_auth_core::AreaAccess;
/// use halopsa_client::{areas, policy_with_writes};
/// let policy = policy_with_writes(&[areas::INVOICES, areas::PROJECTS]);
/// assert_eq!(policy.access(&areas::INVOICES), AreaAccess::WRITE_WITH_APPROVAL);
/// assert_eq!(policy.access(&areas::PROJECTS), AreaAccess::WRITE);
/// assert_eq!(policy.access(&areas::CONTRACTS), AreaAccess::Read);
/// ```
pub fn policy_with_writes(areas: &[Area]) -> AccessPolicy {
    let mut policy = default_policy();
    for area in areas {
        policy.set(*area, write_access(area));
    }
    policy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_a_sensitive_area_on_asks_for_approval() {
        for area in SENSITIVE_AREAS {
            assert_eq!(
                write_access(area),
                AreaAccess::WRITE_WITH_APPROVAL,
                "{area}"
            );
        }
        for area in [
            areas::TICKETS,
            areas::TIMESHEETS,
            areas::PROJECTS,
            areas::CRM_NOTES,
        ] {
            assert_eq!(write_access(&area), AreaAccess::WRITE, "{area}");
        }
    }

    #[test]
    fn sensitive_areas_are_read_only_by_default() {
        let policy = default_policy();
        for area in SENSITIVE_AREAS {
            assert_eq!(policy.access(area), AreaAccess::Read, "{area}");
        }
        assert_eq!(policy.access(&areas::TICKETS), AreaAccess::WRITE);
        for area in areas::ALL {
            assert_ne!(
                policy.access(area),
                AreaAccess::Ignore,
                "{area} must be listed"
            );
        }
    }
}
