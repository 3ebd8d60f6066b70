//! The client core: a vendor builder embedding `CommonConfig` (setters
//! forwarded by `common_config_setters!`), validated in `build()`, with the
//! clock wired into the rate budget and `grant()` / `token_fetches()` the same
//! for OAuth and Basic credentials.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use neo_auth_core::{
    AccessPolicy, ApiRequest, ClientCore, CommonConfig, Error, ExactRules, GenericErrors,
    GrantSource, GrantedScopes, ManualClock, PagerLimits, RateLimit, Result, common_config_setters,
};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The shape of a vendor builder: its own fields plus the common ones.
struct VendorBuilder {
    base_url: String,
    common: CommonConfig,
}

impl VendorBuilder {
    fn new(base_url: String) -> Self {
        VendorBuilder {
            base_url,
            common: CommonConfig::new()
                .with_max_page_size(100)
                .with_policy(AccessPolicy::allow_all())
                .with_retry(fast_retry()),
        }
    }

    common_config_setters!(common);

    fn build_basic(self) -> Result<ClientCore> {
        let credential = basic().with_granted(Arc::new(GrantedScopes::new([
            "read:tickets",
            "edit:tickets",
        ])));
        self.common
            .build(self.base_url, credential, Arc::new(GenericErrors))
    }

    fn build_oauth(self, server: &MockServer) -> Result<ClientCore> {
        let credential = self
            .common
            .oauth_credential(Arc::new(form_source(server)), Arc::new(ExactRules))?;
        self.common
            .build(self.base_url, credential, Arc::new(GenericErrors))
    }
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .with_priority(1)
        .mount(&server)
        .await;
    server
}

fn config_message(error: Error) -> String {
    match error {
        Error::Config { message, .. } => message,
        other => panic!("not a config error: {other:?}"),
    }
}

#[tokio::test]
async fn basic_and_oauth_offer_grant_and_token_fetches_alike() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(token_ok("tok-1"))
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;

    let basic = VendorBuilder::new(api_base(&server)).build_basic().unwrap();
    assert_eq!(basic.token_fetches(), 0);
    let (granted, source) = basic.grant().expect("configured");
    assert_eq!(source, GrantSource::Configured);
    assert_eq!(granted.names(), ["edit:tickets", "read:tickets"]);
    assert!(basic.oauth_credential().is_none());

    let oauth = VendorBuilder::new(api_base(&server))
        .token_cache(cache_config())
        .build_oauth(&server)
        .unwrap();
    assert_eq!(oauth.token_fetches(), 0);
    assert_eq!(oauth.grant().map(|(_, s)| s), Some(GrantSource::Requested));
    assert_eq!(oauth.granted_scopes(), ["edit:tickets", "read:tickets"]);
    for _ in 0..3 {
        oauth
            .transport()
            .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
            .await
            .unwrap();
    }
    assert_eq!(oauth.token_fetches(), 1, "one token for three calls");
    assert!(oauth.oauth_credential().is_some());
    assert_no_secrets(
        "ClientCore Debug",
        &format!("{oauth:?} {basic:?}"),
        &["tok-1"],
    );
}

#[tokio::test]
async fn the_settings_reach_the_transport() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/api/agents"))
        .and(header("user-agent", "acme-sync/1.0"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let core = VendorBuilder::new(api_base(&server))
        .user_agent("acme-sync/1.0")
        .policy(AccessPolicy::read_only())
        .page_size(25)
        .pager_limits(PagerLimits::default().with_max_pages(7))
        .max_response_body(10)
        .build_basic()
        .unwrap();
    assert_eq!(core.page_size(), 25);
    assert_eq!(core.pager_limits().max_pages, 7);
    assert_eq!(core.policy(), &AccessPolicy::read_only());
    // The body limit of 10 bytes: a 20-byte body is refused.
    Mock::given(method("GET"))
        .and(path("/api/big"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(20)))
        .with_priority(1)
        .mount(&server)
        .await;
    let error = core
        .transport()
        .send(ApiRequest::get("/big").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 10, .. }),
        "{error:?}"
    );
    core.transport()
        .send(ApiRequest::get("/agents").requirement(LIST_TICKETS))
        .await
        .expect("the user agent was sent");
    // The policy reached the transport: a write is refused before sending.
    let refused = core
        .transport()
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap_err();
    assert!(refused.is_policy(), "{refused:?}");
}

