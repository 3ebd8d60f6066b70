//! Where the API lives: a VSA X tenant URL, a Pulseway host, or any server of
//! the same API family, turned into the API base (`…/api/v3`).

use neo_auth_core::{Error, Result, validate_base_url};
use url::Url;

/// The API base for a configured URL.
///
/// - A URL whose path ends in `/v3` is the API base already
///   (`https://api.pulseway.com/v3`, `https://acme.vsax.net/api/v3/`).
/// - A path ending in `/api` gets `/v3` (`https://server/api`).
/// - Anything else gets `/api/v3` (`https://acme.vsax.net`, a self-hosted server).
///
/// https is required (plain http only for loopback hosts: fakes and tests).
pub(crate) fn api_base(raw: &str) -> Result<Url> {
    let mut url = validate_base_url(raw)?;
    let path = url.path().trim_end_matches('/').to_owned();
    let lower = path.to_ascii_lowercase();
    let api = if lower.ends_with("/v3") {
        path
    } else if lower.ends_with("/api") {
        format!("{path}/v3")
    } else {
        format!("{path}/api/v3")
    };
    url.set_path(&api);
    Ok(url)
}

/// `https://{tenant}.vsax.net` for a tenant name (`acme`).
pub(crate) fn tenant_url(tenant: &str) -> Result<String> {
    let tenant = tenant.trim().to_ascii_lowercase();
    let valid = !tenant.is_empty()
        && tenant.len() <= 63
        && !tenant.starts_with('-')
        && !tenant.ends_with('-')
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !valid {
        return Err(Error::config(format!(
            "`{tenant}` is not a VSA X tenant name: use the first label of the tenant URL (`acme` for https://acme.vsax.net), letters, digits and hyphens"
        )));
    }
    Ok(format!("https://{tenant}.vsax.net"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(raw: &str) -> String {
        api_base(raw)
            .map(|u| u.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn bases() {
        assert_eq!(
            base("https://acme.vsax.net"),
            "https://acme.vsax.net/api/v3"
        );
        assert_eq!(
            base("https://acme.vsax.net/"),
            "https://acme.vsax.net/api/v3"
        );
        assert_eq!(
            base("https://acme.vsax.net/api"),
            "https://acme.vsax.net/api/v3"
        );
        assert_eq!(
            base("https://acme.vsax.net/api/v3/"),
            "https://acme.vsax.net/api/v3"
        );
        assert_eq!(
            base("https://api.pulseway.com/v3"),
            "https://api.pulseway.com/v3"
        );
        assert_eq!(
            base("https://rmm.example.com/pw"),
            "https://rmm.example.com/pw/api/v3"
        );
        assert_eq!(
            base("http://127.0.0.1:9000"),
            "http://127.0.0.1:9000/api/v3"
        );
        assert!(base("http://acme.vsax.net").contains("plain http"));
        assert!(base("https://acme.vsax.net/?x=1").contains("query"));
    }

    #[test]
    fn tenants() {
        assert_eq!(tenant_url(" Acme ").unwrap(), "https://acme.vsax.net");
        assert!(tenant_url("acme.evil.com").is_err());
        assert!(tenant_url("").is_err());
        assert!(tenant_url("-acme").is_err());
    }
}
