//! `check_access()`: the doctor, on the core's engine
//! ([`neo_auth_core::doctor`]). It authenticates, checks the login agent, then
//! builds a [`ProbePlan`] from the policy, the token's grant and one read and
//! one write row per area ([`probes`]), and returns the core's
//! [`AccessReport`] — the same report, text and JSON as every other vendor's.
//!
//! What is Halo's own:
//!
//! - the identity is the **login agent** (`GET /Agent/me`), checked against
//!   the configured agent id;
//! - a 403 on a scope the token grants (typically `all`) is the login agent's
//!   own permissions or teams refusing it: the row says so and where they are
//!   set ([`HaloErrors`]'s hint), not "tick the scope";
//! - Halo answers an invisible list with an empty list, not an error: no
//!   visible records is a problem for tickets, companies, sites and contacts
//!   (every tenant in use has them) and a warning elsewhere;
//! - actions are probed through a ticket the tickets probe saw, configuration
//!   through `GET /Status` alone (the rows' notes say so).

mod probes;

use neo_auth_core::doctor::{AccessReport, Fact, PlanEntry, ProbePlan};
use neo_auth_core::{Access, AreaAccess, Credential, Error, Result};

use crate::errors::{AGENT_PERMISSIONS_LOCATION, HaloErrors};
use probes::{ProbeHow, probes};

/// The identity fact's name.
const ACTING_AGENT: &str = "acting agent";

impl crate::Client {
    /// The doctor: authenticates, checks the login agent (`GET /Agent/me`),
    /// then reports every area the policy reads or writes — scopes from the
    /// token response (or the requested scopes when it lists none), plus a
    /// 1-item probe read per readable area to tell "no access", "the agent
    /// lacks permission" and "the agent sees nothing" apart. Never writes.
    ///
    /// Areas the policy ignores get no rows. Fails only when authentication
    /// fails so that there is no token at all (the token endpoint refuses or
    /// fails): that is the one problem that makes every row meaningless. Any
    /// other failure — of `GET /Agent/me` or of a probe — is reported on its
    /// row and the doctor carries on.
    ///
    /// ```
    /// # async fn run() -> neo_auth_core::Result<()> {
    /// use halopsa_client::fake::{FakeConfig, FakeServer};
    /// use halopsa_client::{Client, areas};
    /// use neo_auth_core::Access;
    ///
    /// let server = FakeServer::start_with(FakeConfig::default().with_agent_forbidden("Invoice")).await;
    /// let client = Client::builder().credentials(server.credentials()).build()?;
    /// let report = client.check_access().await?;
    /// let invoices = report.check(&areas::INVOICES, Access::Read).unwrap();
    /// assert_eq!(invoices.state(), "granted, refused (403)");
    /// assert!(invoices.detail.as_deref().unwrap().contains("login agent"));
    /// assert_eq!(report.exit_code(), 3);
    /// # Ok(()) }
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
    /// ```
    pub async fn check_access(&self) -> Result<AccessReport> {
        // A token first: its `scope` says what was granted, whatever the policy
        // lets the doctor read.
        self.credential().authorize().await?;
        let identity = match self.whoami().await {
            Ok(me) => agent_fact(me.id, me.name.as_deref(), self.expected_agent_id()),
            Err(error) if self.has_no_token(&error) => return Err(error),
            Err(error) if error.is_policy() => {
                let why = format!(
                    "not checked: the access policy does not allow reading area `{}` (GET /Agent/me)",
                    crate::areas::IDENTITY
                );
                match self.expected_agent_id() {
                    Some(expected) => Fact::unknown(
                        ACTING_AGENT,
                        format!("{why}, so the configured agent {expected} is not confirmed"),
                    ),
                    None => {
                        let mut fact = Fact::unknown(ACTING_AGENT, why);
                        fact.severity = neo_auth_core::doctor::Severity::Ok;
                        fact
                    }
                }
            }
            Err(error) => Fact::unknown(ACTING_AGENT, "GET /Agent/me failed").problem(format!(
                "GET /Agent/me failed, so the agent the application acts as is unknown: {error}"
            )),
        };
        // The grant and where it came from, read together (one token).
        let grant = self.credential().grant();
        let policy = self.policy().clone();
        let mut plan = ProbePlan::for_vendor(&HaloErrors)
            .grant(grant.clone())
            .policy(policy.clone())
            .identity(identity)
            .account(format!(
                "the login agent of the Halo API application (its permissions and teams: {AGENT_PERMISSIONS_LOCATION})"
            ));
        if let Some(endpoint) = self.token_endpoint() {
            plan = plan.fact(Fact::new(
                "token endpoint",
                format!("{} ({})", endpoint.token_url, endpoint.how),
            ));
        }
        // A ticket the tickets probe saw, to read its actions.
        let mut visible_ticket: Option<i64> = None;
        for probe in probes() {
            let area = *probe.needs.read.area();
            if policy.access(&area) == AreaAccess::Ignore {
                continue;
            }
            let read_scope = probe.needs.read.scope().cloned();
            let mut read = PlanEntry::new(area, Access::Read, read_scope.clone())
                .degrades(probe.degrades_read);
            if probe.may_be_empty() {
                read = read.may_be_empty();
            }
            if probe.optional {
                read = read.optional();
            }
            read = match probe.how {
                ProbeHow::Tickets => {
                    // Probed now, as the engine would (a read the grant does
                    // not refuse), to learn a ticket for the actions probe.
                    let refused = match (&grant, &read_scope) {
                        (Some((set, _)), Some(scope)) => !set.grants(scope),
                        _ => false,
                    };
                    if refused {
                        read
                    } else {
                        let (seen, first) = probes::tickets(self).await;
                        visible_ticket = first;
                        read.probe(async move { seen })
                    }
                }
                ProbeHow::List(list) => read.probe(list(self.clone())),
                ProbeHow::ListStandingFor(list, note) => read.note(note).probe(list(self.clone())),
                ProbeHow::ActionsOfVisibleTicket => match visible_ticket {
                    Some(ticket) => read
                        .note(format!(
                            "probed with GET /Actions?ticket_id={ticket}&count=1 (actions are listed per ticket)"
                        ))
                        .probe(probes::actions_of(self.clone(), ticket)),
                    None => read.note(
                        "not probed: actions are read per ticket and the tickets probe saw no ticket",
                    ),
                },
            };
            let mut write = PlanEntry::new(area, Access::Write, probe.needs.write.scope().cloned())
                .degrades(probe.degrades_write);
            if probe.optional {
                write = write.optional();
            }
            plan = plan.entry(read).entry(write);
        }
        Ok(plan.run().await)
    }

