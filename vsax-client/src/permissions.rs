//! The five permission areas of a VSA X Third-Party Token, as the admin ticks
//! them on the token's **Authorization** tab
//! (Configuration → API Access → Third-Party Tokens → Authorization).
//!
//! VSA X cannot be asked which areas a token holds. Each area is therefore a
//! [`Scope`] whose wire name is the SDK's own name for it (`devices.read`): the
//! credentials may *declare* the granted areas with these names
//! ([`Credentials::with_granted`](crate::Credentials::with_granted)), and the
//! client then checks before sending. A server 403 always names the area too.
//!
//! | area | access | used for |
//! | --- | --- | --- |
//! | Devices | Read | device sync, status, custom fields, applied policies |
//! | Device Assets | Read | hardware and installed-software inventory |
//! | Organizations / Sites / Groups | Read | tenant hierarchy, PSA company mapping |
//! | Automation | Read | script / task / workflow catalog |
//! | Notifications | Read/Write | only to create notifications or manage webhooks |
//!
//! Running a script, task or workflow is a write in the Automation area
//! ([`AUTOMATION_WRITE`], "Automation: Read/Write"), optional and approval-gated
//! by default.
//!
//! ```
//! use vsax_client::permissions::{self, PERMISSION_AREAS};
//! assert_eq!(PERMISSION_AREAS.len(), 5);
//! let devices = permissions::area_of(&permissions::DEVICES).unwrap();
//! assert_eq!(devices.portal_name, "Devices");
//! assert_eq!(permissions::DEVICES_READ.label(), "Devices: Read");
//! ```

use std::fmt;
use std::sync::Arc;

use neo_auth_core::{Access, Area, GrantedScopes, Scope, ScopeRules};

/// Where an admin grants the areas of a token, as the portal shows it.
pub const PORTAL_PATH: &str = "Configuration → API Access → Third-Party Tokens → Authorization";

/// What a 403 can also mean besides a missing area (shown in every 403 error).
pub const ORGANIZATION_SCOPE_CAVEAT: &str = "a 403 can also mean that the record's organization is outside the organizations the token may see (same tab)";

/// Policy area: devices (list, detail, custom fields, policies, antivirus, device notifications).
pub const DEVICES: Area = Area::new("devices");
/// Policy area: device assets (hardware categories and installed software).
pub const DEVICE_ASSETS: Area = Area::new("device_assets");
/// Policy area: the tenant hierarchy (organizations, sites, groups).
pub const ORGANIZATIONS: Area = Area::new("organizations");
/// Policy area: automation (scripts, tasks, workflows and their runs).
pub const AUTOMATION: Area = Area::new("automation");
/// Policy area: notifications and notification webhooks.
pub const NOTIFICATIONS: Area = Area::new("notifications");
/// Policy area of `GET /environment` (tenant information, the connectivity check).
pub const ENVIRONMENT: Area = Area::new("environment");

/// "Devices: Read".
pub static DEVICES_READ: Scope = Scope::new("devices.read", "Devices: Read");
/// "Device Assets: Read".
pub static DEVICE_ASSETS_READ: Scope = Scope::new("device_assets.read", "Device Assets: Read");
/// "Organizations / Sites / Groups: Read".
pub static ORGANIZATIONS_READ: Scope =
    Scope::new("organizations.read", "Organizations / Sites / Groups: Read");
/// "Automation: Read".
pub static AUTOMATION_READ: Scope = Scope::new("automation.read", "Automation: Read");
/// "Automation: Read/Write": running scripts, tasks and workflows (optional).
pub static AUTOMATION_WRITE: Scope = Scope::new("automation.write", "Automation: Read/Write");
/// "Notifications: Read" (covered by [`NOTIFICATIONS_WRITE`] too).
pub static NOTIFICATIONS_READ: Scope = Scope::new("notifications.read", "Notifications: Read");
/// "Notifications: Read/Write": creating and deleting notifications, managing webhooks.
pub static NOTIFICATIONS_WRITE: Scope =
    Scope::new("notifications.write", "Notifications: Read/Write");

/// Every permission a token can be declared to hold, in table order.
pub static ALL_PERMISSIONS: [&Scope; 7] = [
    &DEVICES_READ,
    &DEVICE_ASSETS_READ,
    &ORGANIZATIONS_READ,
    &AUTOMATION_READ,
    &AUTOMATION_WRITE,
    &NOTIFICATIONS_READ,
    &NOTIFICATIONS_WRITE,
];

/// One permission area of the token's Authorization tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PermissionArea {
    /// The policy area of the operations in it.
    pub area: Area,
    /// The area's name on the Authorization tab (`Organizations / Sites / Groups`).
    pub portal_name: &'static str,
    /// The access the integration needs (SPEC): read, or read/write.
    pub needed: Access,
    /// The read permission.
    pub read: &'static Scope,
    /// The read/write permission, for areas that have writes.
    pub write: Option<&'static Scope>,
    /// What the integration uses it for.
    pub used_for: &'static str,
    /// What stops working without it.
    pub degrades: &'static str,
}

impl PermissionArea {
    /// The permission the integration needs in this area.
    pub fn needed_scope(&self) -> &'static Scope {
        match (self.needed, self.write) {
            (Access::Write, Some(write)) => write,
            _ => self.read,
        }
    }

    /// The portal label to tick, e.g. `Notifications: Read/Write`.
    pub fn label(&self) -> &'static str {
        self.needed_scope().label()
    }
}

