//! HaloPSA token acquisition: authorisation-server discovery, then the
//! form-encoded client-credentials grant through the core's OAuth2 source.
//!
//! Discovery (`GET {base}/api/authinfo` → `auth_url`, `tenant_id`) runs on the
//! first token fetch. Only a definitive answer is final: a 404 (or any other
//! non-transient error status), a 200 that is not JSON, or a 200 without a
//! usable `auth_url` falls back to `{base}/auth/token`, and that choice is kept
//! for the client's life. A transient failure (a connection error, a timeout,
//! 408, 429 or a 5xx) fails that token fetch with a retryable authentication
//! error and leaves discovery to the next fetch (the token cache retries it with
//! backoff), so a passing outage never pins the fallback URL or loses the
//! discovered tenant. `?tenant=` is added when a tenant is configured or
//! discovered. An explicitly configured auth URL skips discovery and is
//! validated when the client is built.

use std::fmt;
use std::time::Duration;

use neo_auth_core::{
    AccessToken, AuthError, BoxFuture, ClientAuth, ClientCredentialsSource, Discovered,
    DiscoveryAnswer, Error, KnownSecrets, Result, TokenSource, check_same_site, fetch_small_json,
    redact_userinfo, token_http_client,
};
use secrecy::SecretString;
use serde::Deserialize;
use url::Url;

use crate::scopes::KNOWN_SCOPE_NAMES;

/// How long one `GET /api/authinfo` may take. Shorter than the token cache's
/// default fetch timeout (20 s), which covers discovery and the token request.
const DISCOVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest `/api/authinfo` body read (the real one is a few hundred bytes).
const MAX_AUTHINFO_BODY: usize = 64 * 1024;

/// Where to set the authorisation server when discovery names one off the
/// instance's site.
const SET_AUTH_URL: &str = "HALOPSA_AUTH_URL / with_auth_url";

/// Where tokens come from, once discovered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenEndpoint {
    /// The token URL, including `?tenant=` when a tenant applies.
    pub token_url: String,
    /// How the URL was found: `configured`, `discovered` or `fallback`.
    pub how: &'static str,
}

#[derive(Deserialize)]
struct AuthInfo {
    #[serde(default)]
    auth_url: Option<serde_json::Value>,
    #[serde(default)]
    tenant_id: Option<serde_json::Value>,
}

/// A definitive answer of `GET /api/authinfo`.
#[derive(Debug, PartialEq, Eq)]
enum Discovery {
    /// The authorisation server it named, and the tenant if it named one.
    Found {
        auth_url: String,
        tenant: Option<String>,
    },
    /// No usable authorisation server: fall back to `{base}/auth/token`, keeping
    /// a tenant the answer named.
    Fallback {
        reason: String,
        tenant: Option<String>,
    },
}

/// The HaloPSA [`TokenSource`]: resolves the token endpoint (configured, or
/// discovered once from `/api/authinfo`), then fetches tokens with the
/// client-credentials grant (form body, id and secret in the body).
pub(crate) struct HaloTokenSource {
    base: Url,
    client_id: String,
    client_secret: SecretString,
    tenant: Option<String>,
    scopes: Vec<String>,
    http: reqwest::Client,
    inner: Discovered<(ClientCredentialsSource, TokenEndpoint)>,
    /// What replicas share this credential's token under (see [`shared_key`]).
    shared_key: String,
}

/// The key replicas share a HaloPSA token under: the instance, the token URL
/// when configured (else the instance's discovery, which every replica of the
/// instance resolves alike), the tenant, the client id and the scopes — never
/// the secret. Fixed when the source is built, so discovery does not move it.
fn shared_key(
    base: &Url,
    configured: Option<&TokenEndpoint>,
    tenant: Option<&str>,
    client_id: &str,
    scopes: &[String],
) -> String {
    let token_url = configured.map_or("(discovered from /api/authinfo)", |e| e.token_url.as_str());
    format!(
        "halopsa\n{}\n{token_url}\n{}\n{client_id}\n{}",
        base.as_str(),
        tenant.unwrap_or(""),
        scopes.join(" ")
    )
}

