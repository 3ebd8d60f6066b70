//! [`Credentials`]: the Client ID, Client Secret and region of an Asio API
//! access, from code or from `ASIO_*` environment variables.

use std::fmt;

use neo_auth_core::secrecy::{ExposeSecret, SecretString};
use neo_auth_core::{EnvVar, EnvVars, Error, Result};

use crate::region::{Region, RegionSource};

/// `ASIO_CLIENT_ID`.
pub const ENV_CLIENT_ID: EnvVar = EnvVar::new(
    "ASIO_CLIENT_ID",
    "0e30a1b2-…",
    "Asio: Integrations → API Access → Generate API Access",
);
/// `ASIO_CLIENT_SECRET`.
pub const ENV_CLIENT_SECRET: EnvVar = EnvVar::new(
    "ASIO_CLIENT_SECRET",
    "s3cr3t…",
    "shown once when the API access is generated; regenerate it if lost",
);
/// `ASIO_REGION` (optional: inferred from the client ID).
pub const ENV_REGION: EnvVar = EnvVar::new("ASIO_REGION", "us", "us, eu or au");
/// `ASIO_BASE_URL` (optional: overrides the region's URL).
pub const ENV_BASE_URL: EnvVar = EnvVar::new(
    "ASIO_BASE_URL",
    "https://openapi.service.itsupport247.net",
    "the regional API host; http only for loopback test servers",
);
/// `ASIO_SCOPES` (optional, space- or comma-separated wire strings).
pub const ENV_SCOPES: EnvVar = EnvVar::new(
    "ASIO_SCOPES",
    "platform.companies.read platform.devices.read",
    "the scopes ticked for the API access",
);

/// An Asio API access: Client ID, Client Secret, and where it lives.
///
/// The base URL is, in order: the explicit [`base_url`](Credentials::base_url),
/// else the explicit [`region`](Credentials::region), else the region the
/// client ID's prefix names (`0e30` US, `0e31` EU, `0e32` AU) — which
/// `check_access()` reports as inferred.
///
/// `Debug` never shows the secret:
///
/// ```
/// use asio_client::{Credentials, Region};
/// use asio_client::secrecy::SecretString;
/// let creds = Credentials::new("0e31abcd", SecretString::from("hunter2"));
/// assert_eq!(creds.resolve().unwrap().1.to_string(),
///            "region EU (inferred from the client ID prefix `0e31`)");
/// assert!(!format!("{creds:?}").contains("hunter2"));
/// let creds = creds.region(Region::Au);
/// assert_eq!(creds.resolve().unwrap().0, Region::Au.base_url());
/// ```
#[derive(Clone)]
pub struct Credentials {
    client_id: String,
    client_secret: SecretString,
    region: Option<Region>,
    base_url: Option<String>,
    scopes: Option<Vec<String>>,
}

impl Credentials {
    /// A Client ID and Client Secret; region inferred unless set.
    pub fn new(client_id: impl Into<String>, client_secret: SecretString) -> Self {
        Credentials {
            client_id: client_id.into().trim().to_owned(),
            client_secret,
            region: None,
            base_url: None,
            scopes: None,
        }
    }

    /// Sets the region explicitly (wins over the client-ID prefix).
    #[must_use]
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// Sets the base URL explicitly (wins over any region).
    #[must_use]
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// Requests these wire scope strings instead of the nine defaults.
    #[must_use]
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Reads `ASIO_CLIENT_ID`, `ASIO_CLIENT_SECRET`, `ASIO_REGION`,
    /// `ASIO_BASE_URL` and `ASIO_SCOPES`, reporting every problem at once.
    pub fn from_env() -> Result<Self> {
        Self::from_vars(EnvVars::from_env("ConnectWise Asio"))
    }

    /// As [`from_env`](Credentials::from_env), from any [`EnvVars`] (tests,
    /// configuration files).
    ///
    /// ```
    /// use asio_client::Credentials;
    /// use neo_auth_core::EnvVars;
    /// let vars = EnvVars::from_pairs("ConnectWise Asio", [("ASIO_CLIENT_ID", "0e30x")]);
    /// let err = Credentials::from_vars(vars).unwrap_err().to_string();
    /// assert!(err.contains("ASIO_CLIENT_SECRET is not set"));
    /// ```
    pub fn from_vars(mut vars: EnvVars<'_>) -> Result<Self> {
        let client_id = vars.required(&ENV_CLIENT_ID);
        let secret = vars.secret(&ENV_CLIENT_SECRET);
        let region = vars.parse::<Region>(&ENV_REGION);
        let base_url = vars.optional(&ENV_BASE_URL);
        let scopes = vars.words(&ENV_SCOPES);
        vars.finish(Credentials {
            client_id,
            client_secret: secret,
            region,
            base_url,
            scopes,
        })
    }

