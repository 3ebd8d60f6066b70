//! [`Credentials`]: a VSA X Third-Party Token (Token ID + Token Secret), the
//! tenant URL, and what the admin declares about the token.

use std::fmt;

use chrono::{DateTime, Utc};
use neo_auth_core::{EnvVar, EnvVars, Error, Result, Scope};
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::base_url::{api_base, tenant_url};
use crate::models::timestamp::parse_datetime;
use crate::permissions::parse_permission;

/// Environment variable: the tenant URL (`https://acme.vsax.net`) or any base URL of the API family.
pub const ENV_BASE_URL: EnvVar = EnvVar::new(
    "VSAX_BASE_URL",
    "https://acme.vsax.net",
    "the address of the VSA X tenant (or of another server of the API family, e.g. https://api.pulseway.com/v3)",
);
/// Environment variable: the Token ID.
pub const ENV_TOKEN_ID: EnvVar = EnvVar::new(
    "VSAX_TOKEN_ID",
    "3f7c0e9a",
    "Configuration → API Access → Third-Party Tokens (the Token ID of the token)",
);
/// Environment variable: the Token Secret.
pub const ENV_TOKEN_SECRET: EnvVar = EnvVar::new(
    "VSAX_TOKEN_SECRET",
    "…",
    "the Token Secret, shown once when the Third-Party Token is created",
);
/// Optional environment variable: the token's expiration date (`2026-12-31` or RFC 3339).
pub const ENV_TOKEN_EXPIRES: EnvVar = EnvVar::new(
    "VSAX_TOKEN_EXPIRES",
    "2027-03-31",
    "the expiration date on the token's Details tab (optional)",
);
/// Optional environment variable: the granted permissions, separated by commas
/// or semicolons (`devices.read, Notifications: Read/Write`).
pub const ENV_PERMISSIONS: EnvVar = EnvVar::new(
    "VSAX_PERMISSIONS",
    "devices.read, device_assets.read, organizations.read, automation.read, notifications.write",
    "the areas ticked on the token's Authorization tab (optional)",
);

/// A VSA X Third-Party Token and where to use it.
///
/// The Token ID and Secret are sent as HTTP Basic on every request. The token is
/// created under Configuration → API Access → Third-Party Tokens → Create Token;
/// the secret is shown once.
///
/// A token may carry an expiration date and a set of granted areas that the API
/// cannot report: declare them here and the client fails with a clear error after
/// the expiry (instead of a bare 401), `check_access()` warns when it is near,
/// and a call into an area the token lacks is refused before sending.
///
/// ```
/// use vsax_client::{permissions, Credentials};
/// use vsax_client::secrecy::SecretString;
///
/// let credentials = Credentials::new(
///     "https://acme.vsax.net",
///     "3f7c0e9a",
///     SecretString::from("token-secret"),
/// )?
/// .with_expiry_text("2027-03-31")?
/// .with_granted([&permissions::DEVICES_READ, &permissions::NOTIFICATIONS_WRITE]);
/// assert_eq!(credentials.api_base().as_str(), "https://acme.vsax.net/api/v3");
/// assert!(!format!("{credentials:?}").contains("token-secret"));
/// # Ok::<(), vsax_client::Error>(())
/// ```
#[derive(Clone)]
pub struct Credentials {
    api_base: Url,
    token_id: String,
    token_secret: SecretString,
    expires_at: Option<DateTime<Utc>>,
    granted: Option<Vec<&'static Scope>>,
}

impl Credentials {
    /// A token for a base URL: a VSA X tenant URL (`https://acme.vsax.net`,
    /// `/api/v3` is appended), a Pulseway host (`https://api.pulseway.com/v3`)
    /// or any server of the same API family (see [`Credentials::api_base`]).
    pub fn new(
        base_url: &str,
        token_id: impl Into<String>,
        token_secret: SecretString,
    ) -> Result<Self> {
        let token_id = token_id.into().trim().to_owned();
        if token_id.is_empty() {
            return Err(Error::config(
                "the VSA X Token ID is empty (Configuration → API Access → Third-Party Tokens)",
            ));
        }
        if token_id.contains(':') {
            return Err(Error::config(
                "the VSA X Token ID contains ':'; did you paste `id:secret` into the Token ID?",
            ));
        }
        if token_secret.expose_secret().trim().is_empty() {
            return Err(Error::config(
                "the VSA X Token Secret is empty (it is shown once, when the token is created)",
            ));
        }
        Ok(Credentials {
            api_base: api_base(base_url)?,
            token_id,
            token_secret,
            expires_at: None,
            granted: None,
        })
    }

