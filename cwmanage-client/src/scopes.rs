//! The ConnectWise Manage security-role permissions this SDK needs, with the
//! exact names an admin sees in the role (System → Security Roles).
//!
//! ConnectWise grants each *module function* (`Service Tickets`) four verbs —
//! Add, Edit, Delete, Inquire — each at a level (`None`, `Mine`, `My`, `All`).
//! Every scope here is one verb of one function at the level the integration
//! needs; its wire name is `{function}.{verb}` (`Service Tickets.add`), the name
//! [`check_access`](crate::Client::check_access) learns levels under from
//! `/system/mySecurity`.
//!
//! | module | permission | add | edit | delete | inquire | why |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | Companies | Company Maintenance | None | None | None | All | list companies to map them to tenants |
//! | Service Desk | Service Tickets | All | All | None | All | create and edit tickets |
//! | System | Table Setup (optional) | None | None | None | All | list ticket statuses of a board |
//! | System | Member Maintenance (optional) | None | None | None | All | read the API member's default service board |

use neo_auth_core::{Area, PermissionLevel, Scope, Verb};

/// Where an admin sets a missing level, completing "tick `label` …".
pub const PERMISSION_LOCATION: &str = "in the API member's security role (System → Security Roles → the role of the API member → the module's row; set the level and save)";

/// The policy areas of this crate.
pub mod areas {
    use neo_auth_core::Area;

    /// Companies.
    pub const COMPANIES: Area = Area::new("companies");
    /// Service tickets and their notes.
    pub const TICKETS: Area = Area::new("tickets");
    /// Setup tables: service boards and their statuses.
    pub const CONFIGURATION: Area = Area::new("configuration");
    /// Members.
    pub const MEMBERS: Area = Area::new("members");
    /// Server information and the API member's own security.
    pub const SYSTEM: Area = Area::new("system");
    /// Callback (webhook) registrations.
    pub const CALLBACKS: Area = Area::new("callbacks");

    /// Every area, for policies and reports.
    pub const ALL: [Area; 6] = [
        COMPANIES,
        TICKETS,
        CONFIGURATION,
        MEMBERS,
        SYSTEM,
        CALLBACKS,
    ];
}

const ALL: PermissionLevel = PermissionLevel::All;

/// Companies → Company Maintenance → Inquire Level: All.
pub static COMPANY_INQUIRE: Scope = Scope::new(
    "Company Maintenance.inquire",
    "Companies → Company Maintenance → Inquire Level: All",
)
.at_level(ALL);
/// Service Desk → Service Tickets → Inquire Level: All.
pub static TICKETS_INQUIRE: Scope = Scope::new(
    "Service Tickets.inquire",
    "Service Desk → Service Tickets → Inquire Level: All",
)
.at_level(ALL);
/// Service Desk → Service Tickets → Add Level: All.
pub static TICKETS_ADD: Scope = Scope::new(
    "Service Tickets.add",
    "Service Desk → Service Tickets → Add Level: All",
)
.at_level(ALL);
/// Service Desk → Service Tickets → Edit Level: All.
pub static TICKETS_EDIT: Scope = Scope::new(
    "Service Tickets.edit",
    "Service Desk → Service Tickets → Edit Level: All",
)
.at_level(ALL);
/// System → Table Setup → Inquire Level: All (optional).
pub static TABLE_SETUP_INQUIRE: Scope = Scope::new(
    "Table Setup.inquire",
    "System → Table Setup → Inquire Level: All",
)
.at_level(ALL);
/// System → Member Maintenance → Inquire Level: All (optional).
pub static MEMBER_INQUIRE: Scope = Scope::new(
    "Member Maintenance.inquire",
    "System → Member Maintenance → Inquire Level: All",
)
.at_level(ALL);

/// A security-role verb: one column of a role's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RoleVerb {
    /// Add Level.
    Add,
    /// Edit Level.
    Edit,
    /// Delete Level.
    Delete,
    /// Inquire Level.
    Inquire,
}

impl RoleVerb {
    /// All four, in the role screen's column order.
    pub const ALL: [RoleVerb; 4] = [
        RoleVerb::Add,
        RoleVerb::Edit,
        RoleVerb::Delete,
        RoleVerb::Inquire,
    ];

    /// The column's label (`Add Level`).
    pub const fn label(self) -> &'static str {
        match self {
            RoleVerb::Add => "Add Level",
            RoleVerb::Edit => "Edit Level",
            RoleVerb::Delete => "Delete Level",
            RoleVerb::Inquire => "Inquire Level",
        }
    }

    /// The suffix of scope wire names (`add`).
    pub const fn wire(self) -> &'static str {
        match self {
            RoleVerb::Add => "add",
            RoleVerb::Edit => "edit",
            RoleVerb::Delete => "delete",
            RoleVerb::Inquire => "inquire",
        }
    }

    /// The column that governs an SDK verb: list/get → Inquire, create → Add,
    /// update → Edit, delete → Delete.
    pub fn of(verb: Verb) -> RoleVerb {
        match verb {
            Verb::Create => RoleVerb::Add,
            Verb::Update => RoleVerb::Edit,
            Verb::Delete => RoleVerb::Delete,
            _ => RoleVerb::Inquire,
        }
    }
}

