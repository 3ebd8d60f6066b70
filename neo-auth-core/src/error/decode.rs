//! JSON decoding that names the path of the bad field, without quoting its value.

use serde::de::{DeserializeOwned, DeserializeSeed};

use crate::error::redact::{is_sensitive, redact_snippet};
use crate::error::{Error, Result};

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

/// The length of a decode error's body snippet, in characters.
pub(crate) const DECODE_SNIPPET_CHARS: usize = 120;

fn decode_error(e: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> Error {
    let e = redact_path_error(e);
    let path = e.path().to_string();
    Error::Decode {
        path,
        snippet: redact_snippet(body, DECODE_SNIPPET_CHARS),
        source: Box::new(e.into_inner()),
    }
}

fn trailing_error(e: serde_json::Error, body: &[u8]) -> Error {
    Error::Decode {
        path: ".".to_owned(),
        snippet: redact_snippet(body, DECODE_SNIPPET_CHARS),
        source: Box::new(redact_json_error(e, false)),
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

/// `e` itself when its message quotes nothing from the input, else a data
/// error with the masked message (the line and column stay in the text).
///
/// Syntax, EOF and I/O errors are serde_json's own words (``expected `,` or
/// `}` ``): they never quote the input and are kept whole, category, line and
/// column included. Only data errors (a value of the wrong type or shape, or
/// a message from a type's own `Deserialize`) can quote a value.
pub(crate) fn redact_json_error(e: serde_json::Error, sensitive: bool) -> serde_json::Error {
    if e.classify() != serde_json::error::Category::Data {
        return e;
    }
    let text = e.to_string();
    let masked = redact_serde_message(&text, sensitive);
    if masked == text {
        e
    } else {
        // A data error already has this category; only the line and column
        // move from the error's fields into its text.
        <serde_json::Error as serde::de::Error>::custom(masked)
    }
}

const MASK: &str = "…";

/// Masks the input serde quotes in its data-error messages, and nothing of
/// serde's own words (the `expected …` part, field and type names):
///
/// - `invalid type: …, expected …` and `invalid value: …, expected …`: a
///   string (`string "…"`) always, a number, boolean or character
///   (`` integer `…` ``) when `sensitive`;
/// - ``unknown variant `…`, expected …``: the variant, which is input;
/// - `missing field`, `duplicate field`, `unknown field`, `invalid length`:
///   nothing (names and counts, no values);
/// - any other message (from a type's own `Deserialize`, which may quote
///   what it was given): every `"…"` string, and every `` `…` `` literal
///   when `sensitive`.
pub(crate) fn redact_serde_message(message: &str, sensitive: bool) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return format!("{prefix}{}", mask_unexpected(rest, sensitive));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        // The variant is printed raw, so it may hold a backtick: its end is the
        // last "`, expected " (the expected part names only the type's variants).
        if let Some(end) = rest.rfind("`, expected ") {
            return format!("unknown variant `{MASK}{}", &rest[end..]);
        }
    }
    let untouched = [
        "missing field `",
        "duplicate field `",
        "unknown field `",
        "invalid length ",
    ];
    if untouched.iter().any(|p| message.starts_with(p)) {
        return message.to_owned();
    }
    mask_literals(message, sensitive)
}

/// Masks the value at the start of serde's `Unexpected` text (`string "…"`,
/// `` integer `…` ``) and keeps the rest (`, expected …`) as it is.
fn mask_unexpected(text: &str, sensitive: bool) -> String {
    if let Some(quoted) = text.strip_prefix("string \"") {
        // Printed with `{:?}`: an unescaped `"` ends it.
        let mut escaped = false;
        for (at, c) in quoted.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    return format!("string \"{MASK}\"{}", &quoted[at + 1..]);
                }
                _ => escaped = false,
            }
        }
        return format!("string \"{MASK}\"");
    }
    if sensitive {
        for kind in ["integer `", "floating point `", "boolean `", "character `"] {
            if let Some(literal) = text.strip_prefix(kind) {
                // A character may be a backtick itself: skip one before looking.
                let first = literal.chars().next().map_or(0, char::len_utf8);
                if let Some(end) = literal.get(first..).and_then(|l| l.find('`')) {
                    return format!("{kind}{MASK}{}", &literal[first + end..]);
                }
            }
        }
    }
    text.to_owned()
}

