//! Verifying the callbacks ConnectWise posts: `x-content-signature` is
//! base64(HMAC-SHA256(key = SHA-256(signing key), message = the raw body)); the
//! signing key comes from the payload's `Metadata.key_url`, which is fetched
//! only when it is on the configured site's host.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use neo_auth_core::{DiscoveryAnswer, Error, fetch_small_json};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use crate::models::CallbackPayload;
use crate::site::Site;

/// The header carrying a callback's signature.
pub const SIGNATURE_HEADER: &str = "x-content-signature";

/// The most a signing-key reply may hold.
const MAX_KEY_REPLY: usize = 16 * 1024;

/// How long fetching a signing key may take.
const KEY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a callback was not accepted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The request carried no `x-content-signature`.
    #[error("the callback carries no x-content-signature header")]
    MissingSignature,
    /// The signature does not match the body.
    #[error("the callback's signature does not match its body")]
    BadSignature,
    /// The body is not a callback payload.
    #[error("the callback body is not a ConnectWise callback payload: {0}")]
    Payload(#[source] Error),
    /// The payload names no `Metadata.key_url`.
    #[error("the callback payload names no Metadata.key_url to fetch the signing key from")]
    MissingKeyUrl,
    /// `key_url` is not on the configured site: the key is not fetched.
    #[error(
        "the callback's key_url `{url}` is not on the configured ConnectWise host `{expected}`: not fetched (the payload is not authenticated, so it cannot choose where keys come from)"
    )]
    UntrustedKeyUrl {
        /// The URL from the payload (query removed).
        url: String,
        /// The host it had to be on.
        expected: String,
    },
    /// The signing key could not be fetched.
    #[error("the callback signing key could not be fetched: {0}")]
    KeyFetch(#[source] Error),
}

