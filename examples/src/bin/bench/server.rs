//! The benchmark server: plain tokio, HTTP/1.1 keep-alive, TCP_NODELAY, pages
//! assembled from pre-rendered records (a memcpy per record). Never wiremock.
//!
//! Routes (query parameters in any order):
//! - `GET /api/tickets?page_no=&page_size=&total=[&flaky=1]`: Halo tickets,
//!   `{"page_no":…,"page_size":…,"record_count":total,"tickets":[…]}`; with
//!   `flaky=1` every 4th such request answers `429` with `Retry-After: 0`.
//! - `GET /cw/service/tickets?page=&pageSize=&total=`: ConnectWise tickets, a
//!   bare array.
//! - `GET /vsax/devices?$skip=&$top=&total=`: VSA X devices,
//!   `{"Data":[…],"Meta":{"ResponseCode":200,"TotalCount":total}}`.
//! - `POST /asio/endpoints?limit=&total=[&cursor=]`: Asio endpoints in groups
//!   of ten, `{"platform":[{"companyID":…,"siteID":…,"endpoints":[…]}]}`, the
//!   next page in a `Link: <…>; rel="next"` header (absent on the last page).
//! - `GET /api/ping`: `{}`.
//! - `POST /token[?delay_ms=]`: a client-credentials token (after the delay).
//! - `GET /__stats`, `POST /__reset`: the counters below.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::payload::{ASIO_GROUP, VARIANTS, asio_rest, cw_rest, halo_rest, vsax_rest};

/// What the server counted since the last reset.
#[derive(Default)]
pub struct Stats {
    pub requests: AtomicU64,
    pub token_requests: AtomicU64,
    pub list_requests: AtomicU64,
    pub injected_429: AtomicU64,
}

impl Stats {
    fn json(&self) -> String {
        format!(
            r#"{{"requests":{},"token_requests":{},"list_requests":{},"injected_429":{}}}"#,
            self.requests.load(Ordering::Relaxed),
            self.token_requests.load(Ordering::Relaxed),
            self.list_requests.load(Ordering::Relaxed),
            self.injected_429.load(Ordering::Relaxed)
        )
    }

    fn reset(&self) {
        for counter in [
            &self.requests,
            &self.token_requests,
            &self.list_requests,
            &self.injected_429,
        ] {
            counter.store(0, Ordering::Relaxed);
        }
    }
}

struct Records {
    halo: Vec<String>,
    cw: Vec<String>,
    vsax: Vec<String>,
    asio: Vec<String>,
    default_total: u64,
    stats: Stats,
    flaky_seen: AtomicU64,
}

/// Serves on `listener` until the process ends.
pub async fn serve(listener: TcpListener, default_total: u64) {
    let records = Arc::new(Records {
        halo: (0..VARIANTS).map(halo_rest).collect(),
        cw: (0..VARIANTS).map(cw_rest).collect(),
        vsax: (0..VARIANTS).map(vsax_rest).collect(),
        asio: (0..VARIANTS).map(asio_rest).collect(),
        default_total,
        stats: Stats::default(),
        flaky_seen: AtomicU64::new(0),
    });
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let records = records.clone();
        tokio::spawn(async move {
            let _ = connection(stream, &records).await;
        });
    }
}

async fn connection(mut stream: TcpStream, records: &Records) -> std::io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    let mut out: Vec<u8> = Vec::with_capacity(256 * 1024);
    loop {
        // Read until a full head is buffered.
        let head_end = loop {
            if let Some(end) = find(&buf, b"\r\n\r\n") {
                break end + 4;
            }
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let body_len = content_length(&head);
        while buf.len() < head_end + body_len {
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf.drain(..head_end + body_len);
        out.clear();
        respond(&head, records, &mut out).await;
        stream.write_all(&out).await?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn content_length(head: &str) -> usize {
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0)
}

/// A number in the query; `$skip` matches `%24skip` too (how a client's URL
/// encoder may send it).
fn query_u64(query: &str, key: &str) -> Option<u64> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let k = k
            .strip_prefix("%24")
            .map_or(k.to_owned(), |rest| format!("${rest}"));
        (k == key).then(|| v.parse().ok()).flatten()
    })
}

fn header<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

