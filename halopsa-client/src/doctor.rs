//! `check_access()`: the doctor. Authenticates, then reports for every area the
//! policy uses whether the credential covers it, how that was learned, the portal
//! label to fix it, what degrades without it — and whether the login agent can
//! actually see records (Halo answers an invisible list with an empty list, not an
//! error). A probe that fails (a 5xx, a 404, a body that does not decode) is
//! reported on its own line as "probe failed" and the doctor carries on; only an
//! authentication failure (no token at all) fails the whole call.

use std::fmt;

use neo_auth_core::{Access, ApiRequest, Area, AreaAccess, Error, Requirement, Result, Scope};

use crate::client::api_path;
use crate::models::ListResponse;
use crate::resource::ResourceDef;
use crate::resources::{
    actions, appointments, assets, companies, configuration, contacts, contracts, invoices,
    knowledge_base, opportunities, products, quotations, reports, sites, slas, suppliers, tickets,
};

/// How a check's answer was learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckMethod {
    /// From the `scope` of the token response.
    TokenScopes,
    /// From the requested scopes (the token response did not list scopes).
    RequestedScopes,
    /// From a 1-item probe read.
    ProbeRead,
}

impl fmt::Display for CheckMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckMethod::TokenScopes => "token scopes",
            CheckMethod::RequestedScopes => "requested scopes",
            CheckMethod::ProbeRead => "1-item probe read",
        })
    }
}

/// What a probe read saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Visibility {
    /// The agent sees this many records.
    Records(u64),
    /// The list came back empty: no data, or the agent's teams/role hide it.
    Empty,
    /// Not probed (scope missing, policy ignores the area, or a write check).
    NotChecked,
    /// The probe read failed (a server error, a 404, an undecodable body, …), so
    /// access is unconfirmed; [`AccessCheck::probe_error`] says why.
    ProbeFailed,
}

/// One line of the report: one area, read or write.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AccessCheck {
    /// The policy area.
    pub area: Area,
    /// Read or write.
    pub access: Access,
    /// The Halo scope needed.
    pub scope: Scope,
    /// Whether the policy needs this (required) or not (informational).
    pub required: bool,
    /// Whether the credential is known to cover it. `false` when the scope is
    /// missing, and also when the probe read failed (access unconfirmed; see
    /// [`AccessCheck::probe_error`]).
    pub granted: bool,
    /// How `granted` was learned.
    pub method: CheckMethod,
    /// What a probe read saw.
    pub visibility: Visibility,
    /// What stops working without it.
    pub degrades: &'static str,
    /// A problem to fix, in words, naming the portal label.
    pub problem: Option<String>,
    /// Why the probe read failed, when it did ([`Visibility::ProbeFailed`]).
    pub probe_error: Option<String>,
}

impl AccessCheck {
    /// The state in one word or two: `granted`, `missing` or `probe failed`.
    pub fn state(&self) -> &'static str {
        match (self.visibility, self.granted) {
            (Visibility::ProbeFailed, _) => "probe failed",
            (_, true) => "granted",
            (_, false) => "missing",
        }
    }
}

/// The agent the application acts as, against the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AgentCheck {
    /// The id from `GET /Agent/me`.
    pub acting_agent_id: Option<i64>,
    /// The agent's name.
    pub acting_agent_name: Option<String>,
    /// The id the configuration expects (`HALOPSA_AGENT_ID`).
    pub expected_agent_id: Option<i64>,
    /// A mismatch, in words.
    pub problem: Option<String>,
}

/// The doctor's report.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AccessReport {
    /// The login agent.
    pub agent: AgentCheck,
    /// The token URL and how it was found.
    pub token_endpoint: Option<String>,
    /// The granted scopes: from the token response, or the requested ones when
    /// the token response listed none (see [`AccessReport::scopes_source`]).
    pub granted_scopes: Vec<String>,
    /// Where `granted_scopes` come from: [`CheckMethod::TokenScopes`] or
    /// [`CheckMethod::RequestedScopes`].
    pub scopes_source: CheckMethod,
    /// One line per area and access the policy uses.
    pub checks: Vec<AccessCheck>,
}

impl AccessReport {
    /// Every problem found, in words.
    pub fn problems(&self) -> Vec<String> {
        self.agent
            .problem
            .iter()
            .cloned()
            .chain(self.checks.iter().filter_map(|c| c.problem.clone()))
            .collect()
    }

    /// Whether everything the policy needs works.
    pub fn is_ok(&self) -> bool {
        self.problems().is_empty()
    }

    /// The check of one area and access, if reported.
    pub fn check(&self, area: &Area, access: Access) -> Option<&AccessCheck> {
        self.checks
            .iter()
            .find(|c| &c.area == area && c.access == access)
    }
}

