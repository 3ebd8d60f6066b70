//! JSON decoding that names the path of the bad field.

use serde::de::{DeserializeOwned, DeserializeSeed};

use crate::error::{Error, Result};
use crate::redact::redact_snippet;

/// Decodes `body` as `T`; on failure the error names the JSON path of the bad value
/// (`tickets[3].client_id`) and carries a short redacted snippet of the body.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct T { id: i64 }
/// let err = neo_auth_core::decode_json::<Vec<T>>(br#"[{"id":1},{"id":"x"}]"#).unwrap_err();
/// assert!(err.to_string().contains("[1].id"));
/// ```
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| decode_error(e, body))?;
    deserializer.end().map_err(|e| Error::Decode {
        path: ".".to_owned(),
        snippet: redact_snippet(body, 120),
        source: e,
    })?;
    Ok(value)
}

/// Like [`decode_json`], through a [`DeserializeSeed`]: for decoders that need
/// context, such as the key a vendor's list envelope holds its items under.
pub fn decode_json_seed<'de, S: DeserializeSeed<'de>>(
    body: &'de [u8],
    seed: S,
) -> Result<S::Value> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    let value = seed
        .deserialize(serde_path_to_error::Deserializer::new(
            &mut deserializer,
            &mut track,
        ))
        .map_err(|e| decode_error(serde_path_to_error::Error::new(track.path(), e), body))?;
    deserializer.end().map_err(|e| Error::Decode {
        path: ".".to_owned(),
        snippet: redact_snippet(body, 120),
        source: e,
    })?;
    Ok(value)
}

fn decode_error(e: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Error {
    let path = e.path().to_string();
    Error::Decode {
        path,
        snippet: redact_snippet(body, 120),
        source: e.into_inner(),
    }
}
