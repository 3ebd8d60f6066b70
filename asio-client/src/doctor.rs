//! `check_access()`: the core's doctor report for an Asio client — the nine
//! scopes (and the optional device-groups scope) with their portal labels,
//! learned from the token's `scope`, plus 1-item probe reads where a list is
//! cheap, and where the region came from.

use neo_auth_core::doctor::{AccessReport, Fact, PlanEntry, ProbePlan};
use neo_auth_core::{Area, Result, Scope};

use crate::Client;
use crate::policy;
use crate::scopes::{self, degrades};

/// The policy area each scope of the table belongs to.
fn area_of(scope: &Scope) -> Area {
    match scope.name() {
        "platform.agent.read" => policy::AGENT,
        "platform.asset.read" => policy::ASSETS,
        "platform.automation.read" | "platform.automation.create" => policy::AUTOMATION,
        "platform.companies.read" => policy::COMPANIES,
        "platform.contacts.read" => policy::CONTACTS,
        "platform.sites.read" => policy::SITES,
        "platform.tickets.read" => policy::TICKETS,
        _ => policy::DEVICES,
    }
}

impl Client {
    /// Authenticates (one token, cached for every later call), then reports
    /// for each of the nine scopes whether the token grants it (under its
    /// configured wire string and exact portal label), what degrades without
    /// it, what a 1-item read sees, and whether the region was configured or
    /// inferred from the client ID.
    ///
    /// ```no_run
    /// # async fn run(client: asio_client::Client) {
    /// let report = client.check_access().await;
    /// println!("{report}");
    /// for missing in report.missing_required() {
    ///     println!("tick {}", missing.scope.as_ref().unwrap().label());
    /// }
    /// # }
    /// ```
    pub async fn check_access(&self) -> AccessReport {
        let token = self.core().credential().authorize().await;
        let mut plan = ProbePlan::for_transport(self.transport())
            .grant(self.grant())
            .policy(self.core().policy().clone())
            .identity(Fact::new(
                "API access (client ID)",
                self.inner.client_id.clone(),
            ))
            .fact(Fact::new(
                "base URL",
                format!("{} — {}", self.base_url(), self.region_source()),
            ));
        if let Err(error) = token {
            plan = plan.fact(
                Fact::unknown("token", "no token was issued")
                    .problem(crate::auth::explain_lock(error).to_string()),
            );
        }
        for scope in scopes::REQUIRED.iter().chain(scopes::OPTIONAL.iter()) {
            let wire = self.scope_names().wire(scope).to_owned();
            let row_scope = Scope::owned(wire, scope.label());
            let area = area_of(scope);
            let mut entry = if std::ptr::eq(*scope, &scopes::AUTOMATION_CREATE) {
                PlanEntry::write(area, &row_scope)
            } else {
                PlanEntry::read(area, &row_scope)
            }
            .degrades(degrades(scope));
            if scopes::OPTIONAL.iter().any(|o| std::ptr::eq(*o, *scope)) {
                entry = entry.optional();
            }
            if let Some(probe) = self.probe(scope) {
                entry = entry.probe(probe);
            }
            plan = plan.entry(entry);
        }
        plan.run().await
    }

    /// A 1-item read of the scope's area, where one is cheap.
    fn probe(
        &self,
        scope: &Scope,
    ) -> Option<std::pin::Pin<Box<dyn Future<Output = Result<u64>> + Send + '_>>> {
        let count = |n: usize| n as u64;
        Some(match scope.name() {
            "platform.companies.read" => {
                Box::pin(
                    async move { Ok(count(self.companies().list().send().await?.items.len())) },
                )
            }
            "platform.sites.read" => {
                Box::pin(async move { Ok(count(self.sites().list().send().await?.items.len())) })
            }
            "platform.automation.read" => {
                Box::pin(
                    async move { Ok(count(self.automation().scripts().send().await?.items.len())) },
                )
            }
            "platform.tickets.read" => Box::pin(async move {
                Ok(count(
                    self.tickets().list().page_size(1).send().await?.items.len(),
                ))
            }),
            _ => return None,
        })
    }
}
