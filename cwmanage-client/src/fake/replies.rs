//! ConnectWise's error bodies, as the fake sends them.

use neo_auth_core::testkit::Reply;
use serde_json::json;

/// `{code, message, errors: null}` with `status`.
pub(crate) fn error(status: u16, code: &str, message: &str) -> Reply {
    Reply::json(
        status,
        &json!({"code": code, "message": message, "errors": null}),
    )
}

/// A 400 `{code, message}`.
pub(crate) fn bad_request(code: &str, message: &str) -> Reply {
    error(400, code, message)
}

/// 400 `InvalidObject` with one field error, as ConnectWise validates a record.
pub(crate) fn invalid_object(resource: &str, code: &str, message: &str, field: &str) -> Reply {
    Reply::json(
        400,
        &json!({
            "code": "InvalidObject",
            "message": format!("{resource} object is invalid"),
            "errors": [{"code": code, "message": message, "resource": resource, "field": field}],
        }),
    )
}

/// 404 `NotFound`.
pub(crate) fn not_found(message: &str) -> Reply {
    error(404, "NotFound", message)
}

/// ConnectWise's 429 shape.
pub(crate) fn too_many(retry_after: Option<u64>) -> Reply {
    let reply = Reply::json(
        429,
        &json!({"error": "ConnectWiseAPI", "message": "Too many requests. Please try again in 30 seconds."}),
    );
    match retry_after {
        Some(secs) => reply.with_header("Retry-After", secs.to_string()),
        None => reply,
    }
}
