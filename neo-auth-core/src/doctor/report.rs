//! The report types: [`AccessReport`], its rows ([`AccessCheck`]) and facts
//! ([`Fact`]), and how each row's answer was learned.

use serde::Serialize;

use crate::access::requirement::{Access, Area, AreaAccess};
use crate::access::requirements::Verb;
use crate::access::scope::Scope;
use crate::auth::credential::GrantSource;
use crate::doctor::ser;

/// How a row's answer ("granted or not") was learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CheckMethod {
    /// From the `scope` of the token response: what the vendor says it granted.
    TokenScopes,
    /// From the scopes the token request asked for (the vendor did not say
    /// what it granted, so it may have granted less).
    RequestedScopes,
    /// From configuration: the integrator states what the credential holds
    /// (a ConnectWise Manage security role's levels, say).
    Configured,
    /// From the vendor's introspection endpoint (what a token is allowed).
    Introspection,
    /// From a 1-item probe read.
    ProbeRead,
    /// Not learned: the policy ignores the area, or nothing could tell.
    NotChecked,
}

impl CheckMethod {
    /// The method that matches a credential's [`GrantSource`].
    pub fn from_grant_source(source: GrantSource) -> Self {
        match source {
            GrantSource::Configured => CheckMethod::Configured,
            GrantSource::Requested => CheckMethod::RequestedScopes,
            GrantSource::TokenResponse => CheckMethod::TokenScopes,
        }
    }

    /// A short phrase for the text report (`token scopes`, `1-item probe read`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckMethod::TokenScopes => "token scopes",
            CheckMethod::RequestedScopes => "requested scopes",
            CheckMethod::Configured => "configured",
            CheckMethod::Introspection => "introspection",
            CheckMethod::ProbeRead => "1-item probe read",
            CheckMethod::NotChecked => "not checked",
        }
    }
}

impl std::fmt::Display for CheckMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a row or fact matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Nothing to do.
    Ok,
    /// Worth a look, but the integration works: an optional permission missing,
    /// a probe that could not run (a 5xx, a timeout), an optional area where
    /// nothing is visible.
    Warning,
    /// Something the integration needs does not work.
    Problem,
}

/// What a probe read saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Visibility {
    /// Not probed (a write, no probe, the policy ignores the area, or the scope
    /// is known to be missing).
    NotProbed,
    /// Records are visible ([`AccessCheck::seen`] says how many the probe saw).
    Records,
    /// The list came back empty: no data, or the vendor-side account sees none
    /// (HaloPSA answers an invisible list with an empty list, not an error).
    NoneVisible,
    /// The vendor answered 403.
    Forbidden,
    /// The vendor answered 401: the credential was not accepted.
    Unauthorized,
    /// The probe failed for another reason ([`AccessCheck::error`] says why).
    ProbeFailed,
}

/// One row of the report: one permission an area needs for one kind of access.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct AccessCheck {
    /// The policy area.
    #[serde(serialize_with = "ser::area")]
    pub area: Area,
    /// Read or write.
    #[serde(serialize_with = "ser::display")]
    pub access: Access,
    /// The verb, when the row is about one (`create`), rather than every read
    /// or every write of the area.
    #[serde(serialize_with = "ser::opt_display")]
    pub verb: Option<Verb>,
    /// The vendor permission (wire name and portal label); `None` when the
    /// vendor has none the SDK can check (only the server's answer tells).
    #[serde(serialize_with = "ser::opt_scope")]
    pub scope: Option<Scope>,
    /// Whether the integration needs it: the vendor does not mark it optional
    /// and the policy allows this access to the area.
    pub required: bool,
    /// Whether the vendor marks it optional (features degrade without it).
    pub optional: bool,
    /// What the policy allows in the area.
    #[serde(serialize_with = "ser::display")]
    pub policy: AreaAccess,
    /// Whether the credential holds it; `None` when unknown.
    pub granted: Option<bool>,
    /// How `granted` was learned.
    pub method: CheckMethod,
    /// What a probe read saw.
    pub visibility: Visibility,
    /// How many records the probe saw, when it read some.
    pub seen: Option<u64>,
    /// How much the row matters.
    pub severity: Severity,
    /// What stops working without it.
    pub degrades: String,
    /// What to do or what was found, in words (set for warnings and problems,
    /// and for rows that were not checked).
    pub detail: Option<String>,
    /// What the server answered when the probe failed or was refused.
    pub error: Option<String>,
    /// How the row was probed, or why it was not, when that is not a plain
    /// 1-item read of the area's list ([`PlanEntry::note`](crate::doctor::PlanEntry::note)):
    /// `probed through GET /Status only`.
    pub note: Option<String>,
}

