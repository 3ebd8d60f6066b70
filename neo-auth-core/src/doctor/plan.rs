//! The engine: a [`ProbePlan`] of [`PlanEntry`]s, run against a grant and a
//! policy, gives the rows of an [`AccessReport`].

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::access::policy::AccessPolicy;
use crate::access::requirement::{Access, Area, AreaAccess};
use crate::access::requirements::{Need, Requirements, Verb};
use crate::access::scope::{Scope, ScopeSet};
use crate::auth::credential::GrantSource;
use crate::auth::token::BoxFuture;
use crate::doctor::report::{
    AccessCheck, AccessReport, CheckMethod, Fact, GrantReport, Severity, Visibility,
};
use crate::endpoint::EndpointSpec;
use crate::error::vendor_body::VendorErrors;
use crate::error::{Error, Result};
use crate::transport::Transport;

/// A probe: a 1-item read that answers with the number of records it saw (the
/// total when the vendor reports one), or the error the read failed with.
pub type Probe<'a> = BoxFuture<'a, Result<u64>>;

/// One row to check: an area, the access and permission it needs, what
/// degrades without it, and optionally a probe read.
///
/// ```
/// use neo_auth_core::doctor::PlanEntry;
/// use neo_auth_core::{Area, Requirements, Scope, Verb};
///
/// static READ: Scope = Scope::new("read:tickets", "Read Tickets");
/// static EDIT: Scope = Scope::new("edit:tickets", "Edit Tickets");
/// const TICKETS: Requirements = Requirements::read_write(Area::new("tickets"), &READ, &EDIT);
///
/// let entry = PlanEntry::from_requirements(&TICKETS, Verb::Create)
///     .expect("tickets can be created")
///     .degrades("tickets cannot be opened");
/// assert_eq!(entry.scope().map(|s| s.name()), Some("edit:tickets"));
/// ```
pub struct PlanEntry<'a> {
    area: Area,
    access: Access,
    verb: Option<Verb>,
    scope: Option<Scope>,
    optional: bool,
    may_be_empty: bool,
    degrades: Cow<'static, str>,
    note: Option<String>,
    probe: Option<Probe<'a>>,
}

impl fmt::Debug for PlanEntry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlanEntry")
            .field("area", &self.area)
            .field("access", &self.access)
            .field("verb", &self.verb)
            .field("scope", &self.scope)
            .field("optional", &self.optional)
            .field("may_be_empty", &self.may_be_empty)
            .field("degrades", &self.degrades)
            .field("note", &self.note)
            .field("probe", &self.probe.is_some())
            .finish()
    }
}

impl<'a> PlanEntry<'a> {
    /// Every read (or every write) of `area`, needing `scope` (`None`: the
    /// vendor has no permission the SDK can check).
    pub fn new(area: Area, access: Access, scope: Option<Scope>) -> Self {
        PlanEntry {
            area,
            access,
            verb: None,
            scope,
            optional: false,
            may_be_empty: false,
            degrades: Cow::Borrowed(""),
            note: None,
            probe: None,
        }
    }

    /// Every read of `area`.
    pub fn read(area: Area, scope: &Scope) -> Self {
        Self::new(area, Access::Read, Some(scope.clone()))
    }

    /// Every write of `area`.
    pub fn write(area: Area, scope: &Scope) -> Self {
        Self::new(area, Access::Write, Some(scope.clone()))
    }

    /// One verb of an endpoint's [`Requirements`]; `None` when the endpoint
    /// does not offer it.
    pub fn from_requirements(requirements: &Requirements, verb: Verb) -> Option<Self> {
        let scope = match *requirements.need(verb) {
            Need::Unsupported => return None,
            Need::Unscoped => None,
            Need::Scoped(scope) => Some(scope.clone()),
        };
        let mut entry = Self::new(requirements.area(), verb.access(), scope);
        entry.verb = Some(verb);
        Some(entry)
    }

    /// One verb of an endpoint; `None` when the endpoint does not offer it.
    pub fn for_endpoint(endpoint: &EndpointSpec, verb: Verb) -> Option<Self> {
        Self::from_requirements(&endpoint.requirements, verb)
    }

    /// The vendor marks the permission optional: features degrade without it,
    /// the integration still works (a missing one is a warning).
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// An empty probe is only a warning even when the permission is required
    /// (an area a tenant may have no records in: quotations, appointments).
    pub fn may_be_empty(mut self) -> Self {
        self.may_be_empty = true;
        self
    }

