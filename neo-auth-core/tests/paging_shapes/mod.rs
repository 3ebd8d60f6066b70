//! Plain wiremock servers shaped like each vendor's list paging (facts from the
//! vendor notes), honest or misbehaving, and the endpoint specs that read them.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use neo_auth_core::{Area, EndpointSpec, Envelope, PagingScheme, Requirements, Scope, Transport};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common;

pub static READ: Scope = Scope::new("read", "Read");
pub const AREA: Area = Area::new("records");

/// HaloPSA/Asio tickets style: `pageNum`/`pageSize`, `{totalCount, data}`.
pub static NUMBERED: EndpointSpec =
    EndpointSpec::new("tickets", "/tickets", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Numbered {
            page: "pageNum",
            size: "pageSize",
            first: 1,
            max_size: 100,
            extra: &[],
        })
        .envelope(Envelope::under(&["data"]).with_total(&["totalCount"]));

/// VSA X: `$skip`/`$top`, `{Data, Meta{TotalCount, NextQueryLink}}`.
pub static OFFSET: EndpointSpec =
    EndpointSpec::new("devices", "/devices", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Offset {
            skip: "$skip",
            top: "$top",
            max_size: 1000,
        })
        .envelope(
            Envelope::under(&["Data"])
                .with_total(&["Meta", "TotalCount"])
                .with_next(&["Meta", "NextQueryLink"]),
        );

/// ConnectWise Manage: a bare array, `Link: <…>; rel="next"`.
pub static LINKED: EndpointSpec = EndpointSpec::new(
    "companies",
    "/company/companies",
    Requirements::read_only(AREA, &READ),
)
.paging(PagingScheme::LinkHeader {
    size: "pageSize",
    max_size: 1000,
});

/// Asio's device list: POST with a JSON body, `Link` cursors.
pub static POSTED: EndpointSpec = EndpointSpec::new(
    "endpoints",
    "/endpoints",
    Requirements::read_only(AREA, &READ),
)
.paging(PagingScheme::LinkHeader {
    size: "limit",
    max_size: 500,
})
.list_via_post();

/// An opaque cursor in the body (`{"items": [...], "paging": {"next": "…"}}`).
pub static CURSORED: EndpointSpec =
    EndpointSpec::new("alerts", "/alerts", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Cursor {
            param: "cursor",
            at: &["paging", "next"],
            size: "size",
            max_size: 100,
        })
        .envelope(Envelope::under(&["items"]));

/// How the server pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `pageNum`/`pageSize` with `totalCount`.
    Numbered,
    /// `$skip`/`$top` with `Meta.TotalCount` (and `Meta.NextQueryLink` when set).
    Offset { next_link: bool },
    /// Navigable `page`/`pageSize` with a `Link` header; the page number first
    /// or last in the link's query.
    Navigable { page_last: bool },
    /// Forward-only `pageId` (keyset): the `Link` always points at the last id.
    ForwardOnly,
    /// Asio: POST, `cursor`/`limit`, `Link` when more remain.
    PostCursor,
    /// An opaque cursor in the body, sent back as `cursor`.
    BodyCursor,
}

/// How the server misbehaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Behave {
    Honest,
    /// Serves the first page for every request, with a changing timestamp.
    IgnoresPaging,
    /// Ignores paging and reports a total that grows with every request.
    GrowingTotal,
    /// Reports this total, above the records it has.
    ClaimsTotal(u64),
    /// Has records without end.
    Endless,
    /// The first page's next link is this URL.
    NextTo(String),
}

pub struct Server {
    pub server: MockServer,
    pub requests: Arc<AtomicUsize>,
}

impl Server {
    pub fn transport(&self) -> Transport {
        common::transport(&self.server, Arc::new(common::basic()))
    }

    pub fn base(&self) -> String {
        common::api_base(&self.server)
    }

    pub async fn received(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }
}

pub fn record(id: usize, stamp: usize) -> Value {
    json!({"id": id, "name": format!("record {id}"), "_info": {"lastUpdated": stamp}})
}

fn query(request: &Request, key: &str) -> Option<usize> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
}

/// Mounts a server of `style` holding `count` records (ids 1..=count).
pub async fn serve(style: Style, count: usize, behave: Behave) -> Server {
    let server = MockServer::start().await;
    let requests = Arc::new(AtomicUsize::new(0));
    let base = common::api_base(&server);
    let counter = requests.clone();
    Mock::given(any())
        .respond_with(move |request: &Request| {
            let call = counter.fetch_add(1, Ordering::SeqCst) + 1;
            respond(style, count, &behave, &base, call, request)
        })
        .mount(&server)
        .await;
    Server { server, requests }
}

