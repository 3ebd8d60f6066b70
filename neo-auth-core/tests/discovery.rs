//! Discovery: the bounded small-JSON fetch and its classification, the
//! `Discovered` cache settled only by a definitive answer, and the check that
//! a discovered token URL stays on the base URL's site.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use neo_auth_core::{
    Discovered, DiscoveryAnswer, Error, check_same_site, fetch_small_json, token_http_client,
};
use serde::Deserialize;
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct CompanyInfo {
    #[serde(rename = "Codebase")]
    codebase: String,
}

const TIMEOUT: Duration = Duration::from_secs(10);

async fn serve(template: ResponseTemplate) -> (MockServer, Url) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/login/companyinfo/acme"))
        .respond_with(template)
        .mount(&server)
        .await;
    let url = Url::parse(&format!("{}/login/companyinfo/acme", server.uri())).unwrap();
    (server, url)
}

async fn fetch(template: ResponseTemplate) -> neo_auth_core::Result<DiscoveryAnswer<CompanyInfo>> {
    let (_server, url) = serve(template).await;
    let client = token_http_client(Duration::from_secs(5)).unwrap();
    fetch_small_json(&client, &url, 1024, TIMEOUT).await
}

#[tokio::test]
async fn a_json_answer_is_found() {
    let answer = fetch(
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"Codebase": "v2025_1/", "IsCloud": "True"})),
    )
    .await
    .unwrap();
    assert_eq!(
        answer,
        DiscoveryAnswer::Found(CompanyInfo {
            codebase: "v2025_1/".into()
        })
    );
}

#[tokio::test]
async fn definitive_answers_are_unusable_not_errors() {
    for (template, expect) in [
        (ResponseTemplate::new(404), "answered 404"),
        (ResponseTemplate::new(501), "answered 501"),
        (
            ResponseTemplate::new(200).set_body_string("null"),
            "did not answer the expected JSON",
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>login</html>"),
            "did not answer the expected JSON",
        ),
        (
            ResponseTemplate::new(200).set_body_string("x".repeat(2000)),
            "more than 1024 bytes",
        ),
    ] {
        match fetch(template).await {
            Ok(DiscoveryAnswer::Unusable { reason, .. }) => {
                assert!(reason.contains(expect), "{reason}")
            }
            other => panic!("expected Unusable ({expect}), got {other:?}"),
        }
    }
}

#[tokio::test]
async fn transient_answers_are_retryable_errors_with_retry_after() {
    for status in [408, 429, 500, 502, 503, 504] {
        let error = fetch(ResponseTemplate::new(status).insert_header("retry-after", "17"))
            .await
            .unwrap_err();
        assert!(error.is_retryable(), "{status}: {error:?}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(
            error.retry_after(),
            Some(Duration::from_secs(17)),
            "{status}"
        );
    }
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let (_server, url) = serve(
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"Codebase": "v1/"}))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let client = token_http_client(Duration::from_secs(5)).unwrap();
    let error = fetch_small_json::<CompanyInfo>(&client, &url, 1024, Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(error.is_timeout() && error.is_retryable(), "{error:?}");
}

#[tokio::test]
async fn a_refused_connection_is_retryable_and_user_info_is_never_shown() {
    // Bind and drop a listener: nothing answers on that port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = Url::parse(&format!(
        "http://user:pw-d1sc0very@127.0.0.1:{port}/info?key=k3y"
    ))
    .unwrap();
    let client = token_http_client(Duration::from_secs(5)).unwrap();
    let error = fetch_small_json::<CompanyInfo>(&client, &url, 1024, TIMEOUT)
        .await
        .unwrap_err();
    assert!(error.is_retryable(), "{error:?}");
    let mut shown = format!("{error} {error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(s) = source {
        shown.push_str(&format!(" {s} {s:?}"));
        source = s.source();
    }
    assert!(!shown.contains("pw-d1sc0very"), "{shown}");
    assert!(!shown.contains("k3y"), "{shown}");
}

