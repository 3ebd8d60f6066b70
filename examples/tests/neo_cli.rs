//! Smoke tests of the `neo` binary: exit codes, the sections it prints, and no
//! secret of the embedded fake in any output.

use std::process::{Command, Output};

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

/// The fake's client secret and the prefix of every access token it issues.
const FAKE_SECRETS: &[&str] = &["fake-client-secret", "fake-at-"];

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn neo_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_neo"));
    command.args(args);
    for name in HALOPSA_VARIABLES {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("neo runs");
    let run = Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    for secret in FAKE_SECRETS {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "`neo {}` printed a secret ({secret}):\n{}\n{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
    }
    run
}

fn neo(args: &[&str]) -> Run {
    neo_with(args, &[])
}

#[test]
fn demo_runs_every_section_and_exits_0() {
    let run = neo(&["demo"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    for expected in [
        "== 1. A credential without `edit:tickets`",
        "needs the HaloPSA permission `edit:tickets`",
        "== 2. The doctor, for the full `all` credential",
        "no problems found",
        "== 3. The doctor, for the reduced credential",
        "problems:",
        "== 4. The policy: invoices are read-only by default",
        "denied by the access policy",
        "== 5. Tickets need an approval",
        "requires an approval",
        "approved by jane@msp.example",
        "== 6. An AI assistant adds a private note and a time entry",
        "== 7. Streaming every ticket",
        "== 8. 200 concurrent tasks",
        "token requests: 1\n",
        "everything as expected",
    ] {
        assert!(
            run.stdout.contains(expected),
            "missing `{expected}`:\n{}",
            run.stdout
        );
    }
    assert_eq!(
        run.stdout.matches("API requests sent for it: 0").count(),
        3,
        "the three refusals sent nothing:\n{}",
        run.stdout
    );
    assert!(!run.stdout.contains("UNEXPECTED"), "{}", run.stdout);
}

#[test]
fn the_doctor_on_the_fake_reports_a_full_credential_and_exits_0() {
    let run = neo(&["halopsa", "doctor", "--fake"]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("HaloPSA access report"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("granted scopes: all"), "{}", run.stdout);
    assert!(run.stdout.contains("no problems found"), "{}", run.stdout);
    assert!(!run.stdout.contains('✗'), "{}", run.stdout);
}

#[test]
fn the_doctor_exits_1_when_the_report_has_problems() {
    let run = neo(&["halopsa", "doctor", "--fake", "--scopes", "read:tickets"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("problems:"), "{}", run.stdout);
    assert!(run.stdout.contains("edit:tickets"), "{}", run.stdout);
    assert!(run.stderr.contains("problem(s)"), "{}", run.stderr);
}

/// The `#id` lines and the closing count of `neo halopsa tickets`.
fn ticket_lines(run: &Run) -> (usize, usize) {
    let lines = run.stdout.lines().filter(|l| l.starts_with('#')).count();
    let total = run
        .stdout
        .lines()
        .last()
        .and_then(|l| l.strip_suffix(" ticket(s)"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a closing count:\n{}", run.stdout));
    (lines, total)
}

#[test]
fn tickets_on_the_fake_lists_open_tickets() {
    let open = neo(&["halopsa", "tickets", "--fake", "--open"]);
    assert_eq!(open.code, Some(0), "{}\n{}", open.stdout, open.stderr);
    let (lines, count) = ticket_lines(&open);
    assert_eq!(lines, count);
    let all = neo(&["halopsa", "tickets", "--fake"]);
    assert_eq!(all.code, Some(0), "{}", all.stderr);
    let (all_lines, all_count) = ticket_lines(&all);
    assert_eq!(all_lines, all_count);
    assert!(
        count > 0 && count < all_count,
        "{count} open of {all_count}: --open filters"
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error_and_runs_nothing() {
    // Real-looking credentials in the environment must not be used.
    let env = [
        ("HALOPSA_BASE_URL", "https://must-not-be-contacted.invalid"),
        ("HALOPSA_CLIENT_ID", "env-client-id"),
        ("HALOPSA_CLIENT_SECRET", "env-client-secret-do-not-print"),
    ];
    for args in [
        &["halopsa", "doctor", "--fkae"][..],
        &["halopsa", "tickets", "--fake", "--opne"],
        &["halopsa", "doctor", "--scopes"],
        &["demo", "--fake"],
        &["halopsa", "doktor"],
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
        assert!(run.stderr.contains("usage:"), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("env-client-secret"), "{}", run.stderr);
    }
    let run = neo_with(&["halopsa", "doctor", "--fkae"], &env);
    assert!(
        run.stderr.contains("unknown argument `--fkae`"),
        "{}",
        run.stderr
    );
}

#[test]
fn without_the_fake_or_the_environment_the_doctor_fails_plainly() {
    let run = neo(&["halopsa", "doctor"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("HALOPSA_BASE_URL is not set"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_exits_0() {
    let run = neo(&["help"]);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains("neo halopsa doctor"), "{}", run.stdout);
}