impl HaloTokenSource {
    /// A token source for the instance at `base`. A configured `auth_url` is
    /// validated here (a config error names what is wrong with it) and skips
    /// discovery.
    pub(crate) fn new(
        base: Url,
        client_id: String,
        client_secret: SecretString,
        tenant: Option<String>,
        auth_url: Option<String>,
        scopes: Vec<String>,
    ) -> Result<Self> {
        let http = token_http_client(Duration::from_secs(10))?;
        let configured = match &auth_url {
            Some(auth_url) => Some(
                credentials_source(
                    auth_url,
                    tenant.as_deref(),
                    "configured",
                    &client_id,
                    &client_secret,
                    &scopes,
                    &http,
                )
                .map_err(|error| {
                    let message = format!(
                        "the HaloPSA auth URL `{}` (HALOPSA_AUTH_URL / with_auth_url) is not usable: {}",
                        redact_userinfo(auth_url),
                        config_message(&error)
                    );
                    Error::config_with(message, error)
                })?,
            ),
            None => None,
        };
        let shared_key = shared_key(
            &base,
            configured.as_ref().map(|(_, endpoint)| endpoint),
            tenant.as_deref(),
            &client_id,
            &scopes,
        );
        Ok(HaloTokenSource {
            base,
            client_id,
            client_secret,
            tenant,
            scopes,
            http,
            inner: Discovered::from_option(configured),
            shared_key,
        })
    }

    /// The token endpoint, once it has been resolved (at build time when an auth
    /// URL is configured, otherwise by the first successful discovery).
    pub(crate) fn endpoint(&self) -> Option<&TokenEndpoint> {
        self.inner.get().map(|(_, endpoint)| endpoint)
    }

    /// The fallback authorisation server, `{base}/auth`.
    fn fallback_auth_base(&self) -> String {
        format!("{}/auth", self.base.as_str().trim_end_matches('/'))
    }

    fn source(
        &self,
        auth_base: &str,
        tenant: Option<&str>,
        how: &'static str,
    ) -> Result<(ClientCredentialsSource, TokenEndpoint)> {
        credentials_source(
            auth_base,
            tenant,
            how,
            &self.client_id,
            &self.client_secret,
            &self.scopes,
            &self.http,
        )
    }

    /// Discovers the token endpoint. `Err` only for a transient failure (nothing
    /// is cached then) or a configuration problem.
    async fn resolve(&self) -> Result<(ClientCredentialsSource, TokenEndpoint)> {
        let resolved = match self.discover().await? {
            Discovery::Found { auth_url, tenant } => {
                let tenant = self.tenant.clone().or(tenant);
                match self.source(&auth_url, tenant.as_deref(), "discovered") {
                    Ok(resolved) => {
                        // The client secret goes there: only to the instance's own site.
                        let token_url = Url::parse(&resolved.1.token_url)
                            .map_err(|e| Error::config_with("the discovered token URL", e))?;
                        check_same_site(&self.base, &token_url, SET_AUTH_URL)?;
                        resolved
                    }
                    Err(error) => {
                        tracing::warn!(
                            auth_url = %redact_userinfo(&auth_url),
                            error = %error,
                            "HaloPSA authinfo named an unusable authorisation server; using {{base}}/auth/token"
                        );
                        self.source(&self.fallback_auth_base(), tenant.as_deref(), "fallback")?
                    }
                }
            }
            Discovery::Fallback { reason, tenant } => {
                tracing::info!(%reason, "HaloPSA authinfo gave no authorisation server; using {{base}}/auth/token");
                let tenant = self.tenant.clone().or(tenant);
                self.source(&self.fallback_auth_base(), tenant.as_deref(), "fallback")?
            }
        };
        tracing::debug!(
            token_url = %resolved.1.token_url,
            how = resolved.1.how,
            "HaloPSA token endpoint resolved"
        );
        Ok(resolved)
    }

