//! `check_access()`: the doctor. Authenticates, then reports for every area the
//! policy uses whether the credential covers it, how that was learned, the portal
//! label to fix it, what degrades without it — and whether the login agent can
//! actually see records (Halo answers an invisible list with an empty list, not an
//! error, and effective access is the scopes ∩ the agent's own permissions).
//!
//! Each line has a [`Severity`]: a missing scope, a 403 on a granted scope (the
//! login agent lacks the permission), a failed probe, or no visible records in an
//! area every tenant has records in are problems; no visible records in an
//! optional area (quotations, appointments, …) is a warning. A probe that fails
//! (a 5xx, a 404, a body that does not decode) is reported on its own line as
//! "probe failed" and the doctor carries on; only an authentication failure (no
//! token at all) fails the whole call.

mod probes;
mod report;

use neo_auth_core::{Access, ApiRequest, AreaAccess, Error, Requirement, Result, Scope};

use crate::client::api_path;
use crate::errors::{AGENT_PERMISSIONS_LOCATION, FORBIDDEN_HINT};
use crate::models::ListResponse;
use crate::scopes::PERMISSION_LOCATION;
use neo_auth_core::{EndpointSpec, Verb};
use probes::{Probe, ProbeHow, RECORDS_EXPECTED, probes};
pub use report::{AccessCheck, AccessReport, AgentCheck, CheckMethod, Severity, Visibility};

/// What one probe read asks for.
enum ProbeQuery {
    /// The resource's list, 1 item where paginated.
    List,
    /// The actions of one ticket, at most one.
    ActionsOf(i64),
}

impl crate::Client {
    /// The doctor: authenticates (`GET /Agent/me`), then checks every area the
    /// policy reads or writes — scopes from the token response (or the requested
    /// scopes when the token response lists none), plus a 1-item probe read per
    /// readable area to tell "no access", "the agent lacks permission" and "the
    /// agent sees nothing" apart. Never writes anything.
    ///
    /// - Actions are probed with `GET /Actions?ticket_id=<a ticket the tickets
    ///   probe saw>&count=1`; with no visible ticket they are not probed (the line
    ///   says so).
    /// - Configuration is probed through `GET /Status` alone (the line says so).
    /// - A 403 on a scope the token grants (typically `all`) is "agent lacks
    ///   permission": the fix is the login agent's permissions, role or teams, and
    ///   the server's answer is kept ([`AccessCheck::probe_error`]).
    /// - No visible records is a problem for tickets, companies, sites and
    ///   contacts (every tenant in use has them: the agent cannot see records)
    ///   and a warning elsewhere ([`Severity`]).
    ///
    /// Fails only when authentication fails so that there is no token at all (the
    /// token endpoint refuses or fails): that is the one problem that makes every
    /// line meaningless. Any other failure — of `GET /Agent/me` or of a probe — is
    /// reported on its line ([`AgentCheck::problem`], [`Visibility::ProbeFailed`])
    /// and the doctor carries on.
    pub async fn check_access(&self) -> Result<AccessReport> {
        // A token first: its `scope` says what was granted, whatever the policy
        // lets the doctor read.
        neo_auth_core::Credential::authorize(self.credential().as_ref()).await?;
        let agent = match self.whoami().await {
            Ok(me) => agent_check(me.id, me.name.clone(), self.expected_agent_id()),
            Err(error) if self.has_no_token(&error) => return Err(error),
            Err(error) if error.is_policy() => AgentCheck {
                acting_agent_id: None,
                acting_agent_name: None,
                expected_agent_id: self.expected_agent_id(),
                problem: None,
                not_checked: Some(format!(
                    "the access policy does not allow reading area `{}` (GET /Agent/me)",
                    crate::areas::IDENTITY
                )),
            },
            Err(error) => AgentCheck {
                acting_agent_id: None,
                acting_agent_name: None,
                expected_agent_id: self.expected_agent_id(),
                problem: Some(format!(
                    "GET /Agent/me failed, so the agent the application acts as is unknown: {error}"
                )),
                not_checked: None,
            },
        };
        // The grant and where it came from, read together (one token).
        let grant = neo_auth_core::Credential::grant(self.credential().as_ref());
        let method = match grant.as_ref().map(|(_, source)| *source) {
            Some(neo_auth_core::GrantSource::TokenResponse) => CheckMethod::TokenScopes,
            _ => CheckMethod::RequestedScopes,
        };
        let granted = grant.map(|(granted, _)| granted);
        let mut checks = Vec::new();
        // A ticket the tickets probe saw, to read its actions.
        let mut visible_ticket: Option<i64> = None;
        for probe in probes() {
            let verbs = probe.def.requirements;
            for (requirement, degrades) in [
                (
                    verbs.requirement(probe.def.name, Verb::List),
                    probe.degrades_read,
                ),
                (
                    verbs.requirement(probe.def.name, Verb::Create),
                    probe.degrades_write,
                ),
            ]
            .into_iter()
            .filter_map(|(requirement, degrades)| requirement.map(|r| (r, degrades)))
            {
                let requirement = &requirement;
                let policy = self.policy().access(requirement.area());
                let required = match (policy, requirement.access()) {
                    (AreaAccess::Ignore, _) => continue,
                    (AreaAccess::Read, Access::Write) => false,
                    _ => true,
                };
                let scope = requirement
                    .scope()
                    .cloned()
                    .unwrap_or_else(|| Scope::new("", ""));
                let is_granted = granted.as_ref().is_none_or(|g| g.grants(&scope));
                let mut check = AccessCheck {
                    area: *requirement.area(),
                    access: requirement.access(),
                    scope: scope.clone(),
                    required,
                    granted: is_granted,
                    method,
                    visibility: Visibility::NotChecked,
                    severity: Severity::Ok,
                    degrades,
                    problem: None,
                    warning: None,
                    note: None,
                    probe_error: None,
                };
                if requirement.access() == Access::Read && is_granted {
                    let seen = self
                        .probe_area(&probe, requirement, visible_ticket, &mut check)
                        .await?;
                    if probe.def.path == crate::endpoints::TICKETS.path {
                        visible_ticket = seen;
                    }
                }
                if required && !check.granted && check.problem.is_none() {
                    check.flag(format!(
                        "{} {}: scope `{}` missing — tick \"{}\" {}; without it {}",
                        check.area,
                        check.access,
                        scope.name(),
                        scope.label(),
                        PERMISSION_LOCATION,
                        degrades
                    ));
                }
                checks.push(check);
            }
        }
        Ok(AccessReport {
            agent,
            token_endpoint: self
                .token_endpoint()
                .map(|e| format!("{} ({})", e.token_url, e.how)),
            granted_scopes: self.granted_scopes(),
            scopes_source: method,
            checks,
        })
    }

