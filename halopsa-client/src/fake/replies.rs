//! Halo's error replies: its status codes and body shapes, on the kit's [`Reply`].

use neo_auth_core::testkit::{Fault, Reply};
use serde_json::json;

/// 401 as Halo's resource server sends it.
pub(crate) fn unauthorized() -> Reply {
    Reply::json(
        401,
        &json!({"Message": "Authorization has been denied for this request."}),
    )
}

/// 403 for a scope the token lacks.
pub(crate) fn forbidden(scope: &str) -> Reply {
    Reply::json(
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
pub(crate) fn agent_forbidden(agent_name: &str, resource: &str) -> Reply {
    Reply::json(
        403,
        &json!({
            "ClassName": super::FakeConfig::AGENT_FORBIDDEN_CLASS,
            "Message": format!("The agent '{agent_name}' does not have permission to access {resource}")
        }),
    )
}

/// 404 for a path no resource matches.
pub(crate) fn no_route() -> Reply {
    Reply::json(
        404,
        &json!({"Message": "No HTTP resource was found that matches the request URI"}),
    )
}

/// 404 for a record that does not exist (or the agent cannot see).
pub(crate) fn not_found(resource: &str, id: &str) -> Reply {
    Reply::json(
        404,
        &json!({"resultCode": 404, "errorMessage": format!("{resource} {id} not found")}),
    )
}

/// 400 in Halo's `{resultCode, errorMessage}` shape.
pub(crate) fn bad_request(message: &str) -> Reply {
    Reply::json(400, &json!({"resultCode": 1, "errorMessage": message}))
}

/// 400 in the .NET `{ClassName, Message}` shape.
pub(crate) fn argument_error(message: &str) -> Reply {
    Reply::json(
        400,
        &json!({"ClassName": "System.ArgumentException", "Message": message}),
    )
}

/// 405 for a method the API does not route (Halo has no PUT/PATCH).
pub(crate) fn method_not_allowed(method: &str) -> Reply {
    Reply::json(
        405,
        &json!({"Message": format!("The requested resource does not support http method '{method}'.")}),
    )
}

/// An injected fault in Halo's words (`None`: the kit's wording): the 429 with
/// Halo's rate-limit text (`Retry-After` only when the fault sets one), 5xx as
/// a .NET exception, Halo's 401, a truncated ticket list.
pub(crate) fn fault(fault: &Fault, rate_limit_text: &str) -> Option<Reply> {
    Some(match fault {
        Fault::RateLimited { retry_after, .. } => {
            let reply = Reply::text(429, rate_limit_text);
            match retry_after {
                Some(secs) => reply.with_header("Retry-After", secs.to_string()),
                None => reply,
            }
        }
        Fault::ServerError { .. } => Reply::json(
            fault.status().unwrap_or(500),
            &json!({"ClassName": "System.Exception", "Message": "An error has occurred."}),
        ),
        Fault::Unauthorized { .. } => unauthorized(),
        Fault::MalformedJson { .. } => Reply::raw(
            200,
            &br#"{"record_count": 3, "tickets": [{"id": 1, "summary": "Printer off"#[..],
            "application/json",
        ),
        _ => return None,
    })
}