    /// What stops working without the permission, completing "without it …".
    pub fn degrades(mut self, degrades: impl Into<Cow<'static, str>>) -> Self {
        self.degrades = degrades.into();
        self
    }

    /// How the row is probed, or why it is not, when that is not a plain
    /// 1-item read of the area's list (one list standing for a whole area, a
    /// list read through a parent record); shown under the row.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// A 1-item read that tells "no access", "refused" and "nothing visible"
    /// apart. Used for read rows only, and only when the grant does not already
    /// say the permission is missing.
    pub fn probe(mut self, probe: impl Future<Output = Result<u64>> + Send + 'a) -> Self {
        self.probe = Some(Box::pin(probe));
        self
    }

    /// The permission, when there is one to check.
    pub fn scope(&self) -> Option<&Scope> {
        self.scope.as_ref()
    }

    /// The area.
    pub fn area(&self) -> Area {
        self.area
    }
}

/// Builds an [`AccessReport`]: the credential's grant, the access policy and
/// one [`PlanEntry`] per permission. A vendor adds its identity check
/// ([`ProbePlan::identity`]) and the probes; the rules are the same for all:
///
/// - an area the policy ignores is *not checked* (never a problem);
/// - a row is required unless the vendor marks it optional or the policy does
///   not allow that access (a write row under a read-only policy);
/// - a confirmed grant (token scopes, configuration, introspection) decides
///   whether the permission is held; a missing required one is a problem
///   naming the label to tick, a missing optional one a warning;
/// - a probe runs for every read row not known to be missing: records seen
///   confirm access; an empty list is a problem for a required row and a
///   warning for an optional one (the vendor-side account may see nothing);
///   a missing-scope answer is a problem naming the label; a 403 on a held
///   scope a problem for the vendor-side account; a 401 an authentication
///   problem; a 5xx, a timeout or a connection failure a warning ("could not
///   check"); any other failure a problem;
/// - with only requested scopes and no probe, a row is *unconfirmed* (a
///   warning when required).
///
/// ```
/// use std::sync::Arc;
/// use neo_auth_core::doctor::{PlanEntry, ProbePlan, Severity};
/// use neo_auth_core::{AccessPolicy, Area, GrantSource, PermissionLevel, PermissionLevels, Scope};
///
/// static INQUIRE: Scope = Scope::new("Company Maintenance.inquire", "Company Maintenance: Inquire Level")
///     .at_level(PermissionLevel::All);
/// let grant = PermissionLevels::new().set("Company Maintenance.inquire", PermissionLevel::All);
///
/// # futures_util::FutureExt::now_or_never(async {
/// let report = ProbePlan::new("ConnectWise Manage", "on the API member's security role")
///     .grant(Some((Arc::new(grant), GrantSource::Configured)))
///     .policy(AccessPolicy::read_only())
///     .entry(PlanEntry::read(Area::new("companies"), &INQUIRE).probe(async { Ok(3) }))
///     .run()
///     .await;
/// assert_eq!(report.checks[0].severity, Severity::Ok);
/// assert_eq!(report.exit_code(), 0);
/// # }).unwrap();
/// ```
pub struct ProbePlan<'a> {
    vendor: String,
    location: String,
    grant: Option<(Arc<dyn ScopeSet>, GrantSource)>,
    method: Option<CheckMethod>,
    policy: AccessPolicy,
    identity: Option<Fact>,
    account: Cow<'static, str>,
    facts: Vec<Fact>,
    entries: Vec<PlanEntry<'a>>,
}

impl fmt::Debug for ProbePlan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProbePlan")
            .field("vendor", &self.vendor)
            .field("grant", &self.grant)
            .field("policy", &self.policy)
            .field("entries", &self.entries)
            .finish_non_exhaustive()
    }
}

