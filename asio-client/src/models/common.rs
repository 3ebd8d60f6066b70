use serde::{Deserialize, Serialize};

/// Fields a model does not know, kept as JSON.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A reference to another record: `{id, name}` plus whatever else came.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Ref {
    /// The record's id.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_string")]
    pub id: Option<String>,
    /// The record's name, when sent.
    pub name: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}