#[tokio::test]
async fn the_default_page_size_is_the_vendor_maximum() {
    let server = server().await;
    let core = VendorBuilder::new(api_base(&server)).build_basic().unwrap();
    assert_eq!(core.page_size(), 100);
}

#[tokio::test]
async fn a_forwarded_retry_policy_is_used() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let core = VendorBuilder::new(api_base(&server))
        .retry_policy(Arc::new(
            fast_retry().with_rate_limited_writes_retried(true),
        ))
        .build_basic()
        .unwrap();
    let response = core
        .transport()
        .send(ApiRequest::post("/tickets").requirement(CREATE_TICKET))
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn the_injected_clock_drives_the_rate_budget() {
    let server = server().await;
    let clock = Arc::new(ManualClock::new());
    let core = VendorBuilder::new(api_base(&server))
        .clock(clock.clone())
        .rate_limit(RateLimit::new(2, Duration::from_secs(60)))
        .build_basic()
        .unwrap();
    assert!(Arc::ptr_eq(
        &(core.clock().clone() as Arc<dyn neo_auth_core::Clock>),
        &(clock.clone() as Arc<dyn neo_auth_core::Clock>)
    ));
    let send = || {
        core.transport()
            .send(ApiRequest::get("/tickets").requirement(LIST_TICKETS))
    };
    send().await.unwrap();
    send().await.unwrap();
    // The budget is spent and the manual clock stands still: the third call waits.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), send())
            .await
            .is_err(),
        "the third request in the window must wait"
    );
    clock.advance(Duration::from_secs(60));
    tokio::time::timeout(Duration::from_secs(10), send())
        .await
        .expect("the window has passed on the injected clock")
        .unwrap();
}

#[tokio::test]
async fn build_validates_every_setting() {
    let server = server().await;
    let base = api_base(&server);
    let cases: Vec<(VendorBuilder, &str)> = vec![
        (
            VendorBuilder::new(base.clone()).rate_limit(RateLimit::new(0, Duration::from_secs(1))),
            "at least 1 request per non-zero window",
        ),
        (
            VendorBuilder::new(base.clone()).rate_limit(RateLimit::new(5, Duration::ZERO)),
            "at least 1 request per non-zero window",
        ),
        (
            VendorBuilder::new(base.clone()).page_size(0),
            "page size 0 is outside 1–100",
        ),
        (
            VendorBuilder::new(base.clone()).page_size(101),
            "page size 101 is outside 1–100",
        ),
        (
            VendorBuilder::new(base.clone()).max_response_body(0),
            "response body limit must be greater than zero",
        ),
        (
            VendorBuilder::new(base.clone()).user_agent("  "),
            "User-Agent must not be empty",
        ),
        (
            VendorBuilder::new(base.clone())
                .timeouts(neo_auth_core::Timeouts::default().with_attempt(Duration::ZERO)),
            "timeouts must be greater than zero",
        ),
        (
            VendorBuilder::new("http://example.com/api".into()),
            "plain http to a non-loopback host",
        ),
    ];
    for (builder, expected) in cases {
        let text = config_message(builder.build_basic().unwrap_err());
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // No rate limit at all is fine.
    VendorBuilder::new(base)
        .rate_limit(None)
        .build_basic()
        .expect("no budget");
}

#[tokio::test]
async fn an_oauth_credential_gets_the_cache_config_validated() {
    let server = server().await;
    let error = VendorBuilder::new(api_base(&server))
        .token_cache(cache_config().with_fetch_timeout(Duration::ZERO))
        .build_oauth(&server)
        .unwrap_err();
    assert!(config_message(error).contains("token fetch timeout must be longer than zero"));
}
