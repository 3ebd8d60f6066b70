//! ConnectWise Manage credentials: an API Member's key pair, the company ID, the
//! integration's `clientId` and the site.

use std::fmt;

use neo_auth_core::{BasicCredential, EnvVar, EnvVars, Error, Result};
use secrecy::{ExposeSecret, SecretString};

use crate::site::Site;

/// The environment variables [`CwCredentials::from_env`] reads.
pub mod env_vars {
    use super::EnvVar;

    /// `CWM_SITE`: a cloud region or the server's URL.
    pub const SITE: EnvVar = EnvVar::new(
        "CWM_SITE",
        "na",
        "na, eu, au, aus, za, staging, or the on-premise server's https URL",
    );
    /// `CWM_COMPANY_ID`: the company name typed at the ConnectWise login.
    pub const COMPANY_ID: EnvVar = EnvVar::new(
        "CWM_COMPANY_ID",
        "acme",
        "the company name typed at the ConnectWise login screen",
    );
    /// `CWM_PUBLIC_KEY`: the API member's public key.
    pub const PUBLIC_KEY: EnvVar = EnvVar::new(
        "CWM_PUBLIC_KEY",
        "Ab12Cd34Ef56Gh78",
        "System → Members → API Members → (the member) → API Keys",
    );
    /// `CWM_PRIVATE_KEY`: the API member's private key (shown once).
    pub const PRIVATE_KEY: EnvVar = EnvVar::new(
        "CWM_PRIVATE_KEY",
        "(secret)",
        "shown once when the API key is created, next to the public key",
    );
    /// `CWM_CLIENT_ID`: the integration's clientId GUID.
    pub const CLIENT_ID: EnvVar = EnvVar::new(
        "CWM_CLIENT_ID",
        "00000000-0000-0000-0000-000000000000",
        "developer.connectwise.com → ClientID → the integration",
    );
    /// `CWM_CODEBASE` (optional): skips codebase discovery.
    pub const CODEBASE: EnvVar = EnvVar::new(
        "CWM_CODEBASE",
        "v2025_1/",
        "optional; discovered through /login/companyinfo otherwise",
    );
    /// `CWM_API_VERSION` (optional): the API model version to pin.
    pub const API_VERSION: EnvVar = EnvVar::new(
        "CWM_API_VERSION",
        "2025.1",
        "optional; the SDK's version otherwise",
    );
}

/// The header ConnectWise requires on every request, naming the integration.
pub const CLIENT_ID_HEADER: &str = "clientId";

/// What an admin copies from ConnectWise Manage (System → Members → API Members →
/// the member → API Keys) plus the integration's `clientId` (from
/// developer.connectwise.com → ClientID) and the site.
///
/// The private key and the `clientId` are secrets: `Debug` never prints them.
///
/// ```
/// use cwmanage_client::{CwCredentials, Site};
/// use secrecy::SecretString;
/// let credentials = CwCredentials::new(
///     Site::Na,
///     "acme",
///     "PUBLICKEY",
///     SecretString::from("private-key"),
///     SecretString::from("6c1f0d5e-0000-4000-8000-000000000000"),
/// );
/// let debug = format!("{credentials:?}");
/// assert!(!debug.contains("private-key") && !debug.contains("6c1f0d5e"));
/// ```
#[derive(Clone)]
pub struct CwCredentials {
    pub(crate) site: Site,
    pub(crate) company_id: String,
    pub(crate) public_key: String,
    pub(crate) private_key: SecretString,
    pub(crate) client_id: SecretString,
    pub(crate) codebase: Option<String>,
    pub(crate) api_version: Option<String>,
}

impl CwCredentials {
    /// Credentials of an API Member's key pair on `site` for `company_id` (the
    /// company name typed at the ConnectWise login screen).
    pub fn new(
        site: Site,
        company_id: impl Into<String>,
        public_key: impl Into<String>,
        private_key: SecretString,
        client_id: SecretString,
    ) -> Self {
        CwCredentials {
            site,
            company_id: company_id.into(),
            public_key: public_key.into(),
            private_key,
            client_id,
            codebase: None,
            api_version: None,
        }
    }