    async fn discover(&self) -> Result<Discovery> {
        let url = neo_auth_core::join_path(&self.base, "/api/authinfo")?;
        let answer = fetch_small_json::<serde_json::Value>(
            &self.http,
            &url,
            MAX_AUTHINFO_BODY,
            DISCOVERY_TIMEOUT,
        )
        .await
        .map_err(transient_discovery_error)?;
        Ok(match answer {
            DiscoveryAnswer::Found(info) => interpret_authinfo(info),
            DiscoveryAnswer::Unusable { reason, .. } => Discovery::Fallback {
                reason,
                tenant: None,
            },
            // A future kind of answer: not definitive, so ask again next time.
            _ => {
                return Err(transient_discovery_error(Error::config(
                    "GET /api/authinfo gave an answer this SDK does not know",
                )));
            }
        })
    }

    /// Explains an `invalid_scope` refusal: the scope Halo's description names,
    /// when it names one of the requested scopes; otherwise the requested scopes
    /// the SDK does not know as Halo scopes, else all of them.
    fn explain_invalid_scope(&self, error: Error) -> Error {
        match error {
            Error::Auth(mut auth) if auth.oauth_error.as_deref() == Some("invalid_scope") => {
                let hint = invalid_scope_hint(&self.scopes, auth.description.as_deref());
                auth.message = format!("{}; {hint}", auth.message);
                Error::Auth(auth)
            }
            other => other,
        }
    }
}

/// What an `invalid_scope` refusal means for these requested scopes, given the
/// server's `error_description`:
///
/// - it names requested scopes → the first one it names, alone (with the others
///   it names after it), and what to do about that one;
/// - else some requested scopes are not Halo scope names → those;
/// - else all requested scopes, which Halo knows, so the application is probably
///   not allowed one of them.
pub(crate) fn invalid_scope_hint(requested: &[String], description: Option<&str>) -> String {
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let all: Vec<&str> = requested.iter().map(String::as_str).collect();
    let list = quoted(&all);
    let is_known = |s: &str| KNOWN_SCOPE_NAMES.contains(&s);
    const NO_SUCH: &str = "there is no read:actions/edit:actions or :sites scope; actions fall under tickets, sites under customers";
    let mut named: Vec<(usize, &str)> = all
        .iter()
        .filter_map(|s| {
            description
                .and_then(|d| position_of_scope(d, s))
                .map(|at| (at, *s))
        })
        .collect();
    named.sort_by_key(|(at, _)| *at);
    if let Some(((_, first), others)) = named.split_first() {
        let also = if others.is_empty() {
            String::new()
        } else {
            let others: Vec<&str> = others.iter().map(|(_, s)| *s).collect();
            format!(" (it also names {})", quoted(&others))
        };
        let what = if is_known(first) {
            format!(
                "the Halo API application is not allowed it: tick \"{first}\" {}, or stop requesting it (HALOPSA_SCOPES / with_scopes)",
                crate::scopes::PERMISSION_LOCATION
            )
        } else {
            format!(
                "it is not a HaloPSA scope name ({NO_SUCH}): stop requesting it (HALOPSA_SCOPES / with_scopes)"
            )
        };
        return format!("Halo refused `{first}`{also} — {what}; requested scopes: {list}");
    }
    let unknown: Vec<&str> = all.iter().copied().filter(|s| !is_known(s)).collect();
    if unknown.is_empty() {
        format!(
            "the server did not say which scope it refused; requested scopes: {list} — all are HaloPSA scope names, so the Halo API application is probably not allowed one of them: tick it {}, or request fewer scopes (HALOPSA_SCOPES / with_scopes)",
            crate::scopes::PERMISSION_LOCATION
        )
    } else {
        format!(
            "the server did not say which scope it refused; not HaloPSA scope names: {} ({NO_SUCH}); requested scopes: {list}",
            quoted(&unknown)
        )
    }
}

/// Where `scope` occurs in `text` as a whole name (not inside a longer one such
/// as `read:ticketsx`), case-insensitively.
fn position_of_scope(text: &str, scope: &str) -> Option<usize> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, ':' | '_');
    let haystack = text.to_ascii_lowercase();
    let needle = scope.to_ascii_lowercase();
    if needle.is_empty() {
        return None;
    }
    haystack.match_indices(&needle).find_map(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        let whole = !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char);
        whole.then_some(at)
    })
}

