//! The three Asio regions, their base URLs, and how a region is inferred from
//! the client ID.

use std::fmt;
use std::str::FromStr;

use neo_auth_core::{Error, Result};

/// An Asio region: where the tenant's data lives, and so which host serves
/// both the API and the token endpoint.
///
/// ```
/// use asio_client::Region;
/// assert_eq!(Region::Eu.base_url(), "https://openapi.service.euplatform.connectwise.com");
/// assert_eq!(Region::from_client_id("0e32ab…"), Some(Region::Au));
/// assert_eq!("us".parse::<Region>().unwrap(), Region::Us);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// North America (`https://openapi.service.itsupport247.net`).
    Us,
    /// Europe (`https://openapi.service.euplatform.connectwise.com`).
    Eu,
    /// Australia (`https://openapi.service.auplatform.connectwise.com`).
    Au,
}

impl Region {
    /// Every region.
    pub const ALL: [Region; 3] = [Region::Us, Region::Eu, Region::Au];

    /// The region's base URL (API and `/v1/token`).
    pub const fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://openapi.service.itsupport247.net",
            Region::Eu => "https://openapi.service.euplatform.connectwise.com",
            Region::Au => "https://openapi.service.auplatform.connectwise.com",
        }
    }

    /// The short name used in `ASIO_REGION` (`us`, `eu`, `au`).
    pub const fn name(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Au => "au",
        }
    }

    /// The client-ID prefix that marks the region (`0e30`, `0e31`, `0e32`).
    pub const fn client_id_prefix(self) -> &'static str {
        match self {
            Region::Us => "0e30",
            Region::Eu => "0e31",
            Region::Au => "0e32",
        }
    }

    /// The region a client ID's first four characters name, if any.
    pub fn from_client_id(client_id: &str) -> Option<Region> {
        let prefix = client_id.trim().get(..4)?.to_ascii_lowercase();
        Region::ALL
            .into_iter()
            .find(|region| region.client_id_prefix() == prefix)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Region::Us => "US",
            Region::Eu => "EU",
            Region::Au => "AU",
        })
    }
}

impl FromStr for Region {
    type Err = Error;

    /// `us`/`na`, `eu` or `au`, in any case.
    fn from_str(s: &str) -> Result<Region> {
        match s.trim().to_ascii_lowercase().as_str() {
            "us" | "na" => Ok(Region::Us),
            "eu" => Ok(Region::Eu),
            "au" => Ok(Region::Au),
            other => Err(Error::config(format!(
                "`{}` is not an Asio region: use `us`, `eu` or `au`",
                other.escape_debug()
            ))),
        }
    }
}

/// Where the base URL a client uses came from, as `check_access()` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionSource {
    /// A base URL was configured explicitly; it wins over any region.
    BaseUrl,
    /// The region was configured explicitly.
    Configured(Region),
    /// No region was given: it was inferred from the client ID's prefix.
    InferredFromClientId(Region),
}

impl fmt::Display for RegionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionSource::BaseUrl => f.write_str("explicit base URL"),
            RegionSource::Configured(region) => write!(f, "region {region} (configured)"),
            RegionSource::InferredFromClientId(region) => write!(
                f,
                "region {region} (inferred from the client ID prefix `{}`)",
                region.client_id_prefix()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_name_their_region() {
        assert_eq!(Region::from_client_id("0e30abcd"), Some(Region::Us));
        assert_eq!(Region::from_client_id("0E31abcd"), Some(Region::Eu));
        assert_eq!(Region::from_client_id(" 0e32"), Some(Region::Au));
        assert_eq!(Region::from_client_id("0e33abcd"), None);
        assert_eq!(Region::from_client_id("0e"), None);
        assert_eq!(Region::from_client_id("é€"), None);
    }

    #[test]
    fn names_parse_and_bad_ones_are_config_errors() {
        assert_eq!("EU".parse::<Region>().unwrap(), Region::Eu);
        assert_eq!("na".parse::<Region>().unwrap(), Region::Us);
        let err = "mars".parse::<Region>().unwrap_err();
        assert!(err.to_string().contains("`mars` is not an Asio region"));
    }
}
