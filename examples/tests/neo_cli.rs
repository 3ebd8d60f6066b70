//! End-to-end tests of the `neo` binary: against its in-process sandbox,
//! against a HaloPSA fake this test starts (through the environment
//! variables), and against a plain wiremock server speaking HaloPSA.

use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};

use halopsa_client::fake::FakeServer;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod common;
use common::{Run, run_neo};

/// The HaloPSA variables `neo` reads; cleared so the environment cannot leak in.
const HALOPSA_VARIABLES: &[&str] = &[
    "HALOPSA_BASE_URL",
    "HALOPSA_CLIENT_ID",
    "HALOPSA_CLIENT_SECRET",
    "HALOPSA_TENANT",
    "HALOPSA_AGENT_ID",
    "HALOPSA_AUTH_URL",
    "HALOPSA_SCOPES",
];

/// Secrets that must never be printed: the fakes' secrets (the demo runs all
/// four), the prefix of every token the HaloPSA and Asio fakes issue, and the
/// secrets these tests configure.
const SECRETS: &[&str] = &[
    "fake-client-secret",
    "fake-at-",
    asio_client::fake::CLIENT_SECRET,
    "fake-asio-at-",
    vsax_client::fake::TOKEN_SECRET,
    cwmanage_client::fake::PRIVATE_KEY,
    cwmanage_client::fake::CLIENT_ID,
    "env-secret-do-not-print",
    "wiremock-token-do-not-print",
];

fn neo_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    run_neo(args, HALOPSA_VARIABLES, env, SECRETS)
}

fn neo(args: &[&str]) -> Run {
    neo_with(args, &[])
}

