//! How a [`FakeServer`](super::FakeServer) behaves: credentials, tenant, the
//! application's scopes, the login agent, token lifetime, rate limit and seed size.

use std::fmt;
use std::time::Duration;

/// The fake's configuration. Start from [`FakeConfig::default`] and adjust it with
/// the `with_*` setters (the fields are public to read back, e.g. the credentials
/// a test client needs).
///
/// ```
/// use std::time::Duration;
/// use halopsa_client::fake::{FakeConfig, SeedSize};
///
/// let config = FakeConfig::default()
///     .with_scopes(["read:tickets", "read:customers"])
///     .with_rate_limit(Some((300, Duration::from_secs(300))))
///     .with_seed(SeedSize::small());
/// assert_eq!(config.client_id, "fake-client-id");
/// assert!(!format!("{config:?}").contains("fake-client-secret"));
/// ```
#[non_exhaustive]
#[derive(Clone)]
pub struct FakeConfig {
    /// The application's client id (default `fake-client-id`).
    pub client_id: String,
    /// The application's client secret (default `fake-client-secret`); never printed by `Debug`.
    pub client_secret: String,
    /// The tenant (default `Some("fake")`). When set, the token endpoint requires
    /// `?tenant=<tenant>` and `/api/authinfo` reports it as `tenant_id`.
    pub tenant: Option<String>,
    /// The scopes the Halo application is allowed (default `["all"]`). A token
    /// request is granted at most these.
    pub application_scopes: Vec<String>,
    /// The agent the application logs in as (default 1); `GET /api/Agent/me` returns it.
    pub agent_id: i64,
    /// When true, the login agent sees no records: every resource list returns
    /// `record_count: 0` and no items, and single reads answer 404 — Halo's behaviour
    /// when the agent's teams or role hide the data (default false). Configuration
    /// lists (statuses, agents, …) and `Agent/me` are unaffected. To hide only
    /// some resources, use [`FakeConfig::agent_sees_nothing_in`].
    pub agent_sees_nothing: bool,
    /// Resources whose records the login agent's teams hide (default none):
    /// resource path names as the spec spells them, matched case-insensitively
    /// (`"Client"`, `"Invoice"`). Their lists answer as usual but empty
    /// (`record_count: 0`, no items), single reads and deletes answer 404, and
    /// report rows leave their records out — what
    /// [`FakeConfig::agent_sees_nothing`] does everywhere, on these paths only.
    /// Naming `"Tickets"` hides the tickets' actions too (an agent that cannot
    /// see a ticket cannot see its notes). A configuration list named here is
    /// hidden as well, although team visibility does not normally hide those.
    /// The application's scopes still apply first. Set it with
    /// [`FakeConfig::with_agent_sees_nothing_in`].
    pub agent_sees_nothing_in: Vec<String>,
    /// Resources the login agent lacks the permission for (default none):
    /// resource path names as the spec spells them, matched case-insensitively
    /// (`"Invoice"`, `"ReportData"`). Every request to such a path whose token
    /// scopes *do* cover it — typically scope `all` — answers 403 with
    /// [`FakeConfig::AGENT_FORBIDDEN_CLASS`] in Halo's .NET error shape:
    /// `{"ClassName": "HaloPermissionException", "Message": "The agent 'API Agent'
    /// does not have permission to access Invoice"}`. Halo's effective access is
    /// the application's scopes ∩ the login agent's own permissions (halopsa.md
    /// §2.9); the exact body Halo sends for the agent half is **unverified**
    /// (halopsa.md §2.7 knows of 403s only from a third-party client), so this
    /// is a plausible shape the client's error parser reads (`{ClassName,
    /// Message}`), distinguishable from the fake's missing-scope 403 by its
    /// message. A request the token's scopes do not cover still gets the
    /// missing-scope 403. Set it with [`FakeConfig::with_agent_forbidden`].
    pub agent_forbidden: Vec<String>,
    /// The `expires_in` of issued tokens, in seconds (default 3600); tokens really
    /// expire after it.
    pub token_lifetime_secs: u64,
    /// Halo's hosted rate limit: at most `n` API requests per rolling window, then
    /// 429 with a text body and no `Retry-After` (default `None`: unlimited).
    pub rate_limit: Option<(u32, Duration)>,
    /// How much data to seed.
    pub seed: SeedSize,
    /// Whether the token response carries `scope` (default true: the granted
    /// scopes, space-separated). halopsa.md lists no `scope` among the token
    /// response fields HaloAPI reads, so whether Halo sends it is unverified; set
    /// false to check that a client copes without it (it can then only know the
    /// scopes it asked for).
    pub token_scope_in_response: bool,
    /// Whether configuration lists (`/Status`, `/Priority`, `/Category`, `/Team`,
    /// `/Agent`, `/TicketType`, `/Workflow`, `/SLA`) come wrapped as
    /// `{"<key>": [...]}` without `record_count` instead of as a bare array
    /// (default false: bare, as halopsa.md notes Halo returns them). Either way
    /// they are not paginated.
    pub config_lists_wrapped: bool,
    /// Lists that ignore pagination and answer with a bare array (default none):
    /// resource path names as the spec spells them, matched case-insensitively
    /// (`"Tickets"`, `"Asset"`). A `GET` of such a list ignores `pageinate`,
    /// `page_size` and `page_no` and returns the first 50 matching records — the
    /// API agent's default page size — as a bare JSON array, without
    /// `record_count`; filters, `search`, ordering and `count` still apply. This
    /// is Halo's silent truncation (halopsa.md §2.5) in the shape a client cannot
    /// detect from `record_count`: a client that trusts the reply sees 50 records
    /// and no sign that more exist. Set it with [`FakeConfig::with_bare_array_list`].
    pub bare_array_lists: Vec<String>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            client_id: "fake-client-id".to_owned(),
            client_secret: "fake-client-secret".to_owned(),
            tenant: Some("fake".to_owned()),
            application_scopes: vec!["all".to_owned()],
            agent_id: 1,
            agent_sees_nothing: false,
            agent_sees_nothing_in: Vec::new(),
            agent_forbidden: Vec::new(),
            token_lifetime_secs: 3600,
            rate_limit: None,
            seed: SeedSize::default(),
            token_scope_in_response: true,
            config_lists_wrapped: false,
            bare_array_lists: Vec::new(),
        }
    }
}

