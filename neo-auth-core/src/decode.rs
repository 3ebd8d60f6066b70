//! JSON decoding that names the path of the bad field, without quoting its value.

use serde::de::{DeserializeOwned, DeserializeSeed};

use crate::error::{Error, Result};
use crate::redact::{is_sensitive, redact_snippet};

/// Decodes `body` as `T`; on failure the error names the JSON path of the bad value
/// (`tickets[3].client_id`) and carries a short redacted snippet of the body.
///
/// The serde message in the error's source never quotes the offending value:
/// string literals are masked (`invalid type: string "…", expected i64`), and
/// every literal is masked when the path ends in a secret-looking key.
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
    deserializer.end().map_err(|e| trailing_error(e, body))?;
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
    deserializer.end().map_err(|e| trailing_error(e, body))?;
    Ok(value)
}

fn decode_error(e: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Error {
    let e = redact_path_error(e);
    let path = e.path().to_string();
    Error::Decode {
        path,
        snippet: redact_snippet(body, 120),
        source: e.into_inner(),
    }
}

fn trailing_error(e: serde_json::Error, body: &[u8]) -> Error {
    Error::Decode {
        path: ".".to_owned(),
        snippet: redact_snippet(body, 120),
        source: redact_json_error(e, false),
    }
}

/// The same error with the offending value masked in its message (see
/// [`redact_serde_message`]); the path is kept.
pub(crate) fn redact_path_error(
    e: serde_path_to_error::Error<serde_json::Error>,
) -> serde_path_to_error::Error<serde_json::Error> {
    let path = e.path().clone();
    let sensitive = path
        .iter()
        .next_back()
        .is_some_and(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => is_sensitive(key),
            serde_path_to_error::Segment::Enum { variant } => is_sensitive(variant),
            _ => false,
        });
    serde_path_to_error::Error::new(path, redact_json_error(e.into_inner(), sensitive))
}

/// `e` itself when its message quotes no value, else a data error with the
/// masked message (the line and column stay in the text).
fn redact_json_error(e: serde_json::Error, sensitive: bool) -> serde_json::Error {
    let text = e.to_string();
    let masked = redact_serde_message(&text, sensitive);
    if masked == text {
        e
    } else {
        <serde_json::Error as serde::de::Error>::custom(masked)
    }
}

/// Masks the literals serde quotes from the input: every `"…"` string (serde
/// prints them with escapes, so `\"` does not end one), the value of
/// ``unknown variant `…` ``, and, when `sensitive`, every `` `…` `` literal
/// (numbers, booleans) too. Field and type names outside quotes stay readable.
pub(crate) fn redact_serde_message(message: &str, sensitive: bool) -> String {
    const MASK: &str = "…";
    let mut out = String::with_capacity(message.len());
    let mut chars = message.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let masks_backtick = c == '`' && (sensitive || message[..at].ends_with("unknown variant "));
        if c == '"' {
            out.push('"');
            out.push_str(MASK);
            let mut escaped = false;
            for (_, inner) in chars.by_ref() {
                match inner {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => break,
                    _ => escaped = false,
                }
            }
            out.push('"');
        } else if masks_backtick {
            out.push('`');
            out.push_str(MASK);
            for (_, inner) in chars.by_ref() {
                if inner == '`' {
                    break;
                }
            }
            out.push('`');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_masked() {
        assert_eq!(
            redact_serde_message(
                r#"invalid type: string "sk_live_\"x\"", expected i64 at line 1 column 9"#,
                false
            ),
            r#"invalid type: string "…", expected i64 at line 1 column 9"#
        );
        assert_eq!(
            redact_serde_message("unknown variant `s3cr3t`, expected `a` or `b`", false),
            "unknown variant `…`, expected `a` or `b`"
        );
        assert_eq!(
            redact_serde_message("missing field `id` at line 1 column 2", false),
            "missing field `id` at line 1 column 2"
        );
    }

    #[test]
    fn every_literal_is_masked_under_a_sensitive_key() {
        assert_eq!(
            redact_serde_message("invalid type: integer `123456`, expected a string", true),
            "invalid type: integer `…`, expected a string"
        );
        assert_eq!(
            redact_serde_message("invalid type: integer `123456`, expected a string", false),
            "invalid type: integer `123456`, expected a string"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Creds {
        api_key: String,
        pin: Option<u32>,
    }

    #[test]
    fn decode_errors_do_not_quote_the_value() {
        let error = decode_json::<Creds>(br#"{"api_key": 987654321, "pin": null}"#).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("987654321"), "{text}");
        assert!(text.contains("api_key"), "{text}");
        // Under a key that does not look secret the body snippet shows the value
        // (it is the body); the serde message in the source does not repeat it.
        let error = decode_json::<Creds>(br#"{"api_key": "k", "pin": "sk_live_abc"}"#).unwrap_err();
        let Error::Decode { path, source, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(path, "pin");
        let text = format!("{source} {source:?}");
        assert!(!text.contains("sk_live_abc"), "{text}");
        assert!(text.contains("expected u32"), "{text}");
    }
}