async fn respond(head: &str, records: &Records, out: &mut Vec<u8>) {
    let line = head.lines().next().unwrap_or("");
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let stats = &records.stats;
    if path != "/__stats" && path != "/__reset" {
        stats.requests.fetch_add(1, Ordering::Relaxed);
    }
    match (method, path) {
        ("POST", "/token") => {
            stats.token_requests.fetch_add(1, Ordering::Relaxed);
            if let Some(ms) = query_u64(query, "delay_ms") {
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            reply(
                out,
                "200 OK",
                "",
                br#"{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}"#,
            );
        }
        ("GET", "/__stats") => reply(out, "200 OK", "", stats.json().as_bytes()),
        ("POST", "/__reset") => {
            stats.reset();
            records.flaky_seen.store(0, Ordering::Relaxed);
            reply(out, "200 OK", "", b"{}");
        }
        ("GET", "/api/ping") => reply(out, "200 OK", "", b"{}"),
        ("GET", "/api/tickets") => {
            stats.list_requests.fetch_add(1, Ordering::Relaxed);
            if query_u64(query, "flaky") == Some(1)
                && records.flaky_seen.fetch_add(1, Ordering::Relaxed) % 4 == 3
            {
                stats.injected_429.fetch_add(1, Ordering::Relaxed);
                reply(out, "429 Too Many Requests", "Retry-After: 0\r\n", b"{}");
                return;
            }
            let total = query_u64(query, "total").unwrap_or(records.default_total);
            let page = query_u64(query, "page_no").unwrap_or(1).max(1);
            let size = query_u64(query, "page_size").unwrap_or(50).max(1);
            let mut body = Vec::with_capacity((size as usize) * 900 + 128);
            body.extend_from_slice(
                format!(
                    r#"{{"page_no":{page},"page_size":{size},"record_count":{total},"tickets":["#
                )
                .as_bytes(),
            );
            let first = (page - 1).saturating_mul(size) + 1;
            push_records(&mut body, &records.halo, first, size, total, id_head);
            body.extend_from_slice(b"]}");
            reply(out, "200 OK", "", &body);
        }
        ("GET", "/cw/service/tickets") => {
            stats.list_requests.fetch_add(1, Ordering::Relaxed);
            let total = query_u64(query, "total").unwrap_or(records.default_total);
            let page = query_u64(query, "page").unwrap_or(1).max(1);
            let size = query_u64(query, "pageSize").unwrap_or(25).max(1);
            let mut body = Vec::with_capacity((size as usize) * 1700 + 8);
            body.push(b'[');
            let first = (page - 1).saturating_mul(size) + 1;
            push_records(&mut body, &records.cw, first, size, total, id_head);
            body.push(b']');
            reply(out, "200 OK", "", &body);
        }
        ("GET", "/vsax/devices") => {
            stats.list_requests.fetch_add(1, Ordering::Relaxed);
            let total = query_u64(query, "total").unwrap_or(records.default_total);
            let skip = query_u64(query, "$skip").unwrap_or(0);
            let size = query_u64(query, "$top").unwrap_or(50).max(1);
            let mut body = Vec::with_capacity((size as usize) * 1200 + 96);
            body.extend_from_slice(br#"{"Data":["#);
            push_records(
                &mut body,
                &records.vsax,
                skip + 1,
                size,
                total,
                |body, id| {
                    body.extend_from_slice(br#"{"Identifier":"d-"#);
                    body.extend_from_slice(id.to_string().as_bytes());
                    body.extend_from_slice(br#"","#);
                },
            );
            body.extend_from_slice(
                format!(r#"],"Meta":{{"ResponseCode":200,"TotalCount":{total}}}}}"#).as_bytes(),
            );
            reply(out, "200 OK", "", &body);
        }
        ("POST", "/asio/endpoints") => {
            stats.list_requests.fetch_add(1, Ordering::Relaxed);
            let total = query_u64(query, "total").unwrap_or(records.default_total);
            let cursor = query_u64(query, "cursor").unwrap_or(0);
            let size = query_u64(query, "limit").unwrap_or(50).max(1);
            let last = cursor.saturating_add(size).min(total);
            let mut body = Vec::with_capacity((size as usize) * 700 + 64);
            body.extend_from_slice(br#"{"platform":["#);
            let mut start = cursor;
            while start < last {
                let end = (start + ASIO_GROUP).min(last);
                if start != cursor {
                    body.push(b',');
                }
                let group = start / ASIO_GROUP;
                body.extend_from_slice(
                    format!(
                        r#"{{"companyID":"c-{}","siteID":"s-{group}","endpoints":["#,
                        group % 50
                    )
                    .as_bytes(),
                );
                push_records(
                    &mut body,
                    &records.asio,
                    start + 1,
                    end - start,
                    end,
                    |body, id| {
                        body.extend_from_slice(br#"{"endpointID":"e-"#);
                        body.extend_from_slice(id.to_string().as_bytes());
                        body.extend_from_slice(br#"","#);
                    },
                );
                body.extend_from_slice(b"]}");
                start = end;
            }
            body.extend_from_slice(b"]}");
            let link = if last < total {
                let host = header(head, "host").unwrap_or("127.0.0.1");
                format!(
                    "Link: <http://{host}/asio/endpoints?limit={size}&total={total}&cursor={last}>; rel=\"next\"\r\n"
                )
            } else {
                String::new()
            };
            reply(out, "200 OK", &link, &body);
        }
        _ => reply(out, "404 Not Found", "", b"{}"),
    }
}

/// Records `first..` (at most `size`, none past `total`), each its head (the
/// id, which `head` writes) and a pre-rendered rest, comma-separated.
fn push_records(
    body: &mut Vec<u8>,
    rest: &[String],
    first: u64,
    size: u64,
    total: u64,
    head: impl Fn(&mut Vec<u8>, u64),
) {
    let last = first.saturating_add(size - 1).min(total);
    for id in first..=last {
        if id != first {
            body.push(b',');
        }
        head(body, id);
        body.extend_from_slice(rest[(id as usize) % rest.len()].as_bytes());
    }
}

/// `{"id":<id>,`: the head of a Halo or ConnectWise record.
fn id_head(body: &mut Vec<u8>, id: u64) {
    body.extend_from_slice(b"{\"id\":");
    body.extend_from_slice(id.to_string().as_bytes());
    body.push(b',');
}

fn reply(out: &mut Vec<u8>, status: &str, extra: &str, body: &[u8]) {
    out.extend_from_slice(
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
}
