//! The scope side of a request: the check before sending, and the reading of a
//! server 403 as a missing scope or as a vendor-side refusal.

use super::Transport;
use crate::access::requirement::Requirement;
use crate::error::{ApiError, Error, Result};

impl Transport {
    /// Checks the credential's known scopes against a requirement (no traffic).
    pub fn check_scope(&self, requirement: &Requirement) -> Result<()> {
        let (Some(scope), Some(granted)) = (requirement.scope(), self.inner.credential.granted())
        else {
            return Ok(());
        };
        if granted.grants(scope) {
            Ok(())
        } else {
            Err(self.missing_scope(requirement, None))
        }
    }

    /// [`Error::MissingScope`] for `requirement`; `response` is the server's 403
    /// when the refusal came from the server.
    fn missing_scope(&self, requirement: &Requirement, response: Option<Box<ApiError>>) -> Error {
        // The wire name under the credential's rules: a vendor whose scope
        // strings are configurable names the string it actually asked for.
        let granted = self.inner.credential.granted();
        let (scope, label) = requirement
            .scope()
            .map(|s| {
                let wire = granted
                    .as_ref()
                    .map_or_else(|| s.name().to_owned(), |g| g.wire_name(s));
                (wire, s.label().to_owned())
            })
            .unwrap_or_default();
        Error::MissingScope {
            operation: requirement.operation().to_owned(),
            vendor: self.inner.errors.vendor().to_owned(),
            scope,
            label,
            location: self.inner.errors.permission_location().into(),
            response,
        }
    }

    /// Maps a server 403 on a scoped operation: when the credential is known to
    /// hold the scope (a [confirmed](crate::GrantSource::is_confirmed) grant that
    /// covers it), ticking it again would not help ([`Error::Forbidden`]);
    /// otherwise (no grant known, or only the requested scopes) the scope is
    /// reported missing, with the server's answer kept.
    pub(super) fn forbidden(&self, requirement: &Requirement, api: ApiError) -> Error {
        // One read: a refresh in between must not pair one token's grant with
        // another token's source.
        let grant = self.inner.credential.grant();
        let holds_scope = grant.is_some_and(|(granted, source)| {
            source.is_confirmed() && requirement.scope().is_some_and(|s| granted.grants(s))
        });
        if !holds_scope {
            tracing::warn!(
                operation = requirement.operation(),
                "403 from the API: a permission is missing"
            );
            return self.missing_scope(requirement, Some(Box::new(api)));
        }
        tracing::warn!(
            operation = requirement.operation(),
            "403 from the API although the credential holds the scope"
        );
        Error::Forbidden {
            operation: requirement.operation().to_owned(),
            vendor: self.inner.errors.vendor().to_owned(),
            scope: requirement
                .scope()
                .map(|s| s.name().to_owned())
                .unwrap_or_default(),
            hint: self.inner.errors.forbidden_hint().to_owned(),
            response: Box::new(api),
        }
    }
}
