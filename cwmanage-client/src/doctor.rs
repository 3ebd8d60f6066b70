//! `check_access()`: reads the API member's real security levels from
//! `/system/mySecurity` and reports the security-role table of the integration,
//! row by row.

use std::sync::Arc;

use neo_auth_core::doctor::{AccessReport, CheckMethod, Fact, PlanEntry, ProbePlan};
use neo_auth_core::{Access, GrantSource, PermissionLevels, Scope, VendorErrors};

use crate::client::Client;
use crate::errors::CwErrors;
use crate::models::MySecurity;
use crate::scopes::{RoleVerb, SECURITY_ROLE_TABLE};

/// The levels `rows` grant, under the scope names of [`crate::scopes`]
/// (`Service Tickets.add`). Rows are matched by function name, ignoring case;
/// an unknown level counts as `None`.
pub fn levels_of(rows: &[MySecurity]) -> PermissionLevels {
    let mut levels = PermissionLevels::new();
    for row in rows {
        let Some(function) = row.module_function_name.as_deref() else {
            continue;
        };
        let Some(known) = SECURITY_ROLE_TABLE
            .iter()
            .find(|r| r.function.eq_ignore_ascii_case(function.trim()))
        else {
            continue;
        };
        for verb in RoleVerb::ALL {
            let level = match verb {
                RoleVerb::Add => &row.add_level,
                RoleVerb::Edit => &row.edit_level,
                RoleVerb::Delete => &row.delete_level,
                _ => &row.inquire_level,
            };
            if let Some(level) = level {
                levels = levels.set(known.scope_name(verb), level.permission_level());
            }
        }
    }
    levels
}

impl Client {
    /// Checks what the API member can do: authenticates (`/system/info`), reads
    /// its effective security (`/system/mySecurity`) and reports every row of
    /// the security-role table ([`SECURITY_ROLE_TABLE`]) — Company Maintenance
    /// Inquire; Service Tickets Add, Edit and Inquire; Table Setup and Member
    /// Maintenance Inquire (optional) — each granted or missing at the level
    /// found, with the portal row to change. A 1-item read confirms each read
    /// row that the levels allow.
    pub async fn check_access(&self) -> AccessReport {
        let errors = CwErrors::default();
        let policy = self.inner.config_policy();
        let mut plan = ProbePlan::new(errors.vendor(), errors.permission_location()).policy(policy);
        plan = plan.fact(Fact::new("site", self.inner.site.name()));
        match self.system().info().await {
            Ok(info) => {
                plan = plan.fact(Fact::new(
                    "server",
                    format!(
                        "{} ({})",
                        info.version.as_deref().unwrap_or("unknown version"),
                        if info.is_cloud == Some(true) {
                            "cloud"
                        } else {
                            "on-premise"
                        }
                    ),
                ));
            }
            Err(error) => {
                plan = plan.identity(
                    Fact::unknown("API member", "the credentials were not accepted")
                        .problem(error.to_string()),
                );
                return plan.run().await;
            }
        }
        if let Some(codebase) = self.codebase() {
            plan = plan.fact(Fact::new("codebase", codebase));
        }
        match self.members().me().await {
            Ok(me) => {
                let who = format!(
                    "{} (id {}{})",
                    me.identifier.as_deref().unwrap_or("?"),
                    me.id.map_or("?".to_owned(), |i| i.to_string()),
                    me.security_role
                        .as_ref()
                        .and_then(|r| r.name.as_deref())
                        .map(|r| format!(", role {r}"))
                        .unwrap_or_default()
                );
                plan = plan.identity(Fact::new("API member", who));
            }
            Err(error) => {
                plan = plan.identity(Fact::unknown(
                    "API member",
                    format!("not readable: {error}"),
                ));
            }
        }
        match self.system().my_security().await {
            Ok(rows) => {
                plan = plan
                    .grant(Some((Arc::new(levels_of(&rows)), GrantSource::Configured)))
                    .learned_by(CheckMethod::Introspection);
            }
            Err(error) => {
                plan = plan.fact(
                    Fact::unknown(
                        "security role",
                        format!("/system/mySecurity could not be read: {error}"),
                    )
                    .warning("levels are checked by probe reads only"),
                );
            }
        }
        for row in &SECURITY_ROLE_TABLE {
            for verb in RoleVerb::ALL {
                let level = row.needed(verb);
                if level == neo_auth_core::PermissionLevel::None {
                    continue;
                }
                let scope =
                    Scope::owned(row.scope_name(verb), row.label(verb, level)).at_level(level);
                let access = if verb == RoleVerb::Inquire {
                    Access::Read
                } else {
                    Access::Write
                };
                let mut entry =
                    PlanEntry::new(row.area, access, Some(scope)).degrades(row.degrades);
                if row.optional {
                    entry = entry.optional();
                }
                if verb == RoleVerb::Inquire {
                    entry = match row.function {
                        "Company Maintenance" => entry.probe(self.probe_companies()),
                        "Service Tickets" => entry.probe(self.probe_tickets()).may_be_empty(),
                        "Table Setup" => entry.probe(self.probe_boards()),
                        "Member Maintenance" => entry.probe(self.probe_me()),
                        _ => entry,
                    };
                }
                plan = plan.entry(entry);
            }
        }
        plan.run().await
    }

    async fn probe_companies(&self) -> neo_auth_core::Result<u64> {
        let page = self
            .companies()
            .list()
            .page_size(1)
            .fields(["id"])
            .send()
            .await?;
        Ok(page.items.len() as u64)
    }

    async fn probe_tickets(&self) -> neo_auth_core::Result<u64> {
        let page = self
            .tickets()
            .list()
            .page_size(1)
            .fields(["id"])
            .send()
            .await?;
        Ok(page.items.len() as u64)
    }

    async fn probe_boards(&self) -> neo_auth_core::Result<u64> {
        let page = self
            .boards()
            .list()
            .page_size(1)
            .fields(["id"])
            .send()
            .await?;
        Ok(page.items.len() as u64)
    }

    async fn probe_me(&self) -> neo_auth_core::Result<u64> {
        self.members().me().await.map(|_| 1)
    }
}
