//! The transport's retry rules, timeouts, redirects and response decoding.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use neo_auth_core::{AccessPolicy, ApiRequest, Error, RequestOptions, Transport};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::{any, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server with a catch-all and a transport with Basic credentials to it.
async fn setup() -> (MockServer, Transport) {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport(&server, Arc::new(basic()));
    (server, transport)
}

/// Mounts `template` for `method path`, answering the first `times` requests
/// (all of them when `None`), expecting exactly `expected` hits.
async fn answer(
    server: &MockServer,
    (verb, route): (&str, &str),
    template: ResponseTemplate,
    times: Option<u64>,
    expected: u64,
) {
    let mut mock = Mock::given(method(verb))
        .and(path(route))
        .respond_with(template)
        .named(format!(
            "{verb} {route} #{}",
            times.map_or("rest".to_owned(), |n| format!("first {n}"))
        ))
        .expect(expected);
    if let Some(n) = times {
        mock = mock.up_to_n_times(n).with_priority(1);
    }
    mock.mount(server).await;
}

#[tokio::test]
async fn get_503_503_200_succeeds_with_three_requests() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let route = ("GET", "/api/tickets");
    answer(&server, route, ResponseTemplate::new(503), Some(2), 2).await;
    answer(
        &server,
        route,
        ResponseTemplate::new(200).set_body_json(json!([])),
        None,
        1,
    )
    .await;

    let response = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .expect("retried");
    assert_eq!(response.status(), 200);
    assert_eq!(received(&server, "GET", "/api/tickets").await.len(), 3);
}

#[tokio::test]
async fn get_503_until_max_attempts_returns_the_last_error() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("GET", "/api/tickets"),
        ResponseTemplate::new(503),
        None,
        3,
    )
    .await;

    let error = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(error.is_retryable());
    assert!(!error.is_write_uncertain());
}

#[tokio::test]
async fn per_request_max_attempts_overrides_the_client() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("GET", "/api/tickets"),
        ResponseTemplate::new(503),
        None,
        1,
    )
    .await;

    let error = transport
        .send(ApiRequest::get("/tickets").options(RequestOptions::new().max_attempts(1)))
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn get_400_is_not_retried_and_carries_the_vendor_details() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("GET", "/api/tickets"),
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "req-42")
            .set_body_json(json!({"code": "BadRequest", "message": "page_size too large"})),
        None,
        1,
    )
    .await;

    let error = transport
        .send(ApiRequest::get("/tickets").query("page_size", 100_000))
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.code.as_deref(), Some("BadRequest"));
    assert_eq!(api.message.as_deref(), Some("page_size too large"));
    assert_eq!(api.request_id.as_deref(), Some("req-42"));
    assert_eq!(api.path, "/tickets");
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "GET /tickets answered 400 Bad Request [BadRequest]: page_size too large (request id req-42)"
    );
}

#[tokio::test]
async fn post_503_is_not_retried_and_may_have_been_applied() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("POST", "/api/tickets"),
        ResponseTemplate::new(503),
        None,
        1,
    )
    .await;

    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .json(&json!({"summary": "x"}))
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(
        !error.is_retryable(),
        "an uncertain write is never blindly retryable"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert!(error.api().is_some());
    let text = error.to_string();
    assert!(text.contains("may have been applied"), "{text}");
    assert!(text.contains("it was not retried"), "{text}");
}

#[tokio::test]
async fn post_429_is_not_retried_and_not_uncertain() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("POST", "/api/tickets"),
        ResponseTemplate::new(429).insert_header("retry-after", "30"),
        None,
        1,
    )
    .await;

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(
        !error.is_write_uncertain(),
        "a 429 was refused before processing"
    );
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
}

