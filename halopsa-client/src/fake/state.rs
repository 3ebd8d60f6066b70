//! The fake's shared state: configuration, records, tokens, counters, faults and
//! the rate-limit window. Always behind a `std::sync::Mutex`, never held across await.

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use super::config::FakeConfig;
use super::faults::FaultQueue;
use super::seed;
use super::store::Store;

/// An issued access token.
#[derive(Debug)]
pub(crate) struct Token {
    /// The granted scopes.
    pub(crate) scopes: Vec<String>,
    /// When it stops working (`None`: a lifetime too long to represent).
    pub(crate) expires: Option<Instant>,
}

impl Token {
    /// Whether the token still works.
    pub(crate) fn is_valid(&self) -> bool {
        self.expires.is_none_or(|at| Instant::now() < at)
    }
}

/// Request counters.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    /// POSTs to the token endpoint.
    pub(crate) token: usize,
    /// Requests under `/api` except `/api/authinfo`.
    pub(crate) api: usize,
    /// Every request by (uppercase method, lowercase path).
    pub(crate) by_route: HashMap<(String, String), usize>,
}

/// Everything the responder and the [`FakeServer`](super::FakeServer) share.
#[derive(Debug)]
pub(crate) struct State {
    /// The configuration.
    pub(crate) config: FakeConfig,
    /// `http://127.0.0.1:PORT`.
    pub(crate) base_url: String,
    /// Issued tokens.
    pub(crate) tokens: HashMap<String, Token>,
    /// The records.
    pub(crate) store: Store,
    /// Injected faults.
    pub(crate) faults: FaultQueue,
    /// Request counters.
    pub(crate) counters: Counters,
    issued: u64,
    keys: RandomState,
    window: VecDeque<Instant>,
}

impl State {
    /// A seeded state.
    pub(crate) fn new(config: FakeConfig, base_url: String) -> State {
        State {
            store: seed::seed(&config),
            config,
            base_url,
            tokens: HashMap::new(),
            faults: FaultQueue::default(),
            counters: Counters::default(),
            issued: 0,
            keys: RandomState::new(),
            window: VecDeque::new(),
        }
    }

    /// A fresh, unguessable string for a token.
    pub(crate) fn random_hex(&mut self) -> String {
        self.issued += 1;
        let mut out = String::new();
        for part in 0..2u64 {
            let mut hasher = self.keys.build_hasher();
            hasher.write_u64(self.issued);
            hasher.write_u64(part);
            out.push_str(&format!("{:016x}", hasher.finish()));
        }
        out
    }

    /// Records an API request against the rate limit; `true` when it must be refused.
    /// Refused requests do not count towards the window.
    pub(crate) fn rate_limited(&mut self) -> bool {
        let Some((limit, window)) = self.config.rate_limit else {
            return false;
        };
        let now = Instant::now();
        while self
            .window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            self.window.pop_front();
        }
        if self.window.len() >= limit as usize {
            return true;
        }
        self.window.push_back(now);
        false
    }

    /// Halo's 429 text for the configured limit (300 per 5 minutes when none is set).
    pub(crate) fn rate_limit_text(&self) -> String {
        let (limit, window) = self
            .config
            .rate_limit
            .unwrap_or((300, std::time::Duration::from_secs(300)));
        let secs = window.as_secs();
        let span = if secs >= 60 && secs % 60 == 0 {
            format!("{} minute", secs / 60)
        } else {
            format!("{secs} second")
        };
        format!("Rate Limit Reached - {limit} Requests per rolling {span} window")
    }
}

/// Locks the state, recovering from a poisoned lock (a panicking test thread must
/// not take the fake down with it).
pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