impl fmt::Debug for FakeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("tenant", &self.tenant)
            .field("application_scopes", &self.application_scopes)
            .field("agent_id", &self.agent_id)
            .field("agent_sees_nothing", &self.agent_sees_nothing)
            .field("agent_sees_nothing_in", &self.agent_sees_nothing_in)
            .field("agent_forbidden", &self.agent_forbidden)
            .field("token_lifetime_secs", &self.token_lifetime_secs)
            .field("rate_limit", &self.rate_limit)
            .field("seed", &self.seed)
            .field("token_scope_in_response", &self.token_scope_in_response)
            .field("config_lists_wrapped", &self.config_lists_wrapped)
            .field("bare_array_lists", &self.bare_array_lists)
            .finish()
    }
}

impl FakeConfig {
    /// Sets the scopes the Halo application is allowed (e.g. `["read:tickets"]`).
    pub fn with_scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.application_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the tenant; `None` means the token endpoint needs no `?tenant=`.
    pub fn with_tenant(mut self, tenant: Option<String>) -> Self {
        self.tenant = tenant;
        self
    }

    /// Sets the agent the application logs in as.
    pub fn with_agent_id(mut self, agent_id: i64) -> Self {
        self.agent_id = agent_id;
        self
    }

    /// Makes the login agent see no records (empty lists, 404 on reads).
    pub fn with_agent_sees_nothing(mut self, sees_nothing: bool) -> Self {
        self.agent_sees_nothing = sees_nothing;
        self
    }

