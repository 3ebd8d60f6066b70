//! The fake's token issuer: the core test kit's, set up the way hosted Halo
//! issues tokens.

use std::sync::Arc;
use std::time::Duration;

use neo_auth_core::testkit::{Reply, TokenIssuer};

use super::config::FakeConfig;
use super::scopes;

/// The token issuer of `config`: form bodies or HTTP Basic, `all` when no scope
/// is asked for, Halo's grant rule ([`scopes::grant`]), tokens that expire.
pub(crate) fn issuer(config: &FakeConfig) -> TokenIssuer {
    let application = config.application_scopes.clone();
    TokenIssuer::new(config.client_id.clone(), config.client_secret.clone())
        .with_default_scopes(["all"])
        .with_grant(Arc::new(move |requested: &[String]| {
            grant(requested, &application)
        }))
        .with_lifetime(Duration::from_secs(config.token_lifetime_secs))
        .with_scope_in_response(config.token_scope_in_response)
        .with_token_prefix("fake-at-")
}

/// Halo's grant: every name must be a Halo scope, and the application must
/// allow at least one of them.
fn grant(requested: &[String], application: &[String]) -> Result<Vec<String>, Reply> {
    if let Some(bad) = requested.iter().find(|s| !scopes::is_known(s)) {
        let d = format!("The scope '{bad}' is not valid");
        return Err(Reply::oauth_error(400, "invalid_scope", Some(&d)));
    }
    let requested: Vec<&str> = requested.iter().map(String::as_str).collect();
    let granted = scopes::grant(&requested, application);
    if granted.is_empty() {
        let d = format!(
            "The application is not allowed any of the requested scopes: {}",
            requested.join(" ")
        );
        return Err(Reply::oauth_error(400, "invalid_scope", Some(&d)));
    }
    Ok(granted)
}
