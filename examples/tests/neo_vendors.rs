//! End-to-end tests of `neo` for ConnectWise Asio, Kaseya VSA X and
//! ConnectWise Manage against the in-process sandbox: the doctor with a full
//! and a reduced credential, `--json`, `--areas`, and `list` / `get`.

use serde_json::Value;

mod common;
use common::{Run, VENDOR_VARIABLES, run_neo};

/// Secrets of the fakes that must never be printed (secrets and token prefixes).
const SECRETS: &[&str] = &[
    asio_client::fake::CLIENT_SECRET,
    "fake-asio-at-",
    vsax_client::fake::TOKEN_SECRET,
    cwmanage_client::fake::PRIVATE_KEY,
];

fn neo(args: &[&str]) -> Run {
    run_neo::<&str, &str>(args, VENDOR_VARIABLES, &[], SECRETS)
}

/// Runs `args` and asserts exit `code`.
fn neo_exits(args: &[&str], code: i32) -> Run {
    let run = neo(args);
    assert_eq!(
        run.code,
        Some(code),
        "`neo {}`:\n{}\n{}",
        args.join(" "),
        run.stdout,
        run.stderr
    );
    run
}

/// The JSON Lines of `stdout`, each parsed.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The `--json` report, parsed, with the rows of each permission.
fn json_report(stdout: &str) -> Value {
    let report: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert!(report["vendor"].is_string(), "{report}");
    report
}

/// The string values of `key` in each record, with every one asserted present
/// and distinct.
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

mod asio {
    use super::*;

    #[test]
    fn the_doctor_on_a_full_sandbox_credential_exits_0() {
        let run = neo_exits(&["--sandbox", "doctor", "asio"], 0);
        assert!(
            run.stdout.contains("ConnectWise Asio access report"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
        assert!(!run.stdout.contains("missing"), "{}", run.stdout);
    }

    #[test]
    fn a_reduced_grant_exits_3_naming_the_label() {
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "platform.devices.read",
                "doctor",
                "asio",
            ],
            3,
        );
        assert!(
            run.stdout.contains("tick \"Platform - Devices - Read\""),
            "{}",
            run.stdout
        );
        // An area the integration does not use is not a finding.
        neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "platform.devices.read",
                "doctor",
                "asio",
                "--areas",
                "companies,tickets",
            ],
            0,
        );
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "platform.devices.nope",
                "doctor",
                "asio",
            ],
            2,
        );
        assert!(
            run.stderr.contains("platform.devices.read"),
            "{}",
            run.stderr
        );
    }

    #[test]
    fn the_json_report_parses_with_the_same_rows() {
        let run = neo_exits(&["--sandbox", "doctor", "asio", "--json"], 0);
        let report = json_report(&run.stdout);
        assert_eq!(report["vendor"], "ConnectWise Asio");
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "platform.companies.read",
                "doctor",
                "asio",
                "--json",
            ],
            3,
        );
        assert!(
            run.stdout.contains("Platform - Companies - Read"),
            "{}",
            run.stdout
        );
        json_report(&run.stdout);
    }

    #[test]
    fn list_prints_every_record_once_as_json_lines() {
        let run = neo_exits(&["--sandbox", "asio", "list", "companies"], 0);
        let companies = json_lines(&run.stdout);
        assert_eq!(distinct(&companies, "id").len(), 6);
        // 6 companies × 3 sites × 4 devices.
        let run = neo_exits(&["--sandbox", "asio", "list", "devices"], 0);
        let devices = json_lines(&run.stdout);
        assert_eq!(distinct(&devices, "endpointID").len(), 72);
        let run = neo_exits(&["--sandbox", "asio", "list", "devices", "--limit", "5"], 0);
        assert_eq!(json_lines(&run.stdout).len(), 5);
        let company = companies[0]["id"].as_str().unwrap();
        let run = neo_exits(
            &[
                "--sandbox",
                "asio",
                "list",
                "devices",
                "--query",
                &format!("company_id={company}"),
            ],
            0,
        );
        let of_company = json_lines(&run.stdout);
        assert_eq!(of_company.len(), 12);
        assert!(of_company.iter().all(|d| d["companyID"] == company));
        neo_exits(
            &[
                "--sandbox",
                "asio",
                "list",
                "devices",
                "--query",
                "colour=red",
            ],
            2,
        );
    }

    #[test]
    fn get_prints_one_record_as_json() {
        let run = neo_exits(&["--sandbox", "asio", "list", "devices", "--limit", "1"], 0);
        let device = &json_lines(&run.stdout)[0];
        let company = device["companyID"].as_str().unwrap();
        let run = neo_exits(&["--sandbox", "asio", "get", "companies", company], 0);
        let record: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(record["id"], company);
        let id = format!(
            "{company}/{}/{}",
            device["siteID"].as_str().unwrap(),
            device["endpointID"].as_str().unwrap()
        );
        let run = neo_exits(&["--sandbox", "asio", "get", "devices", &id], 0);
        let _: Value = serde_json::from_str(&run.stdout).unwrap();
        neo_exits(&["--sandbox", "asio", "get", "devices", company], 2);
        neo_exits(
            &["--sandbox", "asio", "create", "devices", "--data", "{}"],
            2,
        );
    }
}

