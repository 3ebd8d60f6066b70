//! What a write's 2xx reply shows: [`decode_write_reply`] (strict) and
//! [`SaveOutcome`] (for callers that accept replies that do not echo the record).

use http::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::redact::redact_snippet;
use crate::error::{Error, Result};
use crate::transport::ApiResponse;

/// What one write's 2xx reply shows (see [`WriteCall::send_unconfirmed`](crate::WriteCall::send_unconfirmed)).
#[derive(Debug)]
#[non_exhaustive]
pub enum SaveOutcome<T> {
    /// The reply holds what was saved, and passed the call's confirmation check.
    Confirmed(T),
    /// The vendor accepted the write (a 2xx) but its reply does not show what
    /// was saved (no body, a body that does not decode, a record without an id):
    /// it was probably applied; read it back to be sure, do not repeat it blindly.
    Unconfirmed {
        /// The reply's status.
        status: StatusCode,
        /// Why the reply does not confirm the write.
        why: String,
        /// A short, redacted snippet of the reply body.
        body: String,
    },
}

impl<T> SaveOutcome<T> {
    /// Whether the reply confirmed the write.
    pub fn is_confirmed(&self) -> bool {
        matches!(self, SaveOutcome::Confirmed(_))
    }

    /// The outcome with the confirmed value changed by `f` (an unconfirmed
    /// outcome is kept as it is).
    ///
    /// ```
    /// use neo_auth_core::SaveOutcome;
    /// let saved = SaveOutcome::Confirmed(vec![7]).map(|ids| ids.len());
    /// assert_eq!(saved.confirmed(), Some(1));
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> SaveOutcome<U> {
        match self {
            SaveOutcome::Confirmed(saved) => SaveOutcome::Confirmed(f(saved)),
            SaveOutcome::Unconfirmed { status, why, body } => {
                SaveOutcome::Unconfirmed { status, why, body }
            }
        }
    }

    /// The saved value, when the reply confirmed it.
    pub fn confirmed(self) -> Option<T> {
        match self {
            SaveOutcome::Confirmed(saved) => Some(saved),
            SaveOutcome::Unconfirmed { .. } => None,
        }
    }
}

/// Decodes the 2xx reply to a write. A blank body decodes as JSON `null`, so
/// `()`, `Option<T>` and `serde_json::Value` accept a vendor's empty 200/204
/// while a record type refuses it. A reply that does not decode as `T` is
/// [`Error::WriteUncertain`] with the decode error as its source: the vendor
/// accepted the write, so the caller must not read the failure as "nothing
/// happened" and repeat it.
///
/// ```
/// use neo_auth_core::{Error, decode_write_reply};
/// #[derive(Debug, serde::Deserialize)]
/// struct Saved { id: i64 }
/// let method = http::Method::POST;
/// let saved: Saved = decode_write_reply(&method, "/tickets", br#"{"id": 7}"#).unwrap();
/// assert_eq!(saved.id, 7);
/// let () = decode_write_reply(&method, "/tickets/7", b"  ").unwrap();
/// let error = decode_write_reply::<Saved>(&method, "/tickets", b"").unwrap_err();
/// assert!(error.is_write_uncertain());
/// ```
pub fn decode_write_reply<T: DeserializeOwned>(
    method: &Method,
    path: &str,
    body: &[u8],
) -> Result<T> {
    super::decode_read_reply(body)
        .map_err(|error| Error::write_uncertain(method.clone(), path, error))
}

/// A check of a decoded reply: `Err(why)` when it does not show what was saved.
pub(crate) type Confirm<T> = Box<dyn Fn(&T) -> std::result::Result<(), String> + Send + Sync>;

/// Reads a write's 2xx reply into an outcome: decoded and confirmed, or why not.
pub(crate) fn read_outcome<T: DeserializeOwned>(
    response: &ApiResponse,
    confirm: Option<&Confirm<T>>,
) -> SaveOutcome<T> {
    let body = response.body();
    let unconfirmed = |why: String| SaveOutcome::Unconfirmed {
        status: response.status(),
        why,
        body: redact_snippet(body, 500),
    };
    let saved = match super::decode_read_reply::<T>(body) {
        Ok(saved) => saved,
        Err(error) if body.iter().all(u8::is_ascii_whitespace) => {
            return unconfirmed(format!(
                "the vendor accepted the write but answered with no body, so what it saved is unknown ({error})"
            ));
        }
        Err(error) => {
            return unconfirmed(format!(
                "the vendor accepted the write but its reply does not decode: {error}"
            ));
        }
    };
    match confirm.map(|check| check(&saved)) {
        Some(Err(why)) => unconfirmed(why),
        _ => SaveOutcome::Confirmed(saved),
    }
}

/// The strict reading of a write's 2xx reply: [`SaveOutcome::Confirmed`] or
/// [`Error::WriteUncertain`] saying why not.
pub(crate) fn confirmed_or_uncertain<T: DeserializeOwned>(
    method: &Method,
    path: &str,
    response: &ApiResponse,
    confirm: Option<&Confirm<T>>,
) -> Result<T> {
    // Decode errors keep their own source (the path of the bad field).
    let saved: T = decode_write_reply(method, path, response.body())?;
    if let Some(Err(why)) = confirm.map(|check| check(&saved)) {
        return Err(Error::unconfirmed_write(
            method.clone(),
            path,
            why,
            response.body(),
        ));
    }
    Ok(saved)
}
