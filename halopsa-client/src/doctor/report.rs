//! The doctor's report: one [`AccessCheck`] per area and access, the login agent,
//! and how it reads as text.

use std::fmt;

use neo_auth_core::{Access, Area, Scope};

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
    /// Not probed (scope missing, policy ignores the area, a write check, or no
    /// record to probe through; [`AccessCheck::note`] says which when it is not
    /// obvious).
    NotChecked,
    /// Halo answered the probe with 403. With the scope granted by the token,
    /// the login agent lacks the permission or team visibility
    /// ([`AccessCheck::state`] `agent lacks permission`); when the token listed no
    /// scopes, the application may also lack the scope.
    Forbidden,
    /// The probe read failed (a server error, a 404, an undecodable body, …), so
    /// access is unconfirmed; [`AccessCheck::probe_error`] says why.
    ProbeFailed,
}

/// How much a check matters for [`AccessReport::is_ok`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Nothing to do.
    Ok,
    /// Worth a look, but the integration works: e.g. an optional area where the
    /// agent sees no records (a tenant may have no quotations). Does not make
    /// [`AccessReport::is_ok`] false.
    Warning,
    /// Something the policy needs does not work: a missing scope, a refused or
    /// failed probe, or no visible records in an area every tenant has records in.
    Problem,
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
    /// Whether the credential is known to cover the scope. `false` when the scope
    /// is missing, and also when the probe read failed (access unconfirmed; see
    /// [`AccessCheck::probe_error`]). `true` with [`Visibility::Forbidden`] means
    /// the scope is granted but the login agent lacks the permission.
    pub granted: bool,
    /// How `granted` was learned.
    pub method: CheckMethod,
    /// What a probe read saw.
    pub visibility: Visibility,
    /// How much this line matters.
    pub severity: Severity,
    /// What stops working without it.
    pub degrades: &'static str,
    /// A problem to fix, in words, naming the portal label or the agent setting
    /// ([`Severity::Problem`]).
    pub problem: Option<String>,
    /// Something worth a look that does not stop the integration
    /// ([`Severity::Warning`]).
    pub warning: Option<String>,
    /// How the area was probed, or why it was not, when that is not a plain
    /// 1-item read of its list (e.g. configuration is probed through `/Status`).
    pub note: Option<String>,
    /// What the server answered when the probe read failed or was refused
    /// ([`Visibility::ProbeFailed`], [`Visibility::Forbidden`]).
    pub probe_error: Option<String>,
}

impl AccessCheck {
    /// The state in a word or a few: `granted`, `missing`, `agent lacks
    /// permission`, `refused (403)` or `probe failed`.
    pub fn state(&self) -> &'static str {
        match (self.visibility, self.granted) {
            (Visibility::ProbeFailed, _) => "probe failed",
            (Visibility::Forbidden, true) => "agent lacks permission",
            (Visibility::Forbidden, false) => "refused (403)",
            (_, true) => "granted",
            (_, false) => "missing",
        }
    }

    /// Records a problem ([`Severity::Problem`]) or, for a line the policy does
    /// not need, a warning.
    pub(crate) fn flag(&mut self, message: String) {
        if self.required {
            self.severity = Severity::Problem;
            self.problem = Some(message);
        } else {
            self.warn(message);
        }
    }

    /// Records a warning ([`Severity::Warning`]) unless a problem is recorded.
    pub(crate) fn warn(&mut self, message: String) {
        if self.severity < Severity::Warning {
            self.severity = Severity::Warning;
        }
        self.warning = Some(message);
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
    /// A mismatch, or why the agent is unknown, in words.
    pub problem: Option<String>,
    /// Why the agent was not checked, when that is the integrator's choice (the
    /// access policy ignores [`areas::IDENTITY`](crate::areas::IDENTITY)).
    pub not_checked: Option<String>,
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
    /// Every problem found, in words ([`Severity::Problem`] lines and the agent).
    pub fn problems(&self) -> Vec<String> {
        self.agent
            .problem
            .iter()
            .cloned()
            .chain(self.checks.iter().filter_map(|c| c.problem.clone()))
            .collect()
    }

    /// Every warning, in words ([`Severity::Warning`] lines, and an expected
    /// login agent that could not be checked).
    pub fn warnings(&self) -> Vec<String> {
        let agent = match (&self.agent.not_checked, self.agent.expected_agent_id) {
            (Some(why), Some(expected)) => Some(format!(
                "the configuration expects the application to act as agent {expected}, but that was not checked: {why}"
            )),
            _ => None,
        };
        agent
            .into_iter()
            .chain(self.checks.iter().filter_map(|c| c.warning.clone()))
            .collect()
    }

    /// Whether everything the policy needs works: no problems (warnings allowed).
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
            _ => match &self.agent.not_checked {
                Some(why) => writeln!(f, "  acting agent not checked: {why}")?,
                None => writeln!(f, "  acting agent unknown")?,
            },
        }
        for check in &self.checks {
            let mark = match (check.severity, check.granted) {
                (Severity::Problem, _) => "✗",
                (Severity::Warning, _) => "!",
                (_, true) => "✓",
                (_, false) => "·",
            };
            let visibility = match (check.visibility, &check.probe_error) {
                (Visibility::Records(n), _) => format!(", {n} record(s) visible"),
                (Visibility::Empty, _) => ", no records visible".to_owned(),
                (Visibility::ProbeFailed | Visibility::Forbidden, Some(error)) => {
                    format!(": {error}")
                }
                _ => String::new(),
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
            if let Some(note) = &check.note {
                writeln!(f, "      {note}")?;
            }
        }
        for (title, lines) in [("problems", self.problems()), ("warnings", self.warnings())] {
            if !lines.is_empty() {
                writeln!(f, "  {title}:")?;
                for line in lines {
                    writeln!(f, "    - {line}")?;
                }
            }
        }
        if self.is_ok() {
            writeln!(f, "  no problems found")?;
        }
        Ok(())
    }
}
