//! Every loop guard fires for every paging scheme against vendor-shaped
//! wiremock servers: page cap, a repeated page with a changing timestamp, a
//! growing total, an empty page short of the total, and next links that leave
//! the API (another origin, or outside the base path) refused before any
//! request reaches them.

mod common;
mod paging_shapes;

use futures_util::TryStreamExt;
use neo_auth_core::Error;
use paging_shapes::{Behave, STYLES, Style, list, serve};
use serde_json::Value;
use wiremock::MockServer;

async fn run(style: Style, behave: Behave, max_pages: Option<u64>) -> (Error, usize) {
    let server = serve(style, 23, behave.clone()).await;
    let mut call = list(&server, style);
    if let Some(max) = max_pages {
        call = call.max_pages(max);
    }
    let result: Result<Vec<Value>, Error> = call.stream().try_collect().await;
    let error = result.expect_err(&format!("{style:?} {behave:?} should fail"));
    (error, server.received().await.len())
}

fn stalled(error: &Error) -> (u64, &str) {
    match error {
        Error::PaginationStalled { pages, reason } => (*pages, reason.as_str()),
        other => panic!("expected a stall, got {other:?}"),
    }
}

#[tokio::test]
async fn the_page_cap_fires_for_every_scheme() {
    for style in STYLES {
        let (error, requests) = run(style, Behave::Endless, Some(4)).await;
        let (pages, reason) = stalled(&error);
        assert_eq!(pages, 4, "{style:?}");
        assert!(reason.contains("cap of 4 pages"), "{style:?}: {reason}");
        assert_eq!(requests, 4, "{style:?}");
    }
}

#[tokio::test]
async fn a_repeated_page_with_a_changing_timestamp_is_caught_on_its_first_repeat() {
    for style in STYLES {
        let (error, requests) = run(style, Behave::IgnoresPaging, None).await;
        let (pages, reason) = stalled(&error);
        assert_eq!(pages, 2, "{style:?}: {reason}");
        assert_eq!(requests, 2, "{style:?}");
    }
}

#[tokio::test]
async fn a_growing_total_over_repeated_records_stops_at_the_second_page() {
    // Only the schemes with a total.
    for style in [
        Style::Numbered,
        Style::Offset { next_link: false },
        Style::Offset { next_link: true },
    ] {
        let (error, requests) = run(style, Behave::GrowingTotal, None).await;
        let (pages, _) = stalled(&error);
        assert_eq!(pages, 2, "{style:?}");
        assert_eq!(requests, 2, "{style:?}");
    }
}

#[tokio::test]
async fn an_empty_page_short_of_the_total_is_a_stall() {
    for style in [Style::Numbered, Style::Offset { next_link: false }] {
        let (error, requests) = run(style, Behave::ClaimsTotal(50), None).await;
        let (pages, reason) = stalled(&error);
        assert_eq!(pages, 6, "{style:?}");
        assert!(reason.contains("23 of the 50"), "{style:?}: {reason}");
        assert_eq!(requests, 6, "{style:?}");
    }
}

fn link_styles() -> [Style; 4] {
    [
        Style::Offset { next_link: true },
        Style::Navigable { page_last: false },
        Style::ForwardOnly,
        Style::PostCursor,
    ]
}

#[tokio::test]
async fn a_cross_origin_next_link_is_a_config_error_and_is_not_followed() {
    for style in link_styles() {
        let elsewhere = MockServer::start().await;
        let target = format!("{}/api/company/companies?page=2", elsewhere.uri());
        let (error, requests) = run(style, Behave::NextTo(target), None).await;
        let Error::Config { message, .. } = &error else {
            panic!("{style:?}: {error:?}")
        };
        assert!(message.contains("another origin"), "{style:?}: {message}");
        assert!(
            message.contains(&elsewhere.uri()),
            "the message names the link: {message}"
        );
        assert_eq!(requests, 1, "{style:?}");
        assert!(
            elsewhere
                .received_requests()
                .await
                .unwrap_or_default()
                .is_empty(),
            "{style:?}"
        );
    }
}

#[tokio::test]
async fn a_next_link_outside_the_base_path_is_a_config_error_and_is_not_followed() {
    for style in link_styles() {
        // Origin-relative: on the server's own origin, but outside `/api`.
        let server = serve(style, 23, Behave::NextTo("/admin/export?page=2".to_owned())).await;
        let result: Result<Vec<Value>, Error> = list(&server, style).stream().try_collect().await;
        let error = result.expect_err("outside the base path");
        let Error::Config { message, .. } = &error else {
            panic!("{style:?}: {error:?}")
        };
        assert!(
            message.contains("outside the API path"),
            "{style:?}: {message}"
        );
        assert!(
            message.contains("/admin/export"),
            "the message names the link: {message}"
        );
        let received = server.received().await;
        assert_eq!(received.len(), 1, "{style:?}");
        assert!(
            received.iter().all(|r| r.url.path().starts_with("/api/")),
            "{style:?}"
        );
    }
}

#[tokio::test]
async fn an_encoded_climb_in_a_next_link_is_refused() {
    let server = serve(
        Style::Navigable { page_last: false },
        23,
        Behave::NextTo("/api/%2e%2e/admin?page=2".to_owned()),
    )
    .await;
    let result: Result<Vec<Value>, Error> = list(&server, Style::Navigable { page_last: false })
        .stream()
        .try_collect()
        .await;
    assert!(matches!(result, Err(Error::Config { .. })), "{result:?}");
    assert_eq!(server.received().await.len(), 1);
}