    /// Sets the codebase (`v2025_1/`, `v4_6_release/`): skips discovery through
    /// `/login/companyinfo`.
    pub fn with_codebase(mut self, codebase: impl Into<String>) -> Self {
        self.codebase = Some(codebase.into());
        self
    }

    /// Pins the API model version sent in `Accept` (`2025.1`).
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The company ID.
    pub fn company_id(&self) -> &str {
        &self.company_id
    }

    /// The public key.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The configured codebase, when one is set.
    pub fn codebase(&self) -> Option<&str> {
        self.codebase.as_deref()
    }

    /// The pinned API version, when one is set.
    pub fn api_version(&self) -> Option<&str> {
        self.api_version.as_deref()
    }

    /// Reads `CWM_SITE`, `CWM_COMPANY_ID`, `CWM_PUBLIC_KEY`, `CWM_PRIVATE_KEY`,
    /// `CWM_CLIENT_ID` and the optional `CWM_CODEBASE` and `CWM_API_VERSION`.
    /// Every missing variable is named in one error.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`CwCredentials::from_env`], reading variables through `lookup`.
    ///
    /// ```
    /// use cwmanage_client::CwCredentials;
    /// let vars = [("CWM_SITE", "eu"), ("CWM_COMPANY_ID", "acme")];
    /// let err = CwCredentials::from_lookup(|n| {
    ///     vars.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string())
    /// })
    /// .unwrap_err()
    /// .to_string();
    /// assert!(err.contains("CWM_PUBLIC_KEY") && err.contains("CWM_PRIVATE_KEY") && err.contains("CWM_CLIENT_ID"));
    /// ```
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let mut env = EnvVars::with_lookup("ConnectWise Manage", lookup);
        let site = env.required(&env_vars::SITE);
        let company_id = env.required(&env_vars::COMPANY_ID);
        let public_key = env.required(&env_vars::PUBLIC_KEY);
        let private_key = env.secret(&env_vars::PRIVATE_KEY);
        let client_id = env.secret(&env_vars::CLIENT_ID);
        let codebase = env.optional(&env_vars::CODEBASE);
        let api_version = env.optional(&env_vars::API_VERSION);
        let parsed_site = if site.is_empty() {
            None
        } else {
            match Site::parse(&site) {
                Ok(site) => Some(site),
                Err(e) => {
                    env.invalid(&env_vars::SITE, e.to_string());
                    None
                }
            }
        };
        let credentials = parsed_site.map(|site| {
            let mut c = CwCredentials::new(site, company_id, public_key, private_key, client_id);
            c.codebase = codebase;
            c.api_version = api_version;
            c
        });
        let credentials = env.finish(credentials)?;
        credentials.ok_or_else(|| Error::config("CWM_SITE is not set"))
    }

    /// Checks every field, saying what is wrong.
    pub(crate) fn validate(&self) -> Result<()> {
        let company = self.company_id.trim();
        if company.is_empty() {
            return Err(Error::config("the ConnectWise Manage company ID is empty"));
        }
        if company.contains(['+', ':', '/', '?', '#']) || company.chars().any(char::is_whitespace) {
            return Err(Error::config(format!(
                "the ConnectWise Manage company ID `{company}` contains a character that cannot be part of it (+ : / ? # or a space)"
            )));
        }
        let public = self.public_key.trim();
        if public.is_empty() {
            return Err(Error::config("the ConnectWise Manage public key is empty"));
        }
        if public.contains(':') {
            return Err(Error::config(
                "the ConnectWise Manage public key cannot contain ':'",
            ));
        }
        if self.private_key.expose_secret().trim().is_empty() {
            return Err(Error::config("the ConnectWise Manage private key is empty"));
        }
        if self.client_id.expose_secret().trim().is_empty() {
            return Err(Error::config(
                "the ConnectWise Manage clientId is empty: create one at developer.connectwise.com → ClientID",
            ));
        }
        if let Some(codebase) = &self.codebase {
            crate::company_info::normalize_codebase(codebase)?;
        }
        if let Some(version) = &self.api_version {
            crate::version::validate_api_version(version)?;
        }
        Ok(())
    }

    /// The Basic credential: `companyId+publicKey:privateKey` with the `clientId`
    /// header on every request.
    pub(crate) fn basic_credential(&self) -> Result<BasicCredential> {
        self.validate()?;
        let username = format!("{}+{}", self.company_id.trim(), self.public_key.trim());
        BasicCredential::new(username, self.private_key.clone())?
            .with_header(CLIENT_ID_HEADER, self.client_id.clone())
    }
}

