//! The figures: each prints one JSON line (`serde_json::json!`).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use neo_auth_core::{ApiRequest, Credential, Requirement};
use serde_json::{Value, json};

use crate::client::{self, Vendor};
use crate::server;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The vendors to measure: `VENDORS=halo,cw` (default: all four).
fn vendors() -> Vec<Vendor> {
    match std::env::var("VENDORS") {
        Ok(list) if !list.trim().is_empty() => {
            list.split(',').map(|v| Vendor::parse(v.trim())).collect()
        }
        _ => Vendor::ALL.to_vec(),
    }
}

fn pinned() -> bool {
    std::env::var("PIN").is_ok_and(|v| v == "1")
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}

/// This process's CPU time (user + system), from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`: state is field 3; utime 14, stime 15.
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // fields[0] is field 3 (state): utime is fields[11], stime fields[12].
    (ticks(11) + ticks(12)) / 100.0
}

/// This process's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The benchmark server: an external one on `PORT`, or a child process.
struct Server {
    port: u16,
    child: Option<Child>,
}

impl Server {
    fn start() -> Server {
        if let Some(port) = std::env::var("PORT").ok().and_then(|p| p.parse().ok()) {
            return Server { port, child: None };
        }
        let exe = std::env::current_exe().expect("own path");
        let mut command = if pinned() {
            let mut c = Command::new("taskset");
            c.arg("-c").arg("1").arg(exe);
            c
        } else {
            Command::new(exe)
        };
        let mut child = command
            .arg("serve")
            .env("PORT", "0")
            .stdout(Stdio::piped())
            .spawn()
            .expect("server process");
        let stdout = child.stdout.take().expect("server stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("server port line");
        let parsed: Value = serde_json::from_str(&line).expect("server port JSON");
        let port = parsed["port"].as_u64().expect("server port") as u16;
        Server {
            port,
            child: Some(child),
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `bench serve`: the server alone, on `PORT` (0: any), `N` records by default.
pub fn serve_forever() {
    let port = env_u64("PORT", 0);
    let n = env_u64("N", 50_000);
    current_thread().block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port as u16))
            .await
            .expect("bind");
        let port = listener.local_addr().expect("address").port();
        println!(
            "{}",
            json!({"server": "listening", "port": port, "default_total": n})
        );
        server::serve(listener, n).await;
    });
}

