//! `EnvVars`: every missing or invalid variable in one error, without touching
//! the process environment.

use neo_auth_core::{EnvVar, EnvVars, Error};
use secrecy::ExposeSecret;

const BASE_URL: EnvVar = EnvVar::new(
    "ACME_BASE_URL",
    "https://acme.example.com",
    "Settings → API → Base URL",
);
const CLIENT_ID: EnvVar = EnvVar::new("ACME_CLIENT_ID", "client-123", "Settings → API → Client ID");
const CLIENT_SECRET: EnvVar = EnvVar::new(
    "ACME_CLIENT_SECRET",
    "s3cr3t-example",
    "Settings → API → Secret",
);
const AGENT_ID: EnvVar = EnvVar::new("ACME_AGENT_ID", "7", "Agents → the API agent's id");
const SCOPES: EnvVar = EnvVar::new("ACME_SCOPES", "read:tickets edit:tickets", "your choice");
const TENANT: EnvVar = EnvVar::new("ACME_TENANT", "acme", "Settings → API → Tenant");

fn message(error: Error) -> String {
    match error {
        Error::Config { message, .. } => message,
        other => panic!("not a config error: {other:?}"),
    }
}

#[test]
fn every_missing_and_invalid_variable_is_reported_at_once() {
    let mut env = EnvVars::from_pairs(
        "Acme",
        [
            ("ACME_CLIENT_ID", "   "),
            ("ACME_AGENT_ID", "seven"),
            ("ACME_CLIENT_SECRET", "real-secret-value"),
        ],
    );
    let base = env.required(&BASE_URL);
    let id = env.required(&CLIENT_ID);
    let secret = env.secret(&CLIENT_SECRET);
    let agent = env.parse::<i64>(&AGENT_ID);
    let tenant = env.optional(&TENANT);
    assert_eq!(
        (base.as_str(), id.as_str(), agent, tenant),
        ("", "", None, None)
    );
    assert_eq!(env.problems().len(), 3);
    let text = message(env.finish(()).unwrap_err());
    assert!(text.contains("Acme configuration"), "{text}");
    assert!(text.contains("3 problems"), "{text}");
    assert!(
        text.contains(
            "ACME_BASE_URL is not set (e.g. `https://acme.example.com`; from Settings → API → Base URL)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "ACME_CLIENT_ID is not set (e.g. `client-123`; from Settings → API → Client ID)"
        ),
        "a blank value counts as unset: {text}"
    );
    assert!(
        text.contains("ACME_AGENT_ID is not valid: ") && text.contains("got `seven`"),
        "{text}"
    );
    assert!(
        text.contains("(e.g. `7`; from Agents → the API agent's id)"),
        "{text}"
    );
    assert!(
        !text.contains("ACME_CLIENT_SECRET"),
        "the secret was set: {text}"
    );
    assert!(!text.contains("real-secret-value"), "{text}");
    assert_eq!(secret.expose_secret(), "real-secret-value");
}

#[test]
fn a_complete_environment_gives_the_value() {
    let mut env = EnvVars::from_pairs(
        "Acme",
        [
            ("ACME_BASE_URL", " https://acme.example.com "),
            ("ACME_CLIENT_ID", "id"),
            ("ACME_CLIENT_SECRET", "shh"),
            ("ACME_AGENT_ID", "42"),
            ("ACME_SCOPES", "read:tickets, edit:tickets  all,,"),
        ],
    );
    let value = (
        env.required(&BASE_URL),
        env.required(&CLIENT_ID),
        env.secret(&CLIENT_SECRET),
        env.parse_required::<i64>(&AGENT_ID),
        env.words(&SCOPES),
        env.optional(&TENANT),
    );
    let (base, id, secret, agent, scopes, tenant) = env.finish(value).expect("complete");
    assert_eq!(base, "https://acme.example.com", "trimmed");
    assert_eq!(id, "id");
    assert_eq!(secret.expose_secret(), "shh");
    assert_eq!(agent, Some(42));
    assert_eq!(
        scopes.unwrap(),
        ["read:tickets", "edit:tickets", "all"],
        "spaces or commas"
    );
    assert_eq!(tenant, None);
}

#[test]
fn words_of_only_separators_are_none_and_parse_required_reports_missing() {
    let mut env = EnvVars::from_pairs("Acme", [("ACME_SCOPES", " , ,")]);
    assert_eq!(env.words(&SCOPES), None);
    assert_eq!(env.parse_required::<i64>(&AGENT_ID), None);
    let text = message(env.finish(()).unwrap_err());
    assert!(text.contains("1 problem)"), "{text}");
    assert!(text.contains("ACME_AGENT_ID is not set"), "{text}");
}

#[test]
fn a_vendor_check_is_reported_with_the_others() {
    const REGION: EnvVar = EnvVar::new("ACME_REGION", "us", "the portal's login URL");
    let mut env = EnvVars::with_lookup("Acme", |name| {
        (name == "ACME_REGION").then(|| "mars".to_owned())
    });
    let region = env.required(&REGION);
    if !["us", "eu"].contains(&region.as_str()) {
        env.invalid(&REGION, format!("must be `us` or `eu`, got `{region}`"));
    }
    let _ = env.required(&CLIENT_ID);
    let text = message(env.finish(()).unwrap_err());
    assert!(
        text.contains("ACME_REGION must be `us` or `eu`, got `mars` (e.g. `us`"),
        "{text}"
    );
    assert!(text.contains("ACME_CLIENT_ID is not set"), "{text}");
}

#[test]
fn a_long_invalid_value_is_shortened() {
    let long = "9".repeat(100) + "x";
    let mut env = EnvVars::from_pairs("Acme", [("ACME_AGENT_ID", long.as_str())]);
    assert_eq!(env.parse::<i64>(&AGENT_ID), None);
    let text = message(env.finish(()).unwrap_err());
    assert!(!text.contains(&long), "{text}");
    assert!(text.contains('…'), "{text}");
}

#[test]
fn the_default_reads_the_process_environment() {
    // PATH is set in every test environment; a name nobody sets is not.
    let mut env = EnvVars::from_env("Acme");
    assert!(
        env.optional(&EnvVar::new("PATH", "/usr/bin", "the shell"))
            .is_some()
    );
    assert!(
        env.optional(&EnvVar::new("NEO_TEST_SURELY_UNSET_4D2A", "x", "nowhere"))
            .is_none()
    );
    assert!(env.finish(()).is_ok());
}