#[tokio::test]
async fn a_transient_failure_is_not_cached_and_the_next_caller_tries_again() {
    let discovered: Discovered<String> = Discovered::new();
    let calls = AtomicUsize::new(0);
    let attempt = || async {
        calls.fetch_add(1, Ordering::SeqCst);
        Err::<String, _>(Error::timeout("GET /api/authinfo", TIMEOUT))
    };
    assert!(discovered.get_or_discover(attempt).await.is_err());
    assert!(!discovered.is_settled());
    let value = discovered
        .get_or_discover(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok("found".to_owned())
        })
        .await
        .unwrap();
    assert_eq!(value, "found");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // Settled: no further discovery.
    let again = discovered
        .get_or_discover(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok("other".to_owned())
        })
        .await
        .unwrap();
    assert_eq!(again, "found");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_fetch() {
    let discovered = Arc::new(Discovered::<u32>::new());
    let calls = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let discovered = discovered.clone();
        let calls = calls.clone();
        tasks.push(tokio::spawn(async move {
            *discovered
                .get_or_discover(|| async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Ok(7)
                })
                .await
                .unwrap()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 7);
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_preset_value_is_never_discovered() {
    let discovered = Discovered::from_option(Some("configured".to_owned()));
    assert!(discovered.is_settled());
    let value = discovered
        .get_or_discover(|| async { panic!("discovery must not run") })
        .await
        .unwrap();
    assert_eq!(value, "configured");
    assert!(Discovered::<String>::from_option(None).get().is_none());
}

fn url(raw: &str) -> Url {
    Url::parse(raw).unwrap()
}

#[test]
fn token_urls_on_the_base_site_are_accepted() {
    for (base, discovered) in [
        (
            "https://acme.halopsa.com",
            "https://acme.halopsa.com/auth/token",
        ),
        (
            "https://acme.halopsa.com",
            "https://ACME.halopsa.com:8443/auth",
        ),
        (
            "https://acme.halopsa.com",
            "https://auth.halopsa.com/auth/token",
        ),
        ("https://acme.halopsa.com", "https://halopsa.com/auth"),
        (
            "https://acme.halopsa.com/api",
            "https://login.eu.halopsa.com/auth",
        ),
        ("https://halopsa.com", "https://auth.halopsa.com/token"),
        ("https://halo.acme.co.uk", "https://auth.acme.co.uk/token"),
        (
            "https://support.acme.com",
            "https://sso.acme.com/auth/token",
        ),
        ("http://127.0.0.1:8080", "http://127.0.0.1:9090/auth/token"),
        ("http://localhost:8080", "http://127.0.0.1:9090/auth/token"),
        ("https://10.0.0.5", "https://10.0.0.5/auth/token"),
    ] {
        assert!(
            check_same_site(
                &url(base),
                &url(discovered),
                "HALOPSA_AUTH_URL / with_auth_url"
            )
            .is_ok(),
            "{base} → {discovered}"
        );
    }
}

#[test]
fn token_urls_off_the_base_site_are_config_errors() {
    for (base, discovered) in [
        (
            "https://acme.halopsa.com",
            "https://collector.example.net/token",
        ),
        (
            "https://acme.halopsa.com",
            "https://halopsa.com.evil.net/token",
        ),
        ("https://acme.halopsa.com", "https://evilhalopsa.com/token"),
        ("https://acme.halopsa.com", "http://auth.halopsa.com/token"),
        ("https://acme.halopsa.com", "http://127.0.0.1/token"),
        ("https://acme.halopsa.com", "https://127.0.0.1/token"),
        (
            "https://acme.halopsa.com",
            "https://user:pw@auth.halopsa.com/token",
        ),
        ("https://acme.halopsa.com", "ftp://auth.halopsa.com/token"),
        ("https://halopsa.com", "https://other.com/token"),
        ("https://acme.co.uk", "https://evil.co.uk/token"),
        ("https://acme.com.au", "https://evil.com.au/token"),
        ("https://10.0.0.5", "https://10.0.0.6/token"),
        ("http://127.0.0.1:8080", "https://auth.example.com/token"),
    ] {
        let error = check_same_site(
            &url(base),
            &url(discovered),
            "HALOPSA_AUTH_URL / with_auth_url",
        )
        .expect_err(&format!("{base} → {discovered}"));
        let text = error.to_string();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        assert!(
            text.contains("set the URL explicitly (HALOPSA_AUTH_URL / with_auth_url)"),
            "{text}"
        );
        assert!(!text.contains("pw@"), "{text}");
    }
}
