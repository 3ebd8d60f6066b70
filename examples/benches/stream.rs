//! `cargo bench -p examples --bench stream`: divan benchmarks of the typed
//! `ListCall` stream against the raw floor (the same server, pages, reqwest
//! set-up and plain structs as the `bench` program, whose modules this target
//! compiles), per vendor at page 100 and 1000 (500 for VSA X), and of the
//! cached-token lookup. Timed, so never run in CI (`cargo clippy
//! --all-targets` only compiles it); `BENCHMARKS.md` has the figures.
//!
//! The server runs on its own thread with its own runtime (in this process,
//! unlike `bench stream`, whose server is a process of its own: these wall
//! times are the less faithful); each benchmark iteration streams `BENCH_N`
//! records (default 10 000).

// The bench program's modules hold more than these benchmarks use.
#![allow(dead_code)]

#[path = "../src/bin/bench/client.rs"]
mod client;
#[path = "../src/bin/bench/payload.rs"]
mod payload;
#[path = "../src/bin/bench/server.rs"]
mod server;

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Waker};

use client::Vendor;
use neo_auth_core::Credential;

fn main() {
    divan::main();
}

/// Records streamed per iteration.
fn records() -> u64 {
    std::env::var("BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The bench server's origin (started once, on its own thread).
fn origin() -> &'static str {
    static ORIGIN: OnceLock<String> = OnceLock::new();
    ORIGIN.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
                    .await
                    .expect("bind");
                tx.send(listener.local_addr().expect("address").port())
                    .expect("port");
                server::serve(listener, 50_000).await;
            });
        });
        format!("http://127.0.0.1:{}", rx.recv().expect("server port"))
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// `vendor/page size`: the same cases as `bench stream`.
const CASES: [&str; 8] = [
    "halo/100",
    "halo/1000",
    "cw/100",
    "cw/1000",
    "vsax/100",
    "vsax/500",
    "asio/100",
    "asio/1000",
];

fn case(name: &str) -> (Vendor, u32) {
    let (vendor, page) = name.split_once('/').expect("vendor/page");
    (Vendor::parse(vendor), page.parse().expect("a page size"))
}

/// The typed stream: `ListCall` through a `Transport` with an OAuth2 credential.
#[divan::bench(args = CASES, sample_count = 10)]
fn typed(bencher: divan::Bencher, name: &str) {
    let (vendor, page) = &case(name);
    let rt = runtime();
    let n = records();
    let (transport, _) = client::transport(origin(), client::base_path(*vendor), 0);
    bencher.bench_local(|| {
        let (count, _) = rt
            .block_on(client::typed(
                &transport,
                *vendor,
                n,
                *page,
                &[],
                &mut || {},
            ))
            .expect("typed stream");
        assert_eq!(count, n);
    });
}

/// The raw floor: reqwest and `serde_json::from_slice` into the same structs.
#[divan::bench(args = CASES, sample_count = 10)]
fn floor(bencher: divan::Bencher, name: &str) {
    let (vendor, page) = &case(name);
    let rt = runtime();
    let n = records();
    let http = client::floor_http();
    let origin = origin();
    bencher.bench_local(|| {
        let (count, _) = rt
            .block_on(client::floor(&http, origin, *vendor, n, *page, &mut || {}))
            .expect("floor");
        assert_eq!(count, n);
    });
}

/// Polls a future that is expected to be ready at once (a cached token needs
/// no I/O), without a runtime in the measurement.
fn ready<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => runtime().block_on(future),
    }
}

/// `Credential::authorize` with a fresh token in the cache: the hot path of
/// every request.
#[divan::bench]
fn cached_token_lookup(bencher: divan::Bencher) {
    let rt = runtime();
    let (_, credential): (_, Arc<neo_auth_core::OAuth2Credential>) =
        client::transport(origin(), "/api", 0);
    rt.block_on(credential.authorize()).expect("first token");
    bencher.bench_local(|| ready(credential.authorize()).expect("cached token"));
}
