//! The integration policy: what the integrating service allows, per area.
//!
//! The vendor credential is the ceiling; the policy is what the integrator decided
//! on top of it. Each [`Area`] is `Ignore`, `Read` or `Write` (with or without a
//! required approval). The check runs after the scope check and before any traffic.

use std::collections::BTreeMap;

use crate::access::requirement::{Access, Area, AreaAccess, Requirement};
use crate::error::{Error, Result};

/// An explicit approval of one write: who approved it and why. Recorded in the
/// request's tracing span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    approved_by: String,
    reason: String,
}

impl Approval {
    /// An approval. Both fields must be non-blank: an anonymous approval is no approval.
    ///
    /// ```
    /// use neo_auth_core::Approval;
    /// let ok = Approval::new("jane@msp.example", "customer asked on the phone").unwrap();
    /// assert_eq!(ok.approved_by(), "jane@msp.example");
    /// assert!(Approval::new(" ", "why").is_err());
    /// ```
    pub fn new(approved_by: impl Into<String>, reason: impl Into<String>) -> Result<Self> {
        let approved_by = approved_by.into();
        let reason = reason.into();
        if approved_by.trim().is_empty() {
            return Err(Error::config(
                "an approval needs the name of who approved it",
            ));
        }
        if reason.trim().is_empty() {
            return Err(Error::config("an approval needs a reason"));
        }
        Ok(Approval {
            approved_by,
            reason,
        })
    }

    /// Who approved.
    pub fn approved_by(&self) -> &str {
        &self.approved_by
    }

    /// Why.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Per-area access rules with a default for areas not listed.
///
/// ```
/// use neo_auth_core::{Access, AccessPolicy, Area, AreaAccess, Requirement};
/// let policy = AccessPolicy::read_only()
///     .with(Area::new("tickets"), AreaAccess::WRITE_WITH_APPROVAL)
///     .with(Area::new("invoices"), AreaAccess::Ignore);
/// let read_invoices = Requirement::new("invoices.list", Area::new("invoices"), Access::Read);
/// assert!(policy.check(&read_invoices, None).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessPolicy {
    areas: BTreeMap<Area, AreaAccess>,
    default: AreaAccess,
}

impl AccessPolicy {
    /// The area reported in [`Error::PolicyDenied`] for a read that declares no
    /// requirement (see [`AccessPolicy::check_unlabelled_read`]).
    pub const UNLABELLED_AREA: &'static str = "(unlabelled)";

    /// A policy where every area not listed gets `default`.
    pub fn new(default: AreaAccess) -> Self {
        AccessPolicy {
            areas: BTreeMap::new(),
            default,
        }
    }

    /// Unlisted areas are read-only (the safe default).
    pub fn read_only() -> Self {
        Self::new(AreaAccess::Read)
    }

    /// Unlisted areas are ignored entirely.
    pub fn deny_all() -> Self {
        Self::new(AreaAccess::Ignore)
    }

    /// Unlisted areas are writable without approval (tests and sandboxes).
    pub fn allow_all() -> Self {
        Self::new(AreaAccess::WRITE)
    }

    /// Sets the access of one area.
    pub fn with(mut self, area: Area, access: AreaAccess) -> Self {
        self.areas.insert(area, access);
        self
    }

    /// Sets the access of one area in place.
    pub fn set(&mut self, area: Area, access: AreaAccess) {
        self.areas.insert(area, access);
    }

    /// The access of an area.
    pub fn access(&self, area: &Area) -> AreaAccess {
        self.areas.get(area).copied().unwrap_or(self.default)
    }

    /// The access of areas not listed (also what unlabelled reads get).
    pub fn default_access(&self) -> AreaAccess {
        self.default
    }