/// Masks every `"…"` string (serde prints them with escapes, so `\"` does
/// not end one) and, when `sensitive`, every `` `…` `` literal too.
fn mask_literals(message: &str, sensitive: bool) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            out.push('"');
            out.push_str(MASK);
            let mut escaped = false;
            for inner in chars.by_ref() {
                match inner {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => break,
                    _ => escaped = false,
                }
            }
            out.push('"');
        } else if c == '`' && sensitive {
            out.push('`');
            out.push_str(MASK);
            for inner in chars.by_ref() {
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

    #[test]
    fn serde_words_stay_readable_under_a_sensitive_key() {
        assert_eq!(
            redact_serde_message("unknown variant `s3cr3t`, expected `a` or `b`", true),
            "unknown variant `…`, expected `a` or `b`"
        );
        assert_eq!(
            redact_serde_message(
                "invalid value: string \"s3cr3t, expected x\", expected one of `a`, `b` at line 1 column 4",
                true
            ),
            "invalid value: string \"…\", expected one of `a`, `b` at line 1 column 4"
        );
        assert_eq!(
            redact_serde_message("invalid type: character ```, expected `x`", true),
            "invalid type: character `…`, expected `x`"
        );
        for untouched in [
            "missing field `api_key` at line 1 column 2",
            "invalid length 3, expected a tuple of size 2",
            "invalid type: map, expected a string",
        ] {
            assert_eq!(redact_serde_message(untouched, true), untouched);
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Vault {
        secret: Vec<u32>,
        mode: Option<Mode>,
        client_secret: Option<Mode>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Read,
        Write,
    }

    fn serde_source(error: &Error) -> &serde_json::Error {
        let Error::Decode { source, .. } = error else {
            panic!("expected a decode error, got {error:?}");
        };
        source
            .downcast_ref::<serde_json::Error>()
            .expect("a serde_json error")
    }

    #[test]
    fn a_syntax_error_keeps_its_category_and_position() {
        // Inside the value of a secret-looking key: serde_json's own words
        // ("expected `,` or `]`") quote nothing from the input.
        let error = decode_json::<Vault>(b"{\n  \"secret\": [1 2]}").unwrap_err();
        let source = serde_source(&error);
        assert_eq!(source.classify(), serde_json::error::Category::Syntax);
        assert_eq!((source.line(), source.column()), (2, 16), "{source}");
        assert!(
            source.to_string().contains("expected `,` or `]`"),
            "{source}"
        );
        let error = decode_json::<Vault>(b"{\"secret\": [1, 2").unwrap_err();
        let source = serde_source(&error);
        assert_eq!(source.classify(), serde_json::error::Category::Eof);
        assert_eq!(source.line(), 1);
        let error = decode_json::<Vault>(b"{\"secret\": []} x").unwrap_err();
        assert_eq!(
            serde_source(&error).classify(),
            serde_json::error::Category::Syntax
        );
    }

    #[test]
    fn a_data_error_quoting_nothing_is_kept_whole() {
        let error = decode_json::<Vault>(br#"{"secret": {}}"#).unwrap_err();
        let source = serde_source(&error);
        assert_eq!(source.classify(), serde_json::error::Category::Data);
        assert_eq!((source.line(), source.column()), (1, 11), "{source}");
    }

    #[test]
    fn an_invalid_value_under_a_secret_key_is_masked_but_says_what_was_expected() {
        let error =
            decode_json::<Vault>(br#"{"secret": [], "client_secret": "hunter2"}"#).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(
            serde_source(&error)
                .to_string()
                .contains("unknown variant `…`, expected `read` or `write`"),
            "{text}"
        );
        let error = decode_json::<Vault>(br#"{"secret": ["s3cr3t-value"]}"#).unwrap_err();
        let source = serde_source(&error).to_string();
        assert!(!source.contains("s3cr3t-value"), "{source}");
        assert!(
            source.starts_with("invalid type: string \"…\", expected u32"),
            "{source}"
        );
        assert!(source.ends_with("at line 1 column 26"), "{source}");
        // Not under a secret key: the variant is still masked (it is input),
        // the expected ones are not.
        let error = decode_json::<Vault>(br#"{"secret": [], "mode": "sk_live_x"}"#).unwrap_err();
        let source = serde_source(&error).to_string();
        assert!(!source.contains("sk_live_x"), "{source}");
        assert!(source.contains("expected `read` or `write`"), "{source}");
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
