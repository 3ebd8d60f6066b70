//! Sealing of tokens at rest in Redis: XChaCha20-Poly1305 under a key the
//! replicas share, or plaintext when chosen explicitly.

use std::fmt;

use base64::Engine as _;
use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::{Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// The 32-byte key tokens are sealed under in Redis; every replica sharing a
/// token needs the same one (from configuration, e.g. a secret store).
///
/// ```
/// use neo_auth_core::SealKey;
/// use secrecy::SecretString;
/// // 32 random bytes, base64: `openssl rand -base64 32`
/// let key = SealKey::from_base64(&SecretString::from("nJ1zrzG8SUz+3XyJ1FbV0l1ox0u+hbVCdM1CQEqZQWg=")).unwrap();
/// assert_eq!(format!("{key:?}"), "SealKey(** redacted **)");
/// assert!(SealKey::from_base64(&SecretString::from("c2hvcnQ=")).is_err());
/// ```
#[derive(Clone)]
pub struct SealKey(Box<[u8; 32]>);

impl SealKey {
    /// A key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        SealKey(Box::new(bytes))
    }

    /// A key from standard base64 (32 bytes once decoded).
    pub fn from_base64(encoded: &SecretString) -> Result<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.expose_secret().trim())
            .map_err(|_| Error::config("the token seal key is not valid base64"))?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|bytes: Vec<u8>| {
            Error::config(format!(
                "the token seal key must be 32 bytes, it is {}",
                bytes.len()
            ))
        })?;
        Ok(Self::from_bytes(bytes))
    }
}

impl fmt::Debug for SealKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealKey(** redacted **)")
    }
}

/// Marks a sealed value (format version 1).
const SEALED_V1: &[u8] = b"neo-s1:";
/// Marks a plaintext value.
const PLAIN_V1: &[u8] = b"neo-p1:";
const NONCE_LEN: usize = 24;

/// How values are kept at rest.
#[derive(Clone)]
pub(crate) enum Sealing {
    Sealed(Box<XChaCha20Poly1305>),
    Plaintext,
}

impl fmt::Debug for Sealing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sealing::Sealed(_) => "Sealed(XChaCha20-Poly1305)",
            Sealing::Plaintext => "Plaintext",
        })
    }
}

impl Sealing {
    pub(crate) fn sealed(key: &SealKey) -> Self {
        Sealing::Sealed(Box::new(XChaCha20Poly1305::new((&*key.0).into())))
    }

    /// `plain`, sealed and bound to `context` (the Redis key: a value moved to
    /// another key does not open).
    pub(crate) fn seal(&self, context: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        match self {
            Sealing::Plaintext => Ok([PLAIN_V1, plain].concat()),
            Sealing::Sealed(cipher) => {
                let mut nonce = [0u8; NONCE_LEN];
                OsRng.fill_bytes(&mut nonce);
                let sealed = cipher
                    .encrypt(
                        XNonce::from_slice(&nonce),
                        Payload {
                            msg: plain,
                            aad: context,
                        },
                    )
                    .map_err(|_| Error::config("sealing the token failed"))?;
                Ok([SEALED_V1, &nonce, &sealed].concat())
            }
        }
    }

    /// The plain value of `stored`; an error when it was sealed under another
    /// key, tampered with, or stored in the other mode.
    pub(crate) fn open(&self, context: &[u8], stored: &[u8]) -> Result<Vec<u8>> {
        match self {
            Sealing::Plaintext => stored
                .strip_prefix(PLAIN_V1)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| {
                    Error::config("the shared token is not a plaintext value (sealed by a replica with a key?)")
                }),
            Sealing::Sealed(cipher) => {
                let rest = stored.strip_prefix(SEALED_V1).ok_or_else(|| {
                    Error::config("the shared token is not sealed (stored by a replica without a key?)")
                })?;
                if rest.len() < NONCE_LEN {
                    return Err(Error::config("the shared token is truncated"));
                }
                let (nonce, sealed) = rest.split_at(NONCE_LEN);
                cipher
                    .decrypt(
                        XNonce::from_slice(nonce),
                        Payload {
                            msg: sealed,
                            aad: context,
                        },
                    )
                    .map_err(|_| {
                        Error::config(
                            "the shared token does not open: sealed under another key, or tampered with",
                        )
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> Sealing {
        Sealing::sealed(&SealKey::from_bytes([byte; 32]))
    }

    #[test]
    fn sealed_values_open_only_with_the_key_and_context() {
        let sealed = key(1).seal(b"k1", b"tok-plaintext").unwrap();
        assert!(!sealed.windows(13).any(|w| w == b"tok-plaintext"));
        assert_eq!(key(1).open(b"k1", &sealed).unwrap(), b"tok-plaintext");
        assert!(key(2).open(b"k1", &sealed).is_err());
        assert!(key(1).open(b"k2", &sealed).is_err());
        assert!(Sealing::Plaintext.open(b"k1", &sealed).is_err());
    }

    #[test]
    fn tampering_is_detected() {
        let mut sealed = key(1).seal(b"k", b"tok-plaintext").unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(key(1).open(b"k", &sealed).is_err());
        assert!(key(1).open(b"k", b"neo-s1:short").is_err());
    }

    #[test]
    fn plaintext_is_marked_and_refused_by_a_sealed_store() {
        let plain = Sealing::Plaintext.seal(b"k", b"tok").unwrap();
        assert_eq!(Sealing::Plaintext.open(b"k", &plain).unwrap(), b"tok");
        assert!(key(1).open(b"k", &plain).is_err());
    }

    #[test]
    fn nonces_differ() {
        let one = key(1).seal(b"k", b"tok").unwrap();
        let two = key(1).seal(b"k", b"tok").unwrap();
        assert_ne!(one, two);
    }
}