mod vsax {
    use super::*;

    #[test]
    fn the_doctor_on_a_full_sandbox_credential_exits_0() {
        let run = neo_exits(&["--sandbox", "doctor", "vsax"], 0);
        assert!(run.stdout.contains("VSA X access report"), "{}", run.stdout);
        assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
        assert!(!run.stdout.contains("✗"), "{}", run.stdout);
    }

    #[test]
    fn a_reduced_grant_exits_3_naming_the_label() {
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "devices.read",
                "doctor",
                "vsax",
            ],
            3,
        );
        assert!(
            run.stdout.contains("tick \"Devices: Read\""),
            "{}",
            run.stdout
        );
        neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "devices.read",
                "doctor",
                "vsax",
                "--areas",
                "organizations",
            ],
            0,
        );
        // The client refuses an undeclared area before anything is sent.
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "devices.read",
                "vsax",
                "list",
                "devices",
            ],
            3,
        );
        assert!(run.stderr.contains("Devices: Read"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
        neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "devices.nope",
                "doctor",
                "vsax",
            ],
            2,
        );
    }

    #[test]
    fn the_json_report_parses_with_the_same_rows() {
        let run = neo_exits(&["--sandbox", "doctor", "vsax", "--json"], 0);
        assert_eq!(json_report(&run.stdout)["vendor"], "VSA X");
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "organizations.read",
                "doctor",
                "vsax",
                "--json",
            ],
            3,
        );
        json_report(&run.stdout);
        assert!(
            run.stdout.contains("Organizations / Sites / Groups: Read"),
            "{}",
            run.stdout
        );
    }

    #[test]
    fn list_prints_every_record_once_as_json_lines() {
        let run = neo_exits(&["--sandbox", "vsax", "list", "devices"], 0);
        assert_eq!(distinct(&json_lines(&run.stdout), "Identifier").len(), 12);
        let run = neo_exits(&["--sandbox", "vsax", "list", "organizations"], 0);
        let organizations = json_lines(&run.stdout);
        assert_eq!(distinct(&organizations, "Id").len(), 3);
        let run = neo_exits(&["--sandbox", "vsax", "list", "devices", "--limit", "3"], 0);
        assert_eq!(json_lines(&run.stdout).len(), 3);
        let run = neo_exits(
            &[
                "--sandbox",
                "vsax",
                "list",
                "devices",
                "--filter",
                "OrganizationId eq 4822",
            ],
            0,
        );
        let filtered = json_lines(&run.stdout);
        assert!(!filtered.is_empty() && filtered.len() < 12);
        assert!(filtered.iter().all(|d| d["OrganizationId"] == 4822));
        neo_exits(
            &[
                "--sandbox",
                "vsax",
                "list",
                "devices",
                "--query",
                "colour=red",
            ],
            2,
        );
    }

    #[test]
    fn get_prints_one_record_as_json() {
        let run = neo_exits(&["--sandbox", "vsax", "list", "devices", "--limit", "1"], 0);
        let device = &json_lines(&run.stdout)[0];
        let id = device["Identifier"].as_str().unwrap();
        let run = neo_exits(&["--sandbox", "vsax", "get", "devices", id], 0);
        let record: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(record["Identifier"], id);
        let organization = device["OrganizationId"].to_string();
        let run = neo_exits(
            &["--sandbox", "vsax", "get", "organizations", &organization],
            0,
        );
        let record: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(record["Id"], device["OrganizationId"]);
        neo_exits(&["--sandbox", "vsax", "get", "organizations", "acme"], 2);
    }
}

