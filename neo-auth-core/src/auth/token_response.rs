//! The body of a token endpoint's 200, read the way real servers write it.
//!
//! RFC 6749 says `expires_in` is a number of seconds and `token_type` is
//! required; servers send `"3600"`, `3599.5`, `0`, `-1` or no `token_type` at
//! all. A body the SDK cannot read makes every API call fetch a token again,
//! so both token sources read it through [`TokenBody`]:
//!
//! - `expires_in` may be a number (integer or float) or a string holding one;
//!   a missing, zero, negative, non-finite or unreadable value is *unknown*
//!   (`None`), and the token cache then gives the token its
//!   [default lifetime](crate::TokenCacheConfig::default_lifetime);
//! - a missing or `null` `token_type` is `Bearer`;
//! - `scope` is split on whitespace.

use std::time::Duration;

use oauth2::basic::BasicTokenType;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::auth::token::AccessToken;

/// The fields of a token response as sent.
#[derive(Deserialize)]
struct RawTokenBody {
    access_token: oauth2::AccessToken,
    #[serde(default)]
    token_type: Option<String>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<oauth2::RefreshToken>,
    #[serde(default)]
    scope: Option<String>,
}

/// A token response, read leniently (see the module docs). Implements the
/// `oauth2` crate's `TokenResponse`, so the form source gets it from `oauth2`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(from = "RawTokenBody")]
pub(crate) struct TokenBody {
    access_token: oauth2::AccessToken,
    token_type: BasicTokenType,
    expires_in: Option<Duration>,
    refresh_token: Option<oauth2::RefreshToken>,
    scopes: Option<Vec<oauth2::Scope>>,
}

impl From<RawTokenBody> for TokenBody {
    fn from(raw: RawTokenBody) -> Self {
        let token_type = match raw.token_type.as_deref().map(str::trim) {
            None | Some("") => BasicTokenType::Bearer,
            Some(t) if t.eq_ignore_ascii_case("bearer") => BasicTokenType::Bearer,
            Some(t) if t.eq_ignore_ascii_case("mac") => BasicTokenType::Mac,
            Some(t) => BasicTokenType::Extension(t.to_owned()),
        };
        TokenBody {
            access_token: raw.access_token,
            token_type,
            expires_in: raw.expires_in.as_ref().and_then(lifetime_from_json),
            refresh_token: raw.refresh_token,
            scopes: raw.scope.map(|s| {
                s.split_whitespace()
                    .map(|s| oauth2::Scope::new(s.to_owned()))
                    .collect()
            }),
        }
    }
}

impl TokenBody {
    /// The SDK's token.
    pub(crate) fn into_access_token(self) -> AccessToken {
        AccessToken {
            secret: SecretString::from(self.access_token.into_secret()),
            token_type: match self.token_type {
                BasicTokenType::Bearer => "Bearer".to_owned(),
                BasicTokenType::Mac => "MAC".to_owned(),
                BasicTokenType::Extension(other) => other,
            },
            expires_in: self.expires_in,
            scopes: self
                .scopes
                .map(|s| s.iter().map(|s| s.to_string()).collect()),
        }
    }
}

impl oauth2::TokenResponse for TokenBody {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &oauth2::AccessToken {
        &self.access_token
    }

    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }

    fn expires_in(&self) -> Option<Duration> {
        self.expires_in
    }

    fn refresh_token(&self) -> Option<&oauth2::RefreshToken> {
        self.refresh_token.as_ref()
    }

    fn scopes(&self) -> Option<&Vec<oauth2::Scope>> {
        self.scopes.as_ref()
    }
}

/// `expires_in` as a number or a string holding one; anything else is unknown.
fn lifetime_from_json(value: &serde_json::Value) -> Option<Duration> {
    let seconds = match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }?;
    lifetime_from_seconds(seconds)
}

/// A token lifetime from `expires_in` seconds: zero, negative, NaN or infinite
/// is unknown (`None`: the cache's default lifetime applies, never "forever"
/// and never "expired at birth", which would fetch a token per call); a value
/// too large for a `Duration` is the longest one (the cache caps it).
pub(crate) fn lifetime_from_seconds(seconds: f64) -> Option<Duration> {
    if !seconds.is_finite() || seconds <= 0.0 {
        None
    } else {
        Some(Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(body: serde_json::Value) -> AccessToken {
        serde_json::from_value::<TokenBody>(body)
            .expect("a token body")
            .into_access_token()
    }

    #[test]
    fn lifetimes() {
        assert_eq!(lifetime_from_seconds(0.0), None);
        assert_eq!(lifetime_from_seconds(-5.0), None);
        assert_eq!(
            lifetime_from_seconds(1.5),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(lifetime_from_seconds(1e300), Some(Duration::MAX));
        assert_eq!(lifetime_from_seconds(f64::NAN), None);
        assert_eq!(lifetime_from_seconds(f64::INFINITY), None);
    }

    #[test]
    fn expires_in_as_number_or_string() {
        for (value, expected) in [
            (json!(3600), Some(Duration::from_secs(3600))),
            (json!("3600"), Some(Duration::from_secs(3600))),
            (json!(" 60 "), Some(Duration::from_secs(60))),
            (json!(3599.5), Some(Duration::from_millis(3_599_500))),
            (json!("1.5"), Some(Duration::from_millis(1500))),
            (json!(0), None),
            (json!(-30), None),
            (json!("-1"), None),
            (json!("soon"), None),
            (json!(null), None),
            (json!(true), None),
        ] {
            let token =
                parse(json!({"access_token": "t", "token_type": "bearer", "expires_in": value}));
            assert_eq!(token.expires_in, expected, "{value}");
        }
        assert_eq!(parse(json!({"access_token": "t"})).expires_in, None);
    }

    #[test]
    fn a_missing_token_type_is_bearer() {
        assert_eq!(parse(json!({"access_token": "t"})).token_type, "Bearer");
        assert_eq!(
            parse(json!({"access_token": "t", "token_type": null})).token_type,
            "Bearer"
        );
        assert_eq!(
            parse(json!({"access_token": "t", "token_type": "BEARER"})).token_type,
            "Bearer"
        );
        let scoped = parse(json!({"access_token": "t", "scope": "a  b"}));
        assert_eq!(scoped.scopes, Some(vec!["a".to_owned(), "b".to_owned()]));
    }
}
