//! Vendor scopes and permissions, and the sets of them a credential was granted.
//!
//! A [`Scope`] names one vendor permission twice: by the wire name the API uses
//! (`edit:tickets`, `platform.asset.read`) and by the label an admin ticks in the
//! vendor portal. A [`ScopeSet`] answers "is this scope granted?", with vendor rules
//! plugged in through [`ScopeRules`] (HaloPSA's `all` grants everything) or, for
//! level-based permissions such as ConnectWise Manage's, through [`PermissionLevels`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

/// One vendor scope or permission.
///
/// ```
/// use neo_auth_core::Scope;
/// const EDIT_TICKETS: Scope = Scope::new("edit:tickets", "Edit Tickets");
/// assert_eq!(EDIT_TICKETS.name(), "edit:tickets");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    name: Cow<'static, str>,
    label: Cow<'static, str>,
    level: Option<PermissionLevel>,
}

impl Scope {
    /// A scope from its wire name and its portal label.
    pub const fn new(name: &'static str, label: &'static str) -> Self {
        Scope {
            name: Cow::Borrowed(name),
            label: Cow::Borrowed(label),
            level: None,
        }
    }

    /// A scope from owned strings (for names that come from configuration).
    pub fn owned(name: impl Into<String>, label: impl Into<String>) -> Self {
        Scope {
            name: Cow::Owned(name.into()),
            label: Cow::Owned(label.into()),
            level: None,
        }
    }

    /// The same permission at a minimum level (for level-based permissions).
    pub const fn at_level(mut self, level: PermissionLevel) -> Self {
        self.level = Some(level);
        self
    }

    /// The wire name the API uses.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The label the admin sees in the vendor portal.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The minimum level needed, for level-based permissions.
    pub fn level(&self) -> Option<PermissionLevel> {
        self.level
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (\"{}\")", self.name, self.label)?;
        if let Some(level) = self.level {
            write!(f, " at level {level:?}")?;
        }
        Ok(())
    }
}

/// What a credential was granted: answers whether a required scope is covered.
pub trait ScopeSet: Send + Sync + fmt::Debug {
    /// Whether `scope` is granted.
    fn grants(&self, scope: &Scope) -> bool;

    /// The granted names, for reports.
    fn names(&self) -> Vec<String>;

    /// The name `scope` goes by on the wire for this credential: the scope's
    /// own name unless the vendor's rules rename it (Asio's scope strings are
    /// configurable). Missing-scope errors name this string.
    fn wire_name(&self, scope: &Scope) -> String {
        scope.name().to_owned()
    }
}

/// A vendor's rule for whether one granted name covers a required scope.
pub trait ScopeRules: Send + Sync + fmt::Debug {
    /// Whether the granted scope name `granted` covers `required`.
    fn implies(&self, granted: &str, required: &Scope) -> bool;

    /// The wire name of `required` under these rules (its own name unless the
    /// vendor configured another; see [`ScopeSet::wire_name`]).
    fn wire_name(&self, required: &Scope) -> String {
        required.name().to_owned()
    }
}

/// The plain rule: a scope is covered only by itself (exact, case-sensitive match).
#[derive(Clone, Copy, Debug, Default)]
pub struct ExactRules;

impl ScopeRules for ExactRules {
    fn implies(&self, granted: &str, required: &Scope) -> bool {
        granted == required.name()
    }
}

/// A set of granted scope names interpreted through vendor [`ScopeRules`].
///
/// ```
/// use neo_auth_core::{GrantedScopes, Scope, ScopeSet};
/// let granted = GrantedScopes::parse("read:tickets read:customers");
/// assert!(granted.grants(&Scope::new("read:tickets", "Read Tickets")));
/// assert!(!granted.grants(&Scope::new("edit:tickets", "Edit Tickets")));
/// ```
#[derive(Clone)]
pub struct GrantedScopes {
    names: BTreeSet<String>,
    rules: Arc<dyn ScopeRules>,
}

