//! A `ListCall` over plain wiremock servers shaped like each vendor's paging
//! reads every record exactly once, with the requests each vendor expects.

mod common;
mod paging_shapes;

use futures_util::TryStreamExt;
use neo_auth_core::{Error, ListCall, PageToken};
use paging_shapes::{Behave, STYLES, Style, ids, list, serve, spec};
use serde_json::Value;

#[tokio::test]
async fn every_scheme_reads_every_record_exactly_once() {
    for style in STYLES {
        let server = serve(style, 23, Behave::Honest).await;
        let records = list(&server, style)
            .collect_all()
            .await
            .unwrap_or_else(|e| panic!("{style:?}: {e}"));
        assert_eq!(ids(&records), (1..=23).collect::<Vec<_>>(), "{style:?}");
        let requests = server.received().await;
        // Five pages of five; forward-only and the total-less schemes learn the end
        // from an empty page or a missing link.
        let expected = match style {
            Style::ForwardOnly => 6,
            _ => 5,
        };
        assert_eq!(requests.len(), expected, "{style:?}");
        for request in &requests {
            let query: Vec<(String, String)> = request
                .url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let has = |k: &str| query.iter().any(|(key, _)| key == k);
            match style {
                Style::Numbered => assert!(has("pageNum") && has("pageSize"), "{query:?}"),
                Style::Offset { .. } => assert!(has("$skip") && has("$top"), "{query:?}"),
                Style::Navigable { page_last } => {
                    assert!(has("pageSize"), "{query:?}");
                    assert_eq!(has("conditions"), page_last, "{query:?}");
                }
                Style::ForwardOnly => {
                    assert_eq!(
                        request.headers.get("pagination-type").unwrap(),
                        "forward-only"
                    )
                }
                Style::BodyCursor => assert!(has("size"), "{query:?}"),
                Style::PostCursor => {
                    assert_eq!(request.method.as_str(), "POST");
                    assert!(has("limit"), "{query:?}");
                }
            }
        }
    }
}

#[tokio::test]
async fn send_is_the_first_page_with_its_total_and_next_token() {
    let server = serve(Style::Offset { next_link: true }, 23, Behave::Honest).await;
    let page = list(&server, Style::Offset { next_link: true })
        .send()
        .await
        .unwrap();
    assert_eq!(page.total, Some(23));
    let Some(PageToken::Link(next)) = &page.next else {
        panic!("{:?}", page.next)
    };
    assert!(
        next.as_str().ends_with("/api/devices?$skip=5&$top=5"),
        "{next}"
    );
    assert_eq!(
        ids(&page.into_iter().collect::<Vec<_>>()),
        vec![1, 2, 3, 4, 5]
    );

    let server = serve(Style::Numbered, 23, Behave::Honest).await;
    let page = list(&server, Style::Numbered).send().await.unwrap();
    assert_eq!(page.next, Some(PageToken::Number(2)));
    assert_eq!(page.items.len(), 5);
}

#[tokio::test]
async fn pages_stream_one_page_at_a_time() {
    let server = serve(Style::Navigable { page_last: false }, 12, Behave::Honest).await;
    let pages: Vec<_> = list(&server, Style::Navigable { page_last: false })
        .pages()
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, vec![5, 5, 2]);
}

#[tokio::test]
async fn a_post_list_is_retried_like_a_read() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use wiremock::{
        Mock, MockServer, ResponseTemplate,
        matchers::{method, path},
    };
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    Mock::given(method("POST"))
        .and(path("/api/endpoints"))
        .respond_with(move |_: &wiremock::Request| {
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                ResponseTemplate::new(503)
            } else {
                ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": 1}]))
            }
        })
        .mount(&server)
        .await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let records: Vec<Value> = ListCall::new(&transport, spec(Style::PostCursor))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(ids(&records), vec![1]);
    assert_eq!(calls.load(Ordering::SeqCst), 2, "the 503 was retried");
    let body: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({}),
        "a POST list without a body sends `{{}}`"
    );
}

#[tokio::test]
async fn records_are_told_apart_by_a_given_id() {
    // VSA X devices have an `Identifier`, no `id`: with the extractor, a device
    // served twice is yielded once.
    use std::sync::Arc;
    use wiremock::{
        Mock, MockServer, ResponseTemplate,
        matchers::{any, query_param},
    };
    let server = MockServer::start().await;
    let page = |ids: &[&str], stamp: u32| {
        let data: Vec<Value> = ids
            .iter()
            .map(|id| serde_json::json!({"Identifier": id, "Seen": stamp}))
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"Data": data, "Meta": {"TotalCount": 3}}))
    };
    Mock::given(query_param("$skip", "0"))
        .respond_with(page(&["a", "b"], 1))
        .mount(&server)
        .await;
    Mock::given(query_param("$skip", "2"))
        .respond_with(page(&["b", "c"], 2))
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(page(&[], 3))
        .mount(&server)
        .await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let devices: Vec<Value> = ListCall::new(&transport, spec(Style::Offset { next_link: false }))
        .page_size(2)
        .record_id(|d: &Value| d["Identifier"].as_str().map(str::to_owned))
        .collect_all()
        .await
        .unwrap();
    let names: Vec<&str> = devices
        .iter()
        .filter_map(|d| d["Identifier"].as_str())
        .collect();
    assert_eq!(names, vec!["a", "b", "c"]);
}

#[tokio::test]
async fn a_bad_record_is_a_decode_error_at_its_path() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Record {
        id: u64,
        name: String,
    }
    use std::sync::Arc;
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "totalCount": 2, "data": [{"id": 1, "name": "a"}, {"id": 2, "name": 7}]
        })))
        .mount(&server)
        .await;
    let transport = common::transport(&server, Arc::new(common::basic()));
    let error = ListCall::<Record>::new(&transport, spec(Style::Numbered))
        .send()
        .await
        .unwrap_err();
    let Error::Decode { path, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, "data[1].name");
}