/// `bench once typed|floor`: one pass over `N` records at `PAGE_SIZE`, from
/// the server on `PORT` (started here if unset); one JSON line.
pub fn once(mode: &str, started: Instant) {
    let server = Server::start();
    let origin = server.origin();
    let n = env_u64("N", 50_000);
    let page = env_u64("PAGE_SIZE", 100) as u32;
    let vendor = Vendor::parse(&std::env::var("VENDOR").unwrap_or_default());
    let mut first_at = None;
    let mut on_first = || first_at = Some(started.elapsed().as_secs_f64());
    let run_started = Instant::now();
    let outcome: Result<(u64, i64), String> = current_thread().block_on(async {
        match mode {
            "floor" => {
                let http = client::floor_http();
                client::floor(&http, &origin, vendor, n, page, &mut on_first)
                    .await
                    .map_err(|e| e.to_string())
            }
            _ => {
                let (transport, _) = client::transport(&origin, client::base_path(vendor), 0);
                client::typed(&transport, vendor, n, page, &[], &mut on_first)
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    });
    let seconds = run_started.elapsed().as_secs_f64();
    let client = if mode == "floor" {
        "rust-floor"
    } else {
        "neo-rust"
    };
    let (count, error) = match &outcome {
        Ok((count, _)) => (*count, None),
        Err(e) => (0, Some(e.clone())),
    };
    println!(
        "{}",
        json!({
            "client": client,
            "vendor": vendor.name(),
            "tickets": count,
            "ok": outcome.is_ok() && count == n,
            "seconds": round(seconds, 4),
            "first_record_seconds": first_at.map(|s| round(s, 4)),
            "process_seconds": round(started.elapsed().as_secs_f64(), 4),
            "peak_rss_kb": peak_rss_kb(),
            "page_size": page,
            "error": error,
        })
    );
}

/// Runs `bench once <mode>` as a child (under `valgrind` when `callgrind`),
/// returns its JSON line (and the instruction count).
fn child_once(
    port: u16,
    mode: &str,
    vendor: Vendor,
    n: u64,
    page: u32,
    callgrind: bool,
) -> (Value, Option<u64>, Duration) {
    let exe = std::env::current_exe().expect("own path");
    let mut command = if callgrind {
        let mut c = Command::new("valgrind");
        c.args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
            .arg(exe);
        c
    } else if pinned() {
        let mut c = Command::new("taskset");
        c.arg("-c").arg("0").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let started = Instant::now();
    let output = command
        .args(["once", mode])
        .env("PORT", port.to_string())
        .env("N", n.to_string())
        .env("PAGE_SIZE", page.to_string())
        .env("VENDOR", vendor.name())
        .output()
        .expect("child run");
    let wall = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line: Value = stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let instructions = stderr.lines().find_map(|l| {
        let (_, rest) = l.split_once("Collected :")?;
        rest.trim().parse().ok()
    });
    (line, instructions, wall)
}

fn valgrind_available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// (1) The typed stream against the floor: interleaved A/B runs in this
/// process (the server in its own), medians and ratios; then the instruction
/// counts of one pass each under callgrind.
pub fn stream() {
    let server = Server::start();
    let origin = server.origin();
    let n = env_u64("N", 50_000);
    let runs = env_u64("RUNS", 7) as usize;
    let rt = current_thread();
    let vendors = vendors();
    for &vendor in &vendors {
        for page in vendor.page_sizes() {
            let (transport, _) = client::transport(&origin, client::base_path(vendor), 0);
            let http = client::floor_http();
            let mut typed_wall = Vec::new();
            let mut typed_cpu = Vec::new();
            let mut floor_wall = Vec::new();
            let mut floor_cpu = Vec::new();
            let mut ok = true;
            // One warm-up pass each (connections, token), then A/B, B/A, …
            for run in 0..=runs {
                let order = if run % 2 == 0 {
                    [true, false]
                } else {
                    [false, true]
                };
                for is_typed in order {
                    let cpu = cpu_seconds();
                    let wall = Instant::now();
                    let result = rt.block_on(async {
                        if is_typed {
                            client::typed(&transport, vendor, n, page, &[], &mut || {})
                                .await
                                .map_err(|e| e.to_string())
                        } else {
                            client::floor(&http, &origin, vendor, n, page, &mut || {})
                                .await
                                .map_err(|e| e.to_string())
                        }
                    });
                    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);
                    match result {
                        Ok((count, _)) if count == n => {}
                        other => {
                            ok = false;
                            eprintln!(
                                "{} run failed: {other:?}",
                                if is_typed { "typed" } else { "floor" }
                            );
                        }
                    }
                    if run == 0 {
                        continue;
                    }
                    if is_typed {
                        typed_wall.push(wall);
                        typed_cpu.push(cpu);
                    } else {
                        floor_wall.push(wall);
                        floor_cpu.push(cpu);
                    }
                }
            }
            let (tw, fw) = (median(&mut typed_wall), median(&mut floor_wall));
            let (tc, fc) = (median(&mut typed_cpu), median(&mut floor_cpu));
            println!(
                "{}",
                json!({
                    "figure": "stream_timed",
                    "vendor": vendor.name(),
                    "tickets": n,
                    "page_size": page,
                    "runs": runs,
                    "ok": ok,
                    "ratio_wall": round(tw / fw, 3),
                    "ratio_cpu": round(tc / fc, 3),
                    "typed_wall_s": round(tw, 4),
                    "floor_wall_s": round(fw, 4),
                    "typed_cpu_s": round(tc, 3),
                    "floor_cpu_s": round(fc, 3),
                })
            );
        }
    }
    if std::env::var("CALLGRIND").is_ok_and(|v| v == "0") || !valgrind_available() {
        return;
    }
    let cn = env_u64("CALLGRIND_N", n);
    for &vendor in &vendors {
        for page in vendor.page_sizes() {
            let (typed_line, typed, _) = child_once(server.port, "typed", vendor, cn, page, true);
            let (floor_line, floor, _) = child_once(server.port, "floor", vendor, cn, page, true);
            let ratio = match (typed, floor) {
                (Some(t), Some(f)) if f > 0 => Some(round(t as f64 / f as f64, 3)),
                _ => None,
            };
            println!(
                "{}",
                json!({
                    "figure": "stream_instructions",
                    "vendor": vendor.name(),
                    "tickets": cn,
                    "page_size": page,
                    "ok": typed_line["ok"] == true && floor_line["ok"] == true,
                    "ratio": ratio,
                    "typed_instructions": typed,
                    "floor_instructions": floor,
                })
            );
        }
    }
}

/// (2) Peak RSS of one streaming pass, each in a fresh process.
pub fn rss() {
    let server = Server::start();
    for (n, page) in [
        (10_000u64, 100u32),
        (100_000, 100),
        (1_000_000, 100),
        (100_000, 1000),
    ] {
        let (typed, _, _) = child_once(server.port, "typed", Vendor::Halo, n, page, false);
        let (floor, _, _) = child_once(server.port, "floor", Vendor::Halo, n, page, false);
        println!(
            "{}",
            json!({
                "figure": "peak_rss",
                "vendor": "halo",
                "tickets": n,
                "page_size": page,
                "ok": typed["ok"] == true,
                "typed_peak_rss_kb": typed["peak_rss_kb"],
                "floor_peak_rss_kb": floor["peak_rss_kb"],
                "typed_seconds": typed["seconds"],
                "error": typed["error"],
            })
        );
    }
}

async fn stats(http: &reqwest::Client, origin: &str) -> Value {
    http.get(format!("{origin}/__stats"))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats JSON")
}

async fn reset(http: &reqwest::Client, origin: &str) {
    http.post(format!("{origin}/__reset"))
        .send()
        .await
        .expect("reset");
}

fn ping_requirement() -> Requirement {
    client::HALO_TICKETS
        .requirements
        .requirement("tickets", neo_auth_core::Verb::List)
        .expect("a list requirement")
}

/// (3) 1000 concurrent tasks x 10 requests on a cold token cache (the token
/// endpoint answers after 50 ms): token requests; then the cached-token lookup.
pub fn tokens() {
    let server = Server::start();
    let origin = server.origin();
    let tasks = env_u64("TASKS", 1000);
    let per_task = env_u64("REQUESTS", 10);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let http = client::floor_http();
        reset(&http, &origin).await;
        let (transport, credential) = client::transport(&origin, "/api", 50);
        let requirement = ping_requirement();
        let started = Instant::now();
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let transport = transport.clone();
                let requirement = requirement.clone();
                tokio::spawn(async move {
                    let mut failed = 0u64;
                    for _ in 0..per_task {
                        let request = ApiRequest::get("/ping").requirement(requirement.clone());
                        if transport.send(request).await.is_err() {
                            failed += 1;
                        }
                    }
                    failed
                })
            })
            .collect();
        let mut failed = 0;
        for handle in handles {
            failed += handle.await.unwrap_or(per_task);
        }
        let elapsed = started.elapsed().as_secs_f64();
        let counted = stats(&http, &origin).await;
        // The hot path: a cached token's authorization, single caller.
        let lookups = 200_000u32;
        let mut per_lookup_ns = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            for _ in 0..lookups {
                let authorization = credential.authorize().await.expect("cached token");
                std::hint::black_box(&authorization);
            }
            per_lookup_ns.push(t.elapsed().as_nanos() as f64 / f64::from(lookups));
        }
        // And under contention: two worker threads hammering the same cache.
        let stop = Arc::new(AtomicBool::new(false));
        let contended: Vec<_> = (0..2)
            .map(|_| {
                let credential = credential.clone();
                let stop = stop.clone();
                tokio::spawn(async move {
                    let t = Instant::now();
                    let mut count = 0u64;
                    while !stop.load(Ordering::Relaxed) && count < 2_000_000 {
                        let a = credential.authorize().await.expect("cached token");
                        std::hint::black_box(&a);
                        count += 1;
                        if count.is_multiple_of(4096) {
                            tokio::task::yield_now().await;
                        }
                    }
                    t.elapsed().as_nanos() as f64 / count.max(1) as f64
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(500)).await;
        stop.store(true, Ordering::Relaxed);
        let mut contended_ns = Vec::new();
        for handle in contended {
            contended_ns.push(handle.await.unwrap_or(f64::NAN));
        }
        let token_requests = counted["token_requests"].as_u64().unwrap_or(u64::MAX);
        println!(
            "{}",
            json!({
                "figure": "cold_cache_tokens",
                "tasks": tasks,
                "requests_per_task": per_task,
                "ok": token_requests == 1 && failed == 0,
                "token_requests": token_requests,
                "cache_fetch_count": credential.cache().fetch_count(),
                "failed_requests": failed,
                "api_requests": counted["requests"].as_u64().map(|r| r.saturating_sub(token_requests)),
                "seconds": round(elapsed, 3),
                "cached_lookup_ns_median": round(median(&mut per_lookup_ns), 1),
                "cached_lookup_ns_two_threads": contended_ns.iter().map(|v| round(*v, 1)).collect::<Vec<_>>(),
            })
        );
    });
}