/// Asserts a failure with `code` and exactly one line on stderr containing `text`.
fn assert_one_line_failure(run: &Run, code: i32, text: &str) {
    assert_eq!(run.code, Some(code), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line:\n{}", run.stderr);
    assert!(run.stderr.starts_with("neo: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(text),
        "`{text}` missing:\n{}",
        run.stderr
    );
}

/// The JSON Lines of `stdout`, each parsed.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// A file under the test's temporary directory.
fn temp_file(name: &str, text: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn demo_runs_every_step_and_exits_0() {
    let run = neo(&["demo"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    for expected in [
        // Every vendor authenticates and lists its records.
        "== ConnectWise Asio: authenticate (OAuth2 client credentials) and list the companies",
        "== ConnectWise Asio: list the devices",
        "== Kaseya VSA X: authenticate (API token)",
        "== Kaseya VSA X: list the devices and their disks",
        "needs attention: ",
        "== HaloPSA: authenticate (OAuth2 client credentials)",
        "== HaloPSA: list the companies",
        "== ConnectWise Manage: authenticate (API member keys)",
        "== ConnectWise Manage: list the companies",
        // The RMM organizations map to each PSA's companies.
        "== HaloPSA: map the RMM organizations to the PSA's companies",
        "== ConnectWise Manage: map the RMM organizations to the PSA's companies",
        "9 of 9 organizations matched: 0 by identifier, 9 by name",
        "9 of 9 organizations matched: 6 by identifier, 3 by name",
        "\"Fabrikam, Inc.\" [FABRIKAM]",
        // A ticket and a note in each PSA.
        "== HaloPSA: add a private note",
        "on the default board",
        "== ConnectWise Manage: add an internal note",
        // Writes held by the policy until approved, nothing sent before.
        "tickets.update writes to area `tickets`, which requires an approval",
        "writes to area `automation`, which requires an approval",
        "requests sent for it: 0",
        "approved by jane@msp.example: ticket #",
        "\"Clear temp folder\" ran on",
        // The doctor names the label to tick, for each vendor.
        "tick \"Platform - Devices - Read\"",
        "tick \"Devices: Read\"",
        "tick \"edit:tickets\"",
        "tick \"Service Desk → Service Tickets → Add Level: All\"",
        "== Summary",
        "everything as expected",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing `{expected}`:\n{}",
            run.stdout
        );
    }
    assert_eq!(run.stdout.matches("requests sent for it: 0").count(), 2);
    assert_eq!(
        run.stdout.matches("exit code of `neo doctor`: 3").count(),
        4
    );
    assert!(!run.stdout.contains("UNEXPECTED"), "{}", run.stdout);
    let summary = run.stdout.split("== Summary").nth(1).unwrap_or_default();
    assert!(!summary.contains('✗'), "{summary}");
    assert_eq!(summary.matches('✓').count(), 20, "{summary}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn help_and_version() {
    let run = neo(&["--version"]);
    assert_eq!(run.code, Some(0));
    assert_eq!(
        run.stdout.trim(),
        format!("neo {}", env!("CARGO_PKG_VERSION"))
    );
    for args in [
        &["--help"][..],
        &["demo", "--help"],
        &["doctor", "--help"],
        &["halopsa", "--help"],
        &["halopsa", "list", "--help"],
        &["halopsa", "get", "--help"],
        &["halopsa", "create", "--help"],
        &["halopsa", "update", "--help"],
        &["halopsa", "fake", "--help"],
    ] {
        let run = neo(args);
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains("Usage: neo"),
            "{args:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2_and_run_nothing() {
    let env = [
        ("HALOPSA_BASE_URL", "https://must-not-be-contacted.invalid"),
        ("HALOPSA_CLIENT_ID", "env-client-id"),
        ("HALOPSA_CLIENT_SECRET", "env-secret-do-not-print"),
    ];
    for args in [
        &["halopsa", "list"][..],
        &["halopsa", "list", "tickets", "--fkae"],
        &["halopsa", "list", "tickets", "--query", "no-equals-sign"],
        &["doctor", "asio2"],
        &["demo", "--fast"],
        &["dmeo"],
    ] {
        let run = neo_with(args, &env);
        assert_eq!(
            run.code,
            Some(2),
            "{args:?}: {}\n{}",
            run.stdout,
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn the_doctor_on_a_full_sandbox_credential_exits_0() {
    let run = neo(&["--sandbox", "doctor", "halopsa"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("HaloPSA access report"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
    // The portal location once per report, not once per row.
    assert_eq!(
        run.stdout.matches("Permissions tab").count(),
        1,
        "{}",
        run.stdout
    );

    let run = neo(&["--sandbox", "doctor", "halopsa", "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(report["vendor"], "HaloPSA");
    let checks = report["checks"].as_array().unwrap();
    assert!(checks.len() > 10);
    assert!(checks.iter().all(|c| c["granted"] == true), "{report:#}");
}

#[test]
fn the_doctor_on_a_reduced_sandbox_credential_exits_3_naming_the_label() {
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:tickets",
        "doctor",
        "halopsa",
    ]);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("tick \"edit:tickets\" (edit:tickets)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("tickets cannot be created or updated"),
        "{}",
        run.stdout
    );

    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:tickets",
        "doctor",
        "halopsa",
        "--json",
    ]);
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let missing: Vec<&Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["granted"] == false)
        .collect();
    assert!(!missing.is_empty());
    assert!(
        missing.iter().all(|c| c["scope"]["name"] == "edit:tickets"),
        "{missing:#?}"
    );

    // Only the areas the integration uses: companies need no edit:tickets.
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:tickets",
        "doctor",
        "halopsa",
        "--areas",
        "companies,sites",
    ]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("edit:tickets\" —"), "{}", run.stdout);

    // An area removed from the sandbox: both its scopes go.
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "companies",
        "doctor",
        "halopsa",
        "--areas",
        "companies",
    ]);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("tick \"read:customers\""),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_sandbox_permission_or_area_is_a_usage_error() {
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:everything",
        "doctor",
        "halopsa",
    ]);
    assert_one_line_failure(&run, 2, "edit:tickets");
    let run = neo(&["--sandbox", "doctor", "halopsa", "--areas", "tickts"]);
    assert_one_line_failure(&run, 2, "unknown area `tickts`");
    let run = neo(&["--sandbox-without", "edit:tickets", "doctor", "halopsa"]);
    assert_one_line_failure(&run, 2, "--sandbox-without only applies to --sandbox");
}

#[tokio::test(flavor = "multi_thread")]
async fn list_streams_every_record_once_as_json_lines() {
    // The sandbox is a default fake: one here tells how many tickets it holds.
    let reference = FakeServer::start().await;
    let expected = reference.count("Tickets");
    let run = neo(&["--sandbox", "halopsa", "list", "tickets"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let records = json_lines(&run.stdout);
    assert_eq!(records.len(), expected);
    let ids: BTreeSet<i64> = records.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), expected, "every record once");
    // Fields the model does not name are kept.
    assert!(records[0].get("customfields").is_some(), "{}", records[0]);
    assert!(
        run.stderr.is_empty(),
        "no progress when stderr is not a terminal: {}",
        run.stderr
    );

    let run = neo(&["--sandbox", "halopsa", "list", "tickets", "--limit", "7"]);
    assert_eq!(json_lines(&run.stdout).len(), 7);

    let run = neo(&[
        "--sandbox",
        "halopsa",
        "list",
        "tickets",
        "--query",
        "client_id=1",
    ]);
    let records = json_lines(&run.stdout);
    assert!(!records.is_empty() && records.len() < expected);
    assert!(records.iter().all(|r| r["client_id"] == 1));

    let run = neo(&[
        "--sandbox",
        "halopsa",
        "list",
        "companies",
        "--output",
        "table",
    ]);
    assert_eq!(run.code, Some(0));
    let mut lines = run.stdout.lines();
    assert!(lines.next().unwrap().starts_with("id "));
    assert_eq!(lines.count(), reference.count("Client"));

    let run = neo(&[
        "--sandbox",
        "halopsa",
        "list",
        "tickets",
        "--query",
        "colour=red",
    ]);
    assert_one_line_failure(&run, 2, "not a HaloPSA filter");
    let run = neo(&["--sandbox", "halopsa", "list", "widgets"]);
    assert_one_line_failure(&run, 2, "no resource `widgets`");
}

#[test]
fn get_prints_one_record_as_json() {
    let run = neo(&["--sandbox", "halopsa", "get", "tickets", "3"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let ticket: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(ticket["id"], 3);
    let run = neo(&["--sandbox", "halopsa", "get", "tickets", "three"]);
    assert_one_line_failure(&run, 2, "not a record id");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neo"))
        .args(["--sandbox", "halopsa", "list", "tickets"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The environment that points `neo` at `server`.
fn env_of(server: &FakeServer) -> Vec<(&'static str, String)> {
    let config = server.config();
    let mut env = vec![
        ("HALOPSA_BASE_URL", server.base_url()),
        ("HALOPSA_CLIENT_ID", config.client_id.clone()),
        ("HALOPSA_CLIENT_SECRET", config.client_secret.clone()),
    ];
    if let Some(tenant) = &config.tenant {
        env.push(("HALOPSA_TENANT", tenant.clone()));
    }
    env
}

fn borrowed<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_write_without_the_needed_approval_exits_3_and_changes_nothing() {
    let server = FakeServer::start().await;
    let env = env_of(&server);
    let config = temp_file(
        "neo-approval.toml",
        &format!(
            "[halopsa]\nbase_url = \"{}\"\nclient_id = \"{}\"\ntenant = \"fake\"\n[halopsa.policy]\ntickets = \"write_with_approval\"\n",
            server.base_url(),
            server.config().client_id
        ),
    );
    // The secret comes from the environment, not the file.
    let secret = [(
        "HALOPSA_CLIENT_SECRET",
        server.config().client_secret.as_str(),
    )];
    let before = server.count("Tickets");
    let data = r#"{"summary": "Disk almost full", "client_id": 1}"#;
    let run = neo_with(
        &[
            "--config", &config, "halopsa", "create", "tickets", "--data", data,
        ],
        &secret,
    );
    assert_one_line_failure(&run, 3, "requires an approval");
    assert_eq!(server.count("Tickets"), before, "nothing changed");
    assert_eq!(server.requests_to("POST", "/api/tickets"), 0);

    let run = neo_with(
        &[
            "--config",
            &config,
            "halopsa",
            "create",
            "tickets",
            "--data",
            data,
            "--approve",
            "jane@msp.example: customer phoned",
        ],
        &secret,
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let created: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(server.count("Tickets"), before + 1);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        server.record("Tickets", id).unwrap()["summary"],
        "Disk almost full"
    );

    // An update from a file, through the environment (default policy: no approval).
    let patch = temp_file("neo-patch.json", r#"{"summary": "Disk cleaned"}"#);
    let run = neo_with(
        &[
            "halopsa",
            "update",
            "tickets",
            &id.to_string(),
            "--data",
            &format!("@{patch}"),
        ],
        &borrowed(&env),
    );
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert_eq!(
        server.record("Tickets", id).unwrap()["summary"],
        "Disk cleaned"
    );

    // Invoices are read-only by default: a policy denial, nothing sent.
    let run = neo_with(
        &["halopsa", "list", "invoices", "--limit", "1"],
        &borrowed(&env),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = neo_with(
        &["halopsa", "create", "invoices", "--data", "{}"],
        &borrowed(&env),
    );
    assert_eq!(
        run.code,
        Some(2),
        "invoices are read-only in neo: {}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_configuration_exits_2_with_one_line() {
    let run = neo(&["halopsa", "list", "tickets"]);
    assert_one_line_failure(&run, 2, "HALOPSA_BASE_URL");

    let env = [
        ("HALOPSA_BASE_URL", "http://halo.example.com"),
        ("HALOPSA_CLIENT_ID", "id"),
        ("HALOPSA_CLIENT_SECRET", "env-secret-do-not-print"),
    ];
    let run = neo_with(&["halopsa", "list", "tickets"], &env);
    assert_one_line_failure(&run, 2, "http");

    let server = FakeServer::start().await;
    let env = env_of(&server);
    let run = neo_with(
        &["halopsa", "create", "tickets", "--data", "{\"summary\": "],
        &borrowed(&env),
    );
    assert_one_line_failure(&run, 2, "--data is not valid JSON");
    let run = neo_with(
        &["halopsa", "create", "tickets", "--data", "[1, 2]"],
        &borrowed(&env),
    );
    assert_one_line_failure(&run, 2, "must be a JSON object");
    let run = neo_with(
        &[
            "halopsa",
            "create",
            "tickets",
            "--data",
            "{}",
            "--approve",
            "nobody",
        ],
        &borrowed(&env),
    );
    assert_one_line_failure(&run, 2, "<who>: <why>");
    assert_eq!(server.requests_to("POST", "/api/tickets"), 0);

    let bad = temp_file("neo-bad.toml", "[halopsa\nbase_url = 1");
    let run = neo(&["--config", &bad, "doctor", "halopsa"]);
    assert_one_line_failure(&run, 2, "is not valid TOML");
    let missing = temp_file(
        "neo-missing.toml",
        "[halopsa]\nbase_url = \"https://acme.halopsa.com\"\n",
    );
    let run = neo(&["--config", &missing, "doctor", "halopsa"]);
    assert_one_line_failure(&run, 2, "`client_id` is missing");
    let policy = temp_file(
        "neo-policy.toml",
        "[halopsa]\nbase_url = \"https://acme.halopsa.com\"\nclient_id = \"x\"\nclient_secret = \"env-secret-do-not-print\"\n[halopsa.policy]\ntickets = \"everything\"\n",
    );
    let run = neo(&["--config", &policy, "doctor", "halopsa"]);
    assert_one_line_failure(&run, 2, "`everything` is not an access");
}

/// A plain wiremock server that speaks just enough HaloPSA.
async fn plain_halo() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "wiremock-token-do-not-print",
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": "all"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "record_count": 3,
            "tickets": [
                {"id": 1, "summary": "one", "client_id": 1, "colour": "red"},
                {"id": 2, "summary": "two", "client_id": 1},
                {"id": 3, "summary": "three", "client_id": 2}
            ]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets/2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 2, "summary": "two"})))
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_commands_work_against_a_plain_http_server() {
    let server = plain_halo().await;
    let base = server.uri();
    let auth = format!("{base}/auth/token");
    let env = [
        ("HALOPSA_BASE_URL", base.as_str()),
        ("HALOPSA_AUTH_URL", auth.as_str()),
        ("HALOPSA_CLIENT_ID", "plain-client"),
        ("HALOPSA_CLIENT_SECRET", "env-secret-do-not-print"),
    ];
    let run = neo_with(&["halopsa", "list", "tickets"], &env);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let records = json_lines(&run.stdout);
    let ids: Vec<i64> = records.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(records[0]["colour"], "red", "unknown fields preserved");

    let run = neo_with(&["halopsa", "get", "tickets", "2"], &env);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&run.stdout).unwrap()["summary"],
        "two"
    );

    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert!(paths.contains(&"/auth/token"), "{paths:?}");
    assert!(paths.contains(&"/api/Tickets/2"), "{paths:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_credential_exits_4() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_client"})))
        .mount(&server)
        .await;
    let base = server.uri();
    let auth = format!("{base}/auth/token");
    let env = [
        ("HALOPSA_BASE_URL", base.as_str()),
        ("HALOPSA_AUTH_URL", auth.as_str()),
        ("HALOPSA_CLIENT_ID", "plain-client"),
        ("HALOPSA_CLIENT_SECRET", "env-secret-do-not-print"),
    ];
    let run = neo_with(&["halopsa", "list", "tickets"], &env);
    assert_one_line_failure(&run, 4, "check the client id");
    let run = neo_with(&["doctor", "halopsa"], &env);
    assert_one_line_failure(&run, 4, "check the client id");
}

#[test]
fn the_fake_command_prints_export_lines() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neo"))
        .args(["halopsa", "fake"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut text = String::new();
    let mut buffer = [0u8; 512];
    while !text.contains("HALOPSA_AGENT_ID") {
        let n = stdout.read(&mut buffer).unwrap();
        assert!(n > 0, "the fake ended early: {text}");
        text.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        text.contains("export HALOPSA_BASE_URL=http://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("export HALOPSA_CLIENT_ID="), "{text}");
}

#[test]
fn the_halopsa_example_lists_open_tickets_and_adds_a_note() {
    let output = Command::new(env!("CARGO_BIN_EXE_halopsa_open_tickets"))
        .args([
            "--sandbox",
            "--company",
            "CONTOSO",
            "--note",
            "Checked remotely",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("Contoso Ltd (#1): open tickets"),
        "{stdout}"
    );
    let listed = stdout.lines().filter(|l| l.starts_with("  #")).count();
    assert!(
        stdout.contains(&format!("{listed} open ticket(s)")),
        "{stdout}"
    );
    assert!(listed > 0, "{stdout}");
    assert!(stdout.contains("private note #"), "{stdout}");

    let output = Command::new(env!("CARGO_BIN_EXE_halopsa_open_tickets"))
        .args(["--sandbox", "--company", "Nobody Such"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no company is named"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vendor_api_that_keeps_failing_exits_5() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "wiremock-token-do-not-print",
            "token_type": "Bearer",
            "expires_in": 3600
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(ResponseTemplate::new(503).set_body_string("maintenance"))
        .expect(3)
        .named("tickets, retried up to the attempt limit")
        .mount(&server)
        .await;
    let base = server.uri();
    let auth = format!("{base}/auth/token");
    let env = [
        ("HALOPSA_BASE_URL", base.as_str()),
        ("HALOPSA_AUTH_URL", auth.as_str()),
        ("HALOPSA_CLIENT_ID", "plain-client"),
        ("HALOPSA_CLIENT_SECRET", "env-secret-do-not-print"),
    ];
    let run = neo_with(&["halopsa", "list", "tickets"], &env);
    assert_one_line_failure(&run, 5, "try again later");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn the_areas_of_the_configuration_limit_the_doctor() {
    let config = temp_file(
        "neo-areas.toml",
        "[halopsa]\nareas = [\"companies\", \"sites\"]\n",
    );
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:tickets",
        "--config",
        &config,
        "doctor",
        "halopsa",
        "--json",
    ]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let areas: BTreeSet<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["area"].as_str().unwrap())
        .collect();
    assert_eq!(areas, BTreeSet::from(["companies", "sites"]));
    // --areas on the command line wins over the file.
    let run = neo(&[
        "--sandbox",
        "--sandbox-without",
        "edit:tickets",
        "--config",
        &config,
        "doctor",
        "halopsa",
        "--areas",
        "tickets",
    ]);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
}

#[test]
fn resources_lists_what_the_vendor_commands_know() {
    let run = neo(&["halopsa", "resources"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("tickets ") && l.ends_with("list get create update"))
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("invoices ") && l.ends_with("list get"))
    );
    assert!(
        run.stdout.contains("--query keys: search, client_id"),
        "{}",
        run.stdout
    );
}