/// Reads a successful `/api/authinfo` body.
fn interpret_authinfo(body: serde_json::Value) -> Discovery {
    let Ok(info) = serde_json::from_value::<AuthInfo>(body) else {
        return Discovery::Fallback {
            reason: "GET /api/authinfo did not answer a JSON object".to_owned(),
            tenant: None,
        };
    };
    let tenant = match info.tenant_id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    match info.auth_url {
        Some(serde_json::Value::String(url)) if !url.trim().is_empty() => Discovery::Found {
            auth_url: url.trim().to_owned(),
            tenant,
        },
        _ => Discovery::Fallback {
            reason: "GET /api/authinfo named no auth_url".to_owned(),
            tenant,
        },
    }
}

/// A transient discovery failure (a timeout, a connection error, 408, 429, a
/// 5xx) as the retryable authentication error of that token fetch, keeping the
/// status and `Retry-After`; discovery is asked again on the next fetch.
fn transient_discovery_error(error: Error) -> Error {
    let what = match &error {
        Error::Api(api) => format!("GET /api/authinfo answered {}", api.status),
        _ => "GET /api/authinfo could not be sent or its answer not read".to_owned(),
    };
    let mut auth = AuthError::new(format!(
        "discovering the HaloPSA authorisation server failed: {what}; discovery is retried on the next token fetch"
    ));
    auth.retryable = true;
    match &error {
        Error::Api(api) => {
            auth.status = Some(api.status);
            auth.retry_after = api.retry_after;
        }
        Error::Timeout { .. } => auth.timed_out = true,
        _ => {}
    }
    auth.source = Some(Box::new(error));
    auth.into_error()
}

/// The client-credentials source for an authorisation server base (or token URL).
fn credentials_source(
    auth_base: &str,
    tenant: Option<&str>,
    how: &'static str,
    client_id: &str,
    client_secret: &SecretString,
    scopes: &[String],
    http: &reqwest::Client,
) -> Result<(ClientCredentialsSource, TokenEndpoint)> {
    let token_url = token_url(auth_base, tenant)?;
    let source =
        ClientCredentialsSource::new(token_url.as_str(), client_id, client_secret.clone())?
            .with_scopes(scopes.iter().cloned())
            .with_client_auth(ClientAuth::RequestBody)
            .with_http_client(http.clone());
    Ok((
        source,
        TokenEndpoint {
            token_url: token_url.to_string(),
            how,
        },
    ))
}

