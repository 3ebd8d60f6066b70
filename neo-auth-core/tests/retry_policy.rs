//! The retry-policy seam: a vendor quirk is a `RetryPolicy`, and the core's
//! guarantees (an uncertain write is never repeated) hold whatever it decides.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use neo_auth_core::{
    ApiRequest, RequestOptions, RetryAttempt, RetryConfig, RetryDecision, RetryPolicy, Transport,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a policy was shown about one failed attempt.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    failures: u32,
    method: String,
    idempotent: bool,
    status: Option<u16>,
    retry_after: Option<Duration>,
    rate_limited: bool,
    refused_write: bool,
}

/// A policy that records what it is shown and answers with `decide`.
#[derive(Debug)]
struct Recording {
    attempts: u32,
    retry: bool,
    seen: Mutex<Vec<Seen>>,
}

impl Recording {
    fn new(attempts: u32, retry: bool) -> Arc<Self> {
        Arc::new(Recording {
            attempts,
            retry,
            seen: Mutex::new(Vec::new()),
        })
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl RetryPolicy for Recording {
    fn max_attempts(&self) -> u32 {
        self.attempts
    }

    fn decide(&self, attempt: &RetryAttempt<'_>) -> RetryDecision {
        self.seen.lock().unwrap().push(Seen {
            failures: attempt.failures,
            method: attempt.method.to_string(),
            idempotent: attempt.idempotent,
            status: attempt.error.status().map(|s| s.as_u16()),
            retry_after: attempt.retry_after,
            rate_limited: attempt.rate_limited,
            refused_write: attempt.refused_write,
        });
        if self.retry {
            RetryDecision::RetryAfter(Duration::from_millis(1))
        } else {
            RetryDecision::Stop
        }
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    catch_all(&server).await;
    server
}

fn with_policy(server: &MockServer, policy: Arc<dyn RetryPolicy>) -> Transport {
    transport_builder(server, Arc::new(basic()))
        .retry_policy(policy)
        .build()
        .expect("valid transport")
}

async fn mount(server: &MockServer, verb: &str, status: u16, times: u64, expect: u64) {
    Mock::given(method(verb))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(status).insert_header("retry-after", "0"))
        .up_to_n_times(times)
        .expect(expect)
        .with_priority(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_policy_that_stops_is_obeyed_although_attempts_are_left() {
    let server = server().await;
    mount(&server, "GET", 503, 10, 1).await;
    let policy = Recording::new(3, false);
    let transport = with_policy(&server, policy.clone());
    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        policy.seen(),
        [Seen {
            failures: 1,
            method: "GET".into(),
            idempotent: true,
            status: Some(503),
            retry_after: Some(Duration::ZERO),
            rate_limited: false,
            refused_write: false,
        }]
    );
}

#[tokio::test]
async fn the_policy_sets_the_attempt_limit() {
    let server = server().await;
    mount(&server, "GET", 503, 10, 5).await;
    let policy = Recording::new(5, true);
    let transport = with_policy(&server, policy.clone());
    let error = transport
        .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    // Asked after failures 1–4; the fifth failure used the last attempt.
    let failures: Vec<u32> = policy.seen().iter().map(|s| s.failures).collect();
    assert_eq!(failures, [1, 2, 3, 4]);
}

#[tokio::test]
async fn a_vendor_policy_repeats_rate_limited_writes() {
    let server = server().await;
    mount(&server, "POST", 429, 1, 1).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let policy = Recording::new(3, true);
    let transport = with_policy(&server, policy.clone());
    let response = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .expect("the policy repeats a write refused with 429");
    assert_eq!(response.status(), 201);
    let seen = policy.seen();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].refused_write && seen[0].rate_limited && !seen[0].idempotent);
    assert_eq!(seen[0].method, "POST");
}

#[tokio::test]
async fn the_standard_policy_does_not_repeat_rate_limited_writes() {
    let server = server().await;
    mount(&server, "POST", 429, 10, 1).await;
    let transport = with_policy(&server, Arc::new(fast_retry()));
    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(!error.is_write_uncertain());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
}

#[tokio::test]
async fn with_rate_limited_writes_retried_still_works_as_a_policy() {
    let server = server().await;
    mount(&server, "POST", 429, 1, 1).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let policy: RetryConfig = fast_retry().with_rate_limited_writes_retried(true);
    let transport = with_policy(&server, Arc::new(policy));
    let response = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .expect("repeated");
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn no_policy_can_repeat_a_write_that_may_have_been_applied() {
    let server = server().await;
    mount(&server, "POST", 503, 10, 1).await;
    let policy = Recording::new(5, true);
    let transport = with_policy(&server, policy.clone());
    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(policy.seen().is_empty(), "the policy was never asked");
}

#[tokio::test]
async fn a_per_request_attempt_limit_overrides_the_policy() {
    let server = server().await;
    mount(&server, "GET", 503, 10, 2).await;
    let policy = Recording::new(5, true);
    let transport = with_policy(&server, policy.clone());
    let request = ApiRequest::get("/tickets")
        .requirement(LIST_TICKETS)
        .options(RequestOptions::new().max_attempts(2));
    let error = transport.send(request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(policy.seen().len(), 1);
}
