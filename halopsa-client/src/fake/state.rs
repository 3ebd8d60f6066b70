//! The fake's state behind the kit's mutex: configuration, records, the token
//! issuer and Halo's rate-limit window.

use neo_auth_core::testkit::{RollingWindow, TokenIssuer};

use super::config::FakeConfig;
use super::issuer;
use super::seed;
use super::seed_gen::Rng;
use super::tables::Tables;

/// Everything the routes and the [`FakeServer`](super::FakeServer) share.
#[derive(Debug)]
pub(crate) struct State {
    /// The configuration.
    pub(crate) config: FakeConfig,
    /// `http://127.0.0.1:PORT`.
    pub(crate) base_url: String,
    /// The token endpoint and the tokens it issued.
    pub(crate) tokens: TokenIssuer,
    /// The records.
    pub(crate) tables: Tables,
    /// Halo's hosted rate limit, when configured.
    pub(crate) window: Option<RollingWindow>,
    /// Ids of created records that Halo makes up (priorities' UUIDs).
    pub(crate) rng: Rng,
}

impl State {
    /// A seeded state; the base URL is set once the server listens.
    pub(crate) fn new(config: FakeConfig) -> State {
        State {
            tables: seed::seed(&config),
            tokens: issuer::issuer(&config),
            window: config
                .rate_limit
                .map(|(limit, window)| RollingWindow::new(limit, window)),
            rng: Rng::new(0x5052_494F),
            config,
            base_url: String::new(),
        }
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
