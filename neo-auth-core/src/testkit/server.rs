//! The fake HTTP server: one catch-all wiremock responder that counts the
//! request, applies injected faults and hands it to the vendor's router.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
#[cfg(test)]
use std::time::Duration;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::counters::Counters;
use super::fault::{Fault, FaultQueue, Target};
use super::reply::Reply;
use super::request::FakeRequest;

/// A vendor fake's routes: how it answers a request from its state `S`.
///
/// Only [`Router::route`] is required. A closure
/// `Fn(&mut S, &FakeRequest) -> Reply` is a router too (every request is then
/// an API request).
pub trait Router<S>: Send + Sync + 'static {
    /// Answers `request` (called with the state locked; never blocks on I/O).
    fn route(&self, state: &mut S, request: &FakeRequest) -> Reply;

    /// What kind of request this is: which faults apply and which counter
    /// counts it (default [`Target::Api`]). Return [`Target::Token`] for the
    /// token endpoint and [`Target::Other`] for discovery documents.
    fn target(&self, request: &FakeRequest) -> Target {
        let _ = request;
        Target::Api
    }

    /// A check that runs before faults and routes, e.g. the vendor's rate
    /// limit ([`RollingWindow`](super::RollingWindow)): `Some(reply)` answers
    /// instead (default none).
    fn gate(&self, state: &mut S, request: &FakeRequest, target: Target) -> Option<Reply> {
        let _ = (state, request, target);
        None
    }

    /// The vendor's wording of a fault that replaces the reply (its error
    /// bodies); `None` (the default) uses [`Fault::default_reply`].
    fn fault_reply(&self, state: &S, fault: &Fault) -> Option<Reply> {
        let _ = (state, fault);
        None
    }
}

impl<S, F> Router<S> for F
where
    F: Fn(&mut S, &FakeRequest) -> Reply + Send + Sync + 'static,
{
    fn route(&self, state: &mut S, request: &FakeRequest) -> Reply {
        self(state, request)
    }
}

/// What the responder and the [`FakeHttp`] handle share.
struct Shared<S> {
    state: S,
    faults: FaultQueue,
    counters: Counters,
}

fn lock<S>(shared: &Mutex<Shared<S>>) -> MutexGuard<'_, Shared<S>> {
    // A panicking test thread must not take the fake down with it.
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct Responder<S, R> {
    shared: Arc<Mutex<Shared<S>>>,
    router: R,
    /// The server's own origin: wiremock hands requests over as
    /// `http://localhost/…`, and a `Link` header needs the real one.
    origin: Option<url::Url>,
}

impl<S: Send + 'static, R: Router<S>> Respond for Responder<S, R> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut url = request.url.clone();
        if let Some(origin) = &self.origin {
            // Both are http URLs with a host, so these cannot fail.
            let _ = url.set_host(origin.host_str());
            let _ = url.set_port(origin.port());
        }
        let request = FakeRequest::from_parts(
            request.method.clone(),
            url,
            request.headers.clone(),
            request.body.clone(),
        );
        let mut shared = lock(&self.shared);
        answer(&mut shared, &self.router, &request).into_template()
    }
}

/// Count → gate → fault → route.
fn answer<S, R: Router<S>>(shared: &mut Shared<S>, router: &R, request: &FakeRequest) -> Reply {
    let target = router.target(request);
    shared
        .counters
        .count(request.method(), request.route_path(), target);
    if let Some(reply) = router.gate(&mut shared.state, request, target) {
        return reply;
    }
    let Some(fault) = shared.faults.take(target, request.route_path()) else {
        return router.route(&mut shared.state, request);
    };
    if let Some(delay) = fault.delay() {
        return router.route(&mut shared.state, request).with_delay(delay);
    }
    router
        .fault_reply(&shared.state, &fault)
        .or_else(|| fault.default_reply())
        .unwrap_or_else(|| Reply::empty(500))
}

/// A stateful fake HTTP server on 127.0.0.1: one wiremock server whose
/// catch-all responder counts every request, applies the injected [`Fault`]s
/// and hands it to a [`Router`] over the state `S` (behind a mutex). The server
/// stops when this is dropped.
///
/// The catch-all has the lowest priority, so a test can still mount a plain
/// wiremock [`Mock`] over one path with [`FakeHttp::mock_server`].
pub struct FakeHttp<S> {
    server: MockServer,
    shared: Arc<Mutex<Shared<S>>>,
}

impl<S> fmt::Debug for FakeHttp<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeHttp")
            .field("uri", &self.uri())
            .finish_non_exhaustive()
    }
}

