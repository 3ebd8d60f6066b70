//! The single wiremock responder: counts the request, applies the rate limit and
//! injected faults, checks the token, the scope and the login agent's
//! permission, then routes to the handlers.

use std::sync::{Arc, Mutex};

use wiremock::{Request, Respond, ResponseTemplate};

use super::catalog;
use super::faults::{self, Effect, Target};
use super::query::Query;
use super::state::{State, lock};
use super::{auth, reply, resources, save, scopes};

/// Answers every request from the shared state.
pub(crate) struct Responder {
    state: Arc<Mutex<State>>,
}

impl Responder {
    /// A responder over `state`.
    pub(crate) fn new(state: Arc<Mutex<State>>) -> Responder {
        Responder { state }
    }
}

impl Respond for Responder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = lock(&self.state);
        handle(&mut state, request)
    }
}

fn handle(state: &mut State, request: &Request) -> ResponseTemplate {
    let raw = request.url.path().to_ascii_lowercase();
    let path = match raw.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    let method = request.method.as_str().to_ascii_uppercase();
    *state
        .counters
        .by_route
        .entry((method.clone(), path.to_owned()))
        .or_default() += 1;
    let query = Query::of(&request.url);

    if path == "/auth/token" {
        if method != "POST" {
            return reply::method_not_allowed(&method);
        }
        state.counters.token += 1;
        return with_fault(state, Target::Token, path, |state| {
            auth::token(state, request, &query)
        });
    }
    if path == "/api/authinfo" {
        return match method.as_str() {
            "GET" => auth::authinfo(state),
            _ => reply::method_not_allowed(&method),
        };
    }
    let Some(rest) = path.strip_prefix("/api/") else {
        return reply::no_route();
    };
    state.counters.api += 1;
    if state.rate_limited() {
        return reply::text(429, &state.rate_limit_text());
    }
    with_fault(state, Target::Api, path, |state| {
        api(state, request, &method, rest, &query)
    })
}

/// Applies the next matching fault, if any, around `normal`.
fn with_fault(
    state: &mut State,
    target: Target,
    path: &str,
    normal: impl FnOnce(&mut State) -> ResponseTemplate,
) -> ResponseTemplate {
    let Some(fault) = state.faults.take(target, path) else {
        return normal(state);
    };
    match faults::effect(&fault, &state.rate_limit_text()) {
        Effect::Replace(response) => response,
        Effect::Delay(delay) => normal(state).set_delay(delay),
    }
}

/// An authenticated API request; `rest` is the lowercase path after `/api/`.
fn api(
    state: &mut State,
    request: &Request,
    method: &str,
    rest: &str,
    query: &Query,
) -> ResponseTemplate {
    let Some(granted) = auth::bearer(state, request) else {
        return reply::unauthorized();
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let (resource, id) = match segments.as_slice() {
        ["agent", "me"] => {
            return match method {
                "GET" => resources::agent_me(state),
                _ => reply::method_not_allowed(method),
            };
        }
        [resource] => (*resource, None),
        [resource, id] if !id.is_empty() => (*resource, Some(*id)),
        _ => return reply::no_route(),
    };
    let write = match (method, id) {
        ("GET", _) => false,
        ("POST", None) | ("DELETE", Some(_)) => true,
        _ => return reply::method_not_allowed(method),
    };
    let Some(scope) = scopes::required(resource, write) else {
        return reply::no_route();
    };
    if !scopes::any_covers(&granted, scope) {
        return reply::forbidden(scope);
    }
    if state.config.is_agent_forbidden(resource) {
        let spelled = catalog::lookup(resource).map_or("ReportData", |d| d.path);
        return reply::agent_forbidden(&resources::agent_name(state), spelled);
    }
    if resource == "reportdata" {
        return match id {
            Some(published_id) => resources::report_data(state, published_id),
            None => reply::no_route(),
        };
    }
    let Some(def) = catalog::lookup(resource) else {
        return reply::no_route();
    };
    match (method, id) {
        ("GET", None) => resources::list(state, def, query),
        ("GET", Some(id)) => resources::get(state, def, id, query),
        ("POST", None) => save::save(state, def, &request.body),
        ("DELETE", Some(id)) => resources::delete(state, def, id, query),
        _ => reply::method_not_allowed(method),
    }
}
