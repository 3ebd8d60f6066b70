//! Response helpers: Halo's status codes and error body shapes.

use http::StatusCode;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

/// A JSON response.
pub(crate) fn json(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(valid(status)).set_body_raw(
        serde_json::to_vec(body).unwrap_or_default(),
        "application/json",
    )
}

/// A `text/plain` response.
pub(crate) fn text(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(valid(status)).set_body_raw(body.as_bytes(), "text/plain; charset=utf-8")
}

/// A response without a body.
pub(crate) fn empty(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(valid(status))
}

/// A status for an injected error: the given one when it is a valid 4xx/5xx, else 500.
pub(crate) fn error_status(status: u16) -> u16 {
    if (400..=599).contains(&status) {
        status
    } else {
        500
    }
}

fn valid(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// 401 as Halo's resource server sends it.
pub(crate) fn unauthorized() -> ResponseTemplate {
    json(
        401,
        &json!({"Message": "Authorization has been denied for this request."}),
    )
}

/// 403 for a scope the token lacks.
pub(crate) fn forbidden(scope: &str) -> ResponseTemplate {
    json(
        403,
        &json!({
            "ClassName": "HaloPermissionException",
            "Message": format!("The application does not have the required permission: {scope}")
        }),
    )
}

/// 403 for a resource the login agent lacks the permission for, although the
/// token's scopes cover it ([`FakeConfig::agent_forbidden`](super::FakeConfig::agent_forbidden)):
/// Halo's .NET `{ClassName, Message}` shape (the exact body is unverified).
pub(crate) fn agent_forbidden(agent_name: &str, resource: &str) -> ResponseTemplate {
    json(
        403,
        &json!({
            "ClassName": super::FakeConfig::AGENT_FORBIDDEN_CLASS,
            "Message": format!("The agent '{agent_name}' does not have permission to access {resource}")
        }),
    )
}

/// 404 for a path no resource matches.
pub(crate) fn no_route() -> ResponseTemplate {
    json(
        404,
        &json!({"Message": "No HTTP resource was found that matches the request URI"}),
    )
}

/// 404 for a record that does not exist (or the agent cannot see).
pub(crate) fn not_found(resource: &str, id: &str) -> ResponseTemplate {
    json(
        404,
        &json!({"resultCode": 404, "errorMessage": format!("{resource} {id} not found")}),
    )
}

/// 400 in Halo's `{resultCode, errorMessage}` shape.
pub(crate) fn bad_request(message: &str) -> ResponseTemplate {
    json(400, &json!({"resultCode": 1, "errorMessage": message}))
}

/// 400 in the .NET `{ClassName, Message}` shape.
pub(crate) fn argument_error(message: &str) -> ResponseTemplate {
    json(
        400,
        &json!({"ClassName": "System.ArgumentException", "Message": message}),
    )
}

/// 405 for a method the API does not route (Halo has no PUT/PATCH).
pub(crate) fn method_not_allowed(method: &str) -> ResponseTemplate {
    json(
        405,
        &json!({"Message": format!("The requested resource does not support http method '{method}'.")}),
    )
}

/// An OAuth error from the token endpoint.
pub(crate) fn oauth_error(status: u16, error: &str, description: Option<&str>) -> ResponseTemplate {
    match description {
        Some(d) => json(status, &json!({"error": error, "error_description": d})),
        None => json(status, &json!({"error": error})),
    }
}