impl fmt::Display for AccessReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "HaloPSA access report")?;
        if let Some(endpoint) = &self.token_endpoint {
            writeln!(f, "  token endpoint: {endpoint}")?;
        }
        match self.scopes_source {
            CheckMethod::RequestedScopes => writeln!(
                f,
                "  requested scopes (the token response listed none; reads are confirmed by probes): {}",
                self.granted_scopes.join(" ")
            )?,
            _ => writeln!(f, "  granted scopes: {}", self.granted_scopes.join(" "))?,
        }
        match (&self.agent.acting_agent_id, &self.agent.acting_agent_name) {
            (Some(id), Some(name)) => writeln!(f, "  acting as agent {id} ({name})")?,
            (Some(id), None) => writeln!(f, "  acting as agent {id}")?,
            _ => writeln!(f, "  acting agent unknown")?,
        }
        for check in &self.checks {
            let mark = match (check.problem.is_some(), check.granted) {
                (true, _) => "✗",
                (false, true) => "✓",
                (false, false) => "·",
            };
            let visibility = match (check.visibility, &check.probe_error) {
                (Visibility::Records(n), _) => format!(", {n} record(s) visible"),
                (Visibility::Empty, _) => ", no records visible".to_owned(),
                (Visibility::ProbeFailed, Some(error)) => format!(": {error}"),
                (Visibility::ProbeFailed, None) | (Visibility::NotChecked, _) => String::new(),
            };
            writeln!(
                f,
                "  {mark} {:<15} {:<5} {:<16} {} ({}){}{}",
                check.area.name(),
                check.access.to_string(),
                check.scope.name(),
                check.state(),
                check.method,
                visibility,
                if check.required {
                    ""
                } else {
                    " [not needed by the policy]"
                },
            )?;
        }
        let problems = self.problems();
        if problems.is_empty() {
            writeln!(f, "  no problems found")?;
        } else {
            writeln!(f, "  problems:")?;
            for problem in problems {
                writeln!(f, "    - {problem}")?;
            }
        }
        Ok(())
    }
}

struct Probe {
    def: &'static ResourceDef,
    degrades_read: &'static str,
    degrades_write: &'static str,
    /// Extra query for the probe (actions need a ticket).
    probe: bool,
}

fn probes() -> Vec<Probe> {
    let p = |def, degrades_read, degrades_write, probe| Probe {
        def,
        degrades_read,
        degrades_write,
        probe,
    };
    vec![
        p(
            &tickets::TICKETS,
            "tickets cannot be read or correlated",
            "tickets cannot be created or updated",
            true,
        ),
        p(
            &actions::ACTIONS,
            "ticket notes and time entries cannot be read",
            "notes and time entries cannot be added",
            false,
        ),
        p(
            &contacts::CONTACTS,
            "contacts cannot be looked up",
            "contacts cannot be created or updated",
            true,
        ),
        p(
            &assets::ASSETS,
            "assets cannot be read",
            "assets cannot be created or updated",
            true,
        ),
        p(
            &products::PRODUCTS,
            "products cannot be read",
            "products cannot be created or updated",
            true,
        ),
        p(
            &appointments::APPOINTMENTS,
            "appointments cannot be read",
            "appointments cannot be booked",
            true,
        ),
        p(
            &companies::COMPANIES,
            "companies cannot be mapped to tenants",
            "companies cannot be changed",
            true,
        ),
        p(
            &sites::SITES,
            "sites cannot be read",
            "sites cannot be changed",
            true,
        ),
        p(
            &slas::SLAS,
            "SLAs cannot be read",
            "SLAs cannot be changed",
            true,
        ),
        p(
            &knowledge_base::KB_ARTICLES,
            "the knowledge base cannot be searched",
            "articles cannot be written",
            true,
        ),
        p(
            &contracts::CONTRACTS,
            "contracts cannot be read",
            "contracts cannot be changed",
            true,
        ),
        p(
            &invoices::INVOICES,
            "invoices cannot be read",
            "invoices cannot be changed",
            true,
        ),
        p(
            &quotations::QUOTATIONS,
            "quotations cannot be read",
            "quotations cannot be changed",
            true,
        ),
        p(
            &suppliers::SUPPLIERS,
            "suppliers cannot be read",
            "suppliers cannot be changed",
            true,
        ),
        p(
            &opportunities::OPPORTUNITIES,
            "opportunities cannot be read",
            "opportunities cannot be changed",
            true,
        ),
        p(
            &reports::REPORTS,
            "reports cannot be read",
            "reports cannot be changed",
            true,
        ),
        p(
            &configuration::STATUSES,
            "statuses, priorities, teams and agents cannot be listed",
            "configuration cannot be changed",
            true,
        ),
    ]
}

