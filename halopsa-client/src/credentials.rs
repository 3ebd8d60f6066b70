//! HaloPSA credentials: "Client ID and Secret (Services)".

use std::fmt;

use neo_auth_core::{EnvVars, Error};
use secrecy::{ExposeSecret, SecretString};

/// The vendor name in an incomplete-environment error.
const VENDOR: &str = "HaloPSA";

/// The environment variables [`HaloCredentials::from_env`] reads, each with an
/// example value and where in Halo the value is shown.
pub(crate) mod env {
    use neo_auth_core::EnvVar;

    const API_DETAILS: &str = "Configuration → Integrations → Halo API → API Details";
    const APPLICATION: &str = "Configuration → Integrations → Halo API → View Applications → your application → Permissions";

    pub(crate) const BASE_URL: EnvVar = EnvVar::new(
        "HALOPSA_BASE_URL",
        "https://acme.halopsa.com",
        "the instance URL (or the Resource Server URL of Configuration → Integrations → Halo API → API Details)",
    );
    pub(crate) const CLIENT_ID: EnvVar = EnvVar::new(
        "HALOPSA_CLIENT_ID",
        "3f2b8c1e-…",
        "Configuration → Integrations → Halo API → View Applications → your application → Client ID",
    );
    pub(crate) const CLIENT_SECRET: EnvVar = EnvVar::new(
        "HALOPSA_CLIENT_SECRET",
        "the secret shown once",
        "Configuration → Integrations → Halo API → View Applications → your application → Client Secret (shown once when created)",
    );
    pub(crate) const TENANT: EnvVar = EnvVar::new("HALOPSA_TENANT", "acme", API_DETAILS);
    pub(crate) const AGENT_ID: EnvVar = EnvVar::new(
        "HALOPSA_AGENT_ID",
        "7",
        "the id of the application's \"Agent to log in as\" (Configuration → Teams & Agents → Agents)",
    );
    pub(crate) const AUTH_URL: EnvVar = EnvVar::new(
        "HALOPSA_AUTH_URL",
        "https://acme.halopsa.com/auth",
        "the Authorisation Server of Configuration → Integrations → Halo API → API Details",
    );
    pub(crate) const SCOPES: EnvVar =
        EnvVar::new("HALOPSA_SCOPES", "read:tickets edit:tickets", APPLICATION);
}

/// What an admin copies from the Halo API application (Configuration →
/// Integrations → Halo API → View Applications): client id, client secret, and the
/// instance URL; optionally the tenant, the agent the application logs in as, and
/// an explicit authorisation server URL.
///
/// ```
/// use halopsa_client::HaloCredentials;
/// use secrecy::SecretString;
/// let credentials = HaloCredentials::new(
///     "https://acme.halopsa.com", "client-id", SecretString::from("shh"))
///     .with_tenant("acme")
///     .with_agent_id(7);
/// assert!(!format!("{credentials:?}").contains("shh"));
/// ```
#[derive(Clone)]
pub struct HaloCredentials {
    pub(crate) base_url: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) tenant: Option<String>,
    pub(crate) agent_id: Option<i64>,
    pub(crate) auth_url: Option<String>,
    pub(crate) scopes: Vec<String>,
    pub(crate) allow_unlisted_scopes: bool,
}

