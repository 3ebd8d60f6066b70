//! `bench`: the SDK's speed and memory figures, printed (never asserted in tests —
//! shared machines are noisy).
//!
//! ```text
//! cargo run --release -p examples --bin bench
//! ```
//!
//! 1. Overhead of `neo_auth_core::Transport` (scope check, policy check, token
//!    cache, retry bookkeeping, tracing span, JSON decode) over a raw reqwest GET
//!    against the same loopback server.
//! 2. Token single flight: N concurrent callers on a cold cache → token requests.
//! 3. Streaming memory: the peak heap growth while streaming every ticket of a
//!    large HaloPSA fake, against collecting them all.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::Ticket;
use halopsa_client::{Client, HaloCredentials};
use neo_auth_core::{
    Access, AccessPolicy, ApiRequest, Area, ClientCredentialsSource, OAuth2Credential, Requirement,
    Scope, Transport,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded to the system allocator with the caller's layout.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const AREA: Area = Area::new("bench");
const READ: Requirement =
    Requirement::read("bench.read", AREA, Scope::new("read:bench", "Bench - Read"));

#[tokio::main]
async fn main() {
    overhead().await;
    single_flight().await;
    streaming_memory().await;
}

async fn bench_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(
                    json!({"access_token": "t", "token_type": "Bearer", "expires_in": 3600}),
                )
                .set_delay(Duration::from_millis(100)),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "name": "x"})))
        .mount(&server)
        .await;
    server
}

fn transport(server: &MockServer) -> (Transport, Arc<OAuth2Credential>) {
    let source = ClientCredentialsSource::new(
        &format!("{}/token", server.uri()),
        "id",
        SecretString::from("secret"),
    )
    .expect("valid source")
    .with_scopes(["read:bench"]);
    let credential = Arc::new(
        OAuth2Credential::builder(Arc::new(source))
            .build()
            .expect("valid credential"),
    );
    let transport = Transport::builder(format!("{}/api", server.uri()))
        .credential(credential.clone())
        .policy(AccessPolicy::read_only())
        .build()
        .expect("valid transport");
    (transport, credential)
}

async fn overhead() {
    const N: u32 = 2000;
    let server = bench_server().await;
    // The baseline: plain reqwest with the same TLS provider and TCP_NODELAY.
    let raw = neo_auth_core::http_client_builder()
        .build()
        .expect("reqwest client");
    let url = format!("{}/api/items", server.uri());
    let (transport, _) = transport(&server);
    transport
        .send(ApiRequest::get("/items").requirement(READ))
        .await
        .expect("warm-up");
    for _ in 0..200 {
        raw.get(&url)
            .bearer_auth("t")
            .send()
            .await
            .expect("warm-up")
            .bytes()
            .await
            .expect("body");
    }

    let started = Instant::now();
    for _ in 0..N {
        let body = raw
            .get(&url)
            .bearer_auth("t")
            .send()
            .await
            .expect("raw")
            .bytes()
            .await
            .expect("body");
        let _: serde_json::Value = serde_json::from_slice(&body).expect("json");
    }
    let raw_time = started.elapsed() / N;

    let started = Instant::now();
    for _ in 0..N {
        let _: serde_json::Value = transport
            .send_json(ApiRequest::get("/items").requirement(READ))
            .await
            .expect("sdk");
    }
    let sdk_time = started.elapsed() / N;
    println!(
        "1. per-request time over {N} sequential GETs on loopback (wiremock server in-process)"
    );
    println!("   raw reqwest + serde_json : {raw_time:?}");
    println!("   neo Transport            : {sdk_time:?}");
    println!(
        "   overhead                 : {:?} ({:+.1}%)",
        sdk_time.saturating_sub(raw_time),
        (sdk_time.as_secs_f64() / raw_time.as_secs_f64() - 1.0) * 100.0
    );
    let _ = Access::Read;
}

async fn single_flight() {
    const CALLERS: usize = 1000;
    let server = bench_server().await;
    let (transport, credential) = transport(&server);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move {
                transport
                    .send(ApiRequest::get("/items").requirement(READ))
                    .await
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task").expect("request");
    }
    println!(
        "\n2. {CALLERS} concurrent callers on a cold token cache (token endpoint answers in 100 ms)"
    );
    println!(
        "   token requests: {}   all {CALLERS} requests done in {:?}",
        credential.cache().fetch_count(),
        started.elapsed()
    );
}

async fn streaming_memory() {
    const TICKETS: usize = 5000;
    let server = FakeServer::start_with(
        FakeConfig::default().with_seed(SeedSize::small().with_tickets(TICKETS)),
    )
    .await;
    let config = server.config();
    let mut credentials = HaloCredentials::new(
        server.base_url(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
    );
    if let Some(tenant) = &config.tenant {
        credentials = credentials.with_tenant(tenant.clone());
    }
    let client = Client::builder()
        .credentials(credentials)
        .rate_limit(None)
        .build()
        .expect("client");
    client.whoami().await.expect("warm-up");

    let baseline = LIVE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let mut stream = client.tickets().list().stream();
    let mut count = 0usize;
    while let Some(ticket) = stream.try_next().await.expect("ticket") {
        count += 1;
        drop(ticket);
    }
    let streamed_peak = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);

    let baseline = LIVE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);
    let all: Vec<Ticket> = client
        .tickets()
        .list()
        .collect_all()
        .await
        .expect("tickets");
    let collected_peak = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
    println!(
        "\n3. heap growth while reading {count} tickets (pages of 100; includes the in-process fake's page buffers)"
    );
    println!("   streamed  : peak +{} KiB", streamed_peak / 1024);
    println!(
        "   collected : peak +{} KiB ({} tickets held)",
        collected_peak / 1024,
        all.len()
    );
}
