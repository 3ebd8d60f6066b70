//! `bench`: the SDK's performance figures, one JSON line per figure (never
//! asserted in tests: shared machines are noisy). See `BENCHMARKS.md`.
//!
//! ```text
//! cargo build --release -p examples --bin bench
//! target/release/bench all          # every figure, own server process
//! target/release/bench stream       # (1) typed ListCall against the raw floor
//! target/release/bench rss          # (2) peak RSS at 10k / 100k / 1M
//! target/release/bench tokens       # (3) 1000 tasks x 10 requests, cold cache
//! target/release/bench retry429     # (4) every 4th page a 429
//! target/release/bench startup      # (5) process start to first record
//! target/release/bench serve        # the benchmark server alone (PORT, N)
//! target/release/bench once typed|floor   # one pass (for callgrind / RSS)
//! ```
//!
//! Environment: `PORT` (use a server already running on 127.0.0.1:PORT instead
//! of starting one), `N` (records), `PAGE_SIZE`, `RUNS` (timed repetitions),
//! `VENDOR` (`halo`, `cw`, `vsax` or `asio`, for `once`), `VENDORS`
//! (`halo,cw,…`, for `stream`), `CALLGRIND=0` (skip instruction counts),
//! `CALLGRIND_N`, `PIN=1` (pin the server to CPU 1 and clients to CPU 0 with
//! `taskset`).

mod client;
mod figures;
mod payload;
mod server;

use std::time::Instant;

fn main() {
    let started = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map(String::as_str).unwrap_or("all");
    match what {
        "serve" => figures::serve_forever(),
        "once" => figures::once(args.get(1).map(String::as_str).unwrap_or("typed"), started),
        "stream" => figures::stream(),
        "rss" => figures::rss(),
        "tokens" => figures::tokens(),
        "retry429" => figures::retry429(),
        "startup" => figures::startup(),
        "all" => {
            figures::stream();
            figures::rss();
            figures::tokens();
            figures::retry429();
            figures::startup();
        }
        other => {
            eprintln!(
                "unknown figure `{other}`: use all, stream, rss, tokens, retry429, startup, serve or once"
            );
            std::process::exit(2);
        }
    }
}
