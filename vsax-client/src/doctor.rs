//! `check_access()`: what the token can do, area by area.
//!
//! VSA X cannot be asked which areas a token holds, so every read area is
//! probed with a one-item read (`$top=1`); the Notifications write and the
//! optional Automation write cannot be probed without writing, so they are
//! reported from the declared permissions (or as unconfirmed). The token
//! itself is checked with `GET /environment`, and a declared expiry that is
//! near or past is reported.

use neo_auth_core::doctor::{AccessReport, CheckMethod, Fact, PlanEntry, ProbePlan};
use neo_auth_core::{GrantSource, Page, Result};

use crate::client::Client;
use crate::permissions::{
    AUTOMATION, AUTOMATION_WRITE, DEVICE_ASSETS, DEVICES, NOTIFICATIONS, NOTIFICATIONS_WRITE,
    ORGANIZATIONS, PERMISSION_AREAS,
};

/// The number a probe reports: the total when VSA X sends one, else the page's records.
fn seen<T>(page: Page<T>) -> u64 {
    page.total.unwrap_or(page.items.len() as u64)
}

impl Client {
    /// Checks the token: authentication (`GET /environment`), the declared
    /// expiry, and each of the five permission areas of the token's
    /// Authorization tab, by a one-item read per area. Every row names the
    /// portal label to tick; the report prints the portal path once.
    ///
    /// ```no_run
    /// # async fn run(client: vsax_client::Client) {
    /// let report = client.check_access().await;
    /// println!("{report}");
    /// std::process::exit(report.exit_code());
    /// # }
    /// ```
    pub async fn check_access(&self) -> AccessReport {
        let mut plan = ProbePlan::for_transport(self.transport());
        if let Some((_, GrantSource::Requested)) = self.grant() {
            // Declared on the credentials by the integrator; VSA X cannot confirm it.
            plan = plan.learned_by(CheckMethod::Configured);
        }
        plan = plan.identity(self.identity().await);
        if let Some(fact) = self.expiry_fact() {
            plan = plan.fact(fact);
        }
        for row in &PERMISSION_AREAS {
            let entry = PlanEntry::read(row.area, row.read).degrades(row.degrades);
            plan = plan.entry(match row.area {
                a if a == DEVICES => entry.probe(self.probe_devices()),
                a if a == DEVICE_ASSETS => entry.probe(self.probe_assets()),
                a if a == ORGANIZATIONS => entry.probe(self.probe_organizations()),
                a if a == AUTOMATION => entry.probe(self.probe_scripts()),
                a if a == NOTIFICATIONS => entry.may_be_empty().probe(self.probe_notifications()),
                _ => entry,
            });
        }
        plan.entry(
            PlanEntry::write(NOTIFICATIONS, &NOTIFICATIONS_WRITE)
                .degrades("no notifications can be created and no webhooks managed"),
        )
        .entry(
            PlanEntry::write(AUTOMATION, &AUTOMATION_WRITE)
                .optional()
                .degrades("scripts, tasks and workflows cannot be run"),
        )
        .run()
        .await
    }

    async fn identity(&self) -> Fact {
        let name = format!("token {}", self.token_id());
        match self.environment().send().await {
            Ok(environment) => Fact::new(
                name,
                environment.name.map_or_else(
                    || "authenticated".to_owned(),
                    |n| format!("authenticated on {n}"),
                ),
            ),
            Err(error) if error.is_auth() => {
                Fact::unknown(name, "not authenticated").problem(error.to_string())
            }
            Err(error) => Fact::unknown(name, format!("GET /environment failed: {error}")),
        }
    }

    fn expiry_fact(&self) -> Option<Fact> {
        let expiry = self.token().expiry()?;
        let date = expiry.at.format("%Y-%m-%d %H:%M UTC").to_string();
        let fact = Fact::new("token expiry (declared)", date.clone());
        Some(match expiry.remaining() {
            None => fact.problem(format!(
                "the token expired on {date}: create a new Third-Party Token or extend its expiration date (Configuration → API Access → Third-Party Tokens)"
            )),
            Some(left) if left <= self.quirks().expiry_warning => {
                let days = left.as_secs() / 86_400;
                fact.warning(format!(
                    "the token expires in {days} day(s), on {date}: extend its expiration date or prepare a new token"
                ))
            }
            Some(_) => fact,
        })
    }

    async fn probe_devices(&self) -> Result<u64> {
        self.devices().list().page_size(1).send().await.map(seen)
    }

    async fn probe_assets(&self) -> Result<u64> {
        self.assets().list().page_size(1).send().await.map(seen)
    }

    async fn probe_organizations(&self) -> Result<u64> {
        self.organizations()
            .list()
            .page_size(1)
            .send()
            .await
            .map(seen)
    }

    async fn probe_scripts(&self) -> Result<u64> {
        self.scripts().list().page_size(1).send().await.map(seen)
    }

    async fn probe_notifications(&self) -> Result<u64> {
        self.notifications()
            .list()
            .page_size(1)
            .send()
            .await
            .map(seen)
    }
}