    /// Whether `error` is an authentication failure that left the client without
    /// any token (the token endpoint refused or failed): nothing else can be checked.
    fn has_no_token(&self, error: &Error) -> bool {
        error.is_auth() && self.credential().cache().peek().is_none()
    }

    /// Probes one area's read the way its [`ProbeHow`] says. Returns the id of a
    /// record the probe saw, if any.
    async fn probe_area(
        &self,
        probe: &Probe,
        requirement: &Requirement,
        visible_ticket: Option<i64>,
        check: &mut AccessCheck,
    ) -> Result<Option<i64>> {
        match probe.how {
            ProbeHow::List => {
                self.probe(probe.def, requirement, ProbeQuery::List, check)
                    .await
            }
            ProbeHow::ListStandingFor(note) => {
                check.note = Some(note.to_owned());
                self.probe(probe.def, requirement, ProbeQuery::List, check)
                    .await
            }
            ProbeHow::ActionsOfVisibleTicket => match visible_ticket {
                Some(ticket) => {
                    check.note = Some(format!(
                        "probed with GET {}?ticket_id={ticket}&count=1 (actions are listed per ticket)",
                        probe.def.path
                    ));
                    self.probe(probe.def, requirement, ProbeQuery::ActionsOf(ticket), check)
                        .await
                }
                None => {
                    check.note = Some(
                        "not probed: actions are read per ticket and the tickets probe saw no ticket"
                            .to_owned(),
                    );
                    Ok(None)
                }
            },
        }
    }