impl HaloCredentials {
    /// Credentials for an instance (`https://yourdomain.halopsa.com`); scopes default to `all`.
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        HaloCredentials {
            base_url: base_url.into(),
            client_id: client_id.into(),
            client_secret,
            tenant: None,
            agent_id: None,
            auth_url: None,
            scopes: vec!["all".to_owned()],
            allow_unlisted_scopes: false,
        }
    }

    /// Sets the tenant (hosted instances; shown under "API Details").
    pub fn with_tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Sets the agent id the application is configured to log in as; `check_access`
    /// reports a mismatch. Halo agent ids are positive: 0 or less is refused when
    /// the client is built.
    pub fn with_agent_id(mut self, agent_id: i64) -> Self {
        self.agent_id = Some(agent_id);
        self
    }

    /// Sets the authorisation server URL explicitly (skips discovery). Either the
    /// server base (`https://acme.halopsa.com/auth`) or the token URL itself.
    pub fn with_auth_url(mut self, auth_url: impl Into<String>) -> Self {
        self.auth_url = Some(auth_url.into());
        self
    }

    /// Sets the scopes to request (default `all`).
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Accepts requested scopes missing from [`KNOWN_SCOPE_NAMES`](crate::scopes::KNOWN_SCOPE_NAMES)
    /// (a newer Halo version's scope, or one a vendor documents such as `all:teams`).
    /// By default an unknown name is refused in `build()`, because Halo answers it
    /// with `invalid_scope` at the first token request.
    pub fn allow_unlisted_scopes(mut self, allow: bool) -> Self {
        self.allow_unlisted_scopes = allow;
        self
    }

    /// Reads `HALOPSA_BASE_URL`, `HALOPSA_CLIENT_ID`, `HALOPSA_CLIENT_SECRET`, and the
    /// optional `HALOPSA_TENANT`, `HALOPSA_AGENT_ID`, `HALOPSA_AUTH_URL`,
    /// `HALOPSA_SCOPES` (separated by spaces or commas, default `all`).
    ///
    /// Every missing or invalid variable is named in the one
    /// [`Error::Config`], each with an example value and where in Halo it is
    /// shown (`Configuration → Integrations → Halo API`).
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_vars(EnvVars::from_env(VENDOR))
    }

    /// Like [`HaloCredentials::from_env`], reading variables through `lookup` (tests).
    ///
    /// ```
    /// use halopsa_client::HaloCredentials;
    /// let error = HaloCredentials::from_lookup(|_| None).unwrap_err().to_string();
    /// // Every missing variable at once, with an example and where Halo shows it.
    /// for name in ["HALOPSA_BASE_URL", "HALOPSA_CLIENT_ID", "HALOPSA_CLIENT_SECRET"] {
    ///     assert!(error.contains(name), "{error}");
    /// }
    /// assert!(error.contains("View Applications"), "{error}");
    /// ```
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        Self::from_env_vars(EnvVars::with_lookup(VENDOR, lookup))
    }

    fn from_env_vars(mut env: EnvVars<'_>) -> Result<Self, Error> {
        let mut credentials = HaloCredentials::new(
            env.required(&env::BASE_URL),
            env.required(&env::CLIENT_ID),
            env.secret(&env::CLIENT_SECRET),
        );
        credentials.tenant = env.optional(&env::TENANT);
        credentials.agent_id = env.parse::<i64>(&env::AGENT_ID);
        credentials.auth_url = env.optional(&env::AUTH_URL);
        if let Some(scopes) = env.words(&env::SCOPES) {
            credentials.scopes = scopes;
        }
        env.finish(credentials)
    }

    /// Checks the values (called by the client builder).
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.client_id.trim().is_empty() {
            return Err(Error::config("the HaloPSA client id is empty"));
        }
        if self.client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config("the HaloPSA client secret is empty"));
        }
        if self.scopes.is_empty() {
            return Err(Error::config(
                "at least one scope must be requested (default: all)",
            ));
        }
        for scope in &self.scopes {
            if scope.trim().is_empty() || scope.chars().any(char::is_whitespace) {
                return Err(Error::config(format!(
                    "`{scope}` is not a scope name (one name per entry, no spaces)"
                )));
            }
            if !self.allow_unlisted_scopes
                && !crate::scopes::KNOWN_SCOPE_NAMES.contains(&scope.as_str())
            {
                return Err(Error::config(format!(
                    "`{scope}` is not a HaloPSA scope (note: there is no read:actions or :sites scope; actions fall under tickets, sites under customers; `allow_unlisted_scopes(true)` accepts it anyway)"
                )));
            }
        }
        if let Some(agent_id) = self.agent_id.filter(|&id| id <= 0) {
            return Err(Error::config(format!(
                "the HaloPSA agent id (HALOPSA_AGENT_ID / with_agent_id) must be a positive agent id — the \"Agent to log in as\" of the Halo API application — got {agent_id}"
            )));
        }
        if self.tenant.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::config("the HaloPSA tenant is empty"));
        }
        Ok(())
    }

    /// The instance URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The configured agent id, if any.
    pub fn agent_id(&self) -> Option<i64> {
        self.agent_id
    }

    /// The requested scopes.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl fmt::Debug for HaloCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HaloCredentials")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("tenant", &self.tenant)
            .field("agent_id", &self.agent_id)
            .field("auth_url", &self.auth_url)
            .field("scopes", &self.scopes)
            .field("allow_unlisted_scopes", &self.allow_unlisted_scopes)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn from_lookup_reads_every_variable() {
        let vars: HashMap<&str, &str> = [
            ("HALOPSA_BASE_URL", "https://acme.halopsa.com"),
            ("HALOPSA_CLIENT_ID", "id"),
            ("HALOPSA_CLIENT_SECRET", "secret"),
            ("HALOPSA_TENANT", "acme"),
            ("HALOPSA_AGENT_ID", "12"),
            ("HALOPSA_SCOPES", "read:tickets edit:tickets"),
        ]
        .into();
        let c = HaloCredentials::from_lookup(|k| vars.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(c.tenant.as_deref(), Some("acme"));
        assert_eq!(c.agent_id, Some(12));
        assert_eq!(c.scopes, vec!["read:tickets", "edit:tickets"]);
        assert!(c.validate().is_ok());
        // Commas work as separators too; blank entries are dropped.
        let vars: HashMap<&str, &str> = [
            ("HALOPSA_BASE_URL", "https://acme.halopsa.com"),
            ("HALOPSA_CLIENT_ID", "id"),
            ("HALOPSA_CLIENT_SECRET", "secret"),
            ("HALOPSA_SCOPES", "read:tickets, edit:tickets,,"),
            ("HALOPSA_TENANT", "  "),
        ]
        .into();
        let c = HaloCredentials::from_lookup(|k| vars.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(c.scopes, vec!["read:tickets", "edit:tickets"]);
        assert_eq!(c.tenant, None, "a blank variable counts as unset");
        assert_eq!(c.auth_url, None);
    }

    #[test]
    fn missing_and_bad_values_are_config_errors() {
        let err = HaloCredentials::from_lookup(|_| None).unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let text = err.to_string();
        // Every missing variable at once, each with an example and its place in Halo.
        assert!(text.contains("3 problems"), "{text}");
        assert!(
            text.contains("HALOPSA_BASE_URL is not set (e.g. `https://acme.halopsa.com`"),
            "{text}"
        );
        assert!(text.contains("HALOPSA_CLIENT_ID is not set"), "{text}");
        assert!(text.contains("HALOPSA_CLIENT_SECRET is not set"), "{text}");
        assert!(text.contains("View Applications"), "{text}");
        // Missing and invalid together: both named.
        let err = HaloCredentials::from_lookup(|k| match k {
            "HALOPSA_AGENT_ID" => Some("seven".into()),
            "HALOPSA_BASE_URL" => Some("https://acme.halopsa.com".into()),
            _ => None,
        })
        .unwrap_err()
        .to_string();
        for name in [
            "HALOPSA_AGENT_ID",
            "HALOPSA_CLIENT_ID",
            "HALOPSA_CLIENT_SECRET",
        ] {
            assert!(err.contains(name), "{err}");
        }
        assert!(!err.contains("HALOPSA_BASE_URL"), "{err}");
        let err = HaloCredentials::from_lookup(|k| match k {
            "HALOPSA_AGENT_ID" => Some("seven".into()),
            _ => Some("x".into()),
        })
        .unwrap_err();
        assert!(err.to_string().contains("HALOPSA_AGENT_ID"), "{err}");
        for bad in ["0", "-3"] {
            let credentials = HaloCredentials::from_lookup(|k| match k {
                "HALOPSA_AGENT_ID" => Some(bad.into()),
                "HALOPSA_BASE_URL" => Some("https://acme.halopsa.com".into()),
                "HALOPSA_CLIENT_ID" | "HALOPSA_CLIENT_SECRET" => Some("x".into()),
                _ => None,
            })
            .unwrap();
            let err = credentials.validate().unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{err:?}");
            assert!(
                err.to_string().contains("HALOPSA_AGENT_ID")
                    && err.to_string().contains("must be a positive agent id")
                    && err.to_string().contains(&format!("got {bad}")),
                "{err}"
            );
        }
        let bad_scope = HaloCredentials::new("https://a", "id", SecretString::from("s"))
            .with_scopes(["read:actions"]);
        assert!(
            bad_scope
                .validate()
                .unwrap_err()
                .to_string()
                .contains("read:actions")
        );
    }
}