impl GrantedScopes {
    /// Granted names with exact matching.
    pub fn new<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        GrantedScopes {
            names: names
                .into_iter()
                .map(Into::into)
                .filter(|s: &String| !s.is_empty())
                .collect(),
            rules: Arc::new(ExactRules),
        }
    }

    /// Parses an OAuth `scope` value (space-separated names).
    pub fn parse(scope: &str) -> Self {
        Self::new(scope.split_whitespace())
    }

    /// Interprets the names through vendor rules.
    pub fn with_rules(mut self, rules: Arc<dyn ScopeRules>) -> Self {
        self.rules = rules;
        self
    }

    /// Whether no scope is granted.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl fmt::Debug for GrantedScopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GrantedScopes")
            .field("names", &self.names)
            .field("rules", &self.rules)
            .finish()
    }
}

impl ScopeSet for GrantedScopes {
    fn grants(&self, scope: &Scope) -> bool {
        self.names.iter().any(|g| self.rules.implies(g, scope))
    }

    fn names(&self) -> Vec<String> {
        self.names.iter().cloned().collect()
    }

    fn wire_name(&self, scope: &Scope) -> String {
        self.rules.wire_name(scope)
    }
}

/// A level of a level-based permission (ConnectWise Manage security roles:
/// None < Mine < My < All).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PermissionLevel {
    /// No access.
    None,
    /// Only records the member owns.
    Mine,
    /// Records of the member's own company / location.
    My,
    /// All records.
    All,
}

/// Level-based permissions: each permission name has a granted level, and a scope
/// asking for a level is granted when the granted level is at least that.
#[derive(Clone, Debug, Default)]
pub struct PermissionLevels {
    levels: BTreeMap<String, PermissionLevel>,
}

impl PermissionLevels {
    /// An empty set (every permission at `None`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the granted level of a permission.
    pub fn set(mut self, name: impl Into<String>, level: PermissionLevel) -> Self {
        self.levels.insert(name.into(), level);
        self
    }

    /// The granted level of a permission (`None` when unknown).
    pub fn level(&self, name: &str) -> PermissionLevel {
        self.levels
            .get(name)
            .copied()
            .unwrap_or(PermissionLevel::None)
    }
}

impl ScopeSet for PermissionLevels {
    fn grants(&self, scope: &Scope) -> bool {
        let granted = self.level(scope.name());
        match scope.level() {
            Some(needed) => granted >= needed,
            None => granted > PermissionLevel::None,
        }
    }

    fn names(&self) -> Vec<String> {
        self.levels
            .iter()
            .map(|(name, level)| format!("{name}={level:?}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct PrefixAll;
    impl ScopeRules for PrefixAll {
        fn implies(&self, granted: &str, required: &Scope) -> bool {
            granted == "all" || granted == required.name()
        }
    }

    #[test]
    fn exact_rules_need_the_same_name() {
        let set = GrantedScopes::parse("  read:a   read:b ");
        assert!(set.grants(&Scope::new("read:a", "A")));
        assert!(!set.grants(&Scope::new("read:c", "C")));
        assert_eq!(set.names(), vec!["read:a", "read:b"]);
    }

    #[test]
    fn vendor_rules_are_pluggable() {
        let set = GrantedScopes::parse("all").with_rules(Arc::new(PrefixAll));
        assert!(set.grants(&Scope::new("edit:anything", "X")));
    }

    #[test]
    fn levels_compare() {
        let levels = PermissionLevels::new()
            .set("Service Tickets.add", PermissionLevel::All)
            .set("Company Maintenance.inquire", PermissionLevel::Mine);
        let add = Scope::new(
            "Service Tickets.add",
            "Service Desk / Service Tickets / Add",
        )
        .at_level(PermissionLevel::All);
        let inquire = Scope::new(
            "Company Maintenance.inquire",
            "Companies / Company Maintenance / Inquire",
        )
        .at_level(PermissionLevel::All);
        assert!(levels.grants(&add));
        assert!(!levels.grants(&inquire));
        assert!(!levels.grants(&Scope::new("Table Setup.inquire", "System / Table Setup")));
    }
}