impl crate::Client {
    /// The doctor: authenticates (`GET /Agent/me`), then checks every area the
    /// policy reads or writes — scopes from the token response (or the requested
    /// scopes when the token response lists none), plus a 1-item probe read per
    /// readable area to tell "no access" and "agent sees nothing" apart. Never
    /// writes anything.
    ///
    /// Fails only when authentication fails so that there is no token at all (the
    /// token endpoint refuses or fails): that is the one problem that makes every
    /// line meaningless. Any other failure — of `GET /Agent/me` or of a probe — is
    /// reported on its line ([`AgentCheck::problem`], [`Visibility::ProbeFailed`])
    /// and the doctor carries on.
    pub async fn check_access(&self) -> Result<AccessReport> {
        let agent = match self.whoami().await {
            Ok(me) => agent_check(me.id, me.name.clone(), self.expected_agent_id()),
            Err(error) if self.has_no_token(&error) => return Err(error),
            Err(error) => AgentCheck {
                acting_agent_id: None,
                acting_agent_name: None,
                expected_agent_id: self.expected_agent_id(),
                problem: Some(format!(
                    "GET /Agent/me failed, so the agent the application acts as is unknown: {error}"
                )),
            },
        };
        let granted = neo_auth_core::Credential::granted(self.credential().as_ref());
        let method = match neo_auth_core::Credential::granted_source(self.credential().as_ref()) {
            "token response" => CheckMethod::TokenScopes,
            _ => CheckMethod::RequestedScopes,
        };
        let mut checks = Vec::new();
        for probe in probes() {
            for (requirement, degrades) in [
                (&probe.def.requirements.read, probe.degrades_read),
                (&probe.def.requirements.write, probe.degrades_write),
            ] {
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
                    degrades,
                    problem: None,
                    probe_error: None,
                };
                if requirement.access() == Access::Read && is_granted && probe.probe {
                    self.probe(probe.def, requirement, &mut check).await?;
                }
                if required && !check.granted && check.problem.is_none() {
                    check.problem = Some(format!(
                        "{} {}: scope `{}` missing — tick \"{}\" {}; without it {}",
                        check.area,
                        check.access,
                        scope.name(),
                        scope.label(),
                        crate::scopes::PERMISSION_LOCATION,
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

    /// One 1-item probe read. `Err` only for an authentication failure (the
    /// whole doctor stops); every other failure is recorded on `check`.
    async fn probe(
        &self,
        def: &ResourceDef,
        requirement: &Requirement,
        check: &mut AccessCheck,
    ) -> Result<()> {
        let mut request = ApiRequest::get(api_path(def.path)).requirement(requirement.clone());
        if def.paginated {
            request = request
                .query("pageinate", "true")
                .query("page_size", 1)
                .query("page_no", 1);
        }
        // Unpaginated endpoints (configuration lists) answer with the whole,
        // short list whatever is asked.
        let outcome = match self.transport().send(request).await {
            Ok(response) => ListResponse::<serde_json::Value>::from_slice_with_key(
                response.body(),
                def.list_key,
            ),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(list) => {
                let count = list.record_count.unwrap_or(list.items.len() as u64);
                check.method = CheckMethod::ProbeRead;
                check.visibility = if count == 0 && list.items.is_empty() {
                    Visibility::Empty
                } else {
                    Visibility::Records(count.max(list.items.len() as u64))
                };
                if check.visibility == Visibility::Empty && check.required {
                    check.problem = Some(format!(
                        "{}: the scope is granted but the login agent sees no records — if the data exists, add the agent to the teams/departments that can see it (Halo returns empty lists instead of errors)",
                        check.area
                    ));
                }
                Ok(())
            }
            Err(Error::MissingScope { .. }) => {
                check.granted = false;
                check.method = CheckMethod::ProbeRead;
                Ok(())
            }
            Err(error) if error.is_policy() => Ok(()),
            Err(error) if self.has_no_token(&error) => Err(error),
            Err(error) => {
                let error = error.to_string();
                let scope_source = match check.method {
                    CheckMethod::TokenScopes => "granted by the token",
                    _ => "requested; the token response listed no scopes",
                };
                check.granted = false;
                check.method = CheckMethod::ProbeRead;
                check.visibility = Visibility::ProbeFailed;
                check.problem = Some(format!(
                    "{} {}: probe failed — the 1-item read of /{} failed, so access is unconfirmed (scope `{}` {scope_source}): {error}",
                    check.area,
                    check.access,
                    def.path.trim_start_matches('/'),
                    check.scope.name()
                ));
                check.probe_error = Some(error);
                Ok(())
            }
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