    /// One probe read. `Err` only for an authentication failure (the whole doctor
    /// stops); every other failure is recorded on `check`. Returns the id of the
    /// first record read, if any.
    async fn probe(
        &self,
        def: &EndpointSpec,
        requirement: &Requirement,
        query: ProbeQuery,
        check: &mut AccessCheck,
    ) -> Result<Option<i64>> {
        let mut request = ApiRequest::get(api_path(def.path)).requirement(requirement.clone());
        match query {
            ProbeQuery::ActionsOf(ticket) => {
                request = request.query("ticket_id", ticket).query("count", 1);
            }
            ProbeQuery::List if crate::endpoints::is_paged(def) => {
                request = request
                    .query("pageinate", "true")
                    .query("page_size", 1)
                    .query("page_no", 1);
            }
            // Unpaginated endpoints (configuration lists) answer with the whole,
            // short list whatever is asked.
            ProbeQuery::List => {}
        }
        let outcome = match self.transport().send(request).await {
            Ok(response) => ListResponse::<serde_json::Value>::from_slice_with_key(
                response.body(),
                crate::endpoints::list_key(def),
            ),
            Err(error) => Err(error),
        };
        let scopes_known = check.method == CheckMethod::TokenScopes;
        match outcome {
            Ok(list) => {
                let count = list.record_count.unwrap_or(list.items.len() as u64);
                check.method = CheckMethod::ProbeRead;
                check.visibility = if count == 0 && list.items.is_empty() {
                    Visibility::Empty
                } else {
                    Visibility::Records(count.max(list.items.len() as u64))
                };
                if check.visibility == Visibility::Empty {
                    self.flag_empty(check);
                }
                Ok(list
                    .items
                    .first()
                    .and_then(|item| item.get("id").cloned())
                    .and_then(|id| neo_auth_core::lenient::opt_i64(id).ok().flatten()))
            }
            Err(Error::MissingScope {
                response: Some(response),
                ..
            }) if !scopes_known => {
                // Halo answered 403 and the token response listed no scopes: the
                // requested scope may not be the application's, or the login
                // agent may lack the permission. Say both.
                let server = response.to_string();
                check.granted = false;
                check.method = CheckMethod::ProbeRead;
                check.visibility = Visibility::Forbidden;
                check.flag(format!(
                    "{} {}: Halo answered 403 ({server}); the token response lists no scopes, so either the application is not allowed `{}` — tick \"{}\" {PERMISSION_LOCATION} — or its login agent lacks the permission or team visibility ({AGENT_PERMISSIONS_LOCATION}); without it {}",
                    check.area,
                    check.access,
                    check.scope.name(),
                    check.scope.label(),
                    check.degrades
                ));
                check.probe_error = Some(server);
                Ok(None)
            }
            Err(Error::MissingScope { response, .. }) => {
                check.granted = false;
                check.method = CheckMethod::ProbeRead;
                check.probe_error = response.map(|r| r.to_string());
                Ok(None)
            }
            Err(error @ Error::Forbidden { .. }) => {
                // The core returns Forbidden only when the token response confirmed
                // the scope: the login agent lacks the permission.
                let server = error
                    .api()
                    .map_or_else(|| error.to_string(), ToString::to_string);
                check.method = CheckMethod::ProbeRead;
                check.visibility = Visibility::Forbidden;
                check.flag(format!(
                    "{} {}: agent lacks permission — Halo answered 403 ({server}) although the token grants `{}`: {FORBIDDEN_HINT}; without it {}",
                    check.area,
                    check.access,
                    check.scope.name(),
                    check.degrades
                ));
                check.probe_error = Some(server);
                Ok(None)
            }
            Err(error) if error.is_policy() => Ok(None),
            Err(error) if self.has_no_token(&error) => Err(error),
            Err(error) => {
                let error = error.to_string();
                let scope_source = if scopes_known {
                    "granted by the token"
                } else {
                    "requested; the token response listed no scopes"
                };
                check.granted = false;
                check.method = CheckMethod::ProbeRead;
                check.visibility = Visibility::ProbeFailed;
                check.flag(format!(
                    "{} {}: probe failed — the 1-item read of /{} failed, so access is unconfirmed (scope `{}` {scope_source}): {error}",
                    check.area,
                    check.access,
                    def.path.trim_start_matches('/'),
                    check.scope.name()
                ));
                check.probe_error = Some(error);
                Ok(None)
            }
        }
    }

    /// An empty probe: a problem where every tenant has records, else a warning.
    fn flag_empty(&self, check: &mut AccessCheck) {
        if RECORDS_EXPECTED.contains(&check.area) {
            check.flag(format!(
                "{}: the scope is granted but the login agent sees no records — it cannot see records here: add the agent to the teams/departments that can see them and check its permissions (Halo returns empty lists instead of errors)",
                check.area
            ));
        } else {
            check.warn(format!(
                "{}: the login agent sees no records — fine if there are none; otherwise add the agent to the teams/departments that can see them (Halo returns empty lists instead of errors)",
                check.area
            ));
        }
    }
}

fn agent_check(acting: Option<i64>, name: Option<String>, expected: Option<i64>) -> AgentCheck {
    let problem = match (acting, expected) {
        (Some(acting), Some(expected)) if acting != expected => Some(format!(
            "the application acts as agent {acting}, the configuration expects {expected}: change \"Agent to log in as\" on the Halo API application or HALOPSA_AGENT_ID"
        )),
        (None, Some(expected)) => Some(format!(
            "Halo did not say which agent the application acts as; the configuration expects {expected}"
        )),
        _ => None,
    };
    AgentCheck {
        acting_agent_id: acting,
        acting_agent_name: name,
        expected_agent_id: expected,
        problem,
        not_checked: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_mismatch_is_spelled_out() {
        let check = agent_check(Some(12), None, Some(7));
        assert_eq!(
            check
                .problem
                .as_deref()
                .map(|p| p
                    .starts_with("the application acts as agent 12, the configuration expects 7")),
            Some(true)
        );
        assert!(agent_check(Some(7), None, Some(7)).problem.is_none());
        assert!(agent_check(Some(7), None, None).problem.is_none());
    }
}
