//! Running the `neo` binary in the end-to-end tests: a clean environment,
//! and the checks every run must pass (no secret printed, no panic).

use std::process::{Command, Output};

/// The vendors' variables `neo` reads (Asio, VSA X, ConnectWise Manage);
/// cleared so the environment cannot leak in.
#[allow(dead_code)] // Not every test file runs these vendors.
pub const VENDOR_VARIABLES: &[&str] = &[
    "ASIO_CLIENT_ID",
    "ASIO_CLIENT_SECRET",
    "ASIO_REGION",
    "ASIO_BASE_URL",
    "ASIO_SCOPES",
    "VSAX_BASE_URL",
    "VSAX_TOKEN_ID",
    "VSAX_TOKEN_SECRET",
    "VSAX_TOKEN_EXPIRES",
    "VSAX_PERMISSIONS",
    "CWM_SITE",
    "CWM_COMPANY_ID",
    "CWM_PUBLIC_KEY",
    "CWM_PRIVATE_KEY",
    "CWM_CLIENT_ID",
    "CWM_CODEBASE",
    "CWM_API_VERSION",
];

/// What one run of `neo` did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `neo args` with the variables `cleared` removed and `env` set, and
/// asserts that nothing it printed holds one of `secrets` and that it did not
/// panic.
pub fn run_neo<K: AsRef<str>, V: AsRef<str>>(
    args: &[&str],
    cleared: &[&str],
    env: &[(K, V)],
    secrets: &[&str],
) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_neo"));
    command.args(args);
    for name in cleared {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name.as_ref(), value.as_ref());
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
    for secret in secrets {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "`neo {}` printed a secret ({secret}):\n{}\n{}",
            args.join(" "),
            run.stdout,
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "`neo {}` panicked:\n{}",
        args.join(" "),
        run.stderr
    );
    run
}