/// The signature ConnectWise puts on `body` with `signing_key`.
///
/// ```
/// use cwmanage_client::callbacks::{sign, verify_signature};
/// use secrecy::SecretString;
/// let key = SecretString::from("k3y");
/// let body = br#"{"ID":1}"#;
/// let signature = sign(&key, body);
/// assert!(verify_signature(&key, &signature, body));
/// assert!(!verify_signature(&key, &signature, br#"{"ID":2}"#));
/// ```
pub fn sign(signing_key: &SecretString, body: &[u8]) -> String {
    let mac = mac(signing_key).chain_update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn mac(signing_key: &SecretString) -> Hmac<Sha256> {
    let digest = Sha256::digest(signing_key.expose_secret().as_bytes());
    // HMAC pads a key shorter than its 64-byte block with zeros; padding the
    // 32-byte digest here gives the same MAC without a fallible constructor.
    let mut block = [0u8; 64];
    for (slot, byte) in block.iter_mut().zip(digest.iter()) {
        *slot = *byte;
    }
    <Hmac<Sha256> as hmac::digest::KeyInit>::new(&block.into())
}

/// Whether `signature` (base64) is `body`'s signature under `signing_key`,
/// compared in constant time.
pub fn verify_signature(signing_key: &SecretString, signature: &str, body: &[u8]) -> bool {
    let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(signature.trim()) else {
        return false;
    };
    mac(signing_key)
        .chain_update(body)
        .verify_slice(&expected)
        .is_ok()
}

/// Verifies incoming callbacks of one ConnectWise site.
///
/// ```no_run
/// use cwmanage_client::{Site, callbacks::CallbackVerifier};
/// # async fn run(signature: Option<&str>, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// let verifier = CallbackVerifier::new(&Site::Na)?;
/// let payload = verifier.verify(signature, body).await?;
/// println!("{:?} {:?} #{:?}", payload.record_type, payload.action, payload.id);
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct CallbackVerifier {
    base: Url,
    http: reqwest::Client,
    keys: Mutex<HashMap<String, SecretString>>,
}

impl CallbackVerifier {
    /// A verifier that fetches signing keys only from `site`'s host.
    pub fn new(site: &Site) -> neo_auth_core::Result<Self> {
        let http = neo_auth_core::http_client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::config_with("the HTTP client could not be built", e))?;
        Ok(CallbackVerifier {
            base: site.base_url(),
            http,
            keys: Mutex::new(HashMap::new()),
        })
    }

    /// Checks that `key_url` is on the configured site (same scheme, host and
    /// port), returning it parsed.
    pub fn trusted_key_url(&self, key_url: &str) -> Result<Url, CallbackError> {
        let untrusted = |url: &str| CallbackError::UntrustedKeyUrl {
            url: url.split('?').next().unwrap_or_default().to_owned(),
            expected: self.base.host_str().unwrap_or_default().to_owned(),
        };
        let url = Url::parse(key_url.trim()).map_err(|_| untrusted(key_url))?;
        let same = url.scheme() == self.base.scheme()
            && url.host_str().map(str::to_ascii_lowercase)
                == self.base.host_str().map(str::to_ascii_lowercase)
            && url.port_or_known_default() == self.base.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none();
        if same {
            Ok(url)
        } else {
            Err(untrusted(key_url))
        }
    }

    /// Verifies one callback: its signature header value and raw body. Returns
    /// the decoded payload (with `Entity` decoded from its JSON string).
    pub async fn verify(
        &self,
        signature: Option<&str>,
        body: &[u8],
    ) -> Result<CallbackPayload, CallbackError> {
        let signature = signature
            .filter(|s| !s.trim().is_empty())
            .ok_or(CallbackError::MissingSignature)?;
        let payload: CallbackPayload =
            neo_auth_core::decode_json(body).map_err(CallbackError::Payload)?;
        let key_url = payload
            .metadata
            .as_ref()
            .and_then(|m| m.key_url.as_deref())
            .filter(|u| !u.trim().is_empty())
            .ok_or(CallbackError::MissingKeyUrl)?;
        let url = self.trusted_key_url(key_url)?;
        let cache_key = url.as_str().to_owned();
        if let Some(key) = self.cached(&cache_key)
            && verify_signature(&key, signature, body)
        {
            return Ok(payload);
        }
        // Not cached, or the key rotated: fetch it (once) and check again.
        let key = self
            .fetch_key(&url)
            .await
            .map_err(CallbackError::KeyFetch)?;
        let ok = verify_signature(&key, signature, body);
        if let Ok(mut keys) = self.keys.lock() {
            keys.insert(cache_key, key);
        }
        if ok {
            Ok(payload)
        } else {
            Err(CallbackError::BadSignature)
        }
    }

    fn cached(&self, url: &str) -> Option<SecretString> {
        self.keys
            .lock()
            .ok()
            .and_then(|keys| keys.get(url).cloned())
    }

    async fn fetch_key(&self, url: &Url) -> neo_auth_core::Result<SecretString> {
        #[derive(serde::Deserialize)]
        struct KeyReply {
            signing_key: Option<String>,
        }
        let answer: DiscoveryAnswer<KeyReply> =
            fetch_small_json(&self.http, url, MAX_KEY_REPLY, KEY_TIMEOUT).await?;
        match answer {
            DiscoveryAnswer::Found(KeyReply {
                signing_key: Some(key),
            }) if !key.is_empty() => Ok(SecretString::from(key)),
            DiscoveryAnswer::Found(_) => Err(Error::config(format!(
                "GET {}: the reply carries no signing_key",
                url.path()
            ))),
            DiscoveryAnswer::Unusable { reason, .. } => Err(Error::config(reason)),
            _ => Err(Error::config(format!(
                "GET {}: no usable answer",
                url.path()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_urls_must_be_on_the_site() {
        let v = CallbackVerifier::new(&Site::Na).unwrap();
        assert!(
            v.trusted_key_url(
                "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/system/callbackentry/key/3"
            )
            .is_ok()
        );
        for bad in [
            "https://evil.example/key",
            "http://api-na.myconnectwise.net/key",
            "https://api-na.myconnectwise.net.evil.example/key",
            "https://api-na.myconnectwise.net:8443/key",
            "https://user@api-na.myconnectwise.net/key",
            "not a url",
        ] {
            assert!(
                matches!(
                    v.trusted_key_url(bad),
                    Err(CallbackError::UntrustedKeyUrl { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_known_signature_verifies() {
        // base64(HMAC-SHA256(SHA-256("secret"), "{}")), computed with Python's hmac.
        let key = SecretString::from("secret");
        let sig = sign(&key, b"{}");
        assert_eq!(sig, "fGnuGotLGWkkskt80D4DgutYipf9wPqs/p/q1anSbSY=");
        assert!(verify_signature(&key, &sig, b"{}"));
        assert!(!verify_signature(&SecretString::from("other"), &sig, b"{}"));
        assert!(!verify_signature(&key, "not base64!!", b"{}"));
        assert!(!verify_signature(&key, "", b"{}"));
    }
}