#[tokio::test]
async fn a_rate_limited_write_is_retried_only_when_configured() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_rate_limited_writes_retried(true))
        .build()
        .unwrap();
    let route = ("POST", "/api/tickets");
    answer(&server, route, ResponseTemplate::new(429), Some(1), 1).await;
    answer(&server, route, ResponseTemplate::new(201), None, 1).await;
    let response = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .expect("the 429 was refused unprocessed, so it is repeated");
    assert_eq!(response.status(), 201);

    // A 503 to a write is still never repeated: it may have been applied.
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_rate_limited_writes_retried(true))
        .build()
        .unwrap();
    answer(&server, route, ResponseTemplate::new(503), None, 1).await;
    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
}

#[tokio::test]
async fn post_marked_idempotent_is_retried() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let route = ("POST", "/api/tickets");
    answer(&server, route, ResponseTemplate::new(503), Some(1), 1).await;
    answer(&server, route, ResponseTemplate::new(201), None, 1).await;

    let response = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .options(RequestOptions::new().idempotent(true)),
        )
        .await
        .expect("retried because declared idempotent");
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn get_429_with_retry_after_waits_before_retrying() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let route = ("GET", "/api/tickets");
    answer(
        &server,
        route,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        Some(1),
        1,
    )
    .await;
    answer(
        &server,
        route,
        ResponseTemplate::new(200).set_body_json(json!([])),
        None,
        1,
    )
    .await;

    let started = Instant::now();
    transport
        .send(ApiRequest::get("/tickets"))
        .await
        .expect("retried after the server's delay");
    let elapsed = started.elapsed();
    // Not before the server said, and not much later (generous for a loaded machine).
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(5),
        "retried after {elapsed:?}"
    );
    assert_eq!(received(&server, "GET", "/api/tickets").await.len(), 2);
}

#[tokio::test]
async fn retry_after_is_clamped_to_the_configured_maximum() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_max_retry_after(Duration::from_millis(50)))
        .build()
        .unwrap();
    let route = ("GET", "/api/tickets");
    answer(
        &server,
        route,
        ResponseTemplate::new(503).insert_header("retry-after", "3600"),
        Some(1),
        1,
    )
    .await;
    answer(&server, route, ResponseTemplate::new(200), None, 1).await;

    // The overall timeout turns a broken clamp into a failure instead of a 1 h hang.
    transport
        .send(
            ApiRequest::get("/tickets")
                .options(RequestOptions::new().overall_timeout(Duration::from_secs(10))),
        )
        .await
        .expect("waited 50 ms, not an hour");
}

#[tokio::test]
async fn retry_budget_stops_retries_when_exhausted() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_budget(1.0, 0.0))
        .build()
        .unwrap();
    answer(
        &server,
        ("GET", "/api/a"),
        ResponseTemplate::new(503),
        Some(1),
        1,
    )
    .await;
    answer(
        &server,
        ("GET", "/api/a"),
        ResponseTemplate::new(200),
        None,
        1,
    )
    .await;
    answer(
        &server,
        ("GET", "/api/b"),
        ResponseTemplate::new(503),
        None,
        1,
    )
    .await;

    transport
        .send(ApiRequest::get("/a"))
        .await
        .expect("one retry from the budget");
    let error = transport.send(ApiRequest::get("/b")).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn get_attempt_timeout_is_retried() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let route = ("GET", "/api/tickets");
    answer(
        &server,
        route,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(10)),
        Some(1),
        1,
    )
    .await;
    answer(
        &server,
        route,
        ResponseTemplate::new(200).set_body_json(json!([])),
        None,
        1,
    )
    .await;

    // The timeout is far below the slow answer and far above a loopback round trip.
    transport
        .send(
            ApiRequest::get("/tickets")
                .options(RequestOptions::new().attempt_timeout(Duration::from_secs(1))),
        )
        .await
        .expect("the second attempt is fast");
    assert_eq!(received(&server, "GET", "/api/tickets").await.len(), 2);
}

#[tokio::test]
async fn post_attempt_timeout_is_write_uncertain() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("POST", "/api/tickets"),
        ResponseTemplate::new(201).set_delay(Duration::from_secs(10)),
        None,
        1,
    )
    .await;

    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .options(RequestOptions::new().attempt_timeout(Duration::from_millis(200))),
        )
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(error.is_timeout(), "{error:?}");
    assert!(!error.is_retryable());
    // The attempt timeout keeps the HTTP library's error as its source.
    let Error::WriteUncertain { source, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        matches!(
            source.as_ref(),
            Error::Timeout {
                source: Some(_),
                ..
            }
        ),
        "{source:?}"
    );
}

