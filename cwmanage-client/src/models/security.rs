//! The API member's effective security (`/system/mySecurity`).

use neo_auth_core::{PermissionLevel, lenient};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::reference::Reference;

neo_auth_core::open_enum! {
    /// A security-role level of one verb of one module function.
    pub enum SecurityLevel {
        /// No access.
        None = "None",
        /// The member's own records.
        Mine = "Mine",
        /// The member's team / territory records.
        My = "My",
        /// All records.
        All = "All",
    }
}

impl SecurityLevel {
    /// The core's level; an unknown value counts as `None` (never more access
    /// than the SDK can be sure of).
    pub fn permission_level(&self) -> PermissionLevel {
        match self {
            SecurityLevel::All => PermissionLevel::All,
            SecurityLevel::My => PermissionLevel::My,
            SecurityLevel::Mine => PermissionLevel::Mine,
            SecurityLevel::None | SecurityLevel::Unknown(_) => PermissionLevel::None,
        }
    }
}

/// One row of `/system/mySecurity`: the levels of one module function.
///
/// ```
/// use cwmanage_client::models::{MySecurity, SecurityLevel};
/// let row: MySecurity = serde_json::from_str(
///     r#"{"id": 1, "moduleName": "Service Desk", "moduleFunctionName": "Service Tickets",
///         "addLevel": "All", "editLevel": "My", "deleteLevel": "None", "inquireLevel": "All"}"#,
/// ).unwrap();
/// assert_eq!(row.edit_level, Some(SecurityLevel::My));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "SecurityRoleSetting")]
pub struct MySecurity {
    /// The row's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The module's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_identifier: Option<String>,
    /// The module (`Companies`, `Service Desk`, `System`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_name: Option<String>,
    /// The module's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_description: Option<String>,
    /// The function's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_function_identifier: Option<String>,
    /// The function (`Service Tickets`, `Table Setup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_function_name: Option<String>,
    /// The function's description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_function_description: Option<String>,
    /// Add level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub add_level: Option<SecurityLevel>,
    /// Edit level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edit_level: Option<SecurityLevel>,
    /// Delete level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_level: Option<SecurityLevel>,
    /// Inquire level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inquire_level: Option<SecurityLevel>,
    /// Whether My/All applies.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub my_all_flag: Option<bool>,
    /// Whether the row is customised (Table Setup's whitelist).
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_flag: Option<bool>,
    /// Whether the row is restricted.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub restrict_flag: Option<bool>,
    /// Whether it is a report row.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub report_flag: Option<bool>,
    /// Sort order.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub sort_order: Option<i64>,
    /// The member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<Reference>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
