//! What each verb of one endpoint needs: [`Requirements`], declared once per
//! endpoint in a vendor's `const` table.
//!
//! ConnectWise Manage grants Add, Edit, Delete and Inquire separately; HaloPSA
//! and Asio have one read and one write scope per area; VSA X has areas without
//! scopes the API can report. One type serves all of them.

use std::fmt;

use crate::access::requirement::{Access, Area, Requirement};
use crate::access::scope::Scope;

/// One verb of an endpoint: what a call does to its records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Verb {
    /// List (and count) records.
    List,
    /// Read one record.
    Get,
    /// Create a record.
    Create,
    /// Change a record.
    Update,
    /// Delete a record.
    Delete,
}

impl Verb {
    /// Every verb, in declaration order.
    pub const ALL: [Verb; 5] = [
        Verb::List,
        Verb::Get,
        Verb::Create,
        Verb::Update,
        Verb::Delete,
    ];

    /// The verb's name, the suffix of operation names (`tickets.create`).
    pub const fn name(self) -> &'static str {
        match self {
            Verb::List => "list",
            Verb::Get => "get",
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Delete => "delete",
        }
    }

    /// Whether the verb reads or writes.
    pub const fn access(self) -> Access {
        match self {
            Verb::List | Verb::Get => Access::Read,
            Verb::Create | Verb::Update | Verb::Delete => Access::Write,
        }
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one verb needs: not offered at all, the policy only, or the policy and a
/// vendor scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// The endpoint does not offer this verb.
    Unsupported,
    /// Only the policy check applies (the vendor has no scope the SDK can check
    /// before sending; its 403 is still read as a missing permission).
    Unscoped,
    /// The policy check and this vendor scope or permission.
    Scoped(&'static Scope),
}

/// The requirements of every verb of one endpoint, in one policy area.
///
/// ```
/// use neo_auth_core::{Access, Area, PermissionLevel, Requirements, Scope, Verb};
///
/// const TICKETS: Area = Area::new("tickets");
/// // Scopes live in `static`s (the vendor's scope table); requirements point at them.
/// static READ_TICKETS: Scope = Scope::new("read:tickets", "read:tickets");
/// static EDIT_TICKETS: Scope = Scope::new("edit:tickets", "edit:tickets");
/// // HaloPSA style: one read and one write scope for the area.
/// const HALO: Requirements = Requirements::read_write(TICKETS, &READ_TICKETS, &EDIT_TICKETS);
/// let create = HALO.requirement("tickets", Verb::Create).unwrap();
/// assert_eq!(create.operation(), "tickets.create");
/// assert_eq!(create.access(), Access::Write);
///
/// // ConnectWise Manage style: Add / Edit / Delete / Inquire are separate levels.
/// const ALL: PermissionLevel = PermissionLevel::All;
/// static INQUIRE: Scope = Scope::new("Service Tickets.inquire", "Inquire Level").at_level(ALL);
/// static ADD: Scope = Scope::new("Service Tickets.add", "Add Level").at_level(ALL);
/// static EDIT: Scope = Scope::new("Service Tickets.edit", "Edit Level").at_level(ALL);
/// static DELETE: Scope = Scope::new("Service Tickets.delete", "Delete Level").at_level(ALL);
/// const CW: Requirements = Requirements::crud(TICKETS, &INQUIRE, &ADD, &EDIT, &DELETE);
/// assert_eq!(CW.scope(Verb::Update).unwrap().name(), "Service Tickets.edit");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Requirements {
    area: Area,
    list: Need,
    get: Need,
    create: Need,
    update: Need,
    delete: Need,
}

impl Requirements {
    /// Every verb spelled out.
    pub const fn of(
        area: Area,
        list: Need,
        get: Need,
        create: Need,
        update: Need,
        delete: Need,
    ) -> Self {
        Requirements {
            area,
            list,
            get,
            create,
            update,
            delete,
        }
    }

