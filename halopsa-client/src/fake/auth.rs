//! The authorisation routes in Halo's words: `/api/authinfo`, the `?tenant=`
//! check and the `id_token` naming the login agent, around the kit's token
//! issuer (set up with Halo's grant rule in `issuer.rs`).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use neo_auth_core::testkit::{FakeRequest, Reply};
use serde_json::{Value, json};

use super::state::State;

/// `GET /api/authinfo`: where the authorisation server is, and the tenant.
pub(crate) fn authinfo(state: &State) -> Reply {
    Reply::json(
        200,
        &json!({"auth_url": format!("{}/auth", state.base_url), "tenant_id": state.config.tenant}),
    )
}

/// `POST /auth/token`: the tenant check, then the client-credentials grant;
/// the response adds Halo's `refresh_token` (null) and `id_token`.
pub(crate) fn token(state: &mut State, request: &FakeRequest) -> Reply {
    if let Some(tenant) = &state.config.tenant {
        match request.query().get("tenant") {
            Some(t) if t == tenant => {}
            Some(t) => {
                let d = format!("tenant '{t}' is not valid for this authorisation server");
                return Reply::oauth_error(400, "invalid_request", Some(&d));
            }
            None => {
                let d = "tenant is required: add ?tenant=<your tenant> to the token URL";
                return Reply::oauth_error(400, "invalid_request", Some(d));
            }
        }
    }
    match state.tokens.grant(request) {
        Ok(token) => {
            let mut body = state.tokens.response_body(&token);
            body["refresh_token"] = Value::Null;
            body["id_token"] = Value::String(id_token(state, token.expires_in.as_secs()));
            Reply::json(200, &body)
        }
        Err(reply) => reply,
    }
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
