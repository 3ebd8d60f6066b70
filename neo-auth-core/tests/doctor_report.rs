//! The doctor's report of a Basic credential with a configured grant
//! (ConnectWise Manage style permission levels) and of an OAuth credential
//! whose token response lists its scopes (HaloPSA style), as text and as JSON.

use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::doctor::{CheckMethod, Fact, PlanEntry, ProbePlan, Severity, Visibility};
use neo_auth_core::{
    AccessPolicy, AccessToken, Area, AreaAccess, BasicCredential, BoxFuture, Credential,
    GrantSource, OAuth2Credential, PermissionLevel, PermissionLevels, Requirements, Scope,
    TokenSource, Verb,
};
use secrecy::SecretString;
use serde_json::Value;

const ALL: PermissionLevel = PermissionLevel::All;
const CW_LOCATION: &str = "in the API member's security role (System → Security Roles)";

static COMPANY_INQUIRE: Scope = Scope::new(
    "Company Maintenance.inquire",
    "Companies › Company Maintenance › Inquire Level",
)
.at_level(ALL);
static COMPANY_ADD: Scope = Scope::new(
    "Company Maintenance.add",
    "Companies › Company Maintenance › Add Level",
)
.at_level(ALL);
static COMPANY_EDIT: Scope = Scope::new(
    "Company Maintenance.edit",
    "Companies › Company Maintenance › Edit Level",
)
.at_level(ALL);
static COMPANY_DELETE: Scope = Scope::new(
    "Company Maintenance.delete",
    "Companies › Company Maintenance › Delete Level",
)
.at_level(ALL);
static TICKET_INQUIRE: Scope = Scope::new(
    "Service Tickets.inquire",
    "Service Desk › Service Tickets › Inquire Level",
)
.at_level(ALL);
static TICKET_ADD: Scope = Scope::new(
    "Service Tickets.add",
    "Service Desk › Service Tickets › Add Level",
)
.at_level(ALL);
static TICKET_EDIT: Scope = Scope::new(
    "Service Tickets.edit",
    "Service Desk › Service Tickets › Edit Level",
)
.at_level(ALL);
static TICKET_DELETE: Scope = Scope::new(
    "Service Tickets.delete",
    "Service Desk › Service Tickets › Delete Level",
)
.at_level(ALL);
static TABLE_SETUP: Scope = Scope::new(
    "Table Setup.inquire",
    "System › Table Setup › Inquire Level",
)
.at_level(ALL);

const COMPANIES: Area = Area::new("companies");
const TICKETS: Area = Area::new("tickets");
const STATUSES: Area = Area::new("statuses");
const CW_COMPANIES: Requirements = Requirements::crud(
    COMPANIES,
    &COMPANY_INQUIRE,
    &COMPANY_ADD,
    &COMPANY_EDIT,
    &COMPANY_DELETE,
);
const CW_TICKETS: Requirements = Requirements::crud(
    TICKETS,
    &TICKET_INQUIRE,
    &TICKET_ADD,
    &TICKET_EDIT,
    &TICKET_DELETE,
);

