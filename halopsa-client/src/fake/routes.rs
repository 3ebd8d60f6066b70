//! The fake's router on the kit: which requests are token and API requests,
//! Halo's rate limit and fault wording, then the token, the scope and the
//! login agent's permission checks before the handlers.

use neo_auth_core::testkit::{FakeRequest, Fault, Reply, Router, Target};

use super::catalog;
use super::state::State;
use super::{attachments, auth, replies, resources, save, scopes};

/// Halo's routes.
pub(crate) struct HaloRouter;

impl Router<State> for HaloRouter {
    /// POSTs to `/auth/token` are token requests; everything under `/api`
    /// except `/api/authinfo` is an API request.
    fn target(&self, request: &FakeRequest) -> Target {
        match request.route_path() {
            "/auth/token" if request.method() == "POST" => Target::Token,
            "/api/authinfo" => Target::Other,
            path if path.starts_with("/api/") => Target::Api,
            _ => Target::Other,
        }
    }

    /// Halo's hosted limit: a rolling window over API requests, then 429 with
    /// a text body and no `Retry-After`.
    fn gate(&self, state: &mut State, _: &FakeRequest, target: Target) -> Option<Reply> {
        let window = state.window.as_mut().filter(|_| target == Target::Api)?;
        (!window.try_admit()).then(|| Reply::text(429, &state.rate_limit_text()))
    }

    fn fault_reply(&self, state: &State, fault: &Fault) -> Option<Reply> {
        replies::fault(fault, &state.rate_limit_text())
    }

    fn route(&self, state: &mut State, request: &FakeRequest) -> Reply {
        let method = request.method();
        match request.route_path() {
            "/auth/token" => match method {
                "POST" => auth::token(state, request),
                _ => replies::method_not_allowed(method),
            },
            "/api/authinfo" => match method {
                "GET" => auth::authinfo(state),
                _ => replies::method_not_allowed(method),
            },
            path => match path.strip_prefix("/api/") {
                Some(rest) => api(state, request, rest),
                None => replies::no_route(),
            },
        }
    }
}

/// An API request; `rest` is the lowercase path after `/api/`.
fn api(state: &mut State, request: &FakeRequest, rest: &str) -> Reply {
    let method = request.method();
    let granted = match state.tokens.validate(request.headers()) {
        Ok(granted) => granted,
        Err(_) => return replies::unauthorized(),
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let (resource, id) = match segments.as_slice() {
        ["agent", "me"] => {
            return match method {
                "GET" => resources::agent_me(state),
                _ => replies::method_not_allowed(method),
            };
        }
        [resource] => (*resource, None),
        [resource, id] if !id.is_empty() => (*resource, Some(*id)),
        _ => return replies::no_route(),
    };
    let report_query = resource == "report" && method == "POST" && is_report_query(request.body());
    let write = match (method, id) {
        ("GET", _) => false,
        ("POST", None) if report_query => false,
        ("POST", None) | ("DELETE", Some(_)) => true,
        _ => return replies::method_not_allowed(method),
    };
    let Some(scope) = scopes::required(resource, write) else {
        return replies::no_route();
    };
    if !scopes::any_covers(&granted, scope) {
        return replies::forbidden(scope);
    }
    if state.config.is_agent_forbidden(resource) {
        let spelled = catalog::lookup(resource).map_or("ReportData", |d| d.path);
        return replies::agent_forbidden(&resources::agent_name(state), spelled);
    }
    if resource == "reportdata" {
        return match id {
            Some(published_id) => resources::report_data(state, published_id),
            None => replies::no_route(),
        };
    }
    if resource == "attachment" {
        match (method, id) {
            ("GET", Some(id)) => return attachments::download(state, id),
            ("POST", None) => return attachments::upload(state, request.body()),
            _ => {}
        }
    }
    if report_query {
        return resources::report_query(state, request.body());
    }
    if let Some(id) =
        id.filter(|_| resource == "report" && method == "GET" && request.query().flag("loadreport"))
    {
        return resources::run_report(state, id);
    }
    let Some(def) = catalog::lookup(resource) else {
        return replies::no_route();
    };
    let query = request.query();
    match (method, id) {
        ("GET", None) => resources::list(state, def, query),
        ("GET", Some(id)) => resources::get(state, def, id, query),
        ("POST", None) => save::save(state, def, request.body()),
        ("DELETE", Some(id)) => resources::delete(state, def, id, query),
        _ => replies::method_not_allowed(method),
    }
}

/// Whether a `POST /Report` body is an ad-hoc query (`_loadreportonly`): a
/// read, not a save.
fn is_report_query(body: &[u8]) -> bool {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_slice(body) else {
        return false;
    };
    items
        .first()
        .and_then(|item| item.get("_loadreportonly"))
        .and_then(serde_json::Value::as_bool)
        == Some(true)
}