    /// Whether `error` is an authentication failure that left the client without
    /// any token (the token endpoint refused or failed): nothing else can be checked.
    fn has_no_token(&self, error: &Error) -> bool {
        error.is_auth() && self.credential().cache().peek().is_none()
    }
}

/// The login agent, checked against the configured one.
fn agent_fact(acting: Option<i64>, name: Option<&str>, expected: Option<i64>) -> Fact {
    let value = match (acting, name) {
        (Some(id), Some(name)) => format!("{id} ({name})"),
        (Some(id), None) => id.to_string(),
        (None, _) => "unknown".to_owned(),
    };
    let fact = Fact::new(ACTING_AGENT, value);
    match (acting, expected) {
        (Some(acting), Some(expected)) if acting != expected => fact.problem(format!(
            "the application acts as agent {acting}, the configuration expects {expected}: change \"Agent to log in as\" on the Halo API application or HALOPSA_AGENT_ID"
        )),
        (None, Some(expected)) => fact.problem(format!(
            "Halo did not say which agent the application acts as; the configuration expects {expected}"
        )),
        _ => fact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::doctor::Severity;

    #[test]
    fn agent_mismatch_is_spelled_out() {
        let check = agent_fact(Some(12), None, Some(7));
        assert_eq!(check.severity, Severity::Problem);
        assert!(
            check
                .detail
                .as_deref()
                .is_some_and(|p| p
                    .starts_with("the application acts as agent 12, the configuration expects 7")),
            "{check:?}"
        );
        assert_eq!(
            agent_fact(Some(7), Some("API"), Some(7)).severity,
            Severity::Ok
        );
        assert_eq!(
            agent_fact(Some(7), Some("API"), None).value.as_deref(),
            Some("7 (API)")
        );
        assert_eq!(agent_fact(None, None, Some(7)).severity, Severity::Problem);
    }
}
