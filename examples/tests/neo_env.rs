//! End-to-end tests of `neo` for ConnectWise Asio, Kaseya VSA X and
//! ConnectWise Manage outside the in-process sandbox: against each vendor's
//! fake served on its own (by `neo <vendor> fake`, in another process, or
//! started by the test) and given to `neo` only through the vendor's
//! environment variables or `--config`; bad configuration; and writes the
//! policy holds until an approval is given (a Manage ticket, an Asio and a
//! VSA X script run), which change nothing in the fake.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use cwmanage_client::fake::FakeServer as CwFake;
use serde_json::Value;

mod common;
use common::{Run, VENDOR_VARIABLES, run_neo};

/// Secrets that must never be printed: the fakes' secrets, the Asio fake's
/// token prefix, and the secret these tests configure.
const SECRETS: &[&str] = &[
    asio_client::fake::CLIENT_SECRET,
    "fake-asio-at-",
    vsax_client::fake::TOKEN_SECRET,
    cwmanage_client::fake::PRIVATE_KEY,
    cwmanage_client::fake::CLIENT_ID,
    "env-secret-do-not-print",
];

/// Runs `neo args` with only `env` of the vendors' variables set (see
/// [`common::run_neo`] for the checks).
fn neo(args: &[&str], env: &[(String, String)]) -> Run {
    run_neo(args, VENDOR_VARIABLES, env, SECRETS)
}

/// Asserts exit `code` and, for a failure, exactly one line on stderr
/// containing `text`.
fn assert_exit(run: &Run, code: i32, text: &str) {
    assert_eq!(run.code, Some(code), "{}\n{}", run.stdout, run.stderr);
    if code != 0 {
        assert_eq!(run.stderr.lines().count(), 1, "one line:\n{}", run.stderr);
        assert!(run.stderr.starts_with("neo: "), "{}", run.stderr);
        assert!(
            run.stderr.contains(text),
            "`{text}` missing:\n{}",
            run.stderr
        );
    }
}

/// The JSON Lines of `stdout`, each parsed.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// `pairs` as an environment.
fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// `neo <vendor> fake` running in its own process, with the environment its
/// `export` lines give; killed when dropped.
struct Served {
    child: Child,
    env: Vec<(String, String)>,
}

