//! Every operation against the stateful fake: discovery, auth, both paging
//! modes, conditions, writes, notes, boards, members, callbacks, the doctor,
//! policy, faults and the degraded paths.

use std::collections::BTreeSet;

use cwmanage_client::fake::{FakeRole, FakeServer, Level, Seed, Verb};
use cwmanage_client::models::{CallbackEntry, Reference, Ticket, TicketNote};
use cwmanage_client::scopes::areas;
use cwmanage_client::{
    AccessPolicy, Approval, AreaAccess, Condition, Error, Optional, Order, PatchOp, Severity,
};
use futures_util::TryStreamExt;
use neo_auth_core::testkit::Fault;
use neo_auth_core::{PermissionLevel, PermissionLevels};

fn ticket(summary: &str) -> Ticket {
    Ticket {
        summary: Some(summary.into()),
        company: Some(Reference::identifier("CONTOSO")),
        initial_description: Some("seen by the security product".into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn discovery_runs_once_and_the_credentials_work() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    assert_eq!(client.codebase(), None);
    let info = client.system().info().await.unwrap();
    assert_eq!(info.version.as_deref(), Some("v2025.1.98765"));
    assert_eq!(client.codebase(), Some("v2025_1/"));
    client.system().info().await.unwrap();
    client.companies().count().send().await.unwrap();
    assert_eq!(fake.requests_to("GET", "/login/companyinfo"), 1);
}

#[tokio::test]
async fn an_explicit_codebase_skips_discovery() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().codebase("v2025_1").build().unwrap();
    client.system().info().await.unwrap();
    assert_eq!(fake.requests_to("GET", "/login/companyinfo"), 0);
}

#[tokio::test]
async fn an_unknown_company_is_a_config_error_naming_it() {
    let fake = FakeServer::start().await;
    let mut credentials = fake.credentials();
    credentials = cwmanage_client::CwCredentials::new(
        credentials.site().clone(),
        "typo-company",
        credentials.public_key(),
        secrecy::SecretString::from(cwmanage_client::fake::PRIVATE_KEY),
        secrecy::SecretString::from(cwmanage_client::fake::CLIENT_ID),
    );
    let client = fake
        .client_builder()
        .credentials(credentials)
        .build()
        .unwrap();
    let err = client.system().info().await.unwrap_err();
    assert!(matches!(err.unshared(), Error::Config { .. }), "{err:?}");
    assert!(err.to_string().contains("`typo-company`"), "{err}");
}

#[tokio::test]
async fn bad_keys_are_refused_with_an_explanation() {
    let fake = FakeServer::start().await;
    let c = fake.credentials();
    let wrong = cwmanage_client::CwCredentials::new(
        c.site().clone(),
        c.company_id(),
        c.public_key(),
        secrecy::SecretString::from("wrong-private-key"),
        secrecy::SecretString::from(cwmanage_client::fake::CLIENT_ID),
    );
    let client = fake.client_builder().credentials(wrong).build().unwrap();
    let err = client.system().info().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    assert!(err.to_string().contains("check the company ID"), "{err}");
    assert!(!err.to_string().contains("wrong-private-key"));
}

#[tokio::test]
async fn a_missing_client_id_is_refused_by_the_fake() {
    let fake = FakeServer::start().await;
    let c = fake.credentials();
    let wrong = cwmanage_client::CwCredentials::new(
        c.site().clone(),
        c.company_id(),
        c.public_key(),
        secrecy::SecretString::from(cwmanage_client::fake::PRIVATE_KEY),
        secrecy::SecretString::from("another-integration"),
    );
    let client = fake.client_builder().credentials(wrong).build().unwrap();
    let err = client.companies().count().send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

async fn ids_of(
    stream: impl futures_util::Stream<Item = cwmanage_client::Result<Ticket>>,
) -> Vec<i64> {
    stream
        .map_ok(|t| t.id.unwrap())
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn full_scans_read_every_record_exactly_once_in_both_modes() {
    let fake = FakeServer::builder()
        .seed(Seed::default().tickets(1234))
        .start()
        .await;
    let client = fake.client_builder().page_size(100).build().unwrap();
    let expected = fake.ticket_ids();
    assert_eq!(expected.len(), 1234);

    // Forward-only by default.
    let forward = ids_of(client.tickets().list().stream()).await;
    assert_eq!(forward, expected);
    // 13 pages of records and the empty page after the last Link.
    assert_eq!(
        fake.requests_to("GET", &fake.api_path("service/tickets")),
        14
    );

    // Navigable on request.
    let navigable = ids_of(client.tickets().list().navigable().stream()).await;
    assert_eq!(navigable, expected);

    // An order means navigable paging; every record once, in that order.
    let ordered = ids_of(client.tickets().list().order_by("id", Order::Desc).stream()).await;
    let mut reversed = expected.clone();
    reversed.reverse();
    assert_eq!(ordered, reversed);
}

#[tokio::test]
async fn link_parameters_in_any_order_are_followed() {
    let fake = FakeServer::builder()
        .seed(Seed::default().tickets(250))
        .reversed_link_params()
        .start()
        .await;
    let client = fake.client_builder().page_size(40).build().unwrap();
    let expected = fake.ticket_ids();
    assert_eq!(ids_of(client.tickets().list().stream()).await, expected);
    assert_eq!(
        ids_of(client.tickets().list().navigable().stream()).await,
        expected
    );
}

#[tokio::test]
async fn an_endpoint_without_forward_only_is_paged_navigably() {
    let fake = FakeServer::builder()
        .seed(Seed::default().tickets(130))
        .without_forward_only("/service/tickets")
        .start()
        .await;
    let client = fake.client_builder().page_size(50).build().unwrap();
    let ids = ids_of(client.tickets().list().stream()).await;
    assert_eq!(ids, fake.ticket_ids());
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

#[tokio::test]
async fn forward_only_with_an_order_is_refused_before_sending() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let before = fake.api_requests();
    let err = client
        .tickets()
        .list()
        .order_by("summary", Order::Asc)
        .forward_only()
        .collect_all()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("orderBy"), "{err}");
    assert_eq!(fake.api_requests(), before);
}

#[tokio::test]
async fn conditions_filter_lists_and_counts() {
    let fake = FakeServer::builder()
        .seed(Seed::default().tickets(200))
        .start()
        .await;
    let client = fake.client_builder().build().unwrap();
    let condition = || {
        Condition::eq("board/name", "Help Desk")
            .and(Condition::eq("closedFlag", false))
            .and(
                Condition::eq("company/identifier", "CONTOSO")
                    .or(Condition::eq("company/identifier", "FABRIKAM")),
            )
    };
    let found: Vec<Ticket> = client
        .tickets()
        .list()
        .conditions(condition())
        .collect_all()
        .await
        .unwrap();
    assert!(!found.is_empty());
    for t in &found {
        assert_eq!(t.board.as_ref().unwrap().name.as_deref(), Some("Help Desk"));
        assert_eq!(t.closed_flag, Some(false));
        let company = t.company.as_ref().unwrap().identifier.clone().unwrap();
        assert!(company == "CONTOSO" || company == "FABRIKAM", "{company}");
    }
    let count = client
        .tickets()
        .count()
        .conditions(condition())
        .send()
        .await
        .unwrap();
    assert_eq!(count, found.len() as u64);
    let by_summary = client
        .tickets()
        .list()
        .conditions(Condition::contains("summary", "VPN").and(Condition::eq("status/name", "New")))
        .collect_all()
        .await
        .unwrap();
    assert!(
        by_summary
            .iter()
            .all(|t| t.summary.as_deref().unwrap().contains("VPN"))
    );
    let by_id = client
        .tickets()
        .list()
        .conditions(Condition::is_in("id", [5000, 5002, 5004]))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(by_id.len(), 3);
}

#[tokio::test]
async fn fields_shape_the_reply() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let page = client
        .companies()
        .list()
        .fields(["id", "status/name"])
        .page_size(5)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 5);
    let first = &page.items[0];
    assert!(first.id.is_some() && first.name.is_none());
    assert_eq!(
        first.status.as_ref().unwrap().name.as_deref(),
        Some("Active")
    );
}