mod cwmanage {
    use super::*;

    #[test]
    fn the_doctor_on_a_full_sandbox_credential_exits_0() {
        let run = neo_exits(&["--sandbox", "doctor", "cwmanage"], 0);
        assert!(
            run.stdout.contains("ConnectWise Manage access report"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
        assert!(!run.stdout.contains("✗"), "{}", run.stdout);
    }

    #[test]
    fn a_reduced_role_exits_3_naming_the_label() {
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "Service Tickets.add",
                "doctor",
                "cwmanage",
            ],
            3,
        );
        assert!(
            run.stdout
                .contains("tick \"Service Desk → Service Tickets → Add Level: All\""),
            "{}",
            run.stdout
        );
        // A whole row removed.
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "Company Maintenance",
                "doctor",
                "cwmanage",
            ],
            3,
        );
        assert!(
            run.stdout
                .contains("Companies → Company Maintenance → Inquire Level: All"),
            "{}",
            run.stdout
        );
        neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "Company Maintenance",
                "doctor",
                "cwmanage",
                "--areas",
                "tickets",
            ],
            0,
        );
        neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "Time Entry",
                "doctor",
                "cwmanage",
            ],
            2,
        );
    }

    #[test]
    fn the_json_report_parses_with_the_same_rows() {
        let run = neo_exits(&["--sandbox", "doctor", "cwmanage", "--json"], 0);
        assert_eq!(json_report(&run.stdout)["vendor"], "ConnectWise Manage");
        let run = neo_exits(
            &[
                "--sandbox",
                "--sandbox-without",
                "Service Tickets.inquire",
                "doctor",
                "cwmanage",
                "--json",
            ],
            3,
        );
        json_report(&run.stdout);
        assert!(
            run.stdout.contains("Service Tickets → Inquire Level"),
            "{}",
            run.stdout
        );
    }

    #[test]
    fn list_prints_every_record_once_as_json_lines() {
        let run = neo_exits(&["--sandbox", "cwmanage", "list", "companies"], 0);
        assert_eq!(distinct(&json_lines(&run.stdout), "id").len(), 30);
        let run = neo_exits(&["--sandbox", "cwmanage", "list", "tickets"], 0);
        let tickets = json_lines(&run.stdout);
        assert_eq!(distinct(&tickets, "id").len(), 60);
        let run = neo_exits(
            &["--sandbox", "cwmanage", "list", "tickets", "--limit", "7"],
            0,
        );
        assert_eq!(json_lines(&run.stdout).len(), 7);
        let run = neo_exits(
            &[
                "--sandbox",
                "cwmanage",
                "list",
                "tickets",
                "--filter",
                "closedFlag = false",
            ],
            0,
        );
        let open = json_lines(&run.stdout);
        assert!(!open.is_empty() && open.len() < tickets.len());
        assert!(open.iter().all(|t| t["closedFlag"] == false));
        neo_exits(
            &[
                "--sandbox",
                "cwmanage",
                "list",
                "tickets",
                "--query",
                "colour=red",
            ],
            2,
        );
    }

    #[test]
    fn get_prints_one_record_as_json() {
        let run = neo_exits(
            &["--sandbox", "cwmanage", "list", "tickets", "--limit", "1"],
            0,
        );
        let ticket = &json_lines(&run.stdout)[0];
        let id = ticket["id"].to_string();
        let run = neo_exits(&["--sandbox", "cwmanage", "get", "tickets", &id], 0);
        let record: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(record["id"], ticket["id"]);
        let company = ticket["company"]["id"].to_string();
        let run = neo_exits(&["--sandbox", "cwmanage", "get", "companies", &company], 0);
        let record: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(record["id"], ticket["company"]["id"]);
        neo_exits(&["--sandbox", "cwmanage", "get", "tickets", "five"], 2);
    }
}
