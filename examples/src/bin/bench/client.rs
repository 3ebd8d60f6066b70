//! The two clients under test: the SDK's typed `ListCall` stream and the raw
//! floor (the same reqwest and TLS set-up, the same pages, the same plain
//! struct, nothing else).

use std::sync::Arc;

use futures_util::TryStreamExt;
use neo_auth_core::{
    AccessPolicy, Area, ClientCredentialsSource, EndpointSpec, Envelope, ListCall,
    OAuth2Credential, PagingScheme, Requirements, Scope, Transport,
};
use secrecy::SecretString;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::payload::{CwTicket, HaloTicket};

static READ: Scope = Scope::new("read:bench", "Bench - Read");
const AREA: Area = Area::new("bench");

/// Halo's ticket list: numbered pages, `{"record_count":…,"tickets":[…]}`.
pub static HALO_TICKETS: EndpointSpec =
    EndpointSpec::new("tickets", "/tickets", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Numbered {
            page: "page_no",
            size: "page_size",
            first: 1,
            max_size: 1000,
            extra: &[("pageinate", "true")],
        })
        .envelope(
            Envelope::under(&["tickets"])
                .with_total(&["record_count"])
                .or_bare(),
        );

/// ConnectWise's ticket list: numbered pages, a bare array, no total.
pub static CW_TICKETS: EndpointSpec = EndpointSpec::new(
    "service.tickets",
    "/service/tickets",
    Requirements::read_only(AREA, &READ),
)
.paging(PagingScheme::Numbered {
    page: "page",
    size: "pageSize",
    first: 1,
    max_size: 1000,
    extra: &[],
});

/// Which vendor's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vendor {
    Halo,
    Cw,
}

impl Vendor {
    pub fn parse(name: &str) -> Vendor {
        match name {
            "cw" => Vendor::Cw,
            _ => Vendor::Halo,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Vendor::Halo => "halo",
            Vendor::Cw => "cw",
        }
    }
}

/// A transport to the bench server at `origin` (`http://127.0.0.1:PORT`) with
/// a client-credentials token from its `/token` (after `token_delay_ms`).
pub fn transport(
    origin: &str,
    base: &str,
    token_delay_ms: u64,
) -> (Transport, Arc<OAuth2Credential>) {
    let source = ClientCredentialsSource::new(
        &format!("{origin}/token?delay_ms={token_delay_ms}"),
        "bench-id",
        SecretString::from("bench-secret"),
    )
    .expect("valid token source")
    .with_scopes(["read:bench"]);
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .build()
            .expect("valid credential"),
    );
    let transport = Transport::builder(format!("{origin}{base}"))
        .credential(credential.clone())
        .policy(AccessPolicy::read_only())
        .build()
        .expect("valid transport");
    (transport, credential)
}

/// The base path of a vendor's list on the bench server.
pub fn base_path(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Halo => "/api",
        Vendor::Cw => "/cw",
    }
}

/// Streams every record through `ListCall`; returns (records, id sum), and
/// calls `first` on the first record.
pub async fn typed(
    transport: &Transport,
    vendor: Vendor,
    n: u64,
    page_size: u32,
    extra: &[(&str, &str)],
    first: &mut dyn FnMut(),
) -> neo_auth_core::Result<(u64, i64)> {
    match vendor {
        Vendor::Halo => {
            typed_of::<HaloTicket>(transport, &HALO_TICKETS, n, page_size, extra, first, |t| {
                t.id
            })
            .await
        }
        Vendor::Cw => {
            typed_of::<CwTicket>(transport, &CW_TICKETS, n, page_size, extra, first, |t| t.id).await
        }
    }
}

async fn typed_of<T: DeserializeOwned + Send + 'static>(
    transport: &Transport,
    spec: &'static EndpointSpec,
    n: u64,
    page_size: u32,
    extra: &[(&str, &str)],
    first: &mut dyn FnMut(),
    id: fn(&T) -> i64,
) -> neo_auth_core::Result<(u64, i64)> {
    let mut call = ListCall::<T>::new(transport, spec)
        .page_size(page_size)
        .param("total", n);
    for (k, v) in extra {
        call = call.param(*k, *v);
    }
    let mut stream = call.stream();
    let (mut count, mut sum) = (0u64, 0i64);
    while let Some(record) = stream.try_next().await? {
        if count == 0 {
            first();
        }
        count += 1;
        sum = sum.wrapping_add(id(&record));
    }
    Ok((count, sum))
}

#[derive(Deserialize)]
struct HaloPage {
    record_count: Option<u64>,
    tickets: Vec<HaloTicket>,
}

/// The raw floor: a reqwest GET per page with the bearer token, the body read,
/// `serde_json::from_slice` into the same plain struct; stops when the reported
/// total is reached or a page comes back empty (as the pager does).
pub async fn floor(
    http: &reqwest::Client,
    origin: &str,
    vendor: Vendor,
    n: u64,
    page_size: u32,
    first: &mut dyn FnMut(),
) -> Result<(u64, i64), Box<dyn std::error::Error>> {
    let (mut count, mut sum) = (0u64, 0i64);
    let mut page = 1u64;
    loop {
        let url = match vendor {
            Vendor::Halo => format!(
                "{origin}/api/tickets?total={n}&pageinate=true&page_no={page}&page_size={page_size}"
            ),
            Vendor::Cw => {
                format!("{origin}/cw/service/tickets?total={n}&page={page}&pageSize={page_size}")
            }
        };
        let body = http
            .get(url)
            .bearer_auth("bench-token")
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        let (len, total) = match vendor {
            Vendor::Halo => {
                let parsed: HaloPage = serde_json::from_slice(&body)?;
                for t in &parsed.tickets {
                    sum = sum.wrapping_add(t.id);
                }
                (parsed.tickets.len() as u64, parsed.record_count)
            }
            Vendor::Cw => {
                let parsed: Vec<CwTicket> = serde_json::from_slice(&body)?;
                for t in &parsed {
                    sum = sum.wrapping_add(t.id);
                }
                (parsed.len() as u64, None)
            }
        };
        if len == 0 {
            break;
        }
        if count == 0 {
            first();
        }
        count += len;
        if total.is_some_and(|total| count >= total) {
            break;
        }
        page += 1;
    }
    Ok((count, sum))
}

/// The floor's HTTP client: the SDK's own builder (rustls, TCP_NODELAY).
pub fn floor_http() -> reqwest::Client {
    neo_auth_core::http_client_builder()
        .build()
        .expect("reqwest client")
}
