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

use crate::payload::{AsioGroup, CwTicket, HaloTicket, VsaxDevice};

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

/// VSA X's device list: `$skip`/`$top`, `{"Data":[…],"Meta":{"TotalCount":…}}`
/// (as `vsax_client::endpoints::DEVICES_EP`).
pub static VSAX_DEVICES: EndpointSpec =
    EndpointSpec::new("devices", "/devices", Requirements::read_only(AREA, &READ))
        .paging(PagingScheme::Offset {
            skip: "$skip",
            top: "$top",
            max_size: 500,
        })
        .envelope(
            Envelope::under(&["Data"])
                .with_total(&["Meta", "TotalCount"])
                .with_next(&["Meta", "NextQueryLink"])
                .or_bare(),
        );

/// Asio's device list: a read sent as `POST`, groups under `platform`, the
/// next page in the `Link` header (as `asio_client::endpoints::DEVICES_PLATFORM`).
pub static ASIO_DEVICES: EndpointSpec = EndpointSpec::new(
    "devices",
    "/endpoints",
    Requirements::read_only(AREA, &READ),
)
.paging(PagingScheme::LinkHeader {
    size: "limit",
    max_size: 1000,
})
.envelope(Envelope::under(&["platform"]))
.list_via_post();

/// Which vendor's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vendor {
    Halo,
    Cw,
    Vsax,
    Asio,
}

impl Vendor {
    /// Every vendor, in the order the figures print them.
    pub const ALL: [Vendor; 4] = [Vendor::Halo, Vendor::Cw, Vendor::Vsax, Vendor::Asio];

    pub fn parse(name: &str) -> Vendor {
        match name {
            "cw" => Vendor::Cw,
            "vsax" => Vendor::Vsax,
            "asio" => Vendor::Asio,
            _ => Vendor::Halo,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Vendor::Halo => "halo",
            Vendor::Cw => "cw",
            Vendor::Vsax => "vsax",
            Vendor::Asio => "asio",
        }
    }

    /// The two page sizes measured: 100 and the vendor's largest (1000, or
    /// 500 for VSA X, whose API takes no more).
    pub fn page_sizes(self) -> [u32; 2] {
        match self {
            Vendor::Vsax => [100, 500],
            _ => [100, 1000],
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
        Vendor::Vsax => "/vsax",
        Vendor::Asio => "/asio",
    }
}

/// Streams every record through `ListCall`, keyed as the vendor's crate keys
/// them; returns (records, id sum), and calls `first` on the first record.
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
            let call = ListCall::<HaloTicket>::new(transport, &HALO_TICKETS);
            typed_of(call, n, page_size, extra, first, |t| (1, t.id)).await
        }
        Vendor::Cw => {
            let call = ListCall::<CwTicket>::new(transport, &CW_TICKETS);
            typed_of(call, n, page_size, extra, first, |t| (1, t.id)).await
        }
        Vendor::Vsax => {
            // As `vsax_client`'s device list: identifiers compare without case.
            let call = ListCall::<VsaxDevice>::new(transport, &VSAX_DEVICES)
                .record_id(|d: &VsaxDevice| d.identifier.to_ascii_lowercase());
            typed_of(call, n, page_size, extra, first, |d| (1, d.number())).await
        }
        Vendor::Asio => {
            // As `asio_client`'s device list: a `{}` body, groups keyed by bytes.
            let call = ListCall::<AsioGroup>::new(transport, &ASIO_DEVICES)
                .body(&serde_json::json!({}))
                .records_without_ids();
            typed_of(call, n, page_size, extra, first, AsioGroup::weigh).await
        }
    }
}

async fn typed_of<T: DeserializeOwned + Send + 'static>(
    call: ListCall<T>,
    n: u64,
    page_size: u32,
    extra: &[(&str, &str)],
    first: &mut dyn FnMut(),
    weigh: fn(&T) -> (u64, i64),
) -> neo_auth_core::Result<(u64, i64)> {
    let mut call = call.page_size(page_size).param("total", n);
    for (k, v) in extra {
        call = call.param(*k, *v);
    }
    let mut stream = call.stream();
    let (mut count, mut sum) = (0u64, 0i64);
    while let Some(record) = stream.try_next().await? {
        if count == 0 {
            first();
        }
        let (records, ids) = weigh(&record);
        count += records;
        sum = sum.wrapping_add(ids);
    }
    Ok((count, sum))
}

#[derive(Deserialize)]
struct HaloPage {
    record_count: Option<u64>,
    tickets: Vec<HaloTicket>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VsaxMeta {
    total_count: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VsaxPage {
    data: Vec<VsaxDevice>,
    meta: Option<VsaxMeta>,
}

#[derive(Deserialize)]
struct AsioPage {
    platform: Vec<AsioGroup>,
}

/// The URL of a `Link: <…>; rel="next"` header.
fn next_link(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let value = headers.get(reqwest::header::LINK)?.to_str().ok()?;
    value.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
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
    let mut link: Option<String> = None;
    loop {
        let request = match vendor {
            Vendor::Halo => http.get(format!(
                "{origin}/api/tickets?total={n}&pageinate=true&page_no={page}&page_size={page_size}"
            )),
            Vendor::Cw => http.get(format!(
                "{origin}/cw/service/tickets?total={n}&page={page}&pageSize={page_size}"
            )),
            Vendor::Vsax => http.get(format!(
                "{origin}/vsax/devices?total={n}&%24skip={count}&%24top={page_size}"
            )),
            Vendor::Asio => {
                let url = link.take().unwrap_or_else(|| {
                    format!("{origin}/asio/endpoints?total={n}&limit={page_size}")
                });
                http.post(url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body("{}")
            }
        };
        let response = request
            .bearer_auth("bench-token")
            .send()
            .await?
            .error_for_status()?;
        link = next_link(response.headers());
        let body = response.bytes().await?;
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
            Vendor::Vsax => {
                let parsed: VsaxPage = serde_json::from_slice(&body)?;
                for d in &parsed.data {
                    sum = sum.wrapping_add(d.number());
                }
                (
                    parsed.data.len() as u64,
                    parsed.meta.and_then(|m| m.total_count),
                )
            }
            Vendor::Asio => {
                let parsed: AsioPage = serde_json::from_slice(&body)?;
                let mut len = 0;
                for group in &parsed.platform {
                    let (records, ids) = group.weigh();
                    len += records;
                    sum = sum.wrapping_add(ids);
                }
                (len, None)
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
        if vendor == Vendor::Asio && link.is_none() {
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