    /// Hides the records of the resource at `path` (a resource path name such as
    /// `"Client"`, case-insensitive) from the login agent, as its teams would:
    /// empty lists, 404 on reads (see [`FakeConfig::agent_sees_nothing_in`]).
    /// Call it once per resource.
    ///
    /// ```
    /// use halopsa_client::fake::FakeConfig;
    /// let config = FakeConfig::default().with_agent_sees_nothing_in("Client");
    /// assert!(config.hides_from_agent("client"));
    /// assert!(!config.hides_from_agent("Site"));
    /// // Hiding tickets hides their actions.
    /// let config = FakeConfig::default().with_agent_sees_nothing_in("Tickets");
    /// assert!(config.hides_from_agent("Actions"));
    /// ```
    pub fn with_agent_sees_nothing_in(mut self, path: impl Into<String>) -> Self {
        self.agent_sees_nothing_in.push(path.into());
        self
    }

    /// Whether the login agent sees no records of the resource at `path`
    /// (case-insensitive): because of [`FakeConfig::agent_sees_nothing`] (not for
    /// configuration lists), or because `path` — or, for `"Actions"`,
    /// `"Tickets"` — is in [`FakeConfig::agent_sees_nothing_in`].
    pub fn hides_from_agent(&self, path: &str) -> bool {
        let path = path.trim().trim_matches('/');
        let named = |p: &str| lists_path(&self.agent_sees_nothing_in, p);
        let is_config =
            super::catalog::lookup(path).is_some_and(|d| d.kind == super::catalog::Kind::Config);
        (self.agent_sees_nothing && !is_config)
            || named(path)
            || (path.eq_ignore_ascii_case("Actions") && named("Tickets"))
    }

    /// The `ClassName` of the 403 a path in [`FakeConfig::agent_forbidden`]
    /// answers with (the same class as the fake's missing-scope 403; the message
    /// tells them apart).
    pub const AGENT_FORBIDDEN_CLASS: &'static str = "HaloPermissionException";

    /// Makes the login agent lack the permission for the resource at `path` (a
    /// resource path name such as `"Invoice"`, case-insensitive) although the
    /// application's scopes cover it: every request there answers 403 (see
    /// [`FakeConfig::agent_forbidden`]). Call it once per resource.
    ///
    /// ```
    /// use halopsa_client::fake::FakeConfig;
    /// let config = FakeConfig::default().with_agent_forbidden("Invoice");
    /// assert_eq!(config.application_scopes, ["all"]);
    /// assert!(config.is_agent_forbidden("invoice"));
    /// assert!(!config.is_agent_forbidden("Tickets"));
    /// ```
    pub fn with_agent_forbidden(mut self, path: impl Into<String>) -> Self {
        self.agent_forbidden.push(path.into());
        self
    }

    /// Whether the login agent lacks the permission for the resource at `path`
    /// (see [`FakeConfig::agent_forbidden`]); case-insensitive.
    pub fn is_agent_forbidden(&self, path: &str) -> bool {
        lists_path(&self.agent_forbidden, path)
    }

    /// Sets the lifetime of issued tokens, in seconds.
    pub fn with_token_lifetime(mut self, secs: u64) -> Self {
        self.token_lifetime_secs = secs;
        self
    }

    /// Sets the rate limit: `Some((requests, window))`, or `None` for none.
    pub fn with_rate_limit(mut self, limit: Option<(u32, Duration)>) -> Self {
        self.rate_limit = limit;
        self
    }

    /// Sets whether the token response carries `scope` (see
    /// [`FakeConfig::token_scope_in_response`]; default true).
    ///
    /// ```
    /// use halopsa_client::fake::FakeConfig;
    /// let config = FakeConfig::default().with_token_scope_in_response(false);
    /// assert!(!config.token_scope_in_response);
    /// ```
    pub fn with_token_scope_in_response(mut self, include: bool) -> Self {
        self.token_scope_in_response = include;
        self
    }