#[tokio::test]
async fn post_overall_timeout_while_the_request_is_out_is_write_uncertain() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("POST", "/api/tickets"),
        ResponseTemplate::new(201).set_delay(Duration::from_secs(10)),
        None,
        1,
    )
    .await;

    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .options(RequestOptions::new().overall_timeout(Duration::from_secs(1))),
        )
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert!(error.is_timeout(), "{error:?}");
}

#[tokio::test]
async fn overall_timeout_bounds_the_retries() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    // The first 503 comes at once and is retried after a millisecond backoff;
    // the second attempt is still waiting for its (10 s) answer when the 1 s
    // overall limit fires, whatever the machine's speed.
    let route = ("GET", "/api/tickets");
    answer(&server, route, ResponseTemplate::new(503), Some(1), 1).await;
    answer(
        &server,
        route,
        ResponseTemplate::new(503).set_delay(Duration::from_secs(10)),
        None,
        1,
    )
    .await;

    let started = Instant::now();
    let error = transport
        .send(
            ApiRequest::get("/tickets").options(
                RequestOptions::new()
                    .max_attempts(10)
                    .overall_timeout(Duration::from_secs(1)),
            ),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(error.is_timeout());
    assert!(
        error.to_string().contains("GET /tickets timed out"),
        "{error}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "the overall limit, not the slow answer, ended the call"
    );
    assert_eq!(received(&server, "GET", "/api/tickets").await.len(), 2);
}

// `Duration::MAX` reads as "no limit": it must not overflow the deadline
// arithmetic (`Instant + Duration` panics past what an `Instant` holds).
#[tokio::test]
async fn duration_max_timeouts_mean_no_limit() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let route = ("GET", "/api/tickets");
    answer(&server, route, ResponseTemplate::new(503), Some(1), 1).await;
    answer(
        &server,
        route,
        ResponseTemplate::new(200).set_body_json(json!([])),
        None,
        2,
    )
    .await;
    let unlimited = neo_auth_core::Timeouts::default()
        .with_attempt(Duration::MAX)
        .with_overall(Duration::MAX);
    let transport = transport_builder(&server, Arc::new(basic()))
        .timeouts(unlimited)
        .build()
        .expect("no limit is a valid limit");
    // The first call also retries once (a wait against no deadline).
    let response = transport
        .send(ApiRequest::get("/tickets"))
        .await
        .expect("retried");
    assert_eq!(response.status(), 200);
    // Per request, on a transport with the default timeouts.
    let transport = transport_builder(&server, Arc::new(basic()))
        .build()
        .unwrap();
    let response = transport
        .send(
            ApiRequest::get("/tickets").options(
                RequestOptions::new()
                    .overall_timeout(Duration::MAX)
                    .attempt_timeout(Duration::MAX),
            ),
        )
        .await
        .expect("no limit");
    assert_eq!(response.status(), 200);
}

// A `Retry-After` of u64::MAX seconds under an unclamped `max_retry_after`:
// the wait cannot be added to an `Instant`, and is still compared with the
// time left (and found too long) instead of panicking.
#[tokio::test]
async fn a_huge_retry_after_under_no_clamp_returns_the_answer() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_max_retry_after(Duration::MAX))
        .build()
        .unwrap();
    answer(
        &server,
        ("GET", "/api/limited"),
        ResponseTemplate::new(429).insert_header("retry-after", u64::MAX.to_string().as_str()),
        None,
        1,
    )
    .await;
    let started = Instant::now();
    let error = transport
        .send(
            ApiRequest::get("/limited")
                .options(RequestOptions::new().overall_timeout(Duration::from_secs(30))),
        )
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(u64::MAX)));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "not slept through"
    );
}