impl<S: Send + 'static> FakeHttp<S> {
    /// Starts a fake answering from `state` through `router`.
    pub async fn start(state: S, router: impl Router<S>) -> FakeHttp<S> {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        let shared = Arc::new(Mutex::new(Shared {
            state,
            faults: FaultQueue::default(),
            counters: Counters::default(),
        }));
        Mock::given(any())
            .respond_with(Responder {
                shared: shared.clone(),
                router,
                origin: url::Url::parse(&server.uri()).ok(),
            })
            .with_priority(u8::MAX)
            .named("neo testkit fake")
            .mount(&server)
            .await;
        FakeHttp { server, shared }
    }
}

impl<S> FakeHttp<S> {
    /// The base URI, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn uri(&self) -> String {
        self.server.uri().trim_end_matches('/').to_owned()
    }

    /// `uri()` followed by `path` (which should start with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.uri())
    }

    /// The wiremock server underneath, to mount a one-off mock over a path.
    pub fn mock_server(&self) -> &MockServer {
        &self.server
    }

    /// Runs `f` on the state (locked for the call; do not await inside).
    pub fn with_state<T>(&self, f: impl FnOnce(&mut S) -> T) -> T {
        f(&mut lock(&self.shared).state)
    }

    /// Queues a fault for the next matching requests (see [`Fault`]).
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared).faults.push(fault, None);
    }

    /// Queues a fault for the next matching requests whose path starts with
    /// `path_prefix` (case-insensitive, e.g. `/api/tickets`).
    pub fn inject_on(&self, path_prefix: &str, fault: Fault) {
        lock(&self.shared).faults.push(fault, Some(path_prefix));
    }

    /// How many more requests the queued faults will hit.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared).faults.pending()
    }

    /// How many requests got an injected fault.
    pub fn faults_applied(&self) -> usize {
        lock(&self.shared).faults.applied()
    }

    /// Drops every queued fault.
    pub fn clear_faults(&self) {
        lock(&self.shared).faults.clear();
    }

    /// A copy of the request counters.
    pub fn counters(&self) -> Counters {
        lock(&self.shared).counters.clone()
    }

    /// Requests with `method` to paths starting with `path_prefix` (both
    /// case-insensitive; `"*"` for any method), refused ones included.
    pub fn requests_to(&self, method: &str, path_prefix: &str) -> usize {
        lock(&self.shared).counters.requests_to(method, path_prefix)
    }

    /// Requests to the token endpoint ([`Target::Token`]), failed ones included.
    pub fn token_requests(&self) -> usize {
        lock(&self.shared).counters.token()
    }

    /// API requests ([`Target::Api`]), refused ones included.
    pub fn api_requests(&self) -> usize {
        lock(&self.shared).counters.api()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Refuses everything while `closed`, counts what reaches the routes.
    struct Gated;

    impl Router<(bool, usize)> for Gated {
        fn gate(&self, state: &mut (bool, usize), _: &FakeRequest, _: Target) -> Option<Reply> {
            state.0.then(|| Reply::empty(429))
        }

        fn route(&self, state: &mut (bool, usize), _: &FakeRequest) -> Reply {
            state.1 += 1;
            Reply::empty(204)
        }
    }

    fn shared(closed: bool) -> Shared<(bool, usize)> {
        Shared {
            state: (closed, 0),
            faults: FaultQueue::default(),
            counters: Counters::default(),
        }
    }

    fn get() -> FakeRequest {
        FakeRequest::new("GET", "http://127.0.0.1:1/api/x").expect("request")
    }

    #[test]
    fn the_gate_runs_before_faults_and_routes() {
        let mut shared = shared(true);
        shared.faults.push(Fault::Unauthorized { times: 1 }, None);
        assert_eq!(answer(&mut shared, &Gated, &get()).status(), 429);
        assert_eq!(
            shared.faults.pending(),
            1,
            "a gated request consumes no fault"
        );
        shared.state.0 = false;
        assert_eq!(answer(&mut shared, &Gated, &get()).status(), 401);
        assert_eq!(shared.state.1, 0, "a replacing fault skips the route");
        shared.faults.push(
            Fault::Slow {
                delay: Duration::from_millis(9),
                times: 1,
            },
            None,
        );
        let slow = answer(&mut shared, &Gated, &get());
        assert_eq!(
            (slow.status(), slow.delay()),
            (204, Some(Duration::from_millis(9)))
        );
        assert_eq!(shared.state.1, 1, "a slow request is handled");
        assert_eq!(shared.counters.api(), 3);
    }

    #[test]
    fn a_closure_is_a_router() {
        let router = |count: &mut usize, request: &FakeRequest| {
            *count += 1;
            Reply::text(200, request.route_path())
        };
        let mut shared = Shared {
            state: 0usize,
            faults: FaultQueue::default(),
            counters: Counters::default(),
        };
        let reply = answer(&mut shared, &router, &get());
        assert_eq!(reply.body(), b"/api/x");
        assert_eq!(shared.state, 1);
    }
}