    /// List and get need `read`; nothing else is offered.
    pub const fn read_only(area: Area, read: &'static Scope) -> Self {
        Self::of(
            area,
            Need::Scoped(read),
            Need::Scoped(read),
            Need::Unsupported,
            Need::Unsupported,
            Need::Unsupported,
        )
    }

    /// List and get need `read`; create, update and delete need `write`
    /// (HaloPSA, Asio).
    pub const fn read_write(area: Area, read: &'static Scope, write: &'static Scope) -> Self {
        Self::of(
            area,
            Need::Scoped(read),
            Need::Scoped(read),
            Need::Scoped(write),
            Need::Scoped(write),
            Need::Scoped(write),
        )
    }

    /// Level-based permissions (ConnectWise Manage security roles): list and get
    /// need `inquire`, create `add`, update `edit`, delete `delete`.
    pub const fn crud(
        area: Area,
        inquire: &'static Scope,
        add: &'static Scope,
        edit: &'static Scope,
        delete: &'static Scope,
    ) -> Self {
        Self::of(
            area,
            Need::Scoped(inquire),
            Need::Scoped(inquire),
            Need::Scoped(add),
            Need::Scoped(edit),
            Need::Scoped(delete),
        )
    }

    /// List and get with the policy check only (no vendor scope to check before
    /// sending); nothing else is offered.
    pub const fn unscoped_read(area: Area) -> Self {
        Self::of(
            area,
            Need::Unscoped,
            Need::Unscoped,
            Need::Unsupported,
            Need::Unsupported,
            Need::Unsupported,
        )
    }

    /// The policy area.
    pub const fn area(&self) -> Area {
        self.area
    }

    /// What `verb` needs.
    pub const fn need(&self, verb: Verb) -> &Need {
        match verb {
            Verb::List => &self.list,
            Verb::Get => &self.get,
            Verb::Create => &self.create,
            Verb::Update => &self.update,
            Verb::Delete => &self.delete,
        }
    }

    /// Whether the endpoint offers `verb`.
    pub fn offers(&self, verb: Verb) -> bool {
        !matches!(self.need(verb), Need::Unsupported)
    }

    /// The vendor scope `verb` needs, when it has one.
    pub fn scope(&self, verb: Verb) -> Option<&Scope> {
        match *self.need(verb) {
            Need::Scoped(scope) => Some(scope),
            _ => None,
        }
    }

    /// The requirement of `verb` on the endpoint called `name`: the operation is
    /// named `{name}.{verb}` (`tickets.create`). `None` when the endpoint does
    /// not offer the verb.
    pub fn requirement(&self, name: &str, verb: Verb) -> Option<Requirement> {
        let operation = format!("{name}.{}", verb.name());
        let base = Requirement::owned(operation, self.area, verb.access());
        match *self.need(verb) {
            Need::Unsupported => None,
            Need::Unscoped => Some(base),
            Need::Scoped(scope) => Some(base.with_scope(scope.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Area = Area::new("devices");

    #[test]
    fn unsupported_verbs_have_no_requirement() {
        static READ: Scope = Scope::new("platform.devices.read", "Devices");
        let r = Requirements::read_only(AREA, &READ);
        assert!(r.requirement("devices", Verb::Create).is_none());
        assert!(!r.offers(Verb::Delete));
        let list = r.requirement("devices", Verb::List).unwrap();
        assert_eq!(list.operation(), "devices.list");
        assert_eq!(list.access(), Access::Read);
        assert_eq!(list.scope().unwrap().name(), "platform.devices.read");
    }

    #[test]
    fn unscoped_verbs_carry_only_the_policy_area() {
        let r = Requirements::unscoped_read(AREA);
        let get = r.requirement("devices", Verb::Get).unwrap();
        assert!(get.scope().is_none());
        assert_eq!(get.area(), &AREA);
    }
}
