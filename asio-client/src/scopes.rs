//! The Asio scope table: the nine scopes the integration needs, with their
//! wire strings and the exact labels an admin ticks in the Asio portal
//! (Integrations → API Access), plus the optional device-groups scope.
//!
//! Asio's wire strings are irregular (`platform.asset.read` is singular,
//! `platform.deviceGroups.read` camelCase), and the contacts string is not
//! confirmed publicly. So every string is written out here, never formed from
//! a label, and every one can be replaced by configuration
//! ([`ScopeNames::rename`], `ClientBuilder::scope_name`): requests, token scope
//! checks and reports then use the configured string.
//!
//! ```
//! use asio_client::scopes::{self, ScopeNames};
//! assert_eq!(scopes::ASSETS_READ.name(), "platform.asset.read");
//! assert_eq!(scopes::ASSETS_READ.label(), "Platform - Assets - Read");
//! let names = ScopeNames::default().rename(&scopes::CONTACTS_READ, "platform.contact.read");
//! assert_eq!(names.wire(&scopes::CONTACTS_READ), "platform.contact.read");
//! assert_eq!(names.requested().len(), 9);
//! ```

use std::collections::BTreeMap;

use neo_auth_core::{Scope, ScopeRules};

/// Platform - Agent - Read: agent information (install tokens).
pub static AGENT_READ: Scope = Scope::new("platform.agent.read", "Platform - Agent - Read");
/// Platform - Assets - Read: asset and hardware inventory, installed software.
pub static ASSETS_READ: Scope = Scope::new("platform.asset.read", "Platform - Assets - Read");
/// Platform - Automation - Read: scripts, tasks and their results.
pub static AUTOMATION_READ: Scope =
    Scope::new("platform.automation.read", "Platform - Automation - Read");
/// Platform - Automation - Create: running scripts on devices.
pub static AUTOMATION_CREATE: Scope = Scope::new(
    "platform.automation.create",
    "Platform - Automation - Create",
);
/// Platform - Companies - Read: companies (clients) and their custom fields.
pub static COMPANIES_READ: Scope =
    Scope::new("platform.companies.read", "Platform - Companies - Read");
/// Platform - Contacts - Read: contacts. The wire string is unconfirmed
/// publicly: override it with [`ScopeNames::rename`] if your portal differs.
pub static CONTACTS_READ: Scope =
    Scope::new("platform.contacts.read", "Platform - Contacts - Read");
/// Platform - Devices - Read: device lists, details, status, system state.
pub static DEVICES_READ: Scope = Scope::new("platform.devices.read", "Platform - Devices - Read");
/// Platform - Sites - Read: sites.
pub static SITES_READ: Scope = Scope::new("platform.sites.read", "Platform - Sites - Read");
/// Platform - Tickets - Read: tickets and their notes.
pub static TICKETS_READ: Scope = Scope::new("platform.tickets.read", "Platform - Tickets - Read");
/// Platform - DeviceGroups - Read (optional, camelCase on the wire): device groups.
pub static DEVICE_GROUPS_READ: Scope = Scope::new(
    "platform.deviceGroups.read",
    "Platform - DeviceGroups - Read",
);

/// The nine scopes the integration needs (SPEC), requested by default.
pub static REQUIRED: [&Scope; 9] = [
    &AGENT_READ,
    &ASSETS_READ,
    &AUTOMATION_READ,
    &AUTOMATION_CREATE,
    &COMPANIES_READ,
    &CONTACTS_READ,
    &DEVICES_READ,
    &SITES_READ,
    &TICKETS_READ,
];

/// Scopes some operations use that are not among the nine.
pub static OPTIONAL: [&Scope; 1] = [&DEVICE_GROUPS_READ];

