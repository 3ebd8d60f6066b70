//! The test kit's `FakeHttp` driven over HTTP: faults consumed in order, the
//! HTTP Basic check (ConnectWise Manage style, with its `clientId` header),
//! Link-header and `$skip/$top` paging through the kit's helpers, and the
//! rolling-window limiter on a manual clock.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use neo_auth_core::testkit::{
    FakeHttp, FakeRequest, Fault, Reply, RollingWindow, Router, Store, Target, link_next,
    numbered_page, offset_page,
};
use neo_auth_core::{ApiRequest, BasicCredential, Error, ManualClock};
use secrecy::SecretString;
use serde_json::{Value, json};

/// Seed data and the limiter of a small multi-vendor fake.
struct State {
    companies: Store<Value>,
    limit: Option<RollingWindow>,
}

fn state(companies: usize) -> State {
    let mut store = Store::new();
    for n in 0..companies {
        store.insert_with(|id| json!({"id": id, "name": format!("Company {n}")}));
    }
    State {
        companies: store,
        limit: None,
    }
}

/// Routes shaped like three vendors: ConnectWise Manage (Basic + `clientId`,
/// `page`/`pageSize` with a `Link` header) and VSA X (`$skip/$top`, `{Data, Meta}`).
struct Vendors;

impl Vendors {
    fn manage(state: &State, request: &FakeRequest) -> Reply {
        let authorized = request.basic()
            == Some((BASIC_USER.to_owned(), BASIC_PASSWORD.to_owned()))
            && request.header("clientid") == Some(MANAGE_CLIENT_ID);
        if !authorized {
            return Reply::json(
                401,
                &json!({"code": "Unauthorized", "message": "bad credentials"}),
            );
        }
        let query = request.query();
        let page = query.int("page").ok().flatten().unwrap_or(1).max(1);
        let size = query
            .int("pageSize")
            .ok()
            .flatten()
            .unwrap_or(25)
            .clamp(1, 1000);
        let all: Vec<&Value> = state.companies.values().collect();
        let slice = numbered_page(&all, page, size as usize, 1);
        let reply = Reply::json(200, &json!(slice.items));
        if slice.has_more {
            let next = (page + 1).to_string();
            reply.with_header("Link", link_next(request.url(), &[("page", &next)]))
        } else {
            reply
        }
    }

    fn vsax(state: &State, request: &FakeRequest) -> Reply {
        let query = request.query();
        let skip = query.int("$skip").ok().flatten().unwrap_or(0).max(0) as usize;
        let top = query.int("$top").ok().flatten().unwrap_or(50).clamp(1, 100) as usize;
        let all: Vec<&Value> = state.companies.values().collect();
        let slice = offset_page(&all, skip, top);
        Reply::json(
            200,
            &json!({"Data": slice.items, "Meta": {"TotalCount": all.len(), "ResponseCode": 200}}),
        )
    }
}

impl Router<State> for Vendors {
    fn gate(&self, state: &mut State, _request: &FakeRequest, target: Target) -> Option<Reply> {
        let limit = state.limit.as_mut()?;
        if target == Target::Api && !limit.try_admit() {
            let wait = limit.retry_after().unwrap_or_default().as_secs().max(1);
            return Some(
                Reply::text(429, "rate limited").with_header("Retry-After", wait.to_string()),
            );
        }
        None
    }

    fn fault_reply(&self, _state: &State, fault: &Fault) -> Option<Reply> {
        match fault {
            Fault::ServerError { status, .. } => Some(Reply::json(
                *status,
                &json!({"code": "ServerError", "message": "boom"}),
            )),
            _ => None,
        }
    }

    fn route(&self, state: &mut State, request: &FakeRequest) -> Reply {
        match (request.method(), request.route_path()) {
            ("GET", "/manage/company/companies") => Vendors::manage(state, request),
            ("GET", "/vsax/api/v3/organizations") => Vendors::vsax(state, request),
            (method, path) => Reply::no_route(method, path),
        }
    }
}

/// A reqwest client with the core's TLS set-up (the crypto provider installed).
fn plain_http() -> reqwest::Client {
    neo_auth_core::http_client_builder()
        .build()
        .expect("an HTTP client")
}

fn manage_transport(
    fake: &FakeHttp<State>,
    credential: BasicCredential,
) -> neo_auth_core::Transport {
    neo_auth_core::Transport::builder(fake.url("/manage"))
        .credential(Arc::new(credential))
        .policy(neo_auth_core::AccessPolicy::allow_all())
        .retry(fast_retry())
        .build()
        .expect("valid transport")
}