    /// Checks a read that declares no requirement (a raw escape hatch such as
    /// `GET /whatever` without a [`Requirement`]): it belongs to no listed area,
    /// so it gets the policy's default access. Under a default of
    /// [`AreaAccess::Ignore`] (e.g. [`AccessPolicy::deny_all`]) it is refused with
    /// [`Error::PolicyDenied`] for the area [`AccessPolicy::UNLABELLED_AREA`];
    /// `operation` names the request in the error (`GET /api/Tickets`).
    ///
    /// ```
    /// use neo_auth_core::{AccessPolicy, AreaAccess};
    /// assert!(AccessPolicy::read_only().check_unlabelled_read("GET /x").is_ok());
    /// assert!(AccessPolicy::deny_all().check_unlabelled_read("GET /x").is_err());
    /// ```
    pub fn check_unlabelled_read(&self, operation: &str) -> Result<()> {
        match self.default {
            AreaAccess::Ignore => Err(Error::PolicyDenied {
                operation: operation.to_owned(),
                area: Self::UNLABELLED_AREA.to_owned(),
                allowed: self.default,
                needed: Access::Read,
            }),
            AreaAccess::Read | AreaAccess::Write { .. } => Ok(()),
        }
    }

    /// The areas listed explicitly.
    pub fn areas(&self) -> impl Iterator<Item = (&Area, AreaAccess)> {
        self.areas.iter().map(|(a, access)| (a, *access))
    }

    /// Checks one operation. `approval` is the explicit approval the call carries.
    pub fn check(&self, requirement: &Requirement, approval: Option<&Approval>) -> Result<()> {
        let allowed = self.access(requirement.area());
        let denied = || Error::PolicyDenied {
            operation: requirement.operation().to_owned(),
            area: requirement.area().to_string(),
            allowed,
            needed: requirement.access(),
        };
        match (allowed, requirement.access()) {
            (AreaAccess::Ignore, _) => Err(denied()),
            (AreaAccess::Read, Access::Read) | (AreaAccess::Write { .. }, Access::Read) => Ok(()),
            (AreaAccess::Read, Access::Write) => Err(denied()),
            (
                AreaAccess::Write {
                    approval_required: false,
                },
                Access::Write,
            ) => Ok(()),
            (
                AreaAccess::Write {
                    approval_required: true,
                },
                Access::Write,
            ) => match approval {
                Some(_) => Ok(()),
                None => Err(Error::ApprovalRequired {
                    operation: requirement.operation().to_owned(),
                    area: requirement.area().to_string(),
                }),
            },
        }
    }
}

impl Default for AccessPolicy {
    fn default() -> Self {
        Self::read_only()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Area = Area::new("tickets");

    fn req(access: Access) -> Requirement {
        Requirement::new("tickets.op", T, access)
    }

    #[test]
    fn every_combination() {
        let approval = Approval::new("a", "b").unwrap();
        for (allowed, access, with_approval, ok) in [
            (AreaAccess::Ignore, Access::Read, false, false),
            (AreaAccess::Ignore, Access::Write, true, false),
            (AreaAccess::Read, Access::Read, false, true),
            (AreaAccess::Read, Access::Write, true, false),
            (AreaAccess::WRITE, Access::Write, false, true),
            (AreaAccess::WRITE, Access::Read, false, true),
            (AreaAccess::WRITE_WITH_APPROVAL, Access::Write, false, false),
            (AreaAccess::WRITE_WITH_APPROVAL, Access::Write, true, true),
            (AreaAccess::WRITE_WITH_APPROVAL, Access::Read, false, true),
        ] {
            let policy = AccessPolicy::deny_all().with(T, allowed);
            let result = policy.check(&req(access), with_approval.then_some(&approval));
            assert_eq!(
                result.is_ok(),
                ok,
                "{allowed:?} {access:?} approval={with_approval}"
            );
        }
    }

    #[test]
    fn missing_approval_is_its_own_error() {
        let policy = AccessPolicy::deny_all().with(T, AreaAccess::WRITE_WITH_APPROVAL);
        let err = policy.check(&req(Access::Write), None).unwrap_err();
        assert!(matches!(err, Error::ApprovalRequired { .. }), "{err}");
        assert!(err.to_string().contains("Approval"));
    }

    #[test]
    fn default_applies_to_unlisted_areas() {
        let policy = AccessPolicy::read_only();
        assert_eq!(policy.access(&Area::new("x")), AreaAccess::Read);
        assert!(policy.check(&req(Access::Write), None).is_err());
    }
}