    /// The Client ID.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The Client Secret.
    pub fn client_secret(&self) -> &SecretString {
        &self.client_secret
    }

    /// The requested scopes, when configured (else the nine defaults).
    pub fn requested_scopes(&self) -> Option<&[String]> {
        self.scopes.as_deref()
    }

    /// The base URL and where it came from; a configuration error when
    /// nothing names a region.
    pub fn resolve(&self) -> Result<(String, RegionSource)> {
        if self.client_id.is_empty() {
            return Err(Error::config("the Asio client ID is empty"));
        }
        if self.client_secret.expose_secret().trim().is_empty() {
            return Err(Error::config("the Asio client secret is empty"));
        }
        if let Some(base) = &self.base_url {
            return Ok((base.trim_end_matches('/').to_owned(), RegionSource::BaseUrl));
        }
        if let Some(region) = self.region {
            return Ok((
                region.base_url().to_owned(),
                RegionSource::Configured(region),
            ));
        }
        match Region::from_client_id(&self.client_id) {
            Some(region) => Ok((
                region.base_url().to_owned(),
                RegionSource::InferredFromClientId(region),
            )),
            None => Err(Error::config(
                "no Asio region: set the region (us, eu, au) or a base URL; the client ID does \
                 not start with 0e30 (US), 0e31 (EU) or 0e32 (AU)",
            )),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("region", &self.region)
            .field("base_url", &self.base_url)
            .field("scopes", &self.scopes)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> EnvVars<'static> {
        EnvVars::from_pairs(
            "ConnectWise Asio",
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        )
    }

    #[test]
    fn explicit_base_url_beats_region_beats_prefix() {
        let creds = Credentials::new("0e30aa", SecretString::from("s"));
        assert_eq!(
            creds.resolve().unwrap(),
            (
                Region::Us.base_url().to_owned(),
                RegionSource::InferredFromClientId(Region::Us)
            )
        );
        let creds = creds.region(Region::Eu);
        assert_eq!(
            creds.resolve().unwrap().1,
            RegionSource::Configured(Region::Eu)
        );
        let creds = creds.base_url("http://127.0.0.1:9/");
        assert_eq!(
            creds.resolve().unwrap(),
            ("http://127.0.0.1:9".to_owned(), RegionSource::BaseUrl)
        );
    }

    #[test]
    fn no_region_at_all_is_a_config_error() {
        let err = Credentials::new("abcd", SecretString::from("s"))
            .resolve()
            .unwrap_err();
        assert!(err.to_string().contains("no Asio region"), "{err}");
        let err = Credentials::new("0e30", SecretString::from(" "))
            .resolve()
            .unwrap_err();
        assert!(err.to_string().contains("secret is empty"));
    }

    #[test]
    fn env_reads_every_variable_and_reports_every_problem() {
        let creds = Credentials::from_vars(vars(&[
            ("ASIO_CLIENT_ID", "abc"),
            ("ASIO_CLIENT_SECRET", "pw"),
            ("ASIO_REGION", "au"),
            ("ASIO_SCOPES", "platform.sites.read, platform.devices.read"),
        ]))
        .unwrap();
        assert_eq!(
            creds.resolve().unwrap().1,
            RegionSource::Configured(Region::Au)
        );
        assert_eq!(
            creds.requested_scopes().unwrap(),
            ["platform.sites.read", "platform.devices.read"]
        );
        let err = Credentials::from_vars(vars(&[("ASIO_REGION", "mars")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("ASIO_CLIENT_ID is not set"), "{err}");
        assert!(err.contains("ASIO_CLIENT_SECRET is not set"), "{err}");
        assert!(err.contains("ASIO_REGION"), "{err}");
    }

    #[test]
    fn debug_redacts_the_secret() {
        let creds = Credentials::new("0e30", SecretString::from("very-secret-value"));
        let text = format!("{creds:?}");
        assert!(!text.contains("very-secret-value"));
        assert!(text.contains("** redacted **"));
    }
}