fn entry(requirements: &Requirements, verb: Verb, degrades: &'static str) -> PlanEntry<'static> {
    PlanEntry::from_requirements(requirements, verb)
        .expect("offered")
        .degrades(degrades)
}

/// An API member whose role has Inquire on companies and tickets, Add on
/// tickets, but neither Edit on tickets nor Table Setup.
async fn cw_report() -> neo_auth_core::doctor::AccessReport {
    let levels = PermissionLevels::new()
        .set("Company Maintenance.inquire", ALL)
        .set("Service Tickets.inquire", ALL)
        .set("Service Tickets.add", ALL)
        .set("Service Tickets.edit", PermissionLevel::Mine);
    let credential = BasicCredential::new("acme+publickey", SecretString::from("private-key"))
        .unwrap()
        .with_granted(Arc::new(levels));
    ProbePlan::new("ConnectWise Manage", CW_LOCATION)
        .grant(credential.grant())
        .policy(
            AccessPolicy::deny_all()
                .with(COMPANIES, AreaAccess::Read)
                .with(TICKETS, AreaAccess::WRITE)
                .with(STATUSES, AreaAccess::Read),
        )
        .identity(Fact::new("API member", "neo-integration"))
        .entry(
            entry(
                &CW_COMPANIES,
                Verb::List,
                "companies cannot be mapped to tenants",
            )
            .probe(async { Ok(42) }),
        )
        .entry(entry(
            &CW_COMPANIES,
            Verb::Create,
            "companies cannot be created",
        ))
        .entry(entry(&CW_TICKETS, Verb::List, "tickets cannot be read").probe(async { Ok(7) }))
        .entry(entry(
            &CW_TICKETS,
            Verb::Create,
            "tickets cannot be created",
        ))
        .entry(entry(
            &CW_TICKETS,
            Verb::Update,
            "tickets cannot be updated",
        ))
        .entry(
            PlanEntry::read(STATUSES, &TABLE_SETUP)
                .optional()
                .degrades("ticket statuses of a board cannot be listed")
                .probe(async {
                    panic!("a probe of a permission known to be missing must not run")
                }),
        )
        .run()
        .await
}

#[tokio::test]
async fn basic_credential_with_configured_levels_as_text() {
    let report = cw_report().await;
    let text = report.to_string();
    println!("{text}");
    assert!(
        text.starts_with("ConnectWise Manage access report\n"),
        "{text}"
    );
    assert_eq!(
        text.matches(CW_LOCATION).count(),
        1,
        "location once: {text}"
    );
    assert!(text.contains(&format!("  permissions are ticked {CW_LOCATION}\n")));
    assert!(text.contains("  grant (configured): "), "{text}");
    assert!(text.contains("Service Tickets.add=All"), "{text}");
    assert!(text.contains("  ✓ API member: neo-integration\n"), "{text}");
    // One line per row, with the label.
    assert!(text.contains(
        "  ✓ companies      list   Company Maintenance.inquire \"Companies › Company Maintenance › Inquire Level\" at level all — granted (configured), 42 record(s) visible\n"
    ), "{text}");
    assert!(text.contains(
        "  · companies      create Company Maintenance.add \"Companies › Company Maintenance › Add Level\" at level all — missing (configured) [not needed by the policy]\n"
    ), "{text}");
    assert!(text.contains(
        "  ✗ tickets        update Service Tickets.edit \"Service Desk › Service Tickets › Edit Level\" at level all — missing (configured)\n"
    ), "{text}");
    assert!(
        text.contains("  ! statuses       read   Table Setup.inquire"),
        "{text}"
    );
    assert!(text.contains("[optional]"), "{text}");
    // Problems grouped by the permission to tick.
    assert!(text.contains(
        "  missing permissions, by the label to tick:\n    - tick \"Service Desk › Service Tickets › Edit Level\" (Service Tickets.edit)\n        needed to update tickets: without it tickets cannot be updated\n"
    ), "{text}");
    assert!(text.contains(
        "  warnings:\n    - statuses read: optional permission missing — tick \"System › Table Setup › Inquire Level\" (Table Setup.inquire); without it ticket statuses of a board cannot be listed\n"
    ), "{text}");
    assert!(!text.contains("no problems found"));
    assert!(!text.contains("private-key"));
}

#[tokio::test]
async fn basic_credential_with_configured_levels_as_json() {
    let report = cw_report().await;
    assert_eq!(report.exit_code(), 3);
    assert!(report.has_problems());
    let missing: Vec<&str> = report
        .missing_required()
        .iter()
        .filter_map(|c| c.scope.as_ref().map(|s| s.name()))
        .collect();
    assert_eq!(missing, ["Service Tickets.edit"]);

    let json: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["vendor"], "ConnectWise Manage");
    assert_eq!(json["location"], CW_LOCATION);
    assert_eq!(json["grant"]["source"], "configured");
    assert_eq!(json["identity"]["name"], "API member");
    assert_eq!(json["identity"]["severity"], "ok");
    let checks = json["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 6);
    let first = &checks[0];
    assert_eq!(first["area"], "companies");
    assert_eq!(first["access"], "read");
    assert_eq!(first["verb"], "list");
    assert_eq!(first["scope"]["name"], "Company Maintenance.inquire");
    assert_eq!(
        first["scope"]["label"],
        "Companies › Company Maintenance › Inquire Level"
    );
    assert_eq!(first["scope"]["level"], "all");
    assert_eq!(first["required"], true);
    assert_eq!(first["optional"], false);
    assert_eq!(first["policy"], "read-only");
    assert_eq!(first["granted"], true);
    assert_eq!(first["method"], "configured");
    assert_eq!(first["visibility"], "records");
    assert_eq!(first["seen"], 42);
    assert_eq!(first["severity"], "ok");
    assert_eq!(first["degrades"], "companies cannot be mapped to tenants");
    let update = &checks[4];
    assert_eq!(update["verb"], "update");
    assert_eq!(update["granted"], false);
    assert_eq!(update["severity"], "problem");
    assert_eq!(
        update["detail"],
        format!(
            "`Service Tickets.edit` missing — tick \"Service Desk › Service Tickets › Edit Level\" {CW_LOCATION}; without it tickets cannot be updated"
        )
    );
    let optional = &checks[5];
    assert_eq!(optional["optional"], true);
    assert_eq!(optional["required"], false);
    assert_eq!(optional["severity"], "warning");
    assert_eq!(optional["visibility"], "not_probed");
    // The same field names on every row (stable for `--json`).
    for check in checks {
        let mut keys: Vec<&str> = check
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "access",
                "area",
                "degrades",
                "detail",
                "error",
                "granted",
                "method",
                "note",
                "optional",
                "policy",
                "required",
                "scope",
                "seen",
                "severity",
                "verb",
                "visibility"
            ]
        );
    }
}