// A wait the remaining time cannot hold is not slept through only to report a
// timeout: the server's answer (status, `Retry-After`) is what the caller needs.
#[tokio::test]
async fn a_retry_after_beyond_the_overall_timeout_returns_the_answer_at_once() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    for (status, at) in [(429, "/api/limited"), (503, "/api/down")] {
        answer(
            &server,
            ("GET", at),
            ResponseTemplate::new(status).insert_header("retry-after", "3600"),
            None,
            1,
        )
        .await;
        let started = Instant::now();
        // The wait (clamped to 60 s) outlasts the 30 s left: had it been slept
        // through, the call would end in an overall timeout instead.
        let error = transport
            .send(
                ApiRequest::get(at.trim_start_matches("/api"))
                    .options(RequestOptions::new().overall_timeout(Duration::from_secs(30))),
            )
            .await
            .unwrap_err();
        let elapsed = started.elapsed();
        assert!(matches!(error, Error::Api(_)), "{error:?}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
        assert!(error.is_retryable() && !error.is_timeout());
        // Not after sleeping until the overall timeout (generous for a loaded machine).
        assert!(
            elapsed < Duration::from_secs(15),
            "returned after {elapsed:?}"
        );
    }
}

#[tokio::test]
async fn a_backoff_beyond_the_overall_timeout_returns_the_last_error() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    // A floor at the ceiling: every wait is exactly 60 s, longer than the
    // 30 s overall timeout.
    let slow = neo_auth_core::Backoff::new(Duration::from_secs(60), Duration::from_secs(60))
        .with_floor(Duration::from_secs(60));
    let transport = transport_builder(&server, Arc::new(basic()))
        .retry(fast_retry().with_backoff(slow))
        .build()
        .unwrap();
    answer(
        &server,
        ("GET", "/api/down"),
        ResponseTemplate::new(502),
        None,
        1,
    )
    .await;
    let started = Instant::now();
    let error = transport
        .send(
            ApiRequest::get("/down")
                .options(RequestOptions::new().overall_timeout(Duration::from_secs(30))),
        )
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(15));
}

// An overall timeout that fires while the call still waits for its token means
// nothing was sent: the error must not send the caller hunting for a duplicate.
#[tokio::test]
async fn post_overall_timeout_before_anything_was_sent_is_not_write_uncertain() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-1").set_delay(Duration::from_secs(10)))
        .named("token endpoint (slow)")
        .expect(1)
        .mount(&server)
        .await;
    answer(
        &server,
        ("POST", "/api/tickets"),
        ResponseTemplate::new(201),
        None,
        0,
    )
    .await;
    catch_all(&server).await;
    let transport = transport(&server, oauth(form_source(&server)));

    let error = transport
        .send(
            ApiRequest::post("/tickets")
                .requirement(CREATE_TICKET)
                .options(RequestOptions::new().overall_timeout(Duration::from_millis(300))),
        )
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        !error.is_write_uncertain(),
        "nothing reached the server, yet: {error}"
    );
}

#[tokio::test]
async fn connect_failure_is_a_transport_error_even_for_a_post() {
    let _capture = capture_check(&[]);
    // Port 1 (tcpmux) is closed on any machine this suite runs on, so the
    // connection is refused by design (a port bound and released by the test
    // could be taken by another process in between).
    let transport = Transport::builder("http://127.0.0.1:1")
        .credential(Arc::new(basic()))
        .policy(AccessPolicy::allow_all())
        .retry(fast_retry())
        .build()
        .unwrap();

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    let Error::Transport { kind, .. } = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(*kind, "could not connect");
    assert!(!error.is_write_uncertain(), "the request never left");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn redirect_to_another_origin_is_not_followed() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .named("another origin (must never see the credential)")
        .expect(0)
        .mount(&elsewhere)
        .await;
    answer(
        &server,
        ("GET", "/api/moved"),
        ResponseTemplate::new(302).insert_header(
            "location",
            format!("{}/api/target", elsewhere.uri()).as_str(),
        ),
        None,
        1,
    )
    .await;

    let error = transport.send(ApiRequest::get("/moved")).await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    let api = error.api().unwrap();
    assert_eq!(api.status, 302);
    assert!(
        api.message
            .as_deref()
            .unwrap_or_default()
            .contains("not followed"),
        "{error}"
    );
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn same_origin_redirect_is_followed_with_the_credential() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("GET", "/api/old"),
        ResponseTemplate::new(302).insert_header("location", "/api/new"),
        None,
        1,
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/api/new"))
        .and(header(
            "authorization",
            format!("Basic {}", basic_b64()).as_str(),
        ))
        .and(header("clientId", MANAGE_CLIENT_ID))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .named("GET /api/new with the credential")
        .expect(1)
        .mount(&server)
        .await;

    let body: serde_json::Value = transport
        .send_json(ApiRequest::get("/old"))
        .await
        .expect("followed");
    assert_eq!(body, json!({"ok": true}));
}