#[tokio::test]
async fn companies_get_and_count() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let id = fake.company_ids()[1];
    let company = client.companies().get(id).send().await.unwrap();
    assert_eq!(company.id, Some(id));
    assert_eq!(client.companies().count().send().await.unwrap(), 30);
    let err = client.companies().get(1).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_ticket_goes_to_the_default_board_unless_one_is_given() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let saved = client
        .tickets()
        .create(&ticket("Malware found"))
        .send()
        .await
        .unwrap();
    let id = saved.id.unwrap();
    let stored = fake.ticket(id).unwrap();
    assert_eq!(stored["board"]["id"], 1);
    assert_eq!(stored["summary"], "Malware found");
    assert_eq!(stored["company"]["identifier"], "CONTOSO");

    let explicit = Ticket {
        board: Some(Reference::id(2)),
        ..ticket("On the security board")
    };
    let saved = client.tickets().create(&explicit).send().await.unwrap();
    assert_eq!(fake.ticket(saved.id.unwrap()).unwrap()["board"]["id"], 2);
    // The default board was read once.
    assert_eq!(
        fake.requests_to("GET", &fake.api_path("system/myMembers")),
        1
    );
}

#[tokio::test]
async fn without_member_maintenance_a_ticket_needs_an_explicit_board() {
    let fake = FakeServer::builder()
        .role(FakeRole::restricted().with("Member Maintenance", Verb::Inquire, Level::None))
        .start()
        .await;
    let client = fake.client_builder().build().unwrap();
    let before = fake.ticket_count();
    let err = client
        .tickets()
        .create(&ticket("x"))
        .send()
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("System → Member Maintenance → Inquire Level: All"),
        "{text}"
    );
    assert!(text.contains("give the ticket a board"), "{text}");
    assert_eq!(fake.ticket_count(), before);
    let explicit = Ticket {
        board: Some(Reference::name("Help Desk")),
        ..ticket("x")
    };
    client.tickets().create(&explicit).send().await.unwrap();
    assert_eq!(fake.ticket_count(), before + 1);
}

