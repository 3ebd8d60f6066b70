//! What an operation needs: a vendor scope (the ceiling) and a policy area (the integrator's choice).

use std::borrow::Cow;
use std::fmt;

use crate::access::scope::Scope;

/// Whether an operation reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    /// Reads data.
    Read,
    /// Creates, changes or deletes data.
    Write,
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Access::Read => "read",
            Access::Write => "write",
        })
    }
}

/// A policy area: a group of operations the integrator allows or denies together
/// (`tickets`, `invoices`, `devices`, ...).
///
/// Areas are fixed by each vendor crate (constants), so they are `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Area(&'static str);

impl Area {
    /// An area from its name.
    pub const fn new(name: &'static str) -> Self {
        Area(name)
    }

    /// The area's name.
    pub const fn name(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// What the policy allows in one area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AreaAccess {
    /// Never touched: neither reads nor writes.
    Ignore,
    /// Reads only.
    Read,
    /// Reads and writes.
    Write {
        /// Whether every write needs an explicit [`Approval`](crate::Approval).
        approval_required: bool,
    },
}

impl AreaAccess {
    /// Writes allowed without approval.
    pub const WRITE: AreaAccess = AreaAccess::Write {
        approval_required: false,
    };
    /// Writes allowed, each with an explicit approval.
    pub const WRITE_WITH_APPROVAL: AreaAccess = AreaAccess::Write {
        approval_required: true,
    };
}

impl fmt::Display for AreaAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AreaAccess::Ignore => "ignored",
            AreaAccess::Read => "read-only",
            AreaAccess::Write {
                approval_required: false,
            } => "writable",
            AreaAccess::Write {
                approval_required: true,
            } => "writable with approval",
        })
    }
}

/// What one operation needs before it may be sent.
///
/// ```
/// use neo_auth_core::{Access, Area, Requirement, Scope};
/// const TICKETS: Area = Area::new("tickets");
/// const CREATE_TICKET: Requirement =
///     Requirement::write("tickets.create", TICKETS, Scope::new("edit:tickets", "Tickets - Edit"));
/// assert_eq!(CREATE_TICKET.access(), Access::Write);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    operation: Cow<'static, str>,
    area: Area,
    access: Access,
    scope: Option<Scope>,
}

impl Requirement {
    /// A requirement with no vendor scope (the policy check still applies).
    pub const fn new(operation: &'static str, area: Area, access: Access) -> Self {
        Requirement {
            operation: Cow::Borrowed(operation),
            area,
            access,
            scope: None,
        }
    }

    /// A requirement for an operation named at run time (raw escape hatches).
    pub fn owned(operation: impl Into<String>, area: Area, access: Access) -> Self {
        Requirement {
            operation: Cow::Owned(operation.into()),
            area,
            access,
            scope: None,
        }
    }

    /// A requirement with a vendor scope, usable in `const` tables.
    pub const fn scoped(operation: &'static str, area: Area, access: Access, scope: Scope) -> Self {
        Requirement {
            operation: Cow::Borrowed(operation),
            area,
            access,
            scope: Some(scope),
        }
    }

    /// A read that needs `scope`.
    pub const fn read(operation: &'static str, area: Area, scope: Scope) -> Self {
        Self::scoped(operation, area, Access::Read, scope)
    }

    /// A write that needs `scope`.
    pub const fn write(operation: &'static str, area: Area, scope: Scope) -> Self {
        Self::scoped(operation, area, Access::Write, scope)
    }

    /// Adds (or replaces) the vendor scope the operation needs.
    pub fn with_scope(mut self, scope: Scope) -> Self {
        self.scope = Some(scope);
        self
    }

    /// The same requirement for a more specific operation: `tickets.write` used
    /// by `tickets.create`, say. The name shows in errors and tracing spans.
    pub fn for_operation(mut self, operation: impl Into<String>) -> Self {
        self.operation = Cow::Owned(operation.into());
        self
    }

    /// The operation's name, e.g. `tickets.create`.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The policy area.
    pub fn area(&self) -> &Area {
        &self.area
    }

    /// Read or write.
    pub fn access(&self) -> Access {
        self.access
    }

    /// The vendor scope, when the vendor has one for this operation.
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }
}