async fn companies(
    api: &neo_auth_core::Transport,
    query: &[(&str, &str)],
) -> neo_auth_core::Result<neo_auth_core::ApiResponse> {
    let mut request = ApiRequest::get("/company/companies");
    for (k, v) in query {
        request = request.query(*k, *v);
    }
    api.send(request).await
}

#[tokio::test]
async fn basic_credentials_and_the_client_id_header_are_checked() {
    let _capture = capture_check(&["wrong-password-never-print"]);
    let fake = FakeHttp::start(state(3), Vendors).await;
    let ok = companies(&manage_transport(&fake, basic()), &[])
        .await
        .expect("right credentials");
    assert_eq!(ok.json::<Vec<Value>>().expect("json").len(), 3);

    let wrong = BasicCredential::new(BASIC_USER, SecretString::from("wrong-password-never-print"))
        .expect("valid")
        .with_header("clientId", SecretString::from(MANAGE_CLIENT_ID))
        .expect("valid header");
    let error = companies(&manage_transport(&fake, wrong), &[])
        .await
        .expect_err("wrong password");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error:?}");

    let no_client_id =
        BasicCredential::new(BASIC_USER, SecretString::from(BASIC_PASSWORD)).expect("valid");
    let error = companies(&manage_transport(&fake, no_client_id), &[])
        .await
        .expect_err("no clientId");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(fake.requests_to("GET", "/manage/company"), 3);
}

#[tokio::test]
async fn faults_are_consumed_in_order_and_only_on_their_prefix() {
    let _capture = capture_check(&[]);
    let fake = FakeHttp::start(state(2), Vendors).await;
    let once = neo_auth_core::Transport::builder(fake.url("/manage"))
        .credential(Arc::new(basic()))
        .policy(neo_auth_core::AccessPolicy::allow_all())
        .retry(neo_auth_core::RetryConfig::disabled())
        .build()
        .expect("valid transport");

    fake.inject_on(
        "/vsax",
        Fault::ServerError {
            status: 500,
            times: 5,
        },
    );
    fake.inject(Fault::RateLimited {
        retry_after: Some(7),
        times: 1,
    });
    fake.inject(Fault::ServerError {
        status: 503,
        times: 1,
    });
    fake.inject(Fault::MalformedJson { times: 1 });
    fake.inject(Fault::Slow {
        delay: Duration::from_millis(300),
        times: 1,
    });
    fake.inject(Fault::RateLimited {
        retry_after: None,
        times: 1,
    });
    assert_eq!(fake.pending_faults(), 10);

    // One request each, without retries: the faults arrive in queue order.
    let error = companies(&once, &[]).await.expect_err("429 first");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));

    let error = companies(&once, &[]).await.expect_err("then 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    let api = error.api().expect("an API error");
    assert_eq!(
        api.message.as_deref(),
        Some("boom"),
        "the router's wording: {api:?}"
    );

    // Then the truncated body: a decode error, never a panic.
    let reply = companies(&once, &[]).await.expect("a 200");
    let error = reply.json::<Vec<Value>>().expect_err("truncated JSON");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");

    // Then the slow reply, which still arrives whole.
    let started = Instant::now();
    let reply = companies(&once, &[]).await.expect("slow but fine");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(reply.json::<Vec<Value>>().expect("json").len(), 2);

    // Then a 429 without Retry-After.
    let error = companies(&once, &[]).await.expect_err("429 again");
    assert_eq!(
        (error.status().map(|s| s.as_u16()), error.retry_after()),
        (Some(429), None)
    );
    assert_eq!(fake.faults_applied(), 5);

    // The /vsax faults were never touched by /manage requests.
    companies(&once, &[])
        .await
        .expect("no fault left for /manage");
    assert_eq!(fake.pending_faults(), 5);
    fake.clear_faults();
    assert_eq!(fake.pending_faults(), 0);
}

#[tokio::test]
async fn fast_retry_recovers_from_a_429_then_a_503() {
    let _capture = capture_check(&[]);
    let fake = FakeHttp::start(state(2), Vendors).await;
    let api = manage_transport(&fake, basic());
    fake.inject(Fault::RateLimited {
        retry_after: None,
        times: 1,
    });
    fake.inject(Fault::ServerError {
        status: 503,
        times: 1,
    });
    let started = Instant::now();
    let reply = companies(&api, &[])
        .await
        .expect("recovers within 3 attempts");
    assert_eq!(reply.json::<Vec<Value>>().expect("json").len(), 2);
    assert_eq!(fake.requests_to("GET", "/manage"), 3);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "millisecond backoff"
    );
}