#[tokio::test]
async fn tickets_are_patched_and_noted() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let id = fake.ticket_ids()[0];
    let updated = client
        .tickets()
        .update(
            id,
            vec![
                PatchOp::replace("summary", "Printer offline (2nd floor)").unwrap(),
                PatchOp::reference("status", Reference::name("In Progress")).unwrap(),
            ],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.summary.as_deref(),
        Some("Printer offline (2nd floor)")
    );
    assert_eq!(fake.ticket(id).unwrap()["status"]["name"], "In Progress");

    let before = client
        .tickets()
        .notes(id)
        .list()
        .collect_all()
        .await
        .unwrap()
        .len();
    let note = client
        .tickets()
        .notes(id)
        .add(&TicketNote::internal("Isolated the host"))
        .send()
        .await
        .unwrap();
    assert_eq!(note.ticket_id, Some(id));
    let after = client
        .tickets()
        .notes(id)
        .list()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(after.len(), before + 1);
    assert_eq!(
        client.tickets().notes(id).count().send().await.unwrap(),
        after.len() as u64
    );
    assert_eq!(fake.notes_of(id).len(), after.len());
    let got = client.tickets().get(id).send().await.unwrap();
    assert_eq!(got.summary.as_deref(), Some("Printer offline (2nd floor)"));
}

#[tokio::test]
async fn boards_statuses_and_members() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let boards = client.boards().list().collect_all().await.unwrap();
    assert_eq!(boards.len(), 3);
    assert_eq!(
        client.boards().get(2).send().await.unwrap().name.as_deref(),
        Some("Security Incidents")
    );
    let statuses = client
        .boards()
        .statuses(1)
        .list()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(statuses.len(), 4);
    let status = client
        .boards()
        .statuses(1)
        .get(statuses[0].id.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(status.name, statuses[0].name);
    match client.boards().statuses(1).all_or_missing().await.unwrap() {
        Optional::Available(all) => assert_eq!(all.len(), 4),
        other => panic!("{other:?}"),
    }
    let jdoe = client.members().get("jdoe").send().await.unwrap();
    assert_eq!(jdoe.first_name.as_deref(), Some("John"));
    let me = client.members().me().await.unwrap();
    assert_eq!(me.identifier.as_deref(), Some("apiuser"));
    assert_eq!(
        client
            .default_board()
            .await
            .unwrap()
            .available()
            .unwrap()
            .id,
        Some(1)
    );
}

