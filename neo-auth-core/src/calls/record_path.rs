//! [`RecordId`] and the paths of an endpoint's records: numbers as digits, text
//! ids percent-encoded as one path segment, bad ids refused before sending.

use std::fmt;

use crate::endpoint::{EndpointSpec, IdKind};
use crate::error::{Error, Result};
use crate::transport::url_policy::encode_path_segment;

/// The placeholder of a parent id in an [`EndpointSpec::path`].
pub const PARENT_PLACEHOLDER: &str = "{parent}";

/// The id of one record: a number or a text (a GUID, a member identifier).
///
/// Built from any integer or string; checked only when a path is made
/// ([`record_path`]), so a bad id is a typed [`Error::Config`] at `send()`, never
/// a panic or a request to the wrong URL.
///
/// ```
/// use neo_auth_core::RecordId;
/// assert_eq!(RecordId::from(42_i64).to_string(), "42");
/// assert_eq!(RecordId::from("5b0c-77").to_string(), "5b0c-77");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordId(Repr);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Repr {
    Signed(i64),
    Unsigned(u64),
    Text(String),
}

impl RecordId {
    /// Whether the id was given as a number.
    pub fn is_number(&self) -> bool {
        !matches!(self.0, Repr::Text(_))
    }

    /// The id as one path segment: digits for a number; for a text, the text
    /// percent-encoded. `noun` names the record in errors (`ticket`).
    ///
    /// Refused with [`Error::Config`]: an empty or blank id, `.` and `..`, an id
    /// containing `/` or `\` (which would change the path) or a control
    /// character, and, for an endpoint of [`IdKind::Number`], a text that is not
    /// an integer.
    pub fn to_segment(&self, noun: &str, kind: IdKind) -> Result<String> {
        let text = match &self.0 {
            Repr::Signed(n) => return Ok(n.to_string()),
            Repr::Unsigned(n) => return Ok(n.to_string()),
            Repr::Text(text) => text,
        };
        let refuse = |why: &str| {
            Err(Error::config(format!(
                "the {noun} id `{}` {why}",
                text.escape_debug()
            )))
        };
        if text.trim().is_empty() {
            return Err(Error::config(format!("the {noun} id is empty")));
        }
        if text == "." || text == ".." {
            return refuse("is a dot segment, which would leave the record's path");
        }
        if text.contains(['/', '\\']) {
            return refuse("contains a `/` or `\\`, which would change the record's path");
        }
        if text.chars().any(char::is_control) {
            return refuse("contains a control character");
        }
        if kind == IdKind::Number && text.parse::<i64>().is_err() && text.parse::<u64>().is_err() {
            return refuse("is not a number, and this endpoint's ids are numbers");
        }
        Ok(encode_path_segment(text))
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Signed(n) => write!(f, "{n}"),
            Repr::Unsigned(n) => write!(f, "{n}"),
            Repr::Text(text) => f.write_str(text),
        }
    }
}

macro_rules! from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for RecordId {
            fn from(n: $t) -> Self {
                RecordId(Repr::Signed(i64::from(n)))
            }
        }
    )*};
}
macro_rules! from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for RecordId {
            fn from(n: $t) -> Self {
                RecordId(Repr::Unsigned(u64::from(n)))
            }
        }
    )*};
}
from_signed!(i32, i64);
from_unsigned!(u32, u64);

impl From<&str> for RecordId {
    fn from(text: &str) -> Self {
        RecordId(Repr::Text(text.to_owned()))
    }
}

impl From<String> for RecordId {
    fn from(text: String) -> Self {
        RecordId(Repr::Text(text))
    }
}

impl From<&String> for RecordId {
    fn from(text: &String) -> Self {
        RecordId(Repr::Text(text.clone()))
    }
}

impl From<&RecordId> for RecordId {
    fn from(id: &RecordId) -> Self {
        id.clone()
    }
}

/// The path of `spec`'s collection (`/service/tickets/17/notes`), with its
/// `{parent}` placeholder filled by `parent` (checked and encoded like an id).
///
/// A path with a placeholder and no parent, or a parent given to an endpoint
/// that takes none (no placeholder and no [`EndpointSpec::parent_key`]), is an
/// [`Error::Config`].
pub fn collection_path(spec: &EndpointSpec, parent: Option<&RecordId>) -> Result<String> {
    let wants_placeholder = spec.path.contains(PARENT_PLACEHOLDER);
    match parent {
        None if wants_placeholder => Err(Error::config(format!(
            "`{}` needs the id of the parent record: call `.parent(..)`",
            spec.path
        ))),
        None => Ok(spec.path.to_owned()),
        Some(_) if !wants_placeholder && spec.parent_key.is_none() => Err(Error::config(format!(
            "the {} endpoint `{}` has no parent record",
            spec.name, spec.path
        ))),
        Some(parent) if wants_placeholder => {
            // A parent of a numbered endpoint's records can still be a text.
            let segment =
                parent.to_segment(&format!("parent of the {}", spec.noun), IdKind::Text)?;
            Ok(spec.path.replace(PARENT_PLACEHOLDER, &segment))
        }
        Some(_) => Ok(spec.path.to_owned()),
    }
}