    /// A token for the VSA X tenant `tenant` (`acme` → `https://acme.vsax.net/api/v3`).
    ///
    /// ```
    /// # use vsax_client::{Credentials, secrecy::SecretString};
    /// let c = Credentials::for_tenant("acme", "id", SecretString::from("s"))?;
    /// assert_eq!(c.api_base().as_str(), "https://acme.vsax.net/api/v3");
    /// # Ok::<(), vsax_client::Error>(())
    /// ```
    pub fn for_tenant(
        tenant: &str,
        token_id: impl Into<String>,
        token_secret: SecretString,
    ) -> Result<Self> {
        Self::new(&tenant_url(tenant)?, token_id, token_secret)
    }

    /// Reads [`ENV_BASE_URL`], [`ENV_TOKEN_ID`], [`ENV_TOKEN_SECRET`] and the
    /// optional [`ENV_TOKEN_EXPIRES`] and [`ENV_PERMISSIONS`]. Every missing
    /// variable is named in one error.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`Credentials::from_env`], reading variables through `lookup`.
    ///
    /// ```
    /// use vsax_client::Credentials;
    /// let vars = [("VSAX_BASE_URL", "https://acme.vsax.net"), ("VSAX_TOKEN_ID", "id")];
    /// let err = Credentials::from_lookup(|k| {
    ///     vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    /// })
    /// .unwrap_err();
    /// assert!(err.to_string().contains("VSAX_TOKEN_SECRET"));
    /// ```
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let mut env = EnvVars::with_lookup("VSA X", lookup);
        let base = env.required(&ENV_BASE_URL);
        let id = env.required(&ENV_TOKEN_ID);
        let secret = env.secret(&ENV_TOKEN_SECRET);
        let expiry = env.optional(&ENV_TOKEN_EXPIRES);
        let expires_at = expiry.as_deref().and_then(|text| {
            let at = parse_datetime(text);
            if at.is_none() {
                env.invalid(
                    &ENV_TOKEN_EXPIRES,
                    format!(
                        "is not a date (write 2027-03-31 or 2027-03-31T18:00:00Z), got `{text}`"
                    ),
                );
            }
            at
        });
        let granted =
            env.optional(&ENV_PERMISSIONS)
                .and_then(|text| match parse_permissions(&text) {
                    Ok(granted) => Some(granted),
                    Err(why) => {
                        env.invalid(&ENV_PERMISSIONS, why);
                        None
                    }
                });
        let (base, id, secret) = env.finish((base, id, secret))?;
        let mut credentials = Self::new(&base, id, secret)?;
        credentials.expires_at = expires_at;
        credentials.granted = granted;
        Ok(credentials)
    }

    /// Declares the token's expiration date (as set on its Details tab).
    pub fn with_expiry(mut self, expires_at: DateTime<Utc>) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// Declares the expiration date from text: a date (`2027-03-31`, the token is
    /// taken to stop working at midnight UTC that day) or an RFC 3339 date-time.
    pub fn with_expiry_text(self, text: &str) -> Result<Self> {
        let at = parse_datetime(text).ok_or_else(|| {
            Error::config(format!(
                "`{}` is not an expiry date; write it as 2027-03-31 or 2027-03-31T18:00:00Z",
                text.trim()
            ))
        })?;
        Ok(self.with_expiry(at))
    }

    /// Declares the permissions the admin granted on the token's Authorization
    /// tab (see [`permissions`](crate::permissions)). Calls into other areas are
    /// then refused before sending. Without a declaration the server's 403 is
    /// the only signal.
    pub fn with_granted(mut self, granted: impl IntoIterator<Item = &'static Scope>) -> Self {
        self.granted = Some(granted.into_iter().collect());
        self
    }

    /// Declares the granted permissions from text: wire names or portal labels
    /// separated by commas or semicolons (`devices.read; Notifications: Read/Write`).
    pub fn with_granted_text(self, text: &str) -> Result<Self> {
        let granted = parse_permissions(text).map_err(Error::config)?;
        Ok(self.with_granted(granted))
    }

    /// The API base every path is joined to (`https://acme.vsax.net/api/v3`).
    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

    /// The Token ID (the Basic user name; not a secret).
    pub fn token_id(&self) -> &str {
        &self.token_id
    }

    /// The Token Secret.
    pub fn token_secret(&self) -> &SecretString {
        &self.token_secret
    }

    /// The declared expiration date.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.expires_at
    }

    /// The declared permissions, when declared.
    pub fn granted(&self) -> Option<&[&'static Scope]> {
        self.granted.as_deref()
    }
}