#[tokio::test]
async fn without_table_setup_statuses_degrade_to_a_named_answer() {
    let fake = FakeServer::builder()
        .role(FakeRole::restricted().with("Table Setup", Verb::Inquire, Level::None))
        .start()
        .await;
    let client = fake.client_builder().build().unwrap();
    match client.boards().statuses(1).all_or_missing().await.unwrap() {
        Optional::PermissionMissing(missing) => {
            assert_eq!(
                missing.portal_row,
                "System → Table Setup → Inquire Level: All"
            );
            assert_eq!(missing.permission, "Table Setup.inquire");
        }
        other => panic!("{other:?}"),
    }
    // A plain list names the permission too (from ConnectWise's 403).
    let err = client.boards().list().collect_all().await.unwrap_err();
    assert!(err.is_missing_scope(), "{err:?}");
    assert!(
        err.to_string()
            .contains("System → Table Setup → Inquire Level: All"),
        "{err}"
    );
}

#[tokio::test]
async fn callbacks_need_write_turned_on_and_duplicates_are_refused() {
    let fake = FakeServer::start().await;
    let entry = CallbackEntry::all_tickets("https://hooks.example/cw?recordId=", "neo");
    let read_only = fake.client_builder().build().unwrap();
    let err = read_only
        .callbacks()
        .register(&entry)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_policy(), "{err:?}");
    assert_eq!(
        fake.requests_to("POST", &fake.api_path("system/callbacks")),
        0
    );

    let client = fake
        .client_builder()
        .policy(cwmanage_client::default_policy().with(areas::CALLBACKS, AreaAccess::WRITE))
        .build()
        .unwrap();
    let saved = client.callbacks().register(&entry).send().await.unwrap();
    let id = saved.id.unwrap();
    let dup = client
        .callbacks()
        .register(&entry)
        .send()
        .await
        .unwrap_err();
    assert_eq!(dup.status().map(|s| s.as_u16()), Some(400));
    assert!(dup.to_string().contains("ObjectExists"), "{dup}");
    assert_eq!(
        client.callbacks().list().collect_all().await.unwrap().len(),
        1
    );
    assert_eq!(client.callbacks().count().send().await.unwrap(), 1);
    assert_eq!(
        client.callbacks().get(id).send().await.unwrap().id,
        Some(id)
    );
    client.callbacks().delete(id).send().await.unwrap();
    assert!(fake.callbacks().is_empty());
}