/// The five areas of SPEC, in its order.
pub static PERMISSION_AREAS: [PermissionArea; 5] = [
    PermissionArea {
        area: DEVICES,
        portal_name: "Devices",
        needed: Access::Read,
        read: &DEVICES_READ,
        write: None,
        used_for: "device sync, status, custom fields, applied policies",
        degrades: "no device list, device details, custom fields, policies or antivirus status",
    },
    PermissionArea {
        area: DEVICE_ASSETS,
        portal_name: "Device Assets",
        needed: Access::Read,
        read: &DEVICE_ASSETS_READ,
        write: None,
        used_for: "hardware and installed-software inventory",
        degrades: "no hardware or installed-software inventory",
    },
    PermissionArea {
        area: ORGANIZATIONS,
        portal_name: "Organizations / Sites / Groups",
        needed: Access::Read,
        read: &ORGANIZATIONS_READ,
        write: None,
        used_for: "tenant hierarchy, PSA company mapping",
        degrades: "no tenant hierarchy, so no mapping of organizations to PSA companies",
    },
    PermissionArea {
        area: AUTOMATION,
        portal_name: "Automation",
        needed: Access::Read,
        read: &AUTOMATION_READ,
        write: Some(&AUTOMATION_WRITE),
        used_for: "script / task / workflow catalog",
        degrades: "no script, task or workflow catalog and no execution history",
    },
    PermissionArea {
        area: NOTIFICATIONS,
        portal_name: "Notifications",
        needed: Access::Write,
        read: &NOTIFICATIONS_READ,
        write: Some(&NOTIFICATIONS_WRITE),
        used_for: "only to create notifications or manage webhooks",
        degrades: "notifications and webhooks cannot be read, created or managed",
    },
];

/// The table row of a policy area (`None` for areas outside the five, e.g. environment).
pub fn area_of(area: &Area) -> Option<&'static PermissionArea> {
    PERMISSION_AREAS.iter().find(|row| row.area == *area)
}

/// Reads a permission name as written in configuration: the wire name
/// (`devices.read`, any case), or the portal label (`Devices: Read`,
/// `Notifications: Read/Write`, any case and spacing).
///
/// ```
/// use vsax_client::permissions::{parse_permission, NOTIFICATIONS_WRITE};
/// assert_eq!(parse_permission("notifications: read/write"), Some(&NOTIFICATIONS_WRITE));
/// assert_eq!(parse_permission("NOTIFICATIONS.WRITE"), Some(&NOTIFICATIONS_WRITE));
/// assert_eq!(parse_permission("tickets.read"), None);
/// ```
pub fn parse_permission(text: &str) -> Option<&'static Scope> {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = squash(text);
    ALL_PERMISSIONS
        .iter()
        .copied()
        .find(|scope| squash(scope.name()) == wanted || squash(scope.label()) == wanted)
}

/// VSA X's rule: a permission is covered by itself, and an area's read/write
/// permission covers its read permission.
#[derive(Clone, Copy, Debug, Default)]
pub struct VsaxRules;

impl ScopeRules for VsaxRules {
    fn implies(&self, granted: &str, required: &Scope) -> bool {
        if granted == required.name() {
            return true;
        }
        match (
            granted.strip_suffix(".write"),
            required.name().strip_suffix(".read"),
        ) {
            (Some(area), Some(needed)) => area == needed,
            _ => false,
        }
    }
}

/// The granted set for declared permissions, interpreted through [`VsaxRules`].
pub fn granted_set(declared: &[&'static Scope]) -> GrantedScopes {
    GrantedScopes::new(declared.iter().map(|s| s.name().to_owned())).with_rules(Arc::new(VsaxRules))
}

impl fmt::Display for PermissionArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.portal_name, self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::ScopeSet;

    #[test]
    fn the_table_is_the_five_areas_of_spec() {
        let rows: Vec<_> = PERMISSION_AREAS
            .iter()
            .map(|r| (r.portal_name, r.label()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Devices", "Devices: Read"),
                ("Device Assets", "Device Assets: Read"),
                (
                    "Organizations / Sites / Groups",
                    "Organizations / Sites / Groups: Read"
                ),
                ("Automation", "Automation: Read"),
                ("Notifications", "Notifications: Read/Write"),
            ]
        );
    }

    #[test]
    fn write_covers_read_of_the_same_area_only() {
        let set = granted_set(&[&NOTIFICATIONS_WRITE]);
        assert!(set.grants(&NOTIFICATIONS_READ));
        assert!(set.grants(&NOTIFICATIONS_WRITE));
        assert!(!set.grants(&DEVICES_READ));
        let read_only = granted_set(&[&AUTOMATION_READ]);
        assert!(!read_only.grants(&AUTOMATION_WRITE));
    }

    #[test]
    fn labels_and_names_parse() {
        for scope in ALL_PERMISSIONS {
            assert_eq!(parse_permission(scope.label()), Some(scope));
            assert_eq!(parse_permission(scope.name()), Some(scope));
        }
        assert_eq!(
            parse_permission("organizations/sites/groups:read"),
            Some(&ORGANIZATIONS_READ)
        );
    }
}
