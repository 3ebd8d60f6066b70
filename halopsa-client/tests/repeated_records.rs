//! Issue 8, item 4, for HaloPSA: a server whose pages differ byte for byte but
//! repeat the same records no longer defeats the loop guards. The records are
//! told apart by their ids (the core's record-keyed guards under Halo's lists),
//! so each is yielded once and the list then fails as stalled, whether the
//! repeat carries a changing timestamp or a `record_count` that grows.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use common::*;
use futures_util::StreamExt;
use halopsa_client::models::Ticket;
use neo_auth_core::Error;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, ResponseTemplate};

/// The same 100 tickets on every page (Halo ignoring `page_no`), each served
/// with a fresh `lastactiondate`; `record_count` is `count(page)`.
fn same_records(count: fn(u64) -> u64) -> impl Fn(&Request) -> ResponseTemplate {
    let served = Arc::new(AtomicU64::new(0));
    move |_: &Request| {
        let page = served.fetch_add(1, Ordering::SeqCst) + 1;
        let tickets: Vec<Value> = (1..=100)
            .map(|id| json!({"id": id, "summary": format!("t{id}"), "lastactiondate": format!("2026-01-01T00:00:{page:02}Z")}))
            .collect();
        ResponseTemplate::new(200)
            .set_body_json(json!({"record_count": count(page), "tickets": tickets}))
    }
}

/// Streams every ticket; returns the ids yielded, the error that ended the
/// stream and the number of requests sent.
async fn stream_tickets(count: fn(u64) -> u64) -> (Vec<i64>, Option<Error>, usize) {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/Tickets"))
        .respond_with(same_records(count))
        .mount(&server)
        .await;
    let mut stream = client.tickets().list().stream();
    let mut ids = Vec::new();
    let mut error = None;
    while let Some(next) = stream.next().await {
        match next {
            Ok(Ticket { id, .. }) => ids.push(id.expect("every ticket has an id")),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let requests = api_requests(&server).await.len();
    (ids, error, requests)
}

fn assert_stalled(error: Option<Error>) {
    match error {
        Some(Error::PaginationStalled { .. }) => {}
        other => panic!("expected PaginationStalled, got {other:?}"),
    }
}

#[tokio::test]
async fn the_same_records_with_a_changing_timestamp_are_yielded_once_then_stall() {
    let (ids, error, requests) = stream_tickets(|_| 1000).await;
    assert_eq!(ids.len(), 100, "each record once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 100);
    assert_stalled(error);
    assert_eq!(requests, 2, "the first repeat ends the list");
}

#[tokio::test]
async fn a_record_count_that_grows_every_page_stops_on_the_first_repeat() {
    // 200, 300, 400, …: the total always runs ahead of what was read.
    let (ids, error, requests) = stream_tickets(|page| 100 * (page + 1)).await;
    assert_eq!(ids.len(), 100, "each record once");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 100);
    assert_stalled(error);
    assert_eq!(requests, 2, "not run to the page cap");
}