/// The text of a configuration error, without the `configuration error:` prefix.
fn config_message(error: &Error) -> String {
    match error {
        Error::Config { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// Builds the token URL from an authorisation-server base (or a URL already ending
/// in `/token`) and an optional tenant.
pub(crate) fn token_url(auth: &str, tenant: Option<&str>) -> Result<Url> {
    let mut url = Url::parse(auth.trim()).map_err(|e| {
        Error::config_with(
            format!(
                "`{}` is not a valid HaloPSA auth URL",
                redact_userinfo(auth)
            ),
            e,
        )
    })?;
    if url.cannot_be_a_base() {
        return Err(Error::config(format!(
            "`{}` is not an http(s) HaloPSA auth URL",
            redact_userinfo(auth)
        )));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    if path.to_ascii_lowercase().ends_with("/token") {
        url.set_path(&path);
    } else {
        url.set_path(&format!("{path}/token"));
    }
    if let Some(tenant) = tenant {
        let has_tenant = url.query_pairs().any(|(k, _)| k == "tenant");
        if !has_tenant {
            url.query_pairs_mut().append_pair("tenant", tenant);
        }
    }
    Ok(url)
}

impl TokenSource for HaloTokenSource {
    fn fetch(&self) -> BoxFuture<'_, Result<AccessToken>> {
        Box::pin(async move {
            let (source, _) = self.inner.get_or_discover(|| self.resolve()).await?;
            source
                .fetch()
                .await
                .map_err(|error| self.explain_invalid_scope(error))
        })
    }

    fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }

    /// The client secret, masked wherever text from the server is shown.
    fn known_secrets(&self) -> KnownSecrets {
        KnownSecrets::new().with(&self.client_secret)
    }

    /// Instance, token URL (or discovery), tenant, client id and scopes:
    /// replicas with the same credential share one token.
    fn shared_key(&self) -> Option<String> {
        Some(self.shared_key.clone())
    }
}

impl fmt::Debug for HaloTokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HaloTokenSource")
            .field("base", &self.base.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("tenant", &self.tenant)
            .field("scopes", &self.scopes)
            .field("endpoint", &self.endpoint())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn token_urls() {
        assert_eq!(
            token_url("https://acme.halopsa.com/auth", Some("acme"))
                .unwrap()
                .as_str(),
            "https://acme.halopsa.com/auth/token?tenant=acme"
        );
        assert_eq!(
            token_url("https://acme.halopsa.com/auth/token/", None)
                .unwrap()
                .as_str(),
            "https://acme.halopsa.com/auth/token"
        );
        assert_eq!(
            token_url("https://a/auth/token?tenant=x", Some("y"))
                .unwrap()
                .as_str(),
            "https://a/auth/token?tenant=x"
        );
        assert!(token_url("not a url", None).is_err());
        assert!(token_url("mailto:someone@example.com", None).is_err());
    }

    /// What Halo relies on from the core's discovery helpers.
    #[test]
    fn only_definitive_authinfo_answers_settle_discovery() {
        use http::StatusCode;
        for status in [408, 429, 500, 502, 503, 504, 520] {
            assert!(
                neo_auth_core::is_transient_status(StatusCode::from_u16(status).unwrap()),
                "{status}"
            );
        }
        for status in [200, 301, 400, 401, 403, 404, 410, 501] {
            assert!(
                !neo_auth_core::is_transient_status(StatusCode::from_u16(status).unwrap()),
                "{status}"
            );
        }
        // The core's redaction hides the query too.
        let redacted = redact_userinfo("https://user:pw@host/auth?x=@");
        assert!(redacted.starts_with("https://***@host/auth"), "{redacted}");
        assert!(
            !redacted.contains("pw") && !redacted.contains("user"),
            "{redacted}"
        );
        assert_eq!(redact_userinfo("https://host/a@b"), "https://host/a@b");
        assert_eq!(redact_userinfo("no scheme"), "no scheme");
    }

    #[test]
    fn authinfo_bodies() {
        assert_eq!(
            interpret_authinfo(json!({"auth_url":" https://a/auth ","tenant_id":"acme"})),
            Discovery::Found {
                auth_url: "https://a/auth".to_owned(),
                tenant: Some("acme".to_owned())
            }
        );
        assert_eq!(
            interpret_authinfo(json!({"auth_url":"https://a/auth","tenant_id":42})),
            Discovery::Found {
                auth_url: "https://a/auth".to_owned(),
                tenant: Some("42".to_owned())
            }
        );
        // No usable auth_url: fall back, but keep the tenant.
        for body in [
            json!({"tenant_id":"acme"}),
            json!({"auth_url":"","tenant_id":"acme"}),
            json!({"auth_url":7,"tenant_id":"acme"}),
        ] {
            match interpret_authinfo(body) {
                Discovery::Fallback { tenant, .. } => assert_eq!(tenant.as_deref(), Some("acme")),
                other => panic!("{other:?}"),
            }
        }
        // JSON that is not an object (a body that is not JSON at all is the
        // core's `DiscoveryAnswer::Unusable`, tested in tests/auth.rs).
        for body in [json!([]), json!("x"), json!(null)] {
            assert!(matches!(
                interpret_authinfo(body),
                Discovery::Fallback { tenant: None, .. }
            ));
        }
    }

    #[test]
    fn invalid_scope_hints() {
        let requested = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The description names no scope, all requested are Halo names: all listed.
        let known = invalid_scope_hint(&requested(&["read:tickets", "edit:kb"]), None);
        assert!(
            known.starts_with("the server did not say which scope it refused; requested scopes: `read:tickets` `edit:kb` — all are HaloPSA scope names"),
            "{known}"
        );
        assert!(known.contains("Permissions tab"), "{known}");
        // … some are not Halo names: those are singled out.
        let unknown = invalid_scope_hint(
            &requested(&["read:tickets", "read:actions"]),
            Some("invalid scope"),
        );
        assert!(
            unknown.starts_with("the server did not say which scope it refused; not HaloPSA scope names: `read:actions` ("),
            "{unknown}"
        );
        // The description names one: that one, first and alone.
        let named = invalid_scope_hint(
            &requested(&["read:tickets", "edit:kb"]),
            Some("The scope 'EDIT:KB' is not allowed."),
        );
        assert!(
            named.starts_with("Halo refused `edit:kb` — the Halo API application is not allowed it: tick \"edit:kb\" on the Permissions tab"),
            "{named}"
        );
        let unknown_named = invalid_scope_hint(
            &requested(&["read:actions", "read:tickets"]),
            Some("read:actions is not a valid scope"),
        );
        assert!(
            unknown_named
                .starts_with("Halo refused `read:actions` — it is not a HaloPSA scope name"),
            "{unknown_named}"
        );
        // Several named: in the description's order.
        let two = invalid_scope_hint(
            &requested(&["read:tickets", "edit:kb"]),
            Some("edit:kb and read:tickets are not allowed"),
        );
        assert!(
            two.starts_with("Halo refused `edit:kb` (it also names `read:tickets`)"),
            "{two}"
        );
        // A longer name is not a mention of a shorter one.
        assert_eq!(
            position_of_scope("read:ticketsx is bad", "read:tickets"),
            None
        );
        assert_eq!(
            position_of_scope("bad: read:tickets.", "read:tickets"),
            Some(5)
        );
        assert_eq!(position_of_scope("all:standard", "all"), None);
    }

    #[test]
    fn the_shared_key_names_the_credential_never_the_secret() {
        let source = |client: &str, tenant: Option<&str>, auth: Option<&str>| {
            HaloTokenSource::new(
                Url::parse("https://acme.halopsa.com").unwrap(),
                client.into(),
                SecretString::from("halo-secret-9z"),
                tenant.map(Into::into),
                auth.map(Into::into),
                vec!["all".into()],
            )
            .unwrap()
        };
        let key = |s: &HaloTokenSource| s.shared_key().expect("Halo tokens are shareable");
        let discovered = source("id-1", Some("acme"), None);
        assert_eq!(key(&discovered), key(&source("id-1", Some("acme"), None)));
        assert!(key(&discovered).starts_with("halopsa\nhttps://acme.halopsa.com/\n"));
        assert!(!key(&discovered).contains("halo-secret-9z"));
        assert_ne!(key(&discovered), key(&source("id-2", Some("acme"), None)));
        assert_ne!(key(&discovered), key(&source("id-1", Some("beta"), None)));
        let configured = source("id-1", Some("acme"), Some("https://acme.halopsa.com/auth"));
        assert!(
            key(&configured).contains("https://acme.halopsa.com/auth/token?tenant=acme"),
            "{}",
            key(&configured)
        );
        let masked = discovered
            .known_secrets()
            .mask("the server echoed halo-secret-9z");
        assert!(!masked.contains("halo-secret-9z"), "{masked}");
    }

    #[test]
    fn a_configured_auth_url_is_validated_when_built() {
        let source = |auth: &str| {
            HaloTokenSource::new(
                Url::parse("https://acme.halopsa.com").unwrap(),
                "id".into(),
                SecretString::from("secret"),
                Some("acme".into()),
                Some(auth.into()),
                vec!["all".into()],
            )
        };
        let ok = source("https://login.acme.example/auth").unwrap();
        assert_eq!(
            ok.endpoint(),
            Some(&TokenEndpoint {
                token_url: "https://login.acme.example/auth/token?tenant=acme".into(),
                how: "configured",
            })
        );
        for bad in [
            "not a url",
            "http://evil.example.com/auth",
            "ftp://acme.example/auth",
            "https://user:pw@acme.example/auth",
            "https://acme.example/auth#frag",
        ] {
            let error = source(bad).unwrap_err();
            let text = error.to_string();
            assert!(matches!(error, Error::Config { .. }), "{bad}: {error:?}");
            assert!(text.contains("auth URL"), "{text}");
            assert!(!text.contains("pw@"), "{text}");
        }
    }
}