    /// Sets whether configuration lists come wrapped without `record_count` (see
    /// [`FakeConfig::config_lists_wrapped`]; default false).
    pub fn with_config_lists_wrapped(mut self, wrapped: bool) -> Self {
        self.config_lists_wrapped = wrapped;
        self
    }

    /// Makes the list at `path` (a resource path name such as `"Tickets"`,
    /// case-insensitive) ignore pagination and answer with the first 50 matching
    /// records as a bare array without `record_count` (see
    /// [`FakeConfig::bare_array_lists`]). Call it once per list.
    ///
    /// ```
    /// use halopsa_client::fake::FakeConfig;
    /// let config = FakeConfig::default().with_bare_array_list("Tickets");
    /// assert!(config.is_bare_array_list("tickets"));
    /// assert!(!config.is_bare_array_list("Asset"));
    /// ```
    pub fn with_bare_array_list(mut self, path: impl Into<String>) -> Self {
        self.bare_array_lists.push(path.into());
        self
    }

    /// Whether the list at `path` ignores pagination and answers with a bare
    /// array (see [`FakeConfig::bare_array_lists`]); case-insensitive.
    pub fn is_bare_array_list(&self, path: &str) -> bool {
        lists_path(&self.bare_array_lists, path)
    }

    /// Sets how much data is seeded.
    pub fn with_seed(mut self, seed: SeedSize) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the application's client id and secret.
    pub fn with_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.client_id = client_id.into();
        self.client_secret = client_secret.into();
        self
    }
}

/// How many records of each kind the fake is seeded with. The data is
/// deterministic: the same sizes always give the same records, numbered from 1.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct SeedSize {
    /// Companies (`/Client`, default 12).
    pub clients: usize,
    /// Sites per company (`/Site`, default 2).
    pub sites_per_client: usize,
    /// Contacts per company (`/Users`, default 3).
    pub users_per_client: usize,
    /// Tickets (`/Tickets`, default 250).
    pub tickets: usize,
    /// Actions per ticket (`/Actions`, default 3).
    pub actions_per_ticket: usize,
    /// Assets (`/Asset`, default 120).
    pub assets: usize,
    /// Products (`/Item`, default 30).
    pub items: usize,
    /// Each other resource: appointments, articles, contracts, invoices, quotations,
    /// suppliers, opportunities, reports, categories, teams, agents, ticket types,
    /// workflows and SLAs (default 15). Statuses and priorities are always the four
    /// Halo ships with.
    pub other: usize,
}

impl Default for SeedSize {
    fn default() -> Self {
        SeedSize {
            clients: 12,
            sites_per_client: 2,
            users_per_client: 3,
            tickets: 250,
            actions_per_ticket: 3,
            assets: 120,
            items: 30,
            other: 15,
        }
    }
}

impl SeedSize {
    /// A small data set for fast tests: 3 companies, 10 tickets, 5 assets, 3 of each other resource.
    pub fn small() -> Self {
        SeedSize {
            clients: 3,
            sites_per_client: 1,
            users_per_client: 2,
            tickets: 10,
            actions_per_ticket: 2,
            assets: 5,
            items: 3,
            other: 3,
        }
    }

    /// Sets the number of tickets.
    pub fn with_tickets(mut self, tickets: usize) -> Self {
        self.tickets = tickets;
        self
    }

    /// Sets the number of assets.
    pub fn with_assets(mut self, assets: usize) -> Self {
        self.assets = assets;
        self
    }
}

/// Whether `paths` names `path` (case-insensitive; surrounding blanks and slashes
/// ignored on both sides), e.g. `"Invoice"` matches `"/invoice"`.
fn lists_path(paths: &[String], path: &str) -> bool {
    let path = path.trim().trim_matches('/');
    paths
        .iter()
        .any(|p| p.trim().trim_matches('/').eq_ignore_ascii_case(path))
}
