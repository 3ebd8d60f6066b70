//! Degrade, don't fail: answers that need an optional permission say so instead
//! of failing.

use neo_auth_core::{Error, Result};

/// What an optional permission (Table Setup, Member Maintenance) gives, or a
/// note that it is missing.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Optional<T> {
    /// The answer.
    Available(T),
    /// The API member's role lacks the optional permission.
    PermissionMissing(MissingPermission),
}

impl<T> Optional<T> {
    /// The answer, when available.
    pub fn available(self) -> Option<T> {
        match self {
            Optional::Available(value) => Some(value),
            Optional::PermissionMissing(_) => None,
        }
    }

    /// Whether the permission is missing.
    pub fn is_missing(&self) -> bool {
        matches!(self, Optional::PermissionMissing(_))
    }
}

/// An optional permission the API member lacks, named as the role screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MissingPermission {
    /// The operation that needed it (`board_statuses.list`).
    pub operation: String,
    /// The permission's wire name (`Table Setup.inquire`).
    pub permission: String,
    /// The portal row to change (`System → Table Setup → Inquire Level: All`).
    pub portal_row: String,
    /// What does not work without it.
    pub degrades: String,
}

impl std::fmt::Display for MissingPermission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} needs the optional permission \"{}\" ({}): {}",
            self.operation, self.portal_row, self.permission, self.degrades
        )
    }
}

/// Turns a missing-permission error on `scope_name` into an [`Optional`]; any
/// other outcome passes through.
pub(crate) fn degrade<T>(
    result: Result<T>,
    scope_name: &str,
    degrades: &str,
) -> Result<Optional<T>> {
    match result {
        Ok(value) => Ok(Optional::Available(value)),
        Err(error) => match missing(&error, scope_name) {
            Some((operation, label)) => Ok(Optional::PermissionMissing(MissingPermission {
                operation,
                permission: scope_name.to_owned(),
                portal_row: label,
                degrades: degrades.to_owned(),
            })),
            None => Err(error),
        },
    }
}

fn missing(error: &Error, scope_name: &str) -> Option<(String, String)> {
    match error.unshared() {
        Error::MissingScope {
            operation,
            scope,
            label,
            ..
        } if scope == scope_name => Some((operation.clone(), label.clone())),
        _ => None,
    }
}