/// (4) Every 4th page answers 429 with `Retry-After: 0`: every record arrives
/// once, and the extra requests are exactly the injected 429s.
pub fn retry429() {
    let server = Server::start();
    let origin = server.origin();
    let n = env_u64("RETRY_N", 20_000);
    let page = 100u32;
    let rt = current_thread();
    rt.block_on(async {
        let http = client::floor_http();
        reset(&http, &origin).await;
        let (transport, _) = client::transport(&origin, "/api", 0);
        let mut seen = vec![0u32; n as usize + 1];
        let mut stream = neo_auth_core::ListCall::<crate::payload::HaloTicket>::new(
            &transport,
            &client::HALO_TICKETS,
        )
        .page_size(page)
        .param("total", n)
        .param("flaky", 1)
        .stream();
        let mut error = None;
        loop {
            match futures_util::TryStreamExt::try_next(&mut stream).await {
                Ok(Some(ticket)) => {
                    if let Some(slot) = usize::try_from(ticket.id)
                        .ok()
                        .and_then(|i| seen.get_mut(i))
                    {
                        *slot += 1;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    error = Some(e.to_string());
                    break;
                }
            }
        }
        let counted = stats(&http, &origin).await;
        let every_once = seen.iter().skip(1).all(|&c| c == 1);
        let pages = n.div_ceil(u64::from(page));
        let list_requests = counted["list_requests"].as_u64().unwrap_or(0);
        let injected = counted["injected_429"].as_u64().unwrap_or(0);
        let extra = list_requests.saturating_sub(pages);
        println!(
            "{}",
            json!({
                "figure": "retry_429",
                "tickets": n,
                "page_size": page,
                "ok": error.is_none() && every_once && extra == injected,
                "every_record_once": every_once,
                "pages": pages,
                "list_requests": list_requests,
                "extra_requests": extra,
                "injected_429": injected,
                "error": error,
            })
        );
    });
}

/// (5) Process start to the first record (one page of 100), fresh processes.
pub fn startup() {
    let server = Server::start();
    let runs = env_u64("RUNS", 7) as usize;
    for mode in ["typed", "floor"] {
        let mut first = Vec::new();
        let mut wall = Vec::new();
        let mut ok = true;
        for _ in 0..runs {
            let (line, _, elapsed) = child_once(server.port, mode, Vendor::Halo, 100, 100, false);
            ok &= line["ok"] == true;
            first.push(line["first_record_seconds"].as_f64().unwrap_or(f64::NAN) * 1000.0);
            wall.push(elapsed.as_secs_f64() * 1000.0);
        }
        println!(
            "{}",
            json!({
                "figure": "start_to_first_record",
                "client": if mode == "typed" { "neo-rust" } else { "rust-floor" },
                "tickets": 100,
                "runs": runs,
                "ok": ok,
                "first_record_ms_median": round(median(&mut first), 2),
                "spawn_to_exit_ms_median": round(median(&mut wall), 2),
            })
        );
    }
}
