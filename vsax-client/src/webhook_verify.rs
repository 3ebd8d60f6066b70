//! Verifying incoming webhook deliveries: header `x-hmac-signature` =
//! base64(HMAC-SHA256(body, SecretKey)), compared in constant time.

use std::fmt;

use base64::Engine;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

use crate::models::WebhookDelivery;

/// The header that carries a delivery's signature.
pub const SIGNATURE_HEADER: &str = "x-hmac-signature";

/// Why a delivery was refused.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The request had no `x-hmac-signature` header (or it was not text).
    Missing,
    /// The header is not base64 (or hex) of a 32-byte HMAC-SHA256.
    Malformed,
    /// The signature does not match the body: not sent by VSA X with this
    /// secret, or the body was changed on the way.
    Mismatch,
    /// The signature matched but the body is not a delivery (the decode error, in words).
    Body(String),
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureError::Missing => write!(f, "the delivery has no `{SIGNATURE_HEADER}` header"),
            SignatureError::Malformed => write!(
                f,
                "the `{SIGNATURE_HEADER}` header is not a base64 HMAC-SHA256 signature"
            ),
            SignatureError::Mismatch => write!(
                f,
                "the `{SIGNATURE_HEADER}` signature does not match the body (wrong secret, or the body was changed)"
            ),
            SignatureError::Body(why) => {
                write!(f, "the signed body is not a VSA X delivery: {why}")
            }
        }
    }
}

impl std::error::Error for SignatureError {}

/// Checks the signatures of webhook deliveries with the webhook's `SecretKey`.
///
/// ```
/// use vsax_client::{WebhookVerifier, secrecy::SecretString};
/// let verifier = WebhookVerifier::new(SecretString::from("k3y"))?;
/// let body = br#"{"Id":1,"Title":"Disk full","Priority":"Critical"}"#;
/// let signature = verifier.sign(body); // what VSA X sends
/// let delivery = verifier.verify_delivery(body, Some(&signature))?;
/// assert_eq!(delivery.title.as_deref(), Some("Disk full"));
/// assert!(verifier.verify(b"tampered", Some(&signature)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    /// The keyed HMAC state (the secret itself is not kept).
    keyed: Hmac<Sha256>,
}

impl WebhookVerifier {
    /// A verifier for one webhook's secret key.
    pub fn new(secret: SecretString) -> neo_auth_core::Result<Self> {
        if secret.expose_secret().is_empty() {
            return Err(neo_auth_core::Error::config(
                "the webhook secret key is empty (it is returned when the webhook is created or its secret regenerated)",
            ));
        }
        let keyed =
            Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes()).map_err(|_| {
                neo_auth_core::Error::config("the webhook secret key cannot key HMAC-SHA256")
            })?;
        Ok(WebhookVerifier { keyed })
    }

    fn mac(&self) -> Hmac<Sha256> {
        self.keyed.clone()
    }

    /// The signature VSA X would send for `body` (base64), for tests and fakes.
    pub fn sign(&self, body: &[u8]) -> String {
        let mut mac = self.mac();
        mac.update(body);
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    /// Checks `signature` (the header's value) against `body`, in constant time.
    /// Base64 (standard or URL-safe, padded or not) is read, and hex for
    /// tolerance; surrounding whitespace and a `sha256=` prefix are ignored.
    pub fn verify(&self, body: &[u8], signature: Option<&str>) -> Result<(), SignatureError> {
        let signature = signature
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(SignatureError::Missing)?;
        let signature = signature.strip_prefix("sha256=").unwrap_or(signature);
        let expected = decode_signature(signature).ok_or(SignatureError::Malformed)?;
        let mut mac = self.mac();
        mac.update(body);
        mac.verify_slice(&expected)
            .map_err(|_| SignatureError::Mismatch)
    }

    /// [`WebhookVerifier::verify`] with the signature read from the request's headers.
    pub fn verify_headers(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), SignatureError> {
        let value = headers
            .get(SIGNATURE_HEADER)
            .map(|v| v.to_str().map_err(|_| SignatureError::Missing))
            .transpose()?;
        self.verify(body, value)
    }

    /// Verifies, then reads the delivery.
    pub fn verify_delivery(
        &self,
        body: &[u8],
        signature: Option<&str>,
    ) -> Result<WebhookDelivery, SignatureError> {
        self.verify(body, signature)?;
        neo_auth_core::decode_json(body).map_err(|e| SignatureError::Body(e.to_string()))
    }
}

fn decode_signature(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let base64 = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(text).ok())
        .filter(|bytes| bytes.len() == 32);
    base64
        .or_else(|| hex(text))
        .filter(|bytes| bytes.len() == 32)
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookVerifier { secret: ** redacted ** }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verifier() -> WebhookVerifier {
        WebhookVerifier::new(SecretString::from("s3cr3t-key")).unwrap()
    }

    #[test]
    fn a_known_signature_verifies() {
        // base64(HMAC-SHA256("s3cr3t-key", body)), computed independently.
        let body = br#"{"Id":1}"#;
        let expected = "LeJXU4cseRGrxm9fP88AmGm2kFAWFhof4eVxVPxlkgA=";
        assert_eq!(verifier().sign(body), expected);
        assert_eq!(verifier().verify(body, Some(expected)), Ok(()));
        assert_eq!(
            verifier().verify(body, Some(&format!(" sha256={expected} "))),
            Ok(())
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(expected)
            .unwrap();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(verifier().verify(body, Some(&hex)), Ok(()));
    }

    #[test]
    fn refusals() {
        let v = verifier();
        let body = br#"{"Id":1}"#;
        let good = v.sign(body);
        assert_eq!(v.verify(body, None), Err(SignatureError::Missing));
        assert_eq!(v.verify(body, Some("  ")), Err(SignatureError::Missing));
        assert_eq!(
            v.verify(body, Some("not base64!")),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            v.verify(body, Some("aGVsbG8=")),
            Err(SignatureError::Malformed)
        );
        assert_eq!(
            v.verify(br#"{"Id":2}"#, Some(&good)),
            Err(SignatureError::Mismatch)
        );
        let other = WebhookVerifier::new(SecretString::from("other")).unwrap();
        assert_eq!(
            other.verify(body, Some(&good)),
            Err(SignatureError::Mismatch)
        );
        assert!(WebhookVerifier::new(SecretString::from("")).is_err());
        assert!(!format!("{v:?}").contains("s3cr3t"));
        let mut headers = HeaderMap::new();
        headers.insert(SIGNATURE_HEADER, good.parse().unwrap());
        assert_eq!(v.verify_headers(&headers, body), Ok(()));
        assert_eq!(
            v.verify_headers(&HeaderMap::new(), body),
            Err(SignatureError::Missing)
        );
        assert!(matches!(
            v.verify_delivery(b"[1]", Some(&v.sign(b"[1]"))),
            Err(SignatureError::Body(_))
        ));
    }
}
