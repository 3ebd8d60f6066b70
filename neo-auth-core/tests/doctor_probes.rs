//! Probe outcomes → severities, through a real transport against wiremock:
//! records, an empty list (required and optional), a missing scope read from a
//! 403, a 403 on a held scope, a 401, a 5xx, a timeout, a 404, an ignored area.

use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::doctor::{
    AccessReport, CheckMethod, EXIT_AUTH, EXIT_OK, EXIT_PERMISSION, PlanEntry, ProbePlan, Severity,
    Visibility,
};
use neo_auth_core::{
    Access, AccessPolicy, ApiRequest, Area, AreaAccess, BasicCredential, GrantedScopes,
    Requirement, Result, RetryConfig, Scope, Timeouts, Transport, VendorErrors,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug)]
struct Acme;

impl VendorErrors for Acme {
    fn vendor(&self) -> &str {
        "Acme"
    }
    fn forbidden_means_missing_scope(&self) -> bool {
        true
    }
    fn permission_location(&self) -> &str {
        "on the Acme API tab"
    }
    fn forbidden_hint(&self) -> &str {
        "add the API user to the team that owns these records"
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    let routes: [(&str, ResponseTemplate); 8] = [
        (
            "/api/many",
            ResponseTemplate::new(200).set_body_json(json!([{"id": 1}, {"id": 2}])),
        ),
        (
            "/api/empty",
            ResponseTemplate::new(200).set_body_json(json!([])),
        ),
        (
            "/api/maybe_empty",
            ResponseTemplate::new(200).set_body_json(json!([])),
        ),
        (
            "/api/forbidden",
            ResponseTemplate::new(403).set_body_json(json!({"message": "no"})),
        ),
        ("/api/unauthorized", ResponseTemplate::new(401)),
        ("/api/down", ResponseTemplate::new(503)),
        ("/api/gone", ResponseTemplate::new(404)),
        (
            "/api/slow",
            ResponseTemplate::new(200)
                .set_body_json(json!([]))
                .set_delay(Duration::from_secs(10)),
        ),
    ];
    for (route, response) in routes {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(response)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/ignored"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .expect(0)
        .named("an ignored area is never probed")
        .mount(&server)
        .await;
    server
}

fn transport(server: &MockServer, credential: BasicCredential) -> Transport {
    Transport::builder(format!("{}/api", server.uri()))
        .credential(Arc::new(credential))
        .vendor_errors(Arc::new(Acme))
        .retry(RetryConfig::disabled())
        .timeouts(Timeouts::default().with_attempt(Duration::from_millis(300)))
        .policy(AccessPolicy::read_only().with(Area::new("ignored"), AreaAccess::Ignore))
        .build()
        .unwrap()
}

fn credential() -> BasicCredential {
    BasicCredential::new("user", SecretString::from("pw")).unwrap()
}

fn scope(name: &'static str) -> Scope {
    Scope::owned(format!("read:{name}"), format!("Read {name}"))
}

/// A 1-item read of `/api/{name}` counting the records.
async fn probe(transport: &Transport, name: &'static str) -> Result<u64> {
    let requirement = Requirement::owned(format!("{name}.list"), Area::new(name), Access::Read)
        .with_scope(scope(name));
    let records: Vec<serde_json::Value> = transport
        .send_json(ApiRequest::get(format!("/{name}")).requirement(requirement))
        .await?;
    Ok(records.len() as u64)
}

fn entry<'a>(transport: &'a Transport, name: &'static str) -> PlanEntry<'a> {
    PlanEntry::read(Area::new(name), &scope(name))
        .degrades(format!("{name} cannot be read"))
        .probe(probe(transport, name))
}

async fn report(transport: &Transport, names: &[&'static str]) -> AccessReport {
    let mut plan = ProbePlan::for_transport(transport);
    for name in names {
        let entry = entry(transport, name);
        plan = plan.entry(if *name == "maybe_empty" {
            entry.may_be_empty()
        } else {
            entry
        });
    }
    plan.run().await
}

fn row<'r>(report: &'r AccessReport, name: &str) -> &'r neo_auth_core::doctor::AccessCheck {
    report
        .checks
        .iter()
        .find(|c| c.area.name() == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[tokio::test]
async fn probe_outcomes_map_to_severities_with_an_unknown_grant() {
    let server = server().await;
    let transport = transport(&server, credential());
    let names = [
        "many",
        "empty",
        "maybe_empty",
        "forbidden",
        "down",
        "gone",
        "slow",
        "ignored",
    ];
    let report = report(&transport, &names).await;
    println!("{report}");
    assert_eq!(report.vendor, "Acme");
    assert_eq!(report.location, "on the Acme API tab");
    assert_eq!(report.grant.source, None);

    let many = row(&report, "many");
    assert_eq!(
        (many.severity, many.visibility, many.seen),
        (Severity::Ok, Visibility::Records, Some(2))
    );
    assert_eq!(
        (many.granted, many.method),
        (Some(true), CheckMethod::ProbeRead)
    );

    let empty = row(&report, "empty");
    assert_eq!(
        (empty.severity, empty.visibility),
        (Severity::Problem, Visibility::NoneVisible)
    );
    let maybe = row(&report, "maybe_empty");
    assert_eq!(maybe.severity, Severity::Warning);

    // The grant is unknown: the server's 403 is a missing scope, naming the label.
    let forbidden = row(&report, "forbidden");
    assert_eq!(forbidden.severity, Severity::Problem);
    assert_eq!(forbidden.granted, Some(false));
    assert_eq!(forbidden.visibility, Visibility::Forbidden);
    assert_eq!(
        forbidden.detail.as_deref(),
        Some(
            "`read:forbidden` missing — tick \"Read forbidden\" on the Acme API tab; without it forbidden cannot be read"
        )
    );
    assert!(
        forbidden.error.as_deref().unwrap().contains("403"),
        "{forbidden:?}"
    );

    // 5xx and timeouts: could not check, a warning; the grant stays unknown.
    let down = row(&report, "down");
    assert_eq!(
        (down.severity, down.visibility, down.granted),
        (Severity::Warning, Visibility::ProbeFailed, None)
    );
    assert!(
        down.detail
            .as_deref()
            .unwrap()
            .starts_with("could not check"),
        "{down:?}"
    );
    let slow = row(&report, "slow");
    assert_eq!(
        (slow.severity, slow.visibility),
        (Severity::Warning, Visibility::ProbeFailed)
    );
    assert!(
        slow.error.as_deref().unwrap().contains("timed out"),
        "{slow:?}"
    );

    // Any other failure leaves a required area unconfirmed: a problem.
    let gone = row(&report, "gone");
    assert_eq!(
        (gone.severity, gone.visibility),
        (Severity::Problem, Visibility::ProbeFailed)
    );

    let ignored = row(&report, "ignored");
    assert_eq!(
        (ignored.severity, ignored.method),
        (Severity::Ok, CheckMethod::NotChecked)
    );
    assert!(!ignored.required);

    assert_eq!(report.exit_code(), EXIT_PERMISSION);
    let text = report.to_string();
    assert_eq!(text.matches("on the Acme API tab").count(), 1, "{text}");
    assert!(text.contains("    - tick \"Read forbidden\" (read:forbidden)\n        needed to read forbidden: without it forbidden cannot be read\n"), "{text}");
    assert!(
        text.contains("  warnings:\n    - maybe_empty read: no records are visible"),
        "{text}"
    );
    assert!(text.contains("    - down read: could not check"), "{text}");
}

#[tokio::test]
async fn a_403_on_a_held_scope_blames_the_vendor_side_account() {
    let server = server().await;
    let granted = GrantedScopes::parse("read:forbidden read:many");
    let transport = transport(&server, credential().with_granted(Arc::new(granted)));
    let report = report(&transport, &["forbidden", "many", "empty"]).await;
    let forbidden = row(&report, "forbidden");
    assert_eq!(forbidden.severity, Severity::Problem);
    assert_eq!(forbidden.granted, Some(true), "the scope is held");
    assert_eq!(forbidden.method, CheckMethod::Configured);
    assert_eq!(forbidden.visibility, Visibility::Forbidden);
    assert!(
        forbidden
            .detail
            .as_deref()
            .unwrap()
            .contains("add the API user to the team that owns these records"),
        "{forbidden:?}"
    );
    // A configured grant decides without asking the server: `read:empty` is
    // not held, so its probe never ran.
    let empty = row(&report, "empty");
    assert_eq!(
        (empty.granted, empty.visibility),
        (Some(false), Visibility::NotProbed)
    );
    assert_eq!(row(&report, "many").method, CheckMethod::Configured);
    assert!(report.to_string().contains("  other problems:\n    - forbidden read: forbidden.list: Acme answered 403 although the credential holds `read:forbidden`"), "{report}");
}

#[tokio::test]
async fn a_401_is_an_authentication_problem_with_its_own_exit_code() {
    let server = server().await;
    let transport = transport(&server, credential());
    let report = report(&transport, &["unauthorized", "many"]).await;
    let row = row(&report, "unauthorized");
    assert_eq!(
        (row.severity, row.visibility),
        (Severity::Problem, Visibility::Unauthorized)
    );
    assert!(
        row.detail
            .as_deref()
            .unwrap()
            .starts_with("the credential was not accepted"),
        "{row:?}"
    );
    assert_eq!(report.exit_code(), EXIT_AUTH);
    assert_eq!(report.only_areas(&[Area::new("many")]).exit_code(), EXIT_OK);
}

#[tokio::test]
async fn write_rows_are_never_probed_and_follow_the_policy() {
    let server = server().await;
    let transport = transport(&server, credential());
    let edit = Scope::new("edit:many", "Edit many");
    let report = ProbePlan::for_transport(&transport)
        .entry(PlanEntry::write(Area::new("many"), &edit).degrades("many cannot be changed"))
        .run()
        .await;
    let check = &report.checks[0];
    // Read-only policy: the write is not needed, and nothing tells whether it is held.
    assert!(!check.required);
    assert_eq!((check.severity, check.granted), (Severity::Ok, None));
    assert_eq!(report.exit_code(), EXIT_OK);
    assert!(transport.credential().grant().is_none());
}