impl fmt::Debug for CwCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CwCredentials")
            .field("site", &self.site)
            .field("company_id", &self.company_id)
            .field("public_key", &self.public_key)
            .field("private_key", &"** redacted **")
            .field("client_id", &"** redacted **")
            .field("codebase", &self.codebase)
            .field("api_version", &self.api_version)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use neo_auth_core::Credential;

    fn creds() -> CwCredentials {
        CwCredentials::new(
            Site::Eu,
            "acme",
            "PUB",
            SecretString::from("PRIV-SECRET"),
            SecretString::from("CLIENT-GUID-SECRET"),
        )
    }

    #[test]
    fn debug_is_redacted_exactly() {
        let debug = format!("{:?}", creds());
        assert_eq!(
            debug,
            "CwCredentials { site: Eu, company_id: \"acme\", public_key: \"PUB\", private_key: \"** redacted **\", client_id: \"** redacted **\", codebase: None, api_version: None }"
        );
    }

    #[tokio::test]
    async fn basic_user_is_company_plus_public_key_and_client_id_is_a_header() {
        let basic = creds().basic_credential().unwrap();
        assert_eq!(basic.username(), "acme+PUB");
        let auth = basic.authorize().await.unwrap();
        let headers: Vec<_> = auth
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap().to_owned(),
                    v.is_sensitive(),
                )
            })
            .collect();
        // base64("acme+PUB:PRIV-SECRET")
        assert!(headers.contains(&(
            "authorization".to_owned(),
            "Basic YWNtZStQVUI6UFJJVi1TRUNSRVQ=".to_owned(),
            true
        )));
        assert!(headers.contains(&("clientid".to_owned(), "CLIENT-GUID-SECRET".to_owned(), true)));
    }

    #[test]
    fn validation_names_the_field() {
        let mut c = creds();
        c.company_id = "ac me".into();
        assert!(c.validate().unwrap_err().to_string().contains("company ID"));
        let mut c = creds();
        c.client_id = SecretString::from(" ");
        assert!(c.validate().unwrap_err().to_string().contains("clientId"));
        let mut c = creds();
        c.private_key = SecretString::from("");
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("private key")
        );
        let mut c = creds();
        c.public_key = "a:b".into();
        assert!(c.validate().unwrap_err().to_string().contains("public key"));
    }

    #[test]
    fn env_reads_every_variable() {
        let vars = [
            ("CWM_SITE", "za"),
            ("CWM_COMPANY_ID", "acme"),
            ("CWM_PUBLIC_KEY", "PUB"),
            ("CWM_PRIVATE_KEY", "PRIV"),
            ("CWM_CLIENT_ID", "GUID"),
            ("CWM_CODEBASE", "v2025_1"),
            ("CWM_API_VERSION", "2025.1"),
        ];
        let c = CwCredentials::from_lookup(|n| {
            vars.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        })
        .unwrap();
        assert_eq!(c.site(), &Site::Za);
        assert_eq!(c.codebase(), Some("v2025_1"));
        assert_eq!(c.api_version(), Some("2025.1"));
        assert_eq!(c.client_id.expose_secret(), "GUID");
        let err = CwCredentials::from_lookup(|_| None)
            .unwrap_err()
            .to_string();
        for name in [
            "CWM_SITE",
            "CWM_COMPANY_ID",
            "CWM_PUBLIC_KEY",
            "CWM_PRIVATE_KEY",
            "CWM_CLIENT_ID",
        ] {
            assert!(err.contains(name), "{err}");
        }
    }
}