fn respond(
    style: Style,
    count: usize,
    behave: &Behave,
    base: &str,
    call: usize,
    request: &Request,
) -> ResponseTemplate {
    let (start, size) = match style {
        Style::Numbered => {
            let size = query(request, "pageSize").unwrap_or(10);
            ((query(request, "pageNum").unwrap_or(1) - 1) * size, size)
        }
        Style::Offset { .. } => (
            query(request, "$skip").unwrap_or(0),
            query(request, "$top").unwrap_or(10),
        ),
        Style::Navigable { .. } => {
            let size = query(request, "pageSize").unwrap_or(25);
            ((query(request, "page").unwrap_or(1) - 1) * size, size)
        }
        Style::ForwardOnly => (
            query(request, "pageId").unwrap_or(0),
            query(request, "pageSize").unwrap_or(25),
        ),
        Style::PostCursor => {
            if request.method.as_str() != "POST"
                || serde_json::from_slice::<Value>(&request.body).ok()
                    != Some(json!({"filter": "endpointType in (Desktop)"}))
            {
                return ResponseTemplate::new(400).set_body_string("expected the POST body");
            }
            (
                query(request, "cursor").unwrap_or(0),
                query(request, "limit").unwrap_or(500),
            )
        }
        Style::BodyCursor => (
            query(request, "cursor")
                .map(|c| c.saturating_sub(1000))
                .unwrap_or(0),
            query(request, "size").unwrap_or(10),
        ),
    };
    let repeats = matches!(behave, Behave::IgnoresPaging | Behave::GrowingTotal);
    let served_start = if repeats { 0 } else { start };
    let available = if *behave == Behave::Endless {
        usize::MAX / 2
    } else {
        count
    };
    let end = (served_start + size).min(available);
    let items: Vec<Value> = (served_start..end.max(served_start))
        .map(|i| record(i + 1, call))
        .collect();
    let more = start + size < available;
    let total = match behave {
        Behave::GrowingTotal => (call * 1000) as u64,
        Behave::ClaimsTotal(total) => *total,
        Behave::Endless => u64::MAX,
        _ => count as u64,
    };
    let forced = match behave {
        Behave::NextTo(url) if call == 1 => Some(url.clone()),
        _ => None,
    };
    match style {
        Style::Numbered => ResponseTemplate::new(200).set_body_json(json!({
            "totalCount": total, "data": items, "generatedAt": call,
        })),
        Style::Offset { next_link } => {
            let mut meta = json!({"ResponseCode": 200, "TotalCount": total, "Stamp": call});
            let link = forced.or_else(|| {
                (next_link && more)
                    .then(|| format!("{base}/devices?$skip={}&$top={size}", start + size))
            });
            if let Some(link) = link {
                meta["NextQueryLink"] = json!(link);
            }
            ResponseTemplate::new(200).set_body_json(json!({"Data": items, "Meta": meta}))
        }
        Style::Navigable { page_last } => {
            let page = start / size.max(1) + 2;
            let next = if page_last {
                format!("{base}/company/companies?pageSize={size}&conditions=x&page={page}")
            } else {
                format!("{base}/company/companies?page={page}&pageSize={size}")
            };
            let mut links = vec![format!(
                "<{base}/company/companies?page=1&pageSize={size}>; rel=\"first\""
            )];
            if let Some(url) = forced {
                links.push(format!("<{url}>; rel=\"next\""));
            } else if more {
                links.push(format!("<{next}>; rel=\"next\""));
            }
            ResponseTemplate::new(200)
                .insert_header("Link", links.join(", ").as_str())
                .set_body_json(Value::Array(items))
        }
        Style::ForwardOnly => {
            let last = items
                .last()
                .and_then(|r| r["id"].as_u64())
                .unwrap_or(start as u64);
            // Relative, as RFC 8288 allows: resolved against the request URL.
            let next = forced.unwrap_or_else(|| format!("?pageSize={size}&pageId={last}"));
            ResponseTemplate::new(200)
                .insert_header("Link", format!("<{next}>; rel=\"next\"").as_str())
                .set_body_json(Value::Array(items))
        }
        Style::BodyCursor => {
            // Opaque to the client: offset + 1000.
            let next = more.then(|| (start + size + 1000).to_string());
            ResponseTemplate::new(200).set_body_json(json!({
                "items": items, "paging": {"next": next, "stamp": call},
            }))
        }
        Style::PostCursor => {
            let mut template = ResponseTemplate::new(200).set_body_json(Value::Array(items));
            let next = forced.or_else(|| {
                more.then(|| format!("{base}/endpoints?cursor={}&limit={size}", start + size))
            });
            if let Some(next) = next {
                template = template.insert_header(
                    "Link",
                    format!("<{next}>; rel=\"next\"; title=\"next, page\"").as_str(),
                );
            }
            template
        }
    }
}

/// The spec that reads `style`.
pub fn spec(style: Style) -> &'static EndpointSpec {
    match style {
        Style::Numbered => &NUMBERED,
        Style::Offset { .. } => &OFFSET,
        Style::Navigable { .. } | Style::ForwardOnly => &LINKED,
        Style::PostCursor => &POSTED,
        Style::BodyCursor => &CURSORED,
    }
}

/// Every style.
pub const STYLES: [Style; 8] = [
    Style::Numbered,
    Style::Offset { next_link: false },
    Style::Offset { next_link: true },
    Style::Navigable { page_last: false },
    Style::Navigable { page_last: true },
    Style::ForwardOnly,
    Style::PostCursor,
    Style::BodyCursor,
];

/// A list call reading `style` from `server`, five records a page.
pub fn list(server: &Server, style: Style) -> neo_auth_core::ListCall<Value> {
    let mut call = neo_auth_core::ListCall::new(server.transport(), spec(style)).page_size(5);
    match style {
        Style::Navigable { page_last: true } => call = call.param("conditions", "x"),
        Style::ForwardOnly => {
            call = call.header(
                http::HeaderName::from_static("pagination-type"),
                http::HeaderValue::from_static("forward-only"),
            )
        }
        Style::PostCursor => call = call.body(&json!({"filter": "endpointType in (Desktop)"})),
        _ => {}
    }
    call
}

/// The ids of `records`.
pub fn ids(records: &[Value]) -> Vec<u64> {
    records.iter().filter_map(|r| r["id"].as_u64()).collect()
}
