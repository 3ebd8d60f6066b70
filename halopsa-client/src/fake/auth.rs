//! The authorisation side: `/api/authinfo`, the client-credentials token endpoint
//! and the bearer check on API requests.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use wiremock::{Request, ResponseTemplate};

use super::query::Query;
use super::state::{State, Token};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{reply, scopes};

/// `GET /api/authinfo`: where the authorisation server is, and the tenant.
pub(crate) fn authinfo(state: &State) -> ResponseTemplate {
    reply::json(
        200,
        &json!({"auth_url": format!("{}/auth", state.base_url), "tenant_id": state.config.tenant}),
    )
}

/// `POST /auth/token`: the client-credentials grant.
pub(crate) fn token(state: &mut State, request: &Request, query: &Query) -> ResponseTemplate {
    if let Some(tenant) = &state.config.tenant {
        match query.get("tenant") {
            Some(t) if t == tenant => {}
            Some(t) => {
                let d = format!("tenant '{t}' is not valid for this authorisation server");
                return reply::oauth_error(400, "invalid_request", Some(&d));
            }
            None => {
                let d = "tenant is required: add ?tenant=<your tenant> to the token URL";
                return reply::oauth_error(400, "invalid_request", Some(d));
            }
        }
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if field("grant_type") != Some("client_credentials") {
        return reply::oauth_error(400, "unsupported_grant_type", None);
    }
    let (id, secret) = match (field("client_id"), field("client_secret")) {
        (Some(id), secret) => (Some(id.to_owned()), secret.map(str::to_owned)),
        (None, _) => basic_credentials(request).map_or((None, None), |(i, s)| (Some(i), Some(s))),
    };
    if id.as_deref() != Some(state.config.client_id.as_str())
        || secret.as_deref() != Some(state.config.client_secret.as_str())
    {
        let d = "The client id or client secret is not valid";
        return reply::oauth_error(401, "invalid_client", Some(d));
    }
    let requested: Vec<&str> = match field("scope").map(str::split_whitespace) {
        Some(names) => names.collect(),
        None => Vec::new(),
    };
    let requested = if requested.is_empty() {
        vec!["all"]
    } else {
        requested
    };
    if let Some(bad) = requested.iter().find(|s| !scopes::is_known(s)) {
        let d = format!("The scope '{bad}' is not valid");
        return reply::oauth_error(400, "invalid_scope", Some(&d));
    }
    let granted = scopes::grant(&requested, &state.config.application_scopes);
    if granted.is_empty() {
        let d = format!(
            "The application is not allowed any of the requested scopes: {}",
            requested.join(" ")
        );
        return reply::oauth_error(400, "invalid_scope", Some(&d));
    }
    issue(state, granted)
}

fn issue(state: &mut State, granted: Vec<String>) -> ResponseTemplate {
    let lifetime = state.config.token_lifetime_secs;
    let access_token = format!("fake-at-{}", state.random_hex());
    let now = Instant::now();
    state.tokens.retain(|_, t| t.is_valid());
    let scope = granted.join(" ");
    state.tokens.insert(
        access_token.clone(),
        Token {
            scopes: granted,
            expires: now.checked_add(Duration::from_secs(lifetime)),
        },
    );
    let mut body = json!({
        "token_type": "Bearer",
        "access_token": access_token,
        "expires_in": lifetime,
        "refresh_token": Value::Null,
        "id_token": id_token(state, lifetime),
    });
    if state.config.token_scope_in_response {
        body["scope"] = Value::String(scope);
    }
    reply::json(200, &body)
}

/// A JWT-looking `id_token` naming the login agent (unsigned: the signature is fake).
fn id_token(state: &State, lifetime: u64) -> String {
    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "fake"});
    let claims = json!({
        "iss": format!("{}/auth", state.base_url),
        "aud": state.config.client_id,
        "sub": state.config.agent_id.to_string(),
        "agent_id": state.config.agent_id,
        "name": "API Agent",
        "email": "api-agent@fake.halopsa.invalid",
        "iat": iat,
        "exp": iat.saturating_add(lifetime),
    });
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(b"fake-signature")
    )
}

/// `Authorization: Basic base64(id:secret)`, each part form-decoded (RFC 6749 §2.3.1).
fn basic_credentials(request: &Request) -> Option<(String, String)> {
    let (id, secret) = neo_auth_core::testkit::basic_credentials(&request.headers)?;
    let form_decode = |s: &str| -> String {
        url::form_urlencoded::parse(format!("x={}", s.replace('&', "%26")).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((form_decode(&id), form_decode(&secret)))
}

/// The scopes of the request's valid bearer token; `None` means 401.
pub(crate) fn bearer(state: &State, request: &Request) -> Option<Vec<String>> {
    let token = request
        .headers
        .get(http::header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    token
        .and_then(|t| state.tokens.get(t))
        .filter(|t| t.is_valid())
        .map(|t| t.scopes.clone())
}