#[tokio::test]
async fn areas_filter_drops_what_the_integration_never_touches() {
    let report = cw_report().await.only_areas(&[COMPANIES]);
    assert_eq!(report.areas(), [COMPANIES]);
    assert_eq!(report.exit_code(), 0);
    assert!(report.missing_required().is_empty());
    let text = report.to_string();
    assert!(!text.contains("Service Tickets.edit \""), "{text}");
    assert!(!text.contains(" tickets "), "{text}");
    assert!(text.contains("no problems found"), "{text}");
    assert_eq!(cw_report().await.areas(), [COMPANIES, TICKETS, STATUSES]);
}

/// A token source whose token response lists its scopes.
#[derive(Debug)]
struct ScopedTokens {
    requested: Vec<String>,
    granted: Option<Vec<String>>,
}

impl TokenSource for ScopedTokens {
    fn fetch(&self) -> BoxFuture<'_, neo_auth_core::Result<AccessToken>> {
        let token = AccessToken::bearer(
            SecretString::from("token-secret-value"),
            Some(Duration::from_secs(3600)),
        )
        .with_scopes(self.granted.clone());
        Box::pin(async move { Ok(token) })
    }

    fn requested_scopes(&self) -> &[String] {
        &self.requested
    }
}

static READ_TICKETS: Scope = Scope::new("read:tickets", "read:tickets");
static EDIT_TICKETS: Scope = Scope::new("edit:tickets", "edit:tickets");
static READ_CUSTOMERS: Scope = Scope::new("read:customers", "read:customers");
static EDIT_CUSTOMERS: Scope = Scope::new("edit:customers", "edit:customers");
static READ_INVOICES: Scope = Scope::new("read:invoices", "read:invoices");
const HALO_TICKETS: Requirements = Requirements::read_write(TICKETS, &READ_TICKETS, &EDIT_TICKETS);
const HALO_COMPANIES: Requirements =
    Requirements::read_write(COMPANIES, &READ_CUSTOMERS, &EDIT_CUSTOMERS);
const INVOICES: Area = Area::new("invoices");
const HALO_LOCATION: &str =
    "on the Permissions tab of the API application (Configuration → Integrations → HaloPSA API)";

async fn oauth_credential(granted: Option<Vec<String>>) -> OAuth2Credential {
    let source = ScopedTokens {
        requested: vec![
            "read:tickets".into(),
            "edit:tickets".into(),
            "read:customers".into(),
        ],
        granted,
    };
    let credential = OAuth2Credential::builder(Arc::new(source)).build().unwrap();
    credential.authorize().await.unwrap();
    credential
}

