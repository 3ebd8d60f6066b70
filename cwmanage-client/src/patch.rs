//! PATCH as typed operations: ConnectWise takes a JSON array of
//! `{op, path, value}` with bare, case-sensitive field names (`summary`, not
//! `/summary`), reference fields replaced whole and custom fields sent as the
//! whole array.

use neo_auth_core::{Error, Result};
use serde::Serialize;
use serde_json::Value;

use crate::models::{CustomField, Reference};

/// What one patch operation does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum PatchKind {
    /// Sets a field that has no value.
    Add,
    /// Replaces a field's value.
    Replace,
    /// Clears a field.
    Remove,
}

/// One patch operation.
///
/// ```
/// use cwmanage_client::{PatchOp, models::Reference};
/// let ops = vec![
///     PatchOp::replace("summary", "Printer offline (2nd floor)").unwrap(),
///     PatchOp::reference("status", Reference::id(17)).unwrap(),
/// ];
/// assert_eq!(
///     serde_json::to_value(&ops).unwrap(),
///     serde_json::json!([
///         {"op": "replace", "path": "summary", "value": "Printer offline (2nd floor)"},
///         {"op": "replace", "path": "status", "value": {"id": 17}},
///     ])
/// );
/// // A sub-path of a reference answers a false 200 on ConnectWise: refused here.
/// assert!(PatchOp::replace("status/id", 17).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PatchOp {
    op: PatchKind,
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Value>,
}

impl PatchOp {
    fn new(op: PatchKind, path: &str, value: Option<Value>) -> Result<Self> {
        check_path(path)?;
        Ok(PatchOp {
            op,
            path: path.to_owned(),
            value,
        })
    }

    /// Replaces the field `path` with `value`.
    pub fn replace(path: &str, value: impl Into<Value>) -> Result<Self> {
        Self::new(PatchKind::Replace, path, Some(value.into()))
    }

    /// Adds `value` to the field `path`.
    pub fn add(path: &str, value: impl Into<Value>) -> Result<Self> {
        Self::new(PatchKind::Add, path, Some(value.into()))
    }

    /// Clears the field `path`.
    pub fn remove(path: &str) -> Result<Self> {
        Self::new(PatchKind::Remove, path, None)
    }

    /// Replaces a reference field (`status`, `board`, `company`) with a whole
    /// reference object — the only way ConnectWise changes one.
    pub fn reference(path: &str, reference: Reference) -> Result<Self> {
        if reference.id.is_none() && reference.identifier.is_none() && reference.name.is_none() {
            return Err(Error::config(format!(
                "the reference for `{path}` names no record: give an id, identifier or name"
            )));
        }
        let value = serde_json::to_value(reference)
            .map_err(|e| Error::config_with("the reference could not be encoded", e))?;
        Self::new(PatchKind::Replace, path, Some(value))
    }

    /// Replaces `customFields` with the whole array (ConnectWise cannot patch
    /// one custom field alone: send every value, changed or not).
    pub fn custom_fields(fields: &[CustomField]) -> Result<Self> {
        let value = serde_json::to_value(fields)
            .map_err(|e| Error::config_with("the custom fields could not be encoded", e))?;
        Self::new(PatchKind::Replace, "customFields", Some(value))
    }

    /// What the operation does.
    pub fn kind(&self) -> PatchKind {
        self.op
    }

    /// The field name.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value, when the operation carries one.
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }
}

/// A bare field name: letters, digits and `_`, no `/` (no leading slash, no
/// sub-path: ConnectWise ignores `company/identifier` with a 200).
fn check_path(path: &str) -> Result<()> {
    if path.is_empty() {
        return Err(Error::config("a patch path is empty"));
    }
    if path.contains('/') {
        return Err(Error::config(format!(
            "`{path}` is not a ConnectWise patch path: use the bare field name (no `/`), and replace a reference field whole with PatchOp::reference"
        )));
    }
    if !path.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::config(format!(
            "`{path}` is not a ConnectWise field name (letters, digits and `_`)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_serialize_as_connectwise_expects() {
        let remove = PatchOp::remove("owner").unwrap();
        assert_eq!(
            serde_json::to_value(&remove).unwrap(),
            serde_json::json!({"op": "remove", "path": "owner"})
        );
        let add = PatchOp::add("resources", "jdoe").unwrap();
        assert_eq!(serde_json::to_value(&add).unwrap()["op"], "add");
        let custom =
            PatchOp::custom_fields(&[CustomField::new(3, "x"), CustomField::new(4, true)]).unwrap();
        assert_eq!(
            serde_json::to_value(&custom).unwrap(),
            serde_json::json!({"op": "replace", "path": "customFields", "value": [
                {"id": 3, "value": "x"}, {"id": 4, "value": true}
            ]})
        );
    }

    #[test]
    fn paths_are_bare_case_sensitive_names() {
        assert!(PatchOp::replace("/summary", "x").is_err());
        assert!(PatchOp::replace("source/name", "x").is_err());
        assert!(PatchOp::replace("", "x").is_err());
        assert!(PatchOp::replace("sum mary", "x").is_err());
        // Case is kept as given (ConnectWise is case-sensitive).
        assert_eq!(PatchOp::replace("Summary", "x").unwrap().path(), "Summary");
        assert!(PatchOp::reference("status", Reference::default()).is_err());
    }
}
