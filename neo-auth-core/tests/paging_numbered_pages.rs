//! What a numbered vendor (HaloPSA) needs of `ListCall` beyond the pager: one
//! numbered page (`page(n)`), defaults sent by streams only (a stable order),
//! a hook whose memory belongs to one stream, and list keys that are missing or
//! spelled in another case.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use neo_auth_core::{
    Area, EndpointSpec, Envelope, Error, ListCall, PageHook, PageSeen, PageVerdict, PagingScheme,
    Requirements, Result, Scope,
};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

static READ: Scope = Scope::new("read", "Read");
const AREA: Area = Area::new("records");
const STABLE: &[(&str, &str)] = &[("order", "id"), ("orderdesc", "false")];

static TICKETS: EndpointSpec =
    EndpointSpec::new("tickets", "/Tickets", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Numbered {
            page: "page_no",
            size: "page_size",
            first: 1,
            max_size: 100,
            extra: &[("pageinate", "true")],
        })
        .envelope(
            Envelope::under(&["tickets"])
                .with_total(&["record_count"])
                .or_bare()
                .or_first_array(&["columns"]),
        );

static STATUSES: EndpointSpec =
    EndpointSpec::new("statuses", "/Status", Requirements::read_only(AREA, &READ)).envelope(
        Envelope::under(&["statuses"])
            .with_total(&["record_count"])
            .or_bare()
            .or_first_array(&[]),
    );

fn param(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// 25 tickets, 10 a page, wrapped under `Tickets` (another case than the
/// envelope's key); every request's query is kept.
async fn ticket_server() -> (MockServer, Arc<Mutex<Vec<Request>>>) {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    Mock::given(any())
        .respond_with(move |request: &Request| {
            log.lock().unwrap().push(request.clone());
            let page: u64 = param(request, "page_no")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            let items: Vec<Value> = ((page - 1) * 10 + 1..=(page * 10).min(25))
                .map(|id| json!({"id": id}))
                .collect();
            ResponseTemplate::new(200)
                .set_body_json(json!({"columns": [1], "record_count": 25, "Tickets": items}))
        })
        .mount(&server)
        .await;
    (server, seen)
}

#[tokio::test]
async fn page_n_fetches_one_numbered_page_without_the_stream_defaults() {
    let (server, seen) = ticket_server().await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let call = ListCall::<Value>::new(&transport, &TICKETS)
        .page_size(10)
        .stream_defaults(STABLE);
    let page = call.page(3).await.unwrap();
    assert_eq!(
        page.items,
        vec![
            json!({"id": 21}),
            json!({"id": 22}),
            json!({"id": 23}),
            json!({"id": 24}),
            json!({"id": 25})
        ]
    );
    assert_eq!(page.total, Some(25));
    let first = call.send().await.unwrap();
    assert_eq!(first.items.len(), 10, "the key matched in any case");
    {
        let requests = seen.lock().unwrap();
        assert_eq!(param(&requests[0], "page_no").as_deref(), Some("3"));
        assert_eq!(param(&requests[0], "pageinate").as_deref(), Some("true"));
        for request in requests.iter() {
            assert_eq!(
                param(request, "order"),
                None,
                "a single page sends no default"
            );
        }
    }
    let zero = call.page(0).await.unwrap();
    assert_eq!(zero.items.len(), 10, "a page below the first is the first");

    // A stream sends the defaults, unless the call set one of their keys.
    let all = call.clone().collect_all().await.unwrap();
    assert_eq!(all.len(), 25);
    let ordered = call.param("order", "summary").collect_all().await.unwrap();
    assert_eq!(ordered.len(), 25);
    let requests = seen.lock().unwrap();
    let streamed = &requests[3..6];
    for request in streamed {
        assert_eq!(param(request, "order").as_deref(), Some("id"));
        assert_eq!(param(request, "orderdesc").as_deref(), Some("false"));
    }
    for request in &requests[6..] {
        assert_eq!(param(request, "order").as_deref(), Some("summary"));
        assert_eq!(param(request, "orderdesc"), None);
    }
}

#[tokio::test]
async fn an_unpaged_list_is_page_one_and_later_pages_send_nothing() {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(any())
        .respond_with(move |_: &Request| {
            counter.fetch_add(1, Ordering::SeqCst);
            // An undocumented key: the first array that is not the total.
            ResponseTemplate::new(200)
                .set_body_json(json!({"record_count": 2, "priorities": [{"id": "a"}, {"id": "b"}]}))
        })
        .mount(&server)
        .await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let call = ListCall::<Value>::new(&transport, &STATUSES);
    assert_eq!(call.page(1).await.unwrap().items.len(), 2);
    assert!(call.page(2).await.unwrap().items.is_empty());
    assert_eq!(calls.load(Ordering::SeqCst), 1, "page 2 sent nothing");
    assert_eq!(call.collect_all().await.unwrap().len(), 2);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

/// Counts the pages it saw (and those of a stream); fails the stream on its third.
struct Counting {
    seen: AtomicUsize,
    in_stream: Arc<AtomicUsize>,
}

impl PageHook for Counting {
    fn after_page(&self, page: &PageSeen<'_>) -> Result<PageVerdict> {
        if page.in_stream {
            self.in_stream.fetch_add(1, Ordering::SeqCst);
        }
        if self.seen.fetch_add(1, Ordering::SeqCst) + 1 > 2 {
            return Err(Error::PaginationStalled {
                pages: 3,
                reason: "a third page in one stream".into(),
            });
        }
        Ok(PageVerdict::Continue)
    }
}

#[tokio::test]
async fn a_stream_hook_remembers_one_stream_only() {
    let (server, _) = ticket_server().await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let made = Arc::new(AtomicUsize::new(0));
    let counter = made.clone();
    let streamed = Arc::new(AtomicUsize::new(0));
    let in_stream = streamed.clone();
    let call = ListCall::<Value>::new(&transport, &TICKETS)
        .page_size(10)
        .max_pages(2)
        .stream_hook(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            Counting {
                seen: AtomicUsize::new(0),
                in_stream: in_stream.clone(),
            }
        });
    // Two pages per stream, three streams of one call and its clone: a shared
    // hook would fail on the third page it saw.
    for _ in 0..3 {
        let pages: Vec<_> = call.clone().pages().collect().await;
        assert_eq!(pages.len(), 3, "two pages, then the cap: {pages:?}");
        assert!(pages[2].is_err());
    }
    call.send().await.unwrap();
    call.page(2).await.unwrap();
    assert_eq!(
        made.load(Ordering::SeqCst),
        5,
        "one hook per stream and per page"
    );

    // A shared hook is one hook for every stream.
    let shared = ListCall::<Value>::new(&transport, &TICKETS)
        .page_size(10)
        .hook(Counting {
            seen: AtomicUsize::new(0),
            in_stream: Arc::new(AtomicUsize::new(0)),
        });
    shared.send().await.unwrap();
    shared.send().await.unwrap();
    let error = shared.collect_all().await.unwrap_err();
    assert!(error.to_string().contains("a third page"), "{error}");
}
