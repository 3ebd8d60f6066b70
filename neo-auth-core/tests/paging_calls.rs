//! `ListCall` configuration is checked before any request (page size, list
//! requirement, body, parent placeholder), and a `PageHook` can end or fail a list.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::TryStreamExt;
use neo_auth_core::{
    Area, EndpointSpec, Error, ListCall, Need, PageSeen, PageVerdict, PagingScheme, Requirements,
    Scope,
};
use serde_json::{Value, json};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

static READ: Scope = Scope::new("read", "Read");
const AREA: Area = Area::new("records");

static NOTES: EndpointSpec = EndpointSpec::new(
    "notes",
    "/service/tickets/{parent}/notes",
    Requirements::read_only(AREA, &READ),
)
.paging(PagingScheme::Numbered {
    page: "page",
    size: "pageSize",
    first: 1,
    max_size: 1000,
    extra: &[("pageinate", "true")],
});

static NO_LIST: EndpointSpec = EndpointSpec::new(
    "reports",
    "/reports",
    Requirements::of(
        AREA,
        Need::Unsupported,
        Need::Scoped(&READ),
        Need::Unsupported,
        Need::Unsupported,
        Need::Unsupported,
    ),
);

async fn server_with(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn config_error(call: ListCall<Value>, needle: &str) {
    let error = call.send().await.unwrap_err();
    let Error::Config { message, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains(needle), "{message}");
}

#[tokio::test]
async fn misconfigured_lists_fail_before_any_request() {
    let server = server_with(json!([])).await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    config_error(
        ListCall::new(&transport, &NOTES).parent(7).page_size(1001),
        "outside 1–1000",
    )
    .await;
    config_error(
        ListCall::new(&transport, &NOTES).parent(7).page_size(0),
        "outside 1–1000",
    )
    .await;
    config_error(ListCall::new(&transport, &NOTES), "needs a parent id").await;
    config_error(
        ListCall::new(&transport, &NOTES).parent("../admin"),
        "not a parent id",
    )
    .await;
    config_error(
        ListCall::new(&transport, &NOTES).parent(".."),
        "not a parent id",
    )
    .await;
    config_error(ListCall::new(&transport, &NO_LIST), "has no list").await;
    config_error(ListCall::new(&transport, &NO_LIST).parent(1), "has no list").await;
    config_error(
        ListCall::new(&transport, &NOTES).parent(1).body(&json!({})),
        "takes no body",
    )
    .await;
    config_error(
        ListCall::new(&transport, &NOTES)
            .parent(1)
            .refuse("statuses() needs an id"),
        "statuses()",
    )
    .await;
    // A stream reports the same error as its first item.
    let result: Result<Vec<Value>, Error> = ListCall::new(&transport, &NOTES)
        .stream()
        .try_collect()
        .await;
    assert!(matches!(result, Err(Error::Config { .. })));
    assert!(
        server
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

#[tokio::test]
async fn the_parent_fills_the_path_and_extra_params_ride_along() {
    let server = MockServer::start().await;
    Mock::given(path("/api/service/tickets/T%201/notes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1}])))
        .mount(&server)
        .await;
    let transport = Arc::new(common::transport(&server, Arc::new(common::basic())));
    let page = ListCall::<Value>::new(transport.clone(), &NOTES)
        .parent("T 1")
        .page_size(10)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let request = &server.received_requests().await.unwrap()[0];
    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    for pair in [("pageinate", "true"), ("page", "1"), ("pageSize", "10")] {
        assert!(
            query.contains(&(pair.0.to_owned(), pair.1.to_owned())),
            "{query:?}"
        );
    }
}

/// Halo-style: a numbered list answered with bare pages, served 7 records a page
/// whatever the page size; the hook ends it on the first page shorter than asked.
#[tokio::test]
async fn a_hook_ends_a_list_on_a_short_bare_page() {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(any())
        .respond_with(move |request: &Request| {
            counter.fetch_add(1, Ordering::SeqCst);
            let page: u64 = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(1);
            let size = if page < 3 { 10 } else { 4 };
            let items: Vec<Value> = (0..size).map(|i| json!({"id": page * 100 + i})).collect();
            ResponseTemplate::new(200).set_body_json(Value::Array(items))
        })
        .mount(&server)
        .await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let short_bare_ends = |page: &PageSeen<'_>| -> neo_auth_core::Result<PageVerdict> {
        Ok(
            if page.bare && page.page_size.is_some_and(|s| page.items < s as usize) {
                PageVerdict::EndAfter
            } else {
                PageVerdict::Continue
            },
        )
    };
    let records: Vec<Value> = ListCall::new(&transport, &NOTES)
        .parent(1)
        .page_size(10)
        .hook(short_bare_ends)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(records.len(), 24);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        3,
        "no request after the short page"
    );

    // EndBefore drops the page; an error fails the stream.
    let records: Vec<Value> = ListCall::new(&transport, &NOTES)
        .parent(1)
        .page_size(10)
        .hook(|page: &PageSeen<'_>| {
            Ok(if page.index == 2 {
                PageVerdict::EndBefore
            } else {
                PageVerdict::Continue
            })
        })
        .collect_all()
        .await
        .unwrap();
    assert_eq!(records.len(), 10);
    let error = ListCall::<Value>::new(&transport, &NOTES)
        .parent(1)
        .hook(|_: &PageSeen<'_>| {
            Err(Error::PaginationStalled {
                pages: 1,
                reason: "vendor rule".into(),
            })
        })
        .collect_all()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("vendor rule"), "{error}");
}