#[derive(Debug, Deserialize)]
struct TicketList {
    #[allow(dead_code)]
    items: Vec<Ticket>,
}

#[derive(Debug, Deserialize)]
struct Ticket {
    #[allow(dead_code)]
    id: i64,
}

async fn decode_error(body: ResponseTemplate) -> Error {
    let (server, transport) = setup().await;
    answer(&server, ("GET", "/api/tickets"), body, None, 1).await;
    transport
        .send_json::<TicketList>(ApiRequest::get("/tickets"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_wrong_type_is_a_decode_error_naming_the_field() {
    let _capture = capture_check(&["leaked-in-a-body"]);
    let error = decode_error(ResponseTemplate::new(200).set_body_json(json!({
        "items": [{"id": 1}, {"id": "two"}],
        "access_token": "leaked-in-a-body"
    })))
    .await;
    let Error::Decode { path, snippet, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(path, "items[1].id");
    assert!(error.to_string().contains("items[1].id"), "{error}");
    assert!(!snippet.contains("leaked-in-a-body"), "{snippet}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn invalid_json_is_a_decode_error() {
    let _capture = capture_check(&[]);
    let error =
        decode_error(ResponseTemplate::new(200).set_body_string("{\"items\": [{\"id\": 1},")).await;
    let Error::Decode { path, source, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    // The body ends inside the `items` array, where a second item should start.
    assert_eq!(path, "items");
    let serde = source
        .downcast_ref::<serde_json::Error>()
        .expect("a serde_json error");
    assert!(serde.is_eof(), "{source}");
}

#[tokio::test]
async fn trailing_garbage_is_a_decode_error() {
    let _capture = capture_check(&[]);
    let error =
        decode_error(ResponseTemplate::new(200).set_body_string("{\"items\": []} trailing")).await;
    let Error::Decode { path, .. } = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(path, ".");
}

// A redirect of a POST is never followed. Whether it is a definite answer
// depends on the status: a 303 is post-redirect-get (the server applied the
// write and points at the result), and a 301 or 302 does not say whether the
// write was processed first, so those are `WriteUncertain`. A 307 or 308 asks
// for the very same request at another URL without processing it here: the
// write was not applied, a definite answer.
#[tokio::test]
async fn a_post_is_never_redirected() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    for (status, uncertain) in [
        (301, true),
        (302, true),
        (303, true),
        (307, false),
        (308, false),
    ] {
        server.reset().await;
        catch_all(&server).await;
        answer(
            &server,
            ("POST", "/api/tickets"),
            ResponseTemplate::new(status).insert_header("location", "/api/tickets/"),
            None,
            1,
        )
        .await;
        // A followed redirect would turn the POST into this GET and report its 200.
        answer(
            &server,
            ("GET", "/api/tickets/"),
            ResponseTemplate::new(200).set_body_json(json!([])),
            None,
            0,
        )
        .await;
        answer(
            &server,
            ("POST", "/api/tickets/"),
            ResponseTemplate::new(201).set_body_json(json!({})),
            None,
            0,
        )
        .await;

        let error = transport
            .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
            .await
            .unwrap_err();
        assert_eq!(error.is_write_uncertain(), uncertain, "{status}: {error:?}");
        // Both read through `WriteUncertain` to the server's answer.
        assert_eq!(
            error.status().map(|s| s.as_u16()),
            Some(status),
            "{error:?}"
        );
        // The target is on the same origin: the message says why a write is not
        // redirected, not that the origin differs.
        let message = error.api().and_then(|api| api.message.clone()).unwrap();
        assert!(
            message.contains("a redirect of a POST was not followed"),
            "{message}"
        );
        assert!(!message.contains("another origin"), "{message}");
        server.verify().await;
    }
}

#[tokio::test]
async fn a_redirect_loop_is_refused_and_not_retried() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/loop"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/api/loop"))
        .named("GET /api/loop: redirects to itself")
        .mount(&server)
        .await;

    let error = transport.send(ApiRequest::get("/loop")).await.unwrap_err();
    let Error::Transport { kind, .. } = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(*kind, "redirect refused");
    assert!(!error.is_retryable(), "the same redirect loop would repeat");
    // One call: the first request and its 5 followed redirects, no second round.
    assert_eq!(received(&server, "GET", "/api/loop").await.len(), 6);
}

#[tokio::test]
async fn a_post_whose_connection_fails_is_retried() {
    let _capture = capture_check(&[]);
    // Nothing listens on port 1 (see the test above): every attempt fails to
    // connect, and every failure but the last is traced as retried, although
    // the method is POST, because the request never left.
    let transport = Transport::builder("http://127.0.0.1:1")
        .credential(Arc::new(basic()))
        .policy(AccessPolicy::allow_all())
        .retry(fast_retry().with_max_attempts(3))
        .build()
        .unwrap();
    let error = transport
        .send(ApiRequest::post("/connect-retried").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(!error.is_write_uncertain(), "{error:?}");
    let retries = captured_lines_with(&["path=/connect-retried", "request failed; retrying"]);
    assert_eq!(retries.len(), 2, "{retries:#?}");
    assert!(retries[1].contains("attempt=2"), "{retries:#?}");
}

#[tokio::test]
async fn the_user_agent_is_sent() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/default"))
        .and(header(
            "user-agent",
            neo_auth_core::default_user_agent().as_str(),
        ))
        .respond_with(ResponseTemplate::new(200))
        .named("GET with the default User-Agent")
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/custom"))
        .and(header("user-agent", "acme-integration/2.1"))
        .respond_with(ResponseTemplate::new(200))
        .named("GET with a custom User-Agent")
        .expect(1)
        .mount(&server)
        .await;
    assert!(neo_auth_core::default_user_agent().starts_with("neo-msp-sdk/"));
    transport(&server, Arc::new(basic()))
        .send(ApiRequest::get("/default"))
        .await
        .expect("default User-Agent");
    transport_builder(&server, Arc::new(basic()))
        .user_agent("acme-integration/2.1")
        .build()
        .unwrap()
        .send(ApiRequest::get("/custom"))
        .await
        .expect("custom User-Agent");
}

/// A JSON body of `len` bytes: `{"items":"xxx…"}`.
fn json_of_len(len: usize) -> ResponseTemplate {
    let padding = "x".repeat(len - r#"{"items":""}"#.len());
    ResponseTemplate::new(200)
        .set_body_raw(format!(r#"{{"items":"{padding}"}}"#), "application/json")
}

#[tokio::test]
async fn a_success_body_over_the_limit_is_refused_and_not_retried() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .max_response_body(1024)
        .build()
        .unwrap();
    answer(&server, ("GET", "/api/big"), json_of_len(2048), None, 1).await;
    answer(&server, ("GET", "/api/fits"), json_of_len(1024), None, 1).await;

    let error = transport.send(ApiRequest::get("/big")).await.unwrap_err();
    let Error::ResponseTooLarge {
        method,
        path,
        status,
        limit,
        ..
    } = &error
    else {
        panic!("expected ResponseTooLarge, got {error:?}");
    };
    assert_eq!(
        (method.as_str(), path.as_str(), status.as_u16(), *limit),
        ("GET", "/big", 200, 1024)
    );
    assert!(!error.is_retryable() && !error.is_write_uncertain());
    assert_eq!(error.status(), None);
    assert!(
        error
            .to_string()
            .contains("larger than the limit of 1024 bytes"),
        "{error}"
    );
    // A body exactly at the limit is read.
    let body = transport.send(ApiRequest::get("/fits")).await.unwrap();
    assert_eq!(body.body().len(), 1024);
}

#[tokio::test]
async fn the_default_limit_is_32_mib() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    answer(
        &server,
        ("GET", "/api/export"),
        json_of_len(32 * 1024 * 1024 + 1),
        None,
        1,
    )
    .await;
    let error = transport
        .send(ApiRequest::get("/export"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == 32 * 1024 * 1024),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_body_limit_can_be_set_per_request() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .max_response_body(1024)
        .build()
        .unwrap();
    answer(&server, ("GET", "/api/export"), json_of_len(2048), None, 1).await;
    answer(&server, ("GET", "/api/small"), json_of_len(100), None, 1).await;

    // Raised for one request above the client's limit...
    let body = transport
        .send(ApiRequest::get("/export").options(RequestOptions::new().max_response_body(4096)))
        .await
        .expect("the per-request limit applies");
    assert_eq!(body.body().len(), 2048);
    // ...and lowered below a body the client's limit allows.
    let error = transport
        .send(ApiRequest::get("/small").options(RequestOptions::new().max_response_body(16)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 16, .. }),
        "{error:?}"
    );
    // Zero is a configuration error, before anything is sent.
    let error = transport
        .send(ApiRequest::get("/small").options(RequestOptions::new().max_response_body(0)))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = transport_builder(&server, Arc::new(basic()))
        .max_response_body(0)
        .build()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}

#[tokio::test]
async fn a_post_whose_answer_is_over_the_limit_was_applied_and_says_so() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .max_response_body(1024)
        .build()
        .unwrap();
    answer(
        &server,
        ("POST", "/api/tickets"),
        json_of_len(2048),
        None,
        1,
    )
    .await;

    let error = transport
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(
        error.is_write_uncertain() && !error.is_retryable(),
        "{error:?}"
    );
    let Error::WriteUncertain { source, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        matches!(source.as_ref(), Error::ResponseTooLarge { status, limit: 1024, .. } if status.as_u16() == 200),
        "{source:?}"
    );
    assert!(
        error.to_string().contains("the request succeeded"),
        "{error}"
    );
}

/// A loopback server answering every connection with `head` (status line and
/// headers) and then `body`, closing the connection after it. Returns its base
/// URL (`http://127.0.0.1:port/api`).
fn raw_server(head: &'static str, body: &'static [u8]) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}/api", listener.local_addr().expect("bound"));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            // The request head ends with an empty line (a GET has no body).
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                line.clear();
            }
            let mut stream = reader.into_inner();
            let _ = write!(stream, "{head}\r\n\r\n");
            let _ = stream.write_all(body);
            let _ = stream.flush();
        }
    });
    base
}

// Under a raised body limit, a declared length is no reason to reserve it: the
// server claims an exabyte, sends ten bytes and closes. Reserving the declared
// length aborted the process; now the read fails with a body error.
#[tokio::test]
async fn a_huge_declared_length_under_a_raised_limit_is_a_body_error() {
    let _capture = capture_check(&[]);
    let base = raw_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000000000000000\r\nconnection: close",
        b"[1,2,3,4,5",
    );
    let transport = Transport::builder(base)
        .credential(Arc::new(basic()))
        .policy(AccessPolicy::allow_all())
        .retry(fast_retry())
        .max_response_body(u64::MAX)
        .build()
        .expect("valid transport");
    let error = transport
        .send(ApiRequest::get("/tickets").options(RequestOptions::new().max_attempts(1)))
        .await
        .unwrap_err();
    let Error::Transport { kind, .. } = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(*kind, "the response body could not be read", "{error:?}");
}
