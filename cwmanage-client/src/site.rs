//! Where a ConnectWise Manage server lives: a cloud region or an on-premise URL.

use std::fmt;
use std::str::FromStr;

use neo_auth_core::{Error, Result, validate_base_url};
use url::Url;

/// The ConnectWise Manage server to talk to.
///
/// Cloud regions use their `api-` hosts: the user-interface host
/// (`na.myconnectwise.net`) answers API calls with "SSL is required". An
/// on-premise server is given by its URL; a full URL naming a cloud UI host is
/// mapped to that region's API host for the same reason.
///
/// ```
/// use cwmanage_client::Site;
/// assert_eq!(Site::Na.base_url().as_str(), "https://api-na.myconnectwise.net/");
/// let eu: Site = "eu".parse().unwrap();
/// assert_eq!(eu, Site::Eu);
/// let on_prem: Site = "https://cw.msp.example".parse().unwrap();
/// assert!(!on_prem.is_cloud());
/// // A UI host is mapped to its API host.
/// let ui: Site = "https://na.myconnectwise.net".parse().unwrap();
/// assert_eq!(ui, Site::Na);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Site {
    /// North America: `api-na.myconnectwise.net`.
    Na,
    /// Europe: `api-eu.myconnectwise.net`.
    Eu,
    /// Australia: `api-au.myconnectwise.net`.
    Au,
    /// Australia (second region): `api-aus.myconnectwise.net`.
    Aus,
    /// South Africa: `api-za.myconnectwise.net`.
    Za,
    /// ConnectWise's staging environment: `api-staging.connectwisedev.com`.
    Staging,
    /// An on-premise server (or a fake): its base URL, https unless loopback.
    Url(Url),
}

/// One cloud region: its short name, UI host and API host.
struct Region {
    name: &'static str,
    ui_host: &'static str,
    api_host: &'static str,
    site: Site,
}

/// The cloud regions (api notes §1.2).
const CLOUD: [Region; 6] = [
    Region {
        name: "na",
        ui_host: "na.myconnectwise.net",
        api_host: "api-na.myconnectwise.net",
        site: Site::Na,
    },
    Region {
        name: "eu",
        ui_host: "eu.myconnectwise.net",
        api_host: "api-eu.myconnectwise.net",
        site: Site::Eu,
    },
    Region {
        name: "au",
        ui_host: "au.myconnectwise.net",
        api_host: "api-au.myconnectwise.net",
        site: Site::Au,
    },
    Region {
        name: "aus",
        ui_host: "aus.myconnectwise.net",
        api_host: "api-aus.myconnectwise.net",
        site: Site::Aus,
    },
    Region {
        name: "za",
        ui_host: "za.myconnectwise.net",
        api_host: "api-za.myconnectwise.net",
        site: Site::Za,
    },
    Region {
        name: "staging",
        ui_host: "staging.connectwisedev.com",
        api_host: "api-staging.connectwisedev.com",
        site: Site::Staging,
    },
];

impl Site {
    /// A site from a region name (`na`, `eu`, `au`, `aus`, `za`, `staging`, any
    /// case) or a full URL (`https://cw.msp.example`).
    pub fn parse(raw: &str) -> Result<Site> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Error::config(
                "the ConnectWise Manage site is empty: use na, eu, au, aus, za, staging or the server's URL",
            ));
        }
        let lower = trimmed.to_ascii_lowercase();
        if let Some(region) = CLOUD.iter().find(|r| r.name == lower) {
            return Ok(region.site.clone());
        }
        if !trimmed.contains("://") {
            return Err(Error::config(format!(
                "`{trimmed}` is not a ConnectWise Manage site: use na, eu, au, aus, za, staging or the server's full URL (https://…)"
            )));
        }
        let url = validate_base_url(trimmed)?;
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if let Some(region) = CLOUD
            .iter()
            .find(|r| host == r.ui_host || host == r.api_host)
        {
            return Ok(region.site.clone());
        }
        Ok(Site::Url(url))
    }

    fn region(&self) -> Option<&'static Region> {
        CLOUD.iter().find(|r| &r.site == self)
    }

    /// Whether this is a ConnectWise cloud region (not an on-premise URL).
    pub fn is_cloud(&self) -> bool {
        !matches!(self, Site::Url(_))
    }

    /// The region's short name (`na`), or the URL of an on-premise site.
    pub fn name(&self) -> String {
        match (self, self.region()) {
            (Site::Url(url), _) => url.as_str().to_owned(),
            (_, Some(region)) => region.name.to_owned(),
            (_, None) => String::new(),
        }
    }

    /// The server's base URL: the `api-` host of a region, or the configured URL
    /// (always ending with `/`).
    pub fn base_url(&self) -> Url {
        match (self, self.region()) {
            (Site::Url(url), _) => {
                let mut url = url.clone();
                if !url.path().ends_with('/') {
                    let path = format!("{}/", url.path());
                    url.set_path(&path);
                }
                url
            }
            (_, region) => {
                let host = region.map_or("api-na.myconnectwise.net", |r| r.api_host);
                Url::parse(&format!("https://{host}/"))
                    .expect("the region table holds valid host names")
            }
        }
    }

    /// The host of [`Site::base_url`] (with its port when it has one), the only
    /// host the callback verifier fetches signing keys from.
    pub fn host(&self) -> String {
        let url = self.base_url();
        match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => String::new(),
        }
    }
}

impl FromStr for Site {
    type Err = Error;

    fn from_str(s: &str) -> Result<Site> {
        Site::parse(s)
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_maps_to_its_api_host() {
        let expected = [
            ("na", "https://api-na.myconnectwise.net/"),
            ("EU", "https://api-eu.myconnectwise.net/"),
            ("au", "https://api-au.myconnectwise.net/"),
            ("aus", "https://api-aus.myconnectwise.net/"),
            ("za", "https://api-za.myconnectwise.net/"),
            (" staging ", "https://api-staging.connectwisedev.com/"),
        ];
        for (name, url) in expected {
            let site = Site::parse(name).unwrap();
            assert!(site.is_cloud());
            assert_eq!(site.base_url().as_str(), url, "{name}");
        }
    }

    #[test]
    fn ui_and_api_hosts_given_as_urls_are_regions() {
        assert_eq!(
            Site::parse("https://eu.myconnectwise.net").unwrap(),
            Site::Eu
        );
        assert_eq!(
            Site::parse("https://api-za.myconnectwise.net/").unwrap(),
            Site::Za
        );
        assert_eq!(
            Site::parse("https://staging.connectwisedev.com").unwrap(),
            Site::Staging
        );
    }

    #[test]
    fn on_premise_urls_keep_their_path_and_need_https() {
        let site = Site::parse("https://cw.msp.example/cw").unwrap();
        assert!(!site.is_cloud());
        assert_eq!(site.base_url().as_str(), "https://cw.msp.example/cw/");
        assert_eq!(site.host(), "cw.msp.example");
        assert!(Site::parse("http://cw.msp.example").is_err());
        let local = Site::parse("http://127.0.0.1:9000").unwrap();
        assert_eq!(local.host(), "127.0.0.1:9000");
    }

    #[test]
    fn unknown_names_say_what_is_accepted() {
        let err = Site::parse("us").unwrap_err().to_string();
        assert!(err.contains("na, eu, au, aus, za, staging"), "{err}");
        assert!(Site::parse("  ").is_err());
    }
}