#[tokio::test]
async fn policy_denial_and_approval() {
    let fake = FakeServer::start().await;
    let denied = fake
        .client_builder()
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let err = denied
        .tickets()
        .create(&ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_policy());
    let approving = fake
        .client_builder()
        .policy(AccessPolicy::read_only().with(areas::TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()
        .unwrap();
    let before = fake.ticket_count();
    let err = approving
        .tickets()
        .create(&ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ApprovalRequired { .. }), "{err:?}");
    assert_eq!(fake.ticket_count(), before);
    let approval = Approval::new("jane@msp.example", "confirmed incident").unwrap();
    approving
        .tickets()
        .create(&ticket("x"))
        .approval(approval)
        .send()
        .await
        .unwrap();
    assert_eq!(fake.ticket_count(), before + 1);
}

#[tokio::test]
async fn a_configured_role_refuses_before_sending() {
    let fake = FakeServer::start().await;
    let levels = PermissionLevels::new()
        .set("Service Tickets.inquire", PermissionLevel::All)
        .set("Company Maintenance.inquire", PermissionLevel::My);
    let client = fake
        .client_builder()
        .granted_levels(levels)
        .build()
        .unwrap();
    client.system().info().await.unwrap();
    let before = fake.api_requests();
    let read = client.companies().list().collect_all().await.unwrap_err();
    assert!(read.is_missing_scope());
    assert!(
        read.to_string()
            .contains("Companies → Company Maintenance → Inquire Level: All"),
        "{read}"
    );
    let write = client
        .tickets()
        .create(&Ticket {
            board: Some(Reference::id(1)),
            ..ticket("x")
        })
        .send()
        .await
        .unwrap_err();
    assert!(
        write
            .to_string()
            .contains("Service Desk → Service Tickets → Add Level: All"),
        "{write}"
    );
    assert_eq!(fake.api_requests(), before, "nothing was sent");
}

#[tokio::test]
async fn a_reduced_role_gets_connectwise_403_as_a_missing_permission() {
    let fake = FakeServer::builder()
        .role(FakeRole::restricted().with("Service Tickets", Verb::Edit, Level::None))
        .start()
        .await;
    let client = fake.client_builder().build().unwrap();
    let id = fake.ticket_ids()[0];
    let err = client
        .tickets()
        .update(id, vec![PatchOp::replace("summary", "x").unwrap()])
        .send()
        .await
        .unwrap_err();
    match err.unshared() {
        Error::MissingScope {
            scope,
            label,
            response,
            ..
        } => {
            assert_eq!(scope, "Service Tickets.edit");
            assert_eq!(label, "Service Desk → Service Tickets → Edit Level: All");
            assert!(response.is_some(), "the server's 403 is kept");
        }
        other => panic!("{other:?}"),
    }
}

fn problem_labels(report: &cwmanage_client::AccessReport) -> Vec<String> {
    report
        .checks
        .iter()
        .filter(|c| c.severity != Severity::Ok)
        .map(|c| c.scope.as_ref().unwrap().label().to_owned())
        .collect()
}

#[tokio::test]
async fn check_access_with_the_full_and_the_restricted_role() {
    for role in [FakeRole::full(), FakeRole::restricted()] {
        let fake = FakeServer::builder().role(role).start().await;
        let client = fake.client_builder().build().unwrap();
        let report = client.check_access().await;
        assert_eq!(report.checks.len(), 6, "{report}");
        assert!(problem_labels(&report).is_empty(), "{report}");
        assert_eq!(report.exit_code(), 0, "{report}");
        let text = report.to_string();
        assert!(text.contains("apiuser"), "{text}");
    }
}

#[tokio::test]
async fn check_access_names_exactly_the_missing_row_and_level() {
    let rows = [
        (
            "Company Maintenance",
            Verb::Inquire,
            "Companies → Company Maintenance → Inquire Level: All",
            true,
        ),
        (
            "Service Tickets",
            Verb::Add,
            "Service Desk → Service Tickets → Add Level: All",
            true,
        ),
        (
            "Service Tickets",
            Verb::Edit,
            "Service Desk → Service Tickets → Edit Level: All",
            true,
        ),
        (
            "Service Tickets",
            Verb::Inquire,
            "Service Desk → Service Tickets → Inquire Level: All",
            true,
        ),
        (
            "Table Setup",
            Verb::Inquire,
            "System → Table Setup → Inquire Level: All",
            false,
        ),
        (
            "Member Maintenance",
            Verb::Inquire,
            "System → Member Maintenance → Inquire Level: All",
            false,
        ),
    ];
    for (function, verb, label, required) in rows {
        // One level short of All, then none at all.
        for level in [Level::My, Level::None] {
            let role = FakeRole::restricted().with(function, verb, level.clone());
            let fake = FakeServer::builder().role(role).start().await;
            let client = fake
                .client_builder()
                .policy(AccessPolicy::read_only().with(areas::TICKETS, AreaAccess::WRITE))
                .build()
                .unwrap();
            let report = client.check_access().await;
            assert_eq!(
                problem_labels(&report),
                vec![label.to_owned()],
                "{function} {verb:?} {level:?}: {report}"
            );
            let row = report
                .checks
                .iter()
                .find(|c| c.severity != Severity::Ok)
                .unwrap();
            let expected = if required {
                Severity::Problem
            } else {
                Severity::Warning
            };
            assert_eq!(row.severity, expected, "{report}");
            assert_eq!(row.granted, Some(false), "{report}");
            assert!(report.to_string().contains(label), "{report}");
        }
    }
}

#[tokio::test]
async fn check_access_with_bad_credentials_says_so() {
    let fake = FakeServer::start().await;
    let c = fake.credentials();
    let wrong = cwmanage_client::CwCredentials::new(
        c.site().clone(),
        c.company_id(),
        c.public_key(),
        secrecy::SecretString::from("nope"),
        secrecy::SecretString::from(cwmanage_client::fake::CLIENT_ID),
    );
    let client = fake.client_builder().credentials(wrong).build().unwrap();
    let report = client.check_access().await;
    assert_ne!(report.exit_code(), 0, "{report}");
}

#[tokio::test]
async fn rate_limits_and_server_errors_are_retried_for_reads() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    client.system().info().await.unwrap();
    let path = fake.api_path("company/companies");
    fake.inject_on(
        &path,
        Fault::RateLimited {
            retry_after: Some(0),
            times: 1,
        },
    );
    fake.inject_on(
        &path,
        Fault::ServerError {
            status: 503,
            times: 1,
        },
    );
    assert_eq!(client.companies().count().send().await.unwrap(), 30);
    assert_eq!(fake.requests_to("GET", &path), 3);
    fake.inject_on(
        &path,
        Fault::RateLimited {
            retry_after: None,
            times: 1,
        },
    );
    assert_eq!(client.companies().count().send().await.unwrap(), 30);
    assert_eq!(fake.requests_to("GET", &path), 5);
}