/// What a credential without `scope` cannot do, for reports.
pub fn degrades(scope: &Scope) -> &'static str {
    match scope.name() {
        "platform.agent.read" => "agent information and install tokens",
        "platform.asset.read" => "hardware inventory and installed software",
        "platform.automation.read" => "script, task and result lists",
        "platform.automation.create" => "running scripts on devices",
        "platform.companies.read" => "companies and their custom fields",
        "platform.contacts.read" => "contacts",
        "platform.devices.read" => "device lists, details, online status and system state",
        "platform.sites.read" => "sites",
        "platform.tickets.read" => "tickets and ticket notes",
        "platform.deviceGroups.read" => "device groups",
        _ => "the operations that need it",
    }
}

/// The wire string of every scope, as configured: the table's own string
/// unless renamed. Also the credential's [`ScopeRules`]: a granted name covers
/// a scope when it equals the scope's configured wire string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeNames {
    renamed: BTreeMap<String, String>,
}

impl ScopeNames {
    /// Sends `wire` instead of the table's string for `scope`.
    #[must_use]
    pub fn rename(mut self, scope: &Scope, wire: impl Into<String>) -> Self {
        self.renamed.insert(scope.name().to_owned(), wire.into());
        self
    }

    /// The configured wire string of `scope`.
    pub fn wire<'a>(&'a self, scope: &'a Scope) -> &'a str {
        self.renamed
            .get(scope.name())
            .map_or(scope.name(), String::as_str)
    }

    /// The wire strings of the nine [`REQUIRED`] scopes (the default request).
    pub fn requested(&self) -> Vec<String> {
        REQUIRED.iter().map(|s| self.wire(s).to_owned()).collect()
    }

    /// The renamed scopes' wire strings, checked: no blanks or spaces.
    pub(crate) fn validate(&self) -> neo_auth_core::Result<()> {
        for (scope, wire) in &self.renamed {
            if wire.trim().is_empty() || wire.contains(char::is_whitespace) {
                return Err(neo_auth_core::Error::config(format!(
                    "the wire string configured for `{scope}` must be one word, got `{}`",
                    wire.escape_debug()
                )));
            }
        }
        Ok(())
    }
}

impl ScopeRules for ScopeNames {
    fn implies(&self, granted: &str, required: &Scope) -> bool {
        granted == self.wire(required)
    }

    fn wire_name(&self, required: &Scope) -> String {
        self.wire(required).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nine_labels_are_spec_exact() {
        let labels: Vec<&str> = REQUIRED.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "Platform - Agent - Read",
                "Platform - Assets - Read",
                "Platform - Automation - Read",
                "Platform - Automation - Create",
                "Platform - Companies - Read",
                "Platform - Contacts - Read",
                "Platform - Devices - Read",
                "Platform - Sites - Read",
                "Platform - Tickets - Read",
            ]
        );
        // Irregular wire strings are written out, not derived from labels.
        assert_eq!(ASSETS_READ.name(), "platform.asset.read");
        assert_eq!(DEVICE_GROUPS_READ.name(), "platform.deviceGroups.read");
    }

    #[test]
    fn renamed_scopes_change_rules_and_request() {
        let names = ScopeNames::default().rename(&CONTACTS_READ, "platform.contact.read");
        assert!(names.implies("platform.contact.read", &CONTACTS_READ));
        assert!(!names.implies("platform.contacts.read", &CONTACTS_READ));
        assert!(names.implies("platform.sites.read", &SITES_READ));
        assert!(
            names
                .requested()
                .contains(&"platform.contact.read".to_owned())
        );
        assert!(
            !names
                .requested()
                .contains(&"platform.contacts.read".to_owned())
        );
        let bad = ScopeNames::default().rename(&SITES_READ, "two words");
        assert!(bad.validate().is_err());
    }

    #[test]
    fn every_scope_says_what_degrades() {
        for scope in REQUIRED.iter().chain(OPTIONAL.iter()) {
            assert_ne!(
                degrades(scope),
                "the operations that need it",
                "{}",
                scope.name()
            );
        }
    }
}