/// The path of one record of `spec`: the [`collection_path`] and the id as one
/// segment (`/company/companies/42`, `/devices/5b0c%20x`); see
/// [`RecordId::to_segment`] for the ids refused.
///
/// ```
/// use neo_auth_core::{Area, EndpointSpec, IdKind, RecordId, Requirements, Scope, record_path};
/// static READ: Scope = Scope::new("notes.read", "Notes");
/// static NOTES: EndpointSpec = EndpointSpec::new(
///     "notes",
///     "/service/tickets/{parent}/notes",
///     Requirements::read_only(Area::new("tickets"), &READ),
/// );
/// let path = record_path(&NOTES, Some(&17.into()), &RecordId::from(3_i64)).unwrap();
/// assert_eq!(path, "/service/tickets/17/notes/3");
/// assert!(record_path(&NOTES, Some(&17.into()), &"../x".into()).is_err());
/// assert!(record_path(&NOTES, None, &3.into()).is_err());
/// ```
pub fn record_path(
    spec: &EndpointSpec,
    parent: Option<&RecordId>,
    id: &RecordId,
) -> Result<String> {
    let segment = id.to_segment(spec.noun, spec.id)?;
    let collection = collection_path(spec, parent)?;
    Ok(format!("{}/{segment}", collection.trim_end_matches('/')))
}

/// The `parent_key` query parameter of a single-record request, when `spec`
/// has one: `parent`'s value, or the value the caller already put in `query`.
/// Missing both is an [`Error::Config`] (the ids restart for every parent).
pub(crate) fn parent_query(
    spec: &EndpointSpec,
    parent: Option<&RecordId>,
    query: &[(String, String)],
) -> Result<Option<(String, String)>> {
    let Some(key) = spec.parent_key else {
        return Ok(None);
    };
    if query.iter().any(|(k, _)| k == key) {
        return Ok(None);
    }
    match parent {
        Some(parent) => {
            // Checked like an id, so a parent cannot smuggle a control character.
            parent.to_segment(&format!("parent of the {}", spec.noun), IdKind::Text)?;
            Ok(Some((key.to_owned(), parent.to_string())))
        }
        None => Err(Error::config(format!(
            "one {} is addressed with `{key}` (ids restart for every parent): call `.parent(..)`",
            spec.noun
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::requirement::Area;
    use crate::access::requirements::Requirements;

    const SPEC: EndpointSpec = EndpointSpec::new(
        "devices",
        "/devices",
        Requirements::unscoped_read(Area::new("devices")),
    )
    .noun("device")
    .id(IdKind::Text);

    #[test]
    fn text_ids_are_one_encoded_segment() {
        let path = record_path(&SPEC, None, &"a b?c#d%e".into()).unwrap();
        assert_eq!(path, "/devices/a%20b%3Fc%23d%25e");
        assert_eq!(
            record_path(&SPEC, None, &7_u64.into()).unwrap(),
            "/devices/7"
        );
        assert_eq!(
            record_path(&SPEC, None, &(-1_i64).into()).unwrap(),
            "/devices/-1"
        );
    }

    #[test]
    fn bad_ids_are_config_errors() {
        for bad in [
            "", "  ", ".", "..", "a/b", "a\\b", "a\nb", "a\u{7f}b", "\u{85}",
        ] {
            let error = record_path(&SPEC, None, &bad.into()).unwrap_err();
            assert!(matches!(error, Error::Config { .. }), "{bad:?}: {error:?}");
        }
    }

    #[test]
    fn a_numbered_endpoint_refuses_a_text_that_is_no_number() {
        let numbered = SPEC.id(IdKind::Number);
        assert_eq!(
            record_path(&numbered, None, &"42".into()).unwrap(),
            "/devices/42"
        );
        let error = record_path(&numbered, None, &"abc".into()).unwrap_err();
        assert!(error.to_string().contains("not a number"), "{error}");
    }

    #[test]
    fn a_parent_is_only_taken_where_the_endpoint_has_one() {
        let error = collection_path(&SPEC, Some(&1.into())).unwrap_err();
        assert!(error.to_string().contains("no parent"), "{error}");
        let keyed = SPEC.parent_key("ticket_id");
        assert_eq!(
            collection_path(&keyed, Some(&1.into())).unwrap(),
            "/devices"
        );
        assert_eq!(
            parent_query(&keyed, Some(&5.into()), &[]).unwrap(),
            Some(("ticket_id".to_owned(), "5".to_owned()))
        );
        let given = [("ticket_id".to_owned(), "5".to_owned())];
        assert_eq!(parent_query(&keyed, None, &given).unwrap(), None);
        assert!(parent_query(&keyed, None, &[]).is_err());
        assert_eq!(parent_query(&SPEC, None, &[]).unwrap(), None);
    }
}