#[tokio::test]
async fn link_header_paging_visits_every_record_once() {
    let _capture = capture_check(&[]);
    let fake = FakeHttp::start(state(23), Vendors).await;
    let http = plain_http();
    let mut url =
        fake.url("/manage/company/companies?pageSize=5&conditions=name%20like%20%22C%25%22");
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        pages += 1;
        let response = http
            .get(&url)
            .header("Authorization", format!("Basic {}", basic_b64()))
            .header("clientId", MANAGE_CLIENT_ID)
            .send()
            .await
            .expect("sent");
        let link = response
            .headers()
            .get("link")
            .map(|v| v.to_str().expect("ascii").to_owned());
        let rows: Vec<Value> = response.json().await.expect("json");
        seen.extend(rows.iter().map(|r| r["id"].as_i64().expect("id")));
        let Some(link) = link else { break };
        let next = link
            .strip_prefix('<')
            .and_then(|l| l.strip_suffix(">; rel=\"next\""))
            .expect("one rel=next link");
        assert!(next.starts_with(&fake.uri()), "{next}");
        assert!(next.contains("conditions=name+like+%22C%25%22"), "{next}");
        url = next.to_owned();
    }
    assert_eq!(seen, (1..=23).collect::<Vec<_>>());
    assert_eq!(pages, 5);
}

#[tokio::test]
async fn offset_paging_with_a_data_meta_envelope_visits_every_record_once() {
    let _capture = capture_check(&[]);
    let fake = FakeHttp::start(state(23), Vendors).await;
    let http = plain_http();
    let mut seen = Vec::new();
    let mut skip = 0;
    loop {
        let body: Value = http
            .get(fake.url("/vsax/api/v3/organizations"))
            .query(&[("$skip", skip.to_string()), ("$top", "10".to_owned())])
            .send()
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
        assert_eq!(body["Meta"]["TotalCount"], 23);
        let rows = body["Data"].as_array().expect("Data").clone();
        if rows.is_empty() {
            break;
        }
        seen.extend(rows.iter().map(|r| r["id"].as_i64().expect("id")));
        skip += rows.len();
    }
    assert_eq!(seen, (1..=23).collect::<Vec<_>>());
    assert_eq!(fake.requests_to("GET", "/vsax"), 4);
}

#[tokio::test]
async fn the_rolling_window_refuses_the_excess_until_requests_leave_it() {
    let _capture = capture_check(&[]);
    let clock = Arc::new(ManualClock::new());
    let mut fake_state = state(1);
    fake_state.limit =
        Some(RollingWindow::new(3, Duration::from_secs(60)).with_clock(clock.clone()));
    let fake = FakeHttp::start(fake_state, Vendors).await;
    let api = neo_auth_core::Transport::builder(fake.url("/manage"))
        .credential(Arc::new(basic()))
        .policy(neo_auth_core::AccessPolicy::allow_all())
        .retry(neo_auth_core::RetryConfig::disabled())
        .build()
        .expect("valid transport");

    for _ in 0..2 {
        companies(&api, &[]).await.expect("within the limit");
    }
    clock.advance(Duration::from_secs(30));
    companies(&api, &[]).await.expect("the third in the window");
    let error = companies(&api, &[])
        .await
        .expect_err("the fourth is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));

    // At 60 s the first two leave the window: two more fit, not three.
    clock.advance(Duration::from_secs(30));
    companies(&api, &[]).await.expect("first freed slot");
    companies(&api, &[]).await.expect("second freed slot");
    assert!(companies(&api, &[]).await.is_err());
    assert_eq!(fake.api_requests(), 7, "refused requests are counted too");
}

#[tokio::test]
async fn a_plain_mock_mounted_over_a_path_wins_over_the_router() {
    use wiremock::matchers::path;
    use wiremock::{Mock, ResponseTemplate};
    let _capture = capture_check(&[]);
    let fake = FakeHttp::start(0usize, |hits: &mut usize, request: &FakeRequest| {
        *hits += 1;
        Reply::text(200, request.route_path())
    })
    .await;
    Mock::given(path("/pinned"))
        .respond_with(ResponseTemplate::new(418))
        .expect(1)
        .mount(fake.mock_server())
        .await;
    let http = plain_http();
    let pinned = http.get(fake.url("/pinned")).send().await.expect("sent");
    assert_eq!(pinned.status().as_u16(), 418);
    let routed = http.get(fake.url("/Other/")).send().await.expect("sent");
    assert_eq!(routed.text().await.expect("text"), "/other");
    assert_eq!(fake.with_state(|hits| *hits), 1);
    assert_eq!(
        fake.requests_to("*", "/"),
        1,
        "the pinned mock bypasses the counters"
    );
}