impl<'a> ProbePlan<'a> {
    /// A plan for `vendor`, whose permissions are ticked at `location` (a
    /// phrase completing "tick `label` …"). No grant, the default (read-only)
    /// policy and no entries until set.
    pub fn new(vendor: impl Into<String>, location: impl Into<String>) -> Self {
        ProbePlan {
            vendor: vendor.into(),
            location: location.into(),
            grant: None,
            method: None,
            policy: AccessPolicy::default(),
            identity: None,
            account: Cow::Borrowed(DEFAULT_ACCOUNT),
            facts: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// A plan with the vendor name and portal location of `errors`.
    pub fn for_vendor(errors: &dyn VendorErrors) -> Self {
        Self::new(errors.vendor(), errors.permission_location())
    }

    /// A plan with everything a transport knows: the vendor's conventions, the
    /// credential's grant (read once, with its source) and the policy.
    pub fn for_transport(transport: &Transport) -> Self {
        Self::for_vendor(transport.vendor_errors().as_ref())
            .grant(transport.credential().grant())
            .policy(transport.policy().clone())
    }

    /// The credential's grant and where it comes from ([`Credential::grant`](crate::Credential::grant)).
    pub fn grant(mut self, grant: Option<(Arc<dyn ScopeSet>, GrantSource)>) -> Self {
        self.grant = grant;
        self
    }

    /// How the grant was learned, when the source alone does not say it (a
    /// vendor that asked an introspection endpoint: [`CheckMethod::Introspection`]).
    pub fn learned_by(mut self, method: CheckMethod) -> Self {
        self.method = Some(method);
        self
    }

    /// The integration's access policy.
    pub fn policy(mut self, policy: AccessPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The identity the credential acts as (the vendor's own check).
    pub fn identity(mut self, identity: Fact) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Who acts behind the credential on the vendor's side, and where its own
    /// permissions are set, for the rows where that account is what to fix
    /// (nothing visible, a 403 the grant does not explain). Default: `the
    /// vendor-side account behind the credential`; HaloPSA names its login
    /// agent.
    pub fn account(mut self, account: impl Into<Cow<'static, str>>) -> Self {
        self.account = account.into();
        self
    }

    /// Another fact for the report.
    pub fn fact(mut self, fact: Fact) -> Self {
        self.facts.push(fact);
        self
    }

    /// One more row to check.
    pub fn entry(mut self, entry: PlanEntry<'a>) -> Self {
        self.entries.push(entry);
        self
    }

    /// Rows to check, in order.
    pub fn entries(mut self, entries: impl IntoIterator<Item = PlanEntry<'a>>) -> Self {
        self.entries.extend(entries);
        self
    }

    /// Runs the probes one after the other, in the order of the entries (never
    /// in parallel: a vendor's rate limit is shared with the integration), and
    /// builds the report. A probe only runs when its row needs it (a read the
    /// policy allows and the grant does not already refuse), so a later probe
    /// may use what an earlier one saw through shared state (an
    /// `Arc<Mutex<_>>` both futures hold) — say, a ticket id to read its notes.
    pub async fn run(self) -> AccessReport {
        let grant_method = self.method.or(self
            .grant
            .as_ref()
            .map(|(_, source)| CheckMethod::from_grant_source(*source)));
        let mut checks = Vec::with_capacity(self.entries.len());
        for entry in self.entries {
            checks.push(
                check_entry(
                    entry,
                    &self.grant,
                    grant_method,
                    &self.policy,
                    &Wording {
                        location: &self.location,
                        account: &self.account,
                    },
                )
                .await,
            );
        }
        AccessReport {
            vendor: self.vendor,
            location: self.location,
            grant: GrantReport {
                scopes: self
                    .grant
                    .as_ref()
                    .map(|(set, _)| set.names())
                    .unwrap_or_default(),
                source: self.grant.as_ref().map(|(_, source)| *source),
            },
            identity: self.identity,
            facts: self.facts,
            checks,
        }
    }
}

/// Who is behind a credential when a vendor does not say.
const DEFAULT_ACCOUNT: &str = "the vendor-side account behind the credential";

/// How a plan words its findings: where permissions are ticked, and who to
/// check when a held permission is refused.
struct Wording<'w> {
    location: &'w str,
    account: &'w str,
}

/// Whether `policy` allows `access`.
fn allows(policy: AreaAccess, access: Access) -> bool {
    !matches!(
        (policy, access),
        (AreaAccess::Ignore, _) | (AreaAccess::Read, Access::Write)
    )
}

/// Looks through [`Error::Shared`] to the error itself.
fn innermost(error: &Error) -> &Error {
    match error {
        Error::Shared(inner) => innermost(inner),
        other => other,
    }
}

/// The "tick … " sentence of a missing permission.
fn tick(scope: &Scope, location: &str, degrades: &str) -> String {
    let without = if degrades.is_empty() {
        String::new()
    } else {
        format!("; without it {degrades}")
    };
    format!(
        "`{}` missing — tick \"{}\" {location}{without}",
        scope.name(),
        scope.label()
    )
}

async fn check_entry(
    entry: PlanEntry<'_>,
    grant: &Option<(Arc<dyn ScopeSet>, GrantSource)>,
    grant_method: Option<CheckMethod>,
    policy: &AccessPolicy,
    wording: &Wording<'_>,
) -> AccessCheck {
    let location = wording.location;
    let allowed = policy.access(&entry.area);
    let mut check = AccessCheck {
        area: entry.area,
        access: entry.access,
        verb: entry.verb,
        scope: entry.scope,
        required: !entry.optional && allows(allowed, entry.access),
        optional: entry.optional,
        policy: allowed,
        granted: None,
        method: CheckMethod::NotChecked,
        visibility: Visibility::NotProbed,
        seen: None,
        severity: Severity::Ok,
        degrades: entry.degrades.into_owned(),
        detail: None,
        error: None,
        note: entry.note,
    };
    if allowed == AreaAccess::Ignore {
        check.detail = Some(format!(
            "not checked: the access policy ignores area `{}`",
            check.area
        ));
        return check;
    }
    // What the grant says, and whether it is confirmed.
    let mut confirmed = false;
    if let (Some(scope), Some((set, source)), Some(method)) = (&check.scope, grant, grant_method) {
        let holds = set.grants(scope);
        check.granted = Some(holds);
        check.method = method;
        confirmed = source.is_confirmed() || method == CheckMethod::Introspection;
        // A scope not even requested is missing, confirmed or not.
        if !holds {
            let detail = tick(scope, location, &check.degrades);
            if check.required || check.optional {
                check.flag(detail);
            } else {
                check.detail = Some("not needed by the policy".to_owned());
            }
            return check;
        }
    }
    let probe = match (check.access, entry.probe) {
        (Access::Read, Some(probe)) => probe,
        _ => {
            if check.granted.is_none() || !confirmed {
                let why = if check.scope.is_none() {
                    "unconfirmed: the vendor has no permission the SDK can check and no probe reads this area"
                } else if check.granted.is_none() {
                    "unconfirmed: the credential does not report its grant and no probe reads this area"
                } else {
                    "unconfirmed: the scope was requested, but the token response did not say it was granted"
                };
                if check.required {
                    check.warn(why.to_owned());
                } else {
                    check.detail = Some(why.to_owned());
                }
            }
            return check;
        }
    };
    match probe.await {
        Ok(seen) => {
            if !confirmed {
                check.granted = Some(true);
                check.method = CheckMethod::ProbeRead;
            }
            check.seen = Some(seen);
            if seen > 0 {
                check.visibility = Visibility::Records;
            } else {
                check.visibility = Visibility::NoneVisible;
                let without = if check.degrades.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", check.degrades)
                };
                if check.required && !entry.may_be_empty {
                    check.flag(format!(
                        "no records are visible although access is granted: {} cannot see records here{without}",
                        wording.account
                    ));
                } else {
                    check.warn(format!(
                        "no records are visible: fine if there are none; otherwise {} cannot see them{without}",
                        wording.account
                    ));
                }
            }
        }
        Err(error) => probe_failed(&mut check, &error, wording, confirmed),
    }
    check
}

/// Maps a failed probe to the row. `confirmed`: the grant said the
/// permission is held (else it was only requested).
fn probe_failed(check: &mut AccessCheck, error: &Error, wording: &Wording<'_>, confirmed: bool) {
    let location = wording.location;
    let inner = innermost(error);
    check.error = Some(
        inner
            .api()
            .map_or_else(|| inner.to_string(), ToString::to_string),
    );
    match inner {
        Error::MissingScope {
            scope,
            label,
            vendor,
            response,
            ..
        } => {
            // The grant said "held", but only because it was asked for.
            let requested_only = !confirmed && check.granted == Some(true);
            check.granted = Some(false);
            check.method = CheckMethod::ProbeRead;
            check.visibility = Visibility::Forbidden;
            let mut detail = match &check.scope {
                Some(own) => tick(own, location, &check.degrades),
                None => format!("`{scope}` missing — tick \"{label}\" {location}"),
            };
            // A 403 while the grant is only what was asked for: the scope may
            // be missing, or held and refused by the account behind it.
            if response.is_some() && requested_only {
                detail = format!(
                    "{vendor} answered 403 and the token response lists no scopes, so either {detail}, or the scope is held and {} lacks the permission",
                    wording.account
                );
            }
            check.flag(detail);
        }
        Error::Forbidden { .. } => {
            check.visibility = Visibility::Forbidden;
            check.flag(format!("{inner}"));
        }
        _ if inner.is_policy() => {
            check.method = CheckMethod::NotChecked;
            check.detail = Some(format!("not probed: {inner}"));
        }
        _ if inner.is_auth() || inner.status().is_some_and(|s| s.as_u16() == 401) => {
            check.visibility = Visibility::Unauthorized;
            check.flag(format!(
                "the credential was not accepted, so access is unknown: {inner}"
            ));
        }
        _ if inner.is_retryable() || inner.is_timeout() => {
            check.visibility = Visibility::ProbeFailed;
            check.warn(format!(
                "could not check: the probe read failed ({inner}); try again later"
            ));
        }
        _ => {
            check.visibility = Visibility::ProbeFailed;
            check.flag(format!(
                "the probe read failed, so access is unconfirmed: {inner}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> AccessCheck {
        AccessCheck {
            area: Area::new("tickets"),
            access: Access::Read,
            verb: None,
            scope: Some(Scope::new("read:tickets", "Tickets - Read")),
            required: true,
            optional: false,
            policy: AreaAccess::Read,
            granted: None,
            method: CheckMethod::NotChecked,
            visibility: Visibility::NotProbed,
            seen: None,
            severity: Severity::Ok,
            degrades: String::new(),
            detail: None,
            error: None,
            note: None,
        }
    }

    fn wording(location: &str) -> Wording<'_> {
        Wording {
            location,
            account: "the login agent",
        }
    }

    #[test]
    fn a_shared_error_is_read_through() {
        let missing = Error::MissingScope {
            operation: "tickets.list".into(),
            vendor: "Acme".into(),
            scope: "read:tickets".into(),
            label: "Tickets - Read".into(),
            location: "on the API tab".into(),
            response: None,
        };
        let mut check = row();
        probe_failed(
            &mut check,
            &Error::Shared(Arc::new(missing)),
            &wording("on the API tab"),
            true,
        );
        assert_eq!(check.granted, Some(false));
        assert_eq!(check.severity, Severity::Problem);
        assert_eq!(
            check.detail.as_deref(),
            Some("`read:tickets` missing — tick \"Tickets - Read\" on the API tab")
        );
    }

    #[test]
    fn a_timeout_is_a_warning_and_a_policy_refusal_is_not_checked() {
        let mut check = row();
        probe_failed(
            &mut check,
            &Error::timeout("GET /tickets", std::time::Duration::from_secs(30)),
            &wording("x"),
            true,
        );
        assert_eq!(
            (check.severity, check.visibility),
            (Severity::Warning, Visibility::ProbeFailed)
        );
        let mut check = row();
        let denied = Error::PolicyDenied {
            operation: "tickets.list".into(),
            area: "tickets".into(),
            allowed: AreaAccess::Ignore,
            needed: Access::Read,
        };
        probe_failed(&mut check, &denied, &wording("x"), true);
        assert_eq!(
            (check.severity, check.method),
            (Severity::Ok, CheckMethod::NotChecked)
        );
    }

    #[test]
    fn a_probe_problem_on_an_optional_row_is_a_warning() {
        let mut check = row();
        check.required = false;
        check.optional = true;
        probe_failed(&mut check, &Error::config("bad"), &wording("x"), true);
        assert_eq!(check.severity, Severity::Warning);
    }

    #[test]
    fn a_403_on_a_requested_only_scope_names_both_causes() {
        let api = crate::error::ApiError {
            method: http::Method::GET,
            path: "/api/Client".into(),
            status: http::StatusCode::FORBIDDEN,
            code: None,
            message: Some("no permission".into()),
            request_id: None,
            retry_after: None,
            body_snippet: String::new(),
        };
        let refused = || Error::MissingScope {
            operation: "companies.list".into(),
            vendor: "Acme".into(),
            scope: "read:tickets".into(),
            label: "Tickets - Read".into(),
            location: "on the API tab".into(),
            response: Some(Box::new(api.clone())),
        };
        let mut check = row();
        check.granted = Some(true);
        probe_failed(&mut check, &refused(), &wording("on the API tab"), false);
        let detail = check.detail.clone().unwrap_or_default();
        assert!(
            detail.starts_with("Acme answered 403 and the token response lists no scopes, so either `read:tickets` missing — tick \"Tickets - Read\" on the API tab"),
            "{detail}"
        );
        assert!(
            detail.ends_with("or the scope is held and the login agent lacks the permission"),
            "{detail}"
        );
        assert_eq!(
            (check.granted, check.visibility),
            (Some(false), Visibility::Forbidden)
        );
        // With a confirmed grant, or none reported, the refusal is the scope alone.
        for (granted, confirmed) in [(Some(true), true), (None, false)] {
            let mut check = row();
            check.granted = granted;
            probe_failed(
                &mut check,
                &refused(),
                &wording("on the API tab"),
                confirmed,
            );
            assert!(!check.detail.unwrap_or_default().contains("login agent"));
        }
    }
}