fn halo_plan(credential: &OAuth2Credential) -> ProbePlan<'static> {
    ProbePlan::new("HaloPSA", HALO_LOCATION)
        .grant(credential.grant())
        .policy(
            AccessPolicy::read_only()
                .with(TICKETS, AreaAccess::WRITE)
                .with(INVOICES, AreaAccess::Ignore),
        )
        .entry(entry(&HALO_TICKETS, Verb::List, "tickets cannot be read").probe(async { Ok(0) }))
        .entry(
            PlanEntry::write(TICKETS, &EDIT_TICKETS)
                .degrades("tickets cannot be created or updated"),
        )
        .entry(
            entry(&HALO_COMPANIES, Verb::List, "companies cannot be mapped").probe(async { Ok(3) }),
        )
        .entry(PlanEntry::write(COMPANIES, &EDIT_CUSTOMERS).degrades("companies cannot be changed"))
        .entry(
            PlanEntry::read(INVOICES, &READ_INVOICES)
                .degrades("invoices cannot be read")
                .probe(async { panic!("an ignored area is never probed") }),
        )
}

#[tokio::test]
async fn oauth_credential_with_token_scopes() {
    let credential =
        oauth_credential(Some(vec!["read:tickets".into(), "read:customers".into()])).await;
    assert_eq!(credential.grant().unwrap().1, GrantSource::TokenResponse);
    let report = halo_plan(&credential).run().await;
    let text = report.to_string();
    println!("{text}");
    assert!(text.starts_with("HaloPSA access report\n"));
    assert_eq!(text.matches(HALO_LOCATION).count(), 1, "{text}");
    assert!(
        text.contains("  grant (token response): read:customers read:tickets\n"),
        "{text}"
    );
    // Tickets: granted, but the agent sees nothing (a required area): a problem.
    assert!(text.contains(
        "  ✗ tickets        list   read:tickets \"read:tickets\" — granted (token scopes), no records visible\n"
    ), "{text}");
    assert!(
        text.contains(
            "  ✗ tickets        write  edit:tickets \"edit:tickets\" — missing (token scopes)\n"
        ),
        "{text}"
    );
    assert!(text.contains(
        "  ✓ companies      list   read:customers \"read:customers\" — granted (token scopes), 3 record(s) visible\n"
    ), "{text}");
    assert!(text.contains(
        "  · companies      write  edit:customers \"edit:customers\" — missing (token scopes) [not needed by the policy]\n"
    ), "{text}");
    assert!(text.contains(
        "  · invoices       read   read:invoices \"read:invoices\" — not checked [ignored by the policy]\n"
    ), "{text}");
    assert!(text.contains(
        "    - tick \"edit:tickets\" (edit:tickets)\n        needed to write tickets: without it tickets cannot be created or updated\n"
    ), "{text}");
    assert!(text.contains("  other problems:\n    - tickets list: no records are visible although access is granted"), "{text}");
    assert!(!text.contains("token-secret-value"));

    assert_eq!(report.exit_code(), 3);
    let json: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["grant"]["source"], "token_response");
    assert_eq!(
        json["grant"]["scopes"],
        serde_json::json!(["read:customers", "read:tickets"])
    );
    assert_eq!(json["identity"], Value::Null);
    assert_eq!(json["checks"][0]["visibility"], "none_visible");
    assert_eq!(json["checks"][0]["seen"], 0);
    assert_eq!(json["checks"][0]["severity"], "problem");
    assert_eq!(json["checks"][0]["verb"], "list");
    assert_eq!(json["checks"][1]["verb"], Value::Null);
    assert_eq!(json["checks"][1]["access"], "write");
    assert_eq!(json["checks"][1]["method"], "token_scopes");
    assert_eq!(json["checks"][3]["required"], false);
    assert_eq!(json["checks"][3]["severity"], "ok");
    assert_eq!(json["checks"][4]["method"], "not_checked");
    assert_eq!(json["checks"][4]["policy"], "ignored");
    assert_eq!(json["checks"][4]["severity"], "ok");
    assert_eq!(json["checks"][4]["granted"], Value::Null);
    assert_eq!(
        json["checks"][4]["detail"],
        "not checked: the access policy ignores area `invoices`"
    );
}