impl Served {
    /// Starts `neo <vendor> fake` and reads its export lines up to `last`.
    fn start(vendor: &str, last: &str) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_neo"));
        for name in VENDOR_VARIABLES {
            command.env_remove(name);
        }
        let mut child = command
            .args([vendor, "fake"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("neo fake starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut exports = BTreeMap::new();
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("the export lines are text");
            if let Some((name, value)) =
                line.strip_prefix("export ").and_then(|l| l.split_once('='))
            {
                exports.insert(name.to_owned(), value.to_owned());
                if name == last {
                    break;
                }
            }
        }
        assert!(
            exports.contains_key(last),
            "`neo {vendor} fake` ended before printing {last}: {exports:?}"
        );
        Served {
            child,
            env: exports.into_iter().collect(),
        }
    }

    fn var(&self, name: &str) -> &str {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("{name} not exported"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The string value of `key` in every record, each asserted present and
/// distinct (every record once).
fn distinct(records: &[Value], key: &str) -> Vec<String> {
    let mut ids: Vec<String> = records
        .iter()
        .map(|r| match &r[key] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => panic!("`{key}` is {other} in {r}"),
        })
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "every record once");
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn asio_served_apart_answers_through_the_environment() {
    let served = Served::start("asio", "ASIO_CLIENT_SECRET");
    assert!(served.var("ASIO_BASE_URL").starts_with("http://127.0.0.1:"));
    let reference = asio_client::fake::FakeServer::start().await;

    let run = neo(&["asio", "list", "devices"], &served.env);
    assert_exit(&run, 0, "");
    let devices = json_lines(&run.stdout);
    assert_eq!(devices.len(), reference.device_count());
    distinct(&devices, "endpointID");

    let run = neo(&["asio", "list", "companies", "--limit", "2"], &served.env);
    assert_exit(&run, 0, "");
    let companies = json_lines(&run.stdout);
    assert_eq!(companies.len(), 2);
    let id = companies[0]["id"].as_str().unwrap();
    let run = neo(&["asio", "get", "companies", id], &served.env);
    assert_exit(&run, 0, "");
    let company: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(company["name"], "Contoso");

    let run = neo(&["doctor", "asio", "--json"], &served.env);
    assert_exit(&run, 0, "");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["vendor"], "ConnectWise Asio");
    // The key asks for fewer scopes than the integration needs: exit 3.
    let mut narrow = served.env.clone();
    narrow.push(("ASIO_SCOPES".into(), "platform.companies.read".into()));
    let run = neo(&["doctor", "asio"], &narrow);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("tick \"Platform - Devices - Read\""),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn vsax_served_apart_answers_through_the_environment() {
    let served = Served::start("vsax", "VSAX_TOKEN_SECRET");
    assert!(served.var("VSAX_BASE_URL").starts_with("http://127.0.0.1:"));
    let reference = vsax_client::fake::FakeServer::start().await;

    let run = neo(&["vsax", "list", "devices"], &served.env);
    assert_exit(&run, 0, "");
    let devices = json_lines(&run.stdout);
    assert_eq!(devices.len(), reference.config().devices);
    let ids = distinct(&devices, "Identifier");

    let run = neo(
        &[
            "vsax",
            "list",
            "devices",
            "--filter",
            "OrganizationId eq 4822",
        ],
        &served.env,
    );
    assert_exit(&run, 0, "");
    let fabrikam = json_lines(&run.stdout);
    assert!(!fabrikam.is_empty() && fabrikam.len() < devices.len());
    assert!(fabrikam.iter().all(|d| d["OrganizationName"] == "Fabrikam"));

    let run = neo(&["vsax", "get", "devices", &ids[0]], &served.env);
    assert_exit(&run, 0, "");
    let device: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(device["Identifier"], ids[0].as_str());

    let run = neo(&["doctor", "vsax"], &served.env);
    assert_exit(&run, 0, "");
    assert!(run.stdout.contains("VSA X access report"), "{}", run.stdout);
    // A token declared without Devices: Read.
    let mut narrow = served.env.clone();
    narrow.push((
        "VSAX_PERMISSIONS".into(),
        "organizations.read,device_assets.read".into(),
    ));
    let run = neo(&["doctor", "vsax", "--json"], &narrow);
    assert_eq!(run.code, Some(3), "{}\n{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let missing: Vec<&Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["granted"] == false)
        .collect();
    assert!(
        missing.iter().any(|c| c["scope"]["name"] == "devices.read"),
        "{report:#}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cwmanage_served_apart_answers_through_the_environment() {
    let served = Served::start("cwmanage", "CWM_CLIENT_ID");
    assert!(served.var("CWM_SITE").starts_with("http://127.0.0.1:"));
    let reference = CwFake::start().await;

    let run = neo(&["cwmanage", "list", "companies"], &served.env);
    assert_exit(&run, 0, "");
    let companies = json_lines(&run.stdout);
    assert_eq!(companies.len(), reference.company_ids().len());
    distinct(&companies, "id");
    assert_eq!(companies[1]["identifier"], "CONTOSO");

    let run = neo(
        &[
            "cwmanage",
            "list",
            "tickets",
            "--filter",
            "closedFlag = false",
        ],
        &served.env,
    );
    assert_exit(&run, 0, "");
    let open = json_lines(&run.stdout);
    assert!(!open.is_empty() && open.len() < reference.ticket_count());
    assert!(open.iter().all(|t| t["closedFlag"] == false));
    let id = open[0]["id"].to_string();
    let run = neo(&["cwmanage", "get", "tickets", &id], &served.env);
    assert_exit(&run, 0, "");

    let run = neo(&["doctor", "cwmanage"], &served.env);
    assert_exit(&run, 0, "");
    assert!(
        run.stdout.contains("ConnectWise Manage access report"),
        "{}",
        run.stdout
    );
    // A ticket through the served fake, read back from it.
    let run = neo(
        &[
            "cwmanage",
            "create",
            "tickets",
            "--data",
            r#"{"summary": "Disk almost full", "company": {"identifier": "CONTOSO"}}"#,
        ],
        &served.env,
    );
    assert_exit(&run, 0, "");
    let created: Value = serde_json::from_str(&run.stdout).unwrap();
    let run = neo(
        &["cwmanage", "get", "tickets", &created["id"].to_string()],
        &served.env,
    );
    assert_exit(&run, 0, "");
    let stored: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stored["summary"], "Disk almost full");
    assert_eq!(stored["board"]["name"], "Help Desk", "the default board");
}

#[test]
fn a_missing_variable_is_a_one_line_configuration_error() {
    for (args, variable) in [
        (&["asio", "list", "devices"][..], "ASIO_CLIENT_ID"),
        (&["doctor", "asio"], "ASIO_CLIENT_SECRET"),
        (&["vsax", "list", "devices"], "VSAX_BASE_URL"),
        (&["doctor", "vsax"], "VSAX_TOKEN_SECRET"),
        (&["cwmanage", "list", "companies"], "CWM_SITE"),
        (&["doctor", "cwmanage"], "CWM_PRIVATE_KEY"),
    ] {
        let run = neo(args, &[]);
        assert_exit(&run, 2, variable);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    // One variable missing of several: that one is named.
    let run = neo(
        &["vsax", "list", "devices"],
        &env(&[
            ("VSAX_BASE_URL", "https://acme.vsax.net"),
            ("VSAX_TOKEN_ID", "id"),
        ]),
    );
    assert_exit(&run, 2, "VSAX_TOKEN_SECRET");
    assert!(
        !run.stderr.contains("VSAX_TOKEN_ID is not set"),
        "{}",
        run.stderr
    );
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_anything_is_sent() {
    let secret = "env-secret-do-not-print";
    for (args, env) in [
        (
            &["asio", "list", "companies"][..],
            env(&[
                ("ASIO_BASE_URL", "http://asio.example.com"),
                ("ASIO_CLIENT_ID", "id"),
                ("ASIO_CLIENT_SECRET", secret),
            ]),
        ),
        (
            &["vsax", "list", "devices"],
            env(&[
                ("VSAX_BASE_URL", "http://acme.vsax.net"),
                ("VSAX_TOKEN_ID", "id"),
                ("VSAX_TOKEN_SECRET", secret),
            ]),
        ),
        (
            &["cwmanage", "list", "companies"],
            env(&[
                ("CWM_SITE", "http://cw.example.com"),
                ("CWM_COMPANY_ID", "acme"),
                ("CWM_PUBLIC_KEY", "public"),
                ("CWM_PRIVATE_KEY", secret),
                ("CWM_CLIENT_ID", secret),
            ]),
        ),
    ] {
        let run = neo(args, &env);
        assert_exit(&run, 2, "plain http to a non-loopback host");
    }
}

/// The environment that points `neo` at an in-process Manage fake.
fn cw_env(fake: &CwFake) -> Vec<(String, String)> {
    use cwmanage_client::fake::{CLIENT_ID, COMPANY_ID, PRIVATE_KEY, PUBLIC_KEY};
    env(&[
        ("CWM_SITE", &fake.uri()),
        ("CWM_COMPANY_ID", COMPANY_ID),
        ("CWM_PUBLIC_KEY", PUBLIC_KEY),
        ("CWM_PRIVATE_KEY", PRIVATE_KEY),
        ("CWM_CLIENT_ID", CLIENT_ID),
    ])
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_data_is_refused_before_anything_is_sent() {
    let fake = CwFake::start().await;
    let env = cw_env(&fake);
    let tickets = fake.api_path("service/tickets");
    for (args, text) in [
        (
            &["cwmanage", "create", "tickets", "--data", "{\"summary\": "][..],
            "--data is not valid JSON",
        ),
        (
            &["cwmanage", "create", "tickets", "--data", "[1, 2]"],
            "must be a JSON object",
        ),
        (
            &[
                "cwmanage",
                "create",
                "tickets",
                "--data",
                "{\"summary\": 7}",
            ],
            "not a valid ticket",
        ),
        (
            &["cwmanage", "create", "tickets", "--data", "{\"id\": 5000}"],
            "carries an `id`",
        ),
        (
            &["cwmanage", "update", "tickets", "5000", "--data", "{}"],
            "names no field",
        ),
        (
            &[
                "cwmanage",
                "update",
                "tickets",
                "5000",
                "--data",
                "{\"status/id\": 17}",
            ],
            "status",
        ),
        (
            &["cwmanage", "create", "companies", "--data", "{}"],
            "read-only in neo",
        ),
        (
            &["asio", "create", "devices", "--data", "{}"],
            "read-only in neo",
        ),
        (
            &["vsax", "update", "devices", "x", "--data", "{}"],
            "read-only in neo",
        ),
    ] {
        let run = neo(args, &env);
        assert_exit(&run, 2, text);
    }
    assert_eq!(fake.requests_to("POST", &tickets), 0);
    assert_eq!(fake.requests_to("PATCH", &tickets), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_write_without_the_needed_approval_exits_3_and_changes_nothing() {
    let fake = CwFake::start().await;
    let env = cw_env(&fake);
    let tickets = fake.api_path("service/tickets");
    // The settings in a file, the secrets from the environment.
    let config = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("neo-cwm-approval.toml");
    std::fs::write(
        &config,
        format!(
            "[cwmanage]\nsite = \"{}\"\ncompany_id = \"{}\"\npublic_key = \"{}\"\n[cwmanage.policy]\ntickets = \"write_with_approval\"\n",
            fake.uri(),
            cwmanage_client::fake::COMPANY_ID,
            cwmanage_client::fake::PUBLIC_KEY
        ),
    )
    .unwrap();
    let config = config.display().to_string();
    let secrets: Vec<(String, String)> = env
        .iter()
        .filter(|(k, _)| k == "CWM_PRIVATE_KEY" || k == "CWM_CLIENT_ID")
        .cloned()
        .collect();
    let before = fake.ticket_count();
    let data = r#"{"summary": "Disk almost full", "company": {"identifier": "FABRIKAM"}}"#;

    let run = neo(
        &[
            "--config", &config, "cwmanage", "create", "tickets", "--data", data,
        ],
        &secrets,
    );
    assert_exit(&run, 3, "requires an approval");
    assert_eq!(fake.ticket_count(), before, "nothing created");
    assert_eq!(fake.requests_to("POST", &tickets), 0, "nothing sent");

    let id = fake.ticket_ids()[0];
    let summary = fake.ticket(id).unwrap()["summary"].clone();
    let run = neo(
        &[
            "--config",
            &config,
            "cwmanage",
            "update",
            "tickets",
            &id.to_string(),
            "--data",
            r#"{"summary": "Changed"}"#,
        ],
        &secrets,
    );
    assert_exit(&run, 3, "requires an approval");
    assert_eq!(
        fake.ticket(id).unwrap()["summary"],
        summary,
        "nothing changed"
    );
    assert_eq!(fake.requests_to("PATCH", &tickets), 0, "nothing sent");

    let run = neo(
        &[
            "--config",
            &config,
            "cwmanage",
            "create",
            "tickets",
            "--data",
            data,
            "--approve",
            "jane@msp.example: customer phoned",
        ],
        &secrets,
    );
    assert_exit(&run, 0, "");
    let created: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(fake.ticket_count(), before + 1);
    assert_eq!(fake.requests_to("POST", &tickets), 1);
    let created_id = created["id"].as_i64().unwrap();
    assert_eq!(
        fake.ticket(created_id).unwrap()["company"]["identifier"],
        "FABRIKAM"
    );

    // The default policy (environment only) writes tickets without approval.
    let run = neo(
        &[
            "cwmanage",
            "update",
            "tickets",
            &created_id.to_string(),
            "--data",
            r#"{"summary": "Disk cleaned", "status": {"name": "In Progress"}}"#,
        ],
        &env,
    );
    assert_exit(&run, 0, "");
    let stored = fake.ticket(created_id).unwrap();
    assert_eq!(stored["summary"], "Disk cleaned");
    assert_eq!(stored["status"]["name"], "In Progress");
}

/// The environment that points `neo` at an in-process Asio fake.
fn asio_env(fake: &asio_client::fake::FakeServer) -> Vec<(String, String)> {
    env(&[
        ("ASIO_BASE_URL", &fake.uri()),
        ("ASIO_CLIENT_ID", asio_client::fake::CLIENT_ID),
        ("ASIO_CLIENT_SECRET", asio_client::fake::CLIENT_SECRET),
    ])
}

/// The environment that points `neo` at an in-process VSA X fake.
fn vsax_env(fake: &vsax_client::fake::FakeServer) -> Vec<(String, String)> {
    env(&[
        ("VSAX_BASE_URL", &fake.tenant_url()),
        ("VSAX_TOKEN_ID", vsax_client::fake::TOKEN_ID),
        ("VSAX_TOKEN_SECRET", vsax_client::fake::TOKEN_SECRET),
    ])
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_script_run_data_is_refused_before_anything_is_sent() {
    let asio = asio_client::fake::FakeServer::start().await;
    let vsax = vsax_client::fake::FakeServer::start().await;
    for (args, env, text) in [
        (
            &["asio", "create", "script_runs", "--data", "{\"script\": "][..],
            asio_env(&asio),
            "--data is not valid JSON",
        ),
        (
            &[
                "asio",
                "create",
                "script_runs",
                "--data",
                "{\"script\": \"s\"}",
            ],
            asio_env(&asio),
            "not a valid script run",
        ),
        (
            &[
                "asio",
                "create",
                "script_runs",
                "--data",
                "{\"script\": \"s\", \"endpoints\": []}",
            ],
            asio_env(&asio),
            "at least one target endpoint",
        ),
        (
            &["asio", "update", "script_runs", "1", "--data", "{}"],
            asio_env(&asio),
            "cannot be updated",
        ),
        (
            &["asio", "list", "script_runs"],
            asio_env(&asio),
            "start one with `create script_runs`",
        ),
        (
            &["vsax", "create", "script_runs", "--data", "[42]"],
            vsax_env(&vsax),
            "must be a JSON object",
        ),
        (
            &[
                "vsax",
                "create",
                "script_runs",
                "--data",
                "{\"script\": 42, \"device\": \"d\", \"variables\": {\"folder\": \"x\"}}",
            ],
            vsax_env(&vsax),
            "is not a variable id",
        ),
    ] {
        let run = neo(args, &env);
        assert_exit(&run, 2, text);
    }
    assert_eq!(asio.requests_to("POST", "/api/platform/v2/automation"), 0);
    assert_eq!(vsax.requests_to("POST", "/api/v3/automation"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_asio_script_run_without_an_approval_exits_3_and_runs_nothing() {
    let fake = asio_client::fake::FakeServer::start().await;
    let env = asio_env(&fake);
    let client = fake.client().unwrap();
    let script = client.automation().scripts().collect_all().await.unwrap()[0]
        .id
        .clone();
    let endpoint = client.devices().list().collect_all().await.unwrap()[0]
        .endpoint_id
        .clone();
    let data =
        format!(r#"{{"script": "{script}", "endpoints": ["{endpoint}"], "name": "Clear temp"}}"#);

    let run = neo(&["asio", "create", "script_runs", "--data", &data], &env);
    assert_exit(&run, 3, "requires an approval");
    assert!(run.stderr.contains("--approve"), "{}", run.stderr);
    assert_eq!(fake.with_state(|s| s.tasks().len()), 0, "nothing ran");
    assert_eq!(fake.requests_to("POST", "/api/platform/v2/automation"), 0);

    let run = neo(
        &[
            "asio",
            "create",
            "script_runs",
            "--data",
            &data,
            "--approve",
            "jane@msp.example: disk nearly full",
        ],
        &env,
    );
    assert_exit(&run, 0, "");
    let task: Value = serde_json::from_str(&run.stdout).unwrap();
    let tasks = fake.with_state(|s| s.tasks().to_vec());
    assert_eq!(tasks.len(), 1);
    assert_eq!(fake.requests_to("POST", "/api/platform/v2/automation"), 1);
    assert_eq!(task["taskId"], tasks[0].task_id.as_str());
    assert_eq!(tasks[0].body["templateID"], script.as_str());
    assert_eq!(tasks[0].body["targets"][0], endpoint.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vsax_script_run_without_an_approval_exits_3_and_runs_nothing() {
    let fake = vsax_client::fake::FakeServer::start().await;
    let env = vsax_env(&fake);
    let device = fake
        .client_builder()
        .build()
        .unwrap()
        .devices()
        .list()
        .collect_all()
        .await
        .unwrap()[0]
        .identifier
        .clone();
    let data = format!(
        r#"{{"script": 42, "device": "{device}", "variables": {{"1": "C:\\Windows\\Temp"}}}}"#
    );
    let executions = || fake.with_state(|s| s.script_executions.len());

    let run = neo(&["vsax", "create", "script_runs", "--data", &data], &env);
    assert_exit(&run, 3, "requires an approval");
    assert_eq!(executions(), 0, "nothing ran");
    assert_eq!(fake.requests_to("POST", "/api/v3/automation"), 0);

    let run = neo(
        &[
            "vsax",
            "create",
            "script_runs",
            "--data",
            &data,
            "--approve",
            "jane@msp.example: disk nearly full",
        ],
        &env,
    );
    assert_exit(&run, 0, "");
    let receipt: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(receipt["execution_id"].is_string(), "{receipt}");
    assert_eq!(executions(), 1);
    assert_eq!(fake.requests_to("POST", "/api/v3/automation"), 1);
    let stored = fake.with_state(|s| s.script_executions[0].clone());
    assert_eq!(stored["DeviceIdentifier"], device.as_str());
    assert_eq!(stored["Variables"][0]["Value"], r"C:\Windows\Temp");
}

#[test]
fn resources_show_what_each_vendor_offers() {
    for (vendor, expected) in [
        (
            "asio",
            &["devices          list get", "script_runs      create"][..],
        ),
        (
            "vsax",
            &["organizations    list get", "script_runs      create"],
        ),
        (
            "cwmanage",
            &[
                "companies        list get",
                "tickets          list get create update",
            ],
        ),
    ] {
        let run = neo(&[vendor, "resources"], &[]);
        assert_exit(&run, 0, "");
        for line in expected {
            assert!(
                run.stdout.lines().any(|l| l == *line),
                "`{line}` missing:\n{}",
                run.stdout
            );
        }
    }
}
