//! How the report's core types appear in JSON: names as strings, scopes as
//! `{name, label, level}`, all snake_case.

use std::fmt::Display;

use serde::Serializer;
use serde::ser::SerializeStruct;

use crate::access::requirement::Area;
use crate::access::scope::{PermissionLevel, Scope};
use crate::auth::credential::GrantSource;

pub(crate) fn area<S: Serializer>(area: &Area, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(area.name())
}

pub(crate) fn display<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

pub(crate) fn opt_display<T: Display, S: Serializer>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => s.collect_str(value),
        None => s.serialize_none(),
    }
}

/// A permission level in JSON: `none`, `mine`, `my`, `all`.
pub(crate) fn level_name(level: PermissionLevel) -> &'static str {
    match level {
        PermissionLevel::None => "none",
        PermissionLevel::Mine => "mine",
        PermissionLevel::My => "my",
        PermissionLevel::All => "all",
    }
}

pub(crate) fn opt_scope<S: Serializer>(scope: &Option<Scope>, s: S) -> Result<S::Ok, S::Error> {
    let Some(scope) = scope else {
        return s.serialize_none();
    };
    let mut out = s.serialize_struct("Scope", 3)?;
    out.serialize_field("name", scope.name())?;
    out.serialize_field("label", scope.label())?;
    out.serialize_field("level", &scope.level().map(level_name))?;
    out.end()
}

/// A grant source in JSON: `configured`, `requested`, `token_response`.
pub(crate) fn grant_source_name(source: GrantSource) -> &'static str {
    match source {
        GrantSource::Configured => "configured",
        GrantSource::Requested => "requested",
        GrantSource::TokenResponse => "token_response",
    }
}

pub(crate) fn opt_grant_source<S: Serializer>(
    source: &Option<GrantSource>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match source {
        Some(source) => s.serialize_str(grant_source_name(*source)),
        None => s.serialize_none(),
    }
}