#[tokio::test]
async fn requested_scopes_are_confirmed_by_probes() {
    // The token response lists no scopes: only what was requested is known.
    let credential = oauth_credential(None).await;
    assert_eq!(credential.grant().unwrap().1, GrantSource::Requested);
    let report = halo_plan(&credential).run().await;
    let list = &report.checks[0];
    assert_eq!(list.method, CheckMethod::ProbeRead);
    assert_eq!(list.granted, Some(true));
    // A requested write cannot be probed: unconfirmed, a warning, not a problem.
    let write = &report.checks[1];
    assert_eq!(write.method, CheckMethod::RequestedScopes);
    assert_eq!(write.granted, Some(true));
    assert_eq!(write.severity, Severity::Warning);
    assert!(
        write.detail.as_deref().unwrap().starts_with("unconfirmed"),
        "{write:?}"
    );
    // A scope that was not even requested is missing.
    let companies_write = &report.checks[3];
    assert_eq!(companies_write.granted, Some(false));
    assert_eq!(report.checks[2].visibility, Visibility::Records);
    let text = report.to_string();
    assert!(
        text.contains("  grant (requested scopes): edit:tickets read:customers read:tickets\n"),
        "{text}"
    );
}

#[tokio::test]
async fn everything_granted_exits_zero() {
    let credential = oauth_credential(Some(vec![
        "read:tickets".into(),
        "edit:tickets".into(),
        "read:customers".into(),
    ]))
    .await;
    let report = ProbePlan::new("HaloPSA", HALO_LOCATION)
        .grant(credential.grant())
        .policy(AccessPolicy::read_only().with(TICKETS, AreaAccess::WRITE))
        .entry(entry(&HALO_TICKETS, Verb::List, "tickets cannot be read").probe(async { Ok(5) }))
        .entry(entry(
            &HALO_TICKETS,
            Verb::Create,
            "tickets cannot be opened",
        ))
        .entry(
            entry(&HALO_COMPANIES, Verb::List, "companies cannot be mapped")
                .may_be_empty()
                .probe(async { Ok(0) }),
        )
        .run()
        .await;
    assert_eq!(report.exit_code(), 0);
    assert!(!report.has_problems());
    assert_eq!(
        report.checks[2].severity,
        Severity::Warning,
        "may be empty: a warning"
    );
    let text = report.to_string();
    assert!(text.contains("  no problems found\n"), "{text}");
    assert!(!text.contains("missing permissions"), "{text}");
}

#[tokio::test]
async fn identity_problems_and_introspected_grants() {
    let credential = oauth_credential(None).await;
    let report = ProbePlan::new("Kaseya VSA X", "in the API token's permissions")
        .grant(credential.grant())
        .learned_by(CheckMethod::Introspection)
        .policy(AccessPolicy::read_only().with(TICKETS, AreaAccess::WRITE))
        .identity(
            Fact::new("API token", "neo-sync")
                .problem("the token expires in 2 days: extend it in the portal"),
        )
        .fact(Fact::unknown(
            "allowed organizations",
            "the vendor did not say",
        ))
        .entry(PlanEntry::write(TICKETS, &EDIT_TICKETS).degrades("tickets cannot be changed"))
        .run()
        .await;
    // Introspection confirms the grant: no "unconfirmed" warning on the write.
    let write = &report.checks[0];
    assert_eq!(write.method, CheckMethod::Introspection);
    assert_eq!((write.granted, write.severity), (Some(true), Severity::Ok));
    assert!(report.missing_required().is_empty());
    // The identity's problem still fails the run.
    assert!(report.has_problems());
    assert_eq!(report.exit_code(), 3);
    let text = report.to_string();
    assert!(
        text.contains(
            "  ✗ API token: neo-sync — the token expires in 2 days: extend it in the portal\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  ! allowed organizations: unknown — the vendor did not say\n"),
        "{text}"
    );
    assert!(text.contains(
        "  other problems:\n    - API token: the token expires in 2 days: extend it in the portal\n"
    ), "{text}");
    let json: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["identity"]["severity"], "problem");
    assert_eq!(json["facts"][0]["value"], Value::Null);
    assert_eq!(json["checks"][0]["method"], "introspection");
}