impl AccessCheck {
    /// The state in a word or a few: `granted`, `missing`, `unknown`, `refused
    /// (403)`, `not accepted (401)`, `probe failed`, `not checked`.
    pub fn state(&self) -> &'static str {
        match (self.visibility, self.granted, self.method) {
            (Visibility::ProbeFailed, _, _) => "probe failed",
            (Visibility::Unauthorized, _, _) => "not accepted (401)",
            (Visibility::Forbidden, Some(true), _) => "granted, refused (403)",
            (Visibility::Forbidden, _, _) => "refused (403)",
            (_, _, CheckMethod::NotChecked) => "not checked",
            (_, Some(true), _) => "granted",
            (_, Some(false), _) => "missing",
            (_, None, _) => "unknown",
        }
    }

    /// Whether this row is a required permission the credential does not hold.
    pub fn is_missing_required(&self) -> bool {
        self.required && self.granted == Some(false)
    }

    /// The row's verb, or its access when it stands for a whole area.
    pub fn action(&self) -> &'static str {
        match (self.verb, self.access) {
            (Some(verb), _) => verb.name(),
            (None, Access::Read) => "read",
            (None, Access::Write) => "write",
        }
    }

    /// Records a problem, or a warning on a row the integration does not need.
    pub(crate) fn flag(&mut self, detail: String) {
        if self.required {
            self.severity = Severity::Problem;
            self.detail = Some(detail);
        } else {
            self.warn(detail);
        }
    }

    /// Records a warning unless a problem is recorded.
    pub(crate) fn warn(&mut self, detail: String) {
        if self.severity < Severity::Warning {
            self.severity = Severity::Warning;
            self.detail = Some(detail);
        }
    }
}

/// A fact about the credential: the identity it acts as (Halo's login agent,
/// ConnectWise Manage's API member, a VSA X token, an Asio client), the token
/// endpoint, an expiry date.
///
/// ```
/// use neo_auth_core::doctor::{Fact, Severity};
/// let agent = Fact::new("acting agent", "7 (API agent)")
///     .problem("the configuration expects agent 12: change \"Agent to log in as\"");
/// assert_eq!(agent.severity, Severity::Problem);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Fact {
    /// What the fact is about (`acting agent`).
    pub name: String,
    /// Its value, when known.
    pub value: Option<String>,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong or why it is unknown, in words.
    pub detail: Option<String>,
}

impl Fact {
    /// A fact with a known value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Fact {
            name: name.into(),
            value: Some(value.into()),
            severity: Severity::Ok,
            detail: None,
        }
    }

    /// A fact whose value is unknown, saying why.
    pub fn unknown(name: impl Into<String>, why: impl Into<String>) -> Self {
        Fact {
            name: name.into(),
            value: None,
            severity: Severity::Warning,
            detail: Some(why.into()),
        }
    }

    /// Marks the fact a problem, in words.
    pub fn problem(mut self, detail: impl Into<String>) -> Self {
        self.severity = Severity::Problem;
        self.detail = Some(detail.into());
        self
    }

    /// Marks the fact worth a look, in words.
    pub fn warning(mut self, detail: impl Into<String>) -> Self {
        self.severity = Severity::Warning;
        self.detail = Some(detail.into());
        self
    }
}