#[tokio::test]
async fn a_write_that_fails_with_a_server_error_is_not_retried() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    client.system().info().await.unwrap();
    let path = fake.api_path("service/tickets");
    fake.inject_on(
        &path,
        Fault::ServerError {
            status: 502,
            times: 1,
        },
    );
    let err = client
        .tickets()
        .create(&Ticket {
            board: Some(Reference::id(1)),
            ..ticket("x")
        })
        .send()
        .await
        .unwrap_err();
    assert!(
        err.is_write_uncertain() || err.status().is_some(),
        "{err:?}"
    );
    assert_eq!(fake.requests_to("POST", &path), 1);
}

#[tokio::test]
async fn a_401_mid_stream_fails_the_scan() {
    let fake = FakeServer::builder()
        .seed(Seed::default().tickets(300))
        .start()
        .await;
    let client = fake.client_builder().page_size(50).build().unwrap();
    client.system().info().await.unwrap();
    let mut stream = client.tickets().list().stream();
    for _ in 0..50 {
        stream.try_next().await.unwrap().unwrap();
    }
    fake.inject_on(
        &fake.api_path("service/tickets"),
        Fault::Unauthorized { times: 5 },
    );
    let mut failed = None;
    while let Some(item) = stream.try_next().await.transpose() {
        if let Err(e) = item {
            failed = Some(e);
            break;
        }
    }
    let err = failed.expect("the stream fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_not_a_panic() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    client.system().info().await.unwrap();
    fake.inject_on(
        &fake.api_path("company/companies"),
        Fault::MalformedJson { times: 3 },
    );
    let err = client
        .companies()
        .get(fake.company_ids()[0])
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err.unshared(), Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn the_client_side_budget_holds_requests_back() {
    use std::sync::Arc;
    use std::time::Duration;
    assert_eq!(cwmanage_client::RATE_LIMIT.requests, 1000);
    assert_eq!(cwmanage_client::RATE_LIMIT.per, Duration::from_secs(60));
    let fake = FakeServer::start().await;
    let clock = Arc::new(neo_auth_core::ManualClock::new());
    let client = fake
        .client_builder()
        .codebase("v2025_1/")
        .rate_limit(neo_auth_core::RateLimit::new(2, Duration::from_secs(60)))
        .clock(clock)
        .build()
        .unwrap();
    client.system().info().await.unwrap();
    client.system().info().await.unwrap();
    let third = tokio::time::timeout(Duration::from_millis(300), client.system().info()).await;
    assert!(third.is_err(), "the third request waits for the budget");
    assert_eq!(fake.api_requests(), 2);
}

#[tokio::test]
async fn check_access_without_a_whole_row_names_each_of_its_levels() {
    let rows: [(&str, &[&str]); 4] = [
        (
            "Company Maintenance",
            &["Companies → Company Maintenance → Inquire Level: All"],
        ),
        (
            "Service Tickets",
            &[
                "Service Desk → Service Tickets → Add Level: All",
                "Service Desk → Service Tickets → Edit Level: All",
                "Service Desk → Service Tickets → Inquire Level: All",
            ],
        ),
        (
            "Table Setup",
            &["System → Table Setup → Inquire Level: All"],
        ),
        (
            "Member Maintenance",
            &["System → Member Maintenance → Inquire Level: All"],
        ),
    ];
    for (function, labels) in rows {
        let fake = FakeServer::builder()
            .role(FakeRole::restricted().without_row(function))
            .start()
            .await;
        let report = fake.client_builder().build().unwrap().check_access().await;
        let expected: Vec<String> = labels.iter().map(|l| (*l).to_owned()).collect();
        assert_eq!(problem_labels(&report), expected, "{function}: {report}");
    }
}
