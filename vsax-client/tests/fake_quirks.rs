//! VSA X's paging and reply quirks against the fake: many pages read exactly
//! once, `NextQueryLink` above a threshold, a silently capped `$top`, bare
//! arrays, `$filter`, and the kit's faults (429, 5xx, 401 mid-stream,
//! malformed JSON).

use std::collections::HashSet;

use futures_util::TryStreamExt;
use vsax_client::Error;
use vsax_client::fake::{FakeConfig, FakeServer, Fault};
use vsax_client::models::{CreateNotification, Priority};
use vsax_client::odata::Filter;

fn assert_each_once(ids: &[String], expected: usize) {
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no record twice");
    assert_eq!(ids.len(), expected, "every record");
}

#[tokio::test]
async fn many_pages_on_skip_and_top_every_record_once() {
    let fake = FakeServer::start_with(FakeConfig::default().devices(1234)).await;
    let client = fake.client_builder().page_size(100).build().unwrap();
    let ids: Vec<String> = client
        .devices()
        .list()
        .stream()
        .map_ok(|d| d.identifier)
        .try_collect()
        .await
        .unwrap();
    assert_each_once(&ids, 1234);
    // 13 pages, and no request past TotalCount.
    assert_eq!(fake.requests_to("GET", "/api/v3/devices"), 13);
}

#[tokio::test]
async fn next_query_link_is_followed_above_the_threshold() {
    let fake = FakeServer::start_with(FakeConfig::default().devices(230).next_link_above(50)).await;
    let client = fake.client_builder().page_size(100).build().unwrap();
    let first = client.devices().list().send().await.unwrap();
    assert_eq!(first.total, Some(230));
    let ids: Vec<String> = client
        .assets()
        .list()
        .stream()
        .map_ok(|a| a.identifier)
        .try_collect()
        .await
        .unwrap();
    assert_each_once(&ids, 230);
    assert_eq!(fake.requests_to("GET", "/api/v3/assets"), 3);
}

#[tokio::test]
async fn a_silently_capped_top_still_reads_everything_once() {
    let fake = FakeServer::start_with(FakeConfig::default().devices(95).max_top(40)).await;
    let client = fake.client_builder().page_size(100).build().unwrap();
    let ids: Vec<String> = client
        .devices()
        .list()
        .stream()
        .map_ok(|d| d.identifier)
        .try_collect()
        .await
        .unwrap();
    assert_each_once(&ids, 95);
    assert_eq!(fake.requests_to("GET", "/api/v3/devices"), 3);
}

#[tokio::test]
async fn bare_array_replies_are_accepted() {
    let fake = FakeServer::start_with(FakeConfig::default().bare(["sites", "automation"])).await;
    let client = fake.client_builder().page_size(4).build().unwrap();
    let sites = client.sites().list().collect_all().await.unwrap();
    assert_eq!(sites.len(), 6);
    let site = client.sites().get(sites[0].id).send().await.unwrap();
    assert_eq!(site.id, sites[0].id);
    let scripts = client.scripts().list().collect_all().await.unwrap();
    assert_eq!(scripts.len(), 3);
}

#[tokio::test]
async fn filters_and_sorting_reach_the_server() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    let fabrikam = client
        .devices()
        .list()
        .filter(&Filter::eq("OrganizationId", 4822).and(Filter::contains("Name", "fabrikam")))
        .order_by("Name", true)
        .collect_all()
        .await
        .unwrap();
    assert!(!fabrikam.is_empty());
    assert!(fabrikam.iter().all(|d| d.organization_id == Some(4822)));
    let bad = client
        .devices()
        .list()
        .filter(&Filter::eq("Bad Field", 1))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(bad, Error::Config { .. }), "{bad:?}");
    let refused = client
        .devices()
        .list()
        .filter_raw("(A eq 1)")
        .send()
        .await
        .unwrap_err();
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(400));
    assert!(
        refused.to_string().contains("cannot read the $filter"),
        "{refused}"
    );
}

#[tokio::test]
async fn rate_limits_with_and_without_retry_after_are_retried() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    fake.inject_on(
        "/api/v3/devices",
        Fault::RateLimited {
            retry_after: Some(0),
            times: 1,
        },
    );
    fake.inject_on(
        "/api/v3/devices",
        Fault::RateLimited {
            retry_after: None,
            times: 1,
        },
    );
    let devices = client.devices().list().collect_all().await.unwrap();
    assert_eq!(devices.len(), 12);
    assert_eq!(fake.requests_to("GET", "/api/v3/devices"), 3);
}

#[tokio::test]
async fn server_errors_on_reads_are_retried() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    fake.inject_on(
        "/api/v3/assets",
        Fault::ServerError {
            status: 503,
            times: 1,
        },
    );
    assert_eq!(
        client.assets().list().collect_all().await.unwrap().len(),
        12
    );
    assert_eq!(fake.requests_to("GET", "/api/v3/assets"), 2);
}

#[tokio::test]
async fn writes_are_not_retried_after_a_server_error() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    fake.inject_on(
        "/api/v3/notifications",
        Fault::ServerError {
            status: 502,
            times: 1,
        },
    );
    let err = client
        .notifications()
        .create(&CreateNotification::new(
            "x",
            "Backup failed",
            Priority::Low,
        ))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502), "{err:?}");
    assert_eq!(fake.requests_to("POST", "/api/v3/notifications"), 1);
}

#[tokio::test]
async fn a_401_mid_stream_fails_the_stream_with_the_grace_period_hint() {
    let fake = FakeServer::start_with(FakeConfig::default().devices(30)).await;
    let client = fake.client_builder().page_size(10).build().unwrap();
    let mut stream = client.devices().list().stream();
    for _ in 0..10 {
        stream.try_next().await.unwrap().unwrap();
    }
    fake.inject_on("/api/v3/devices", Fault::Unauthorized { times: 1 });
    let err = loop {
        match stream.try_next().await {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the stream ended without the 401"),
            Err(err) => break err,
        }
    };
    assert!(err.is_auth(), "{err:?}");
    assert!(err.to_string().contains("30-day grace period"), "{err}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_not_a_panic() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    fake.inject_on("/api/v3/organizations", Fault::MalformedJson { times: 1 });
    let err = client.organizations().list().send().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
}

#[tokio::test]
async fn unexpected_shapes_in_a_record_name_the_path() {
    let fake = FakeServer::start().await;
    let client = fake.client_builder().build().unwrap();
    fake.with_state(|s| s.organizations[1]["Id"] = serde_json::json!("not a number"));
    let err = client.organizations().list().send().await.unwrap_err();
    let Error::Decode { path, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(path.contains("Data[1]"), "{path}");
    // Unknown fields, numbers as strings and odd enum casing are read.
    fake.with_state(|s| {
        s.organizations[1]["Id"] = serde_json::json!("4822");
        s.organizations[1]["Brand"] = serde_json::json!({"Color": "red"});
        s.notifications[0]["Severity"] = serde_json::json!("URGENT");
    });
    let orgs = client.organizations().list().collect_all().await.unwrap();
    assert_eq!(orgs[1].id, 4822);
    assert_eq!(orgs[1].extra["Brand"]["Color"], "red");
    let notes = client.notifications().list().collect_all().await.unwrap();
    assert_eq!(notes[0].severity, Some(Priority::Unknown("URGENT".into())));
}