/// One row of the security-role table the integration needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecurityRow {
    /// The module (`Service Desk`).
    pub module: &'static str,
    /// The module function, as `/system/mySecurity` names it (`Service Tickets`).
    pub function: &'static str,
    /// Whether the integration works (degraded) without it.
    pub optional: bool,
    /// The levels needed, per verb (`None`: not needed).
    pub add: PermissionLevel,
    /// Edit Level needed.
    pub edit: PermissionLevel,
    /// Delete Level needed.
    pub delete: PermissionLevel,
    /// Inquire Level needed.
    pub inquire: PermissionLevel,
    /// Why the integration needs it.
    pub why: &'static str,
    /// What stops or degrades without it.
    pub degrades: &'static str,
    /// The policy area it serves.
    pub area: Area,
}

impl SecurityRow {
    /// The level needed for `verb`.
    pub const fn needed(&self, verb: RoleVerb) -> PermissionLevel {
        match verb {
            RoleVerb::Add => self.add,
            RoleVerb::Edit => self.edit,
            RoleVerb::Delete => self.delete,
            RoleVerb::Inquire => self.inquire,
        }
    }

    /// The scope wire name of one verb of the row (`Service Tickets.add`).
    pub fn scope_name(&self, verb: RoleVerb) -> String {
        format!("{}.{}", self.function, verb.wire())
    }

    /// The portal label of one verb at `level` (`Service Desk → Service Tickets → Add Level: All`).
    pub fn label(&self, verb: RoleVerb, level: PermissionLevel) -> String {
        format!(
            "{} → {} → {}: {}",
            self.module,
            self.function,
            verb.label(),
            level_name(level)
        )
    }
}

/// A level as the role screen names it.
pub fn level_name(level: PermissionLevel) -> &'static str {
    match level {
        PermissionLevel::None => "None",
        PermissionLevel::Mine => "Mine",
        PermissionLevel::My => "My",
        PermissionLevel::All => "All",
    }
}

const NONE: PermissionLevel = PermissionLevel::None;

/// The security-role table of `shared/SPEC.md`, row for row.
pub static SECURITY_ROLE_TABLE: [SecurityRow; 4] = [
    SecurityRow {
        module: "Companies",
        function: "Company Maintenance",
        optional: false,
        add: NONE,
        edit: NONE,
        delete: NONE,
        inquire: ALL,
        why: "list companies to map them to tenants",
        degrades: "companies cannot be listed or read, so they cannot be mapped to tenants",
        area: areas::COMPANIES,
    },
    SecurityRow {
        module: "Service Desk",
        function: "Service Tickets",
        optional: false,
        add: ALL,
        edit: ALL,
        delete: NONE,
        inquire: ALL,
        why: "create and edit tickets",
        degrades: "tickets cannot be created, updated, noted or read",
        area: areas::TICKETS,
    },
    SecurityRow {
        module: "System",
        function: "Table Setup",
        optional: true,
        add: NONE,
        edit: NONE,
        delete: NONE,
        inquire: ALL,
        why: "list ticket statuses of a board",
        degrades: "boards and their statuses cannot be listed: give statuses and boards explicitly",
        area: areas::CONFIGURATION,
    },
    SecurityRow {
        module: "System",
        function: "Member Maintenance",
        optional: true,
        add: NONE,
        edit: NONE,
        delete: NONE,
        inquire: ALL,
        why: "read the API member's default service board",
        degrades: "the API member's default board is unknown: creating a ticket needs an explicit board",
        area: areas::MEMBERS,
    },
];

/// The row a scope belongs to (by its function name).
pub fn row_of(scope: &Scope) -> Option<&'static SecurityRow> {
    let function = scope.name().rsplit_once('.').map(|(f, _)| f)?;
    SECURITY_ROLE_TABLE.iter().find(|r| r.function == function)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_static_scope_matches_its_row() {
        let scopes = [
            (&COMPANY_INQUIRE, RoleVerb::Inquire),
            (&TICKETS_INQUIRE, RoleVerb::Inquire),
            (&TICKETS_ADD, RoleVerb::Add),
            (&TICKETS_EDIT, RoleVerb::Edit),
            (&TABLE_SETUP_INQUIRE, RoleVerb::Inquire),
            (&MEMBER_INQUIRE, RoleVerb::Inquire),
        ];
        for (scope, verb) in scopes {
            let row = row_of(scope).unwrap();
            assert_eq!(scope.name(), row.scope_name(verb));
            let level = scope.level().unwrap();
            assert_eq!(level, row.needed(verb), "{}", scope.name());
            assert_eq!(scope.label(), row.label(verb, level));
        }
    }

    #[test]
    fn the_table_is_the_spec_table() {
        let rows: Vec<_> = SECURITY_ROLE_TABLE
            .iter()
            .map(|r| {
                (
                    r.module,
                    r.function,
                    r.optional,
                    RoleVerb::ALL.map(|v| level_name(r.needed(v))),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "Companies",
                    "Company Maintenance",
                    false,
                    ["None", "None", "None", "All"]
                ),
                (
                    "Service Desk",
                    "Service Tickets",
                    false,
                    ["All", "All", "None", "All"]
                ),
                (
                    "System",
                    "Table Setup",
                    true,
                    ["None", "None", "None", "All"]
                ),
                (
                    "System",
                    "Member Maintenance",
                    true,
                    ["None", "None", "None", "All"]
                ),
            ]
        );
    }
}