/// What the credential was granted, as the report saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GrantReport {
    /// The granted names (levels as `name=Level`); empty when unknown.
    pub scopes: Vec<String>,
    /// Where they come from; `None` when the credential does not report a grant.
    #[serde(serialize_with = "ser::opt_grant_source")]
    pub source: Option<GrantSource>,
}

/// The doctor's report: what the credential holds, row by row, for every
/// permission the integration needs or may use.
///
/// Build it with [`ProbePlan`](crate::doctor::ProbePlan); print it with
/// `Display` (the portal location once, one line per row, then the problems
/// grouped by the permission to tick) or serialize it for `--json`.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct AccessReport {
    /// The vendor's name (`HaloPSA`).
    pub vendor: String,
    /// Where the admin ticks a permission, completing "tick `label` …"
    /// ([`VendorErrors::permission_location`](crate::VendorErrors::permission_location)).
    pub location: String,
    /// What the credential was granted.
    pub grant: GrantReport,
    /// The identity the credential acts as, when the vendor checks one.
    pub identity: Option<Fact>,
    /// Other facts (token endpoint, expiry, …).
    pub facts: Vec<Fact>,
    /// One row per permission.
    pub checks: Vec<AccessCheck>,
}

/// Exit code of `neo doctor` when nothing needed is missing.
pub const EXIT_OK: i32 = 0;
/// Exit code of `neo doctor` when a required permission is missing or refused.
pub const EXIT_PERMISSION: i32 = 3;
/// Exit code of `neo doctor` when the credential was not accepted (401).
pub const EXIT_AUTH: i32 = 4;

impl AccessReport {
    /// Whether any row or fact is a [`Severity::Problem`].
    pub fn has_problems(&self) -> bool {
        self.worst() == Severity::Problem
    }

    /// The most serious severity in the report.
    pub fn worst(&self) -> Severity {
        self.identity
            .iter()
            .chain(&self.facts)
            .map(|f| f.severity)
            .chain(self.checks.iter().map(|c| c.severity))
            .max()
            .unwrap_or(Severity::Ok)
    }

    /// The required permissions the credential does not hold.
    pub fn missing_required(&self) -> Vec<&AccessCheck> {
        self.checks
            .iter()
            .filter(|c| c.is_missing_required())
            .collect()
    }

    /// The rows that are problems.
    pub fn problems(&self) -> impl Iterator<Item = &AccessCheck> {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Problem)
    }

    /// The rows that are warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &AccessCheck> {
        self.checks
            .iter()
            .filter(|c| c.severity == Severity::Warning)
    }

    /// The exit code of `neo doctor`: [`EXIT_AUTH`] (4) when a probe was not
    /// accepted (401), [`EXIT_PERMISSION`] (3) when any problem remains (a
    /// required permission missing or refused, a required area where nothing
    /// is visible, a problem with the identity), else [`EXIT_OK`] (0).
    /// Warnings never fail the run.
    pub fn exit_code(&self) -> i32 {
        let unauthorized = self
            .problems()
            .any(|c| c.visibility == Visibility::Unauthorized);
        if unauthorized {
            EXIT_AUTH
        } else if self.has_problems() {
            EXIT_PERMISSION
        } else {
            EXIT_OK
        }
    }

    /// The row of one area and access (the first, when verbs split it).
    pub fn check(&self, area: &Area, access: Access) -> Option<&AccessCheck> {
        self.checks
            .iter()
            .find(|c| &c.area == area && c.access == access)
    }

    /// Every area the report has rows for, in order of first appearance.
    pub fn areas(&self) -> Vec<Area> {
        let mut areas: Vec<Area> = Vec::new();
        for check in &self.checks {
            if !areas.contains(&check.area) {
                areas.push(check.area);
            }
        }
        areas
    }

    /// The report limited to `areas` (`neo doctor --areas tickets,actions`):
    /// rows of other areas are dropped, so a least-privilege credential is not
    /// reported broken for areas the integration never touches. Identity and
    /// facts stay.
    pub fn only_areas(mut self, areas: &[Area]) -> Self {
        self.checks.retain(|c| areas.contains(&c.area));
        self
    }
}