/// Permission names or labels separated by commas or semicolons.
fn parse_permissions(text: &str) -> std::result::Result<Vec<&'static Scope>, String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| {
            parse_permission(item).ok_or_else(|| {
                format!(
                    "`{item}` is not a VSA X permission; use one of {}",
                    crate::permissions::ALL_PERMISSIONS
                        .iter()
                        .map(|s| format!("`{}`", s.name()))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("api_base", &self.api_base.as_str())
            .field("token_id", &self.token_id)
            .field("token_secret", &"** redacted **")
            .field("expires_at", &self.expires_at)
            .field(
                "granted",
                &self
                    .granted
                    .as_ref()
                    .map(|g| g.iter().map(|s| s.name()).collect::<Vec<_>>()),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::{DEVICES_READ, NOTIFICATIONS_WRITE};

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn every_missing_variable_is_named_once() {
        let err = Credentials::from_lookup(env(&[])).unwrap_err().to_string();
        for var in [ENV_BASE_URL, ENV_TOKEN_ID, ENV_TOKEN_SECRET] {
            assert_eq!(err.matches(var.name).count(), 1, "{err}");
        }
        assert!(err.contains("Third-Party Tokens"), "{err}");
    }

    #[test]
    fn optional_variables_are_read() {
        let c = Credentials::from_lookup(env(&[
            (ENV_BASE_URL.name, "https://acme.vsax.net"),
            (ENV_TOKEN_ID.name, "id"),
            (ENV_TOKEN_SECRET.name, "s3cr3t"),
            (ENV_TOKEN_EXPIRES.name, "2027-03-31"),
            (
                ENV_PERMISSIONS.name,
                "devices.read; Notifications: Read/Write",
            ),
        ]))
        .unwrap();
        assert_eq!(
            c.expires_at().unwrap().to_rfc3339(),
            "2027-03-31T00:00:00+00:00"
        );
        assert_eq!(c.granted().unwrap(), [&DEVICES_READ, &NOTIFICATIONS_WRITE]);
        let bad = Credentials::from_lookup(env(&[
            (ENV_BASE_URL.name, "https://acme.vsax.net"),
            (ENV_TOKEN_ID.name, "id"),
            (ENV_TOKEN_SECRET.name, "s3cr3t"),
            (ENV_PERMISSIONS.name, "tickets.read"),
            (ENV_TOKEN_EXPIRES.name, "soon"),
        ]))
        .unwrap_err()
        .to_string();
        assert!(
            bad.contains("VSAX_PERMISSIONS") && bad.contains("tickets.read"),
            "{bad}"
        );
    }

    #[test]
    fn bad_values_are_config_errors_without_the_secret() {
        let s = || SecretString::from("hunter2");
        assert!(Credentials::new("https://a.vsax.net", "", s()).is_err());
        assert!(Credentials::new("https://a.vsax.net", "id:secret", s()).is_err());
        assert!(Credentials::new("https://a.vsax.net", "id", SecretString::from(" ")).is_err());
        let c = Credentials::new("https://a.vsax.net", "id", s()).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
        assert!(c.clone().with_expiry_text("soon").is_err());
    }
}
