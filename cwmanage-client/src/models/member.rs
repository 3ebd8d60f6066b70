//! Members (`/system/members`, `/system/myMembers`).

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::reference::Reference;

neo_auth_core::open_enum! {
    /// A member's licence class.
    pub enum LicenseClass {
        /// A full member.
        Full = "F",
        /// An API member (uses no user licence).
        Api = "A",
        /// A StreamlineIT member.
        StreamlineIt = "C",
        /// A subcontractor.
        Subcontractor = "X",
    }
}

neo_auth_core::open_enum! {
    /// Which e-mail or phone is a member's default.
    pub enum ContactKind {
        /// Office.
        Office = "Office",
        /// Mobile.
        Mobile = "Mobile",
        /// Home.
        Home = "Home",
    }
}

/// A member (a technician, or the API member the keys belong to). `/system/myMembers`
/// answers the same shape (`MyMember`) for the member behind the API keys.
///
/// ```
/// use cwmanage_client::models::{LicenseClass, Member};
/// let m: Member = serde_json::from_str(
///     r#"{"id": 190, "identifier": "apiuser", "licenseClass": "A",
///         "serviceDefaultBoard": {"id": 1, "name": "Help Desk"}}"#,
/// ).unwrap();
/// assert_eq!(m.license_class, Some(LicenseClass::Api));
/// assert_eq!(m.service_default_board.unwrap().id, Some(1));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[doc(alias = "MyMember")]
pub struct Member {
    /// The member's id.
    #[serde(
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    /// The login identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Whether the member is inactive.
    #[serde(
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub inactive_flag: Option<bool>,
    /// The licence class (`A` for API members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license_class: Option<LicenseClass>,
    /// The security role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_role: Option<Reference>,
    /// The board new tickets go to unless another is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_default_board: Option<Reference>,
    /// The default service location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_default_location: Option<Reference>,
    /// The default service department.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_default_department: Option<Reference>,
    /// Boards excluded for the member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_service_board_ids: Option<Vec<i64>>,
    /// Team ids of the member's boards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_board_team_ids: Option<Vec<i64>>,
    /// The default e-mail kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_email: Option<ContactKind>,
    /// The default phone kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_phone: Option<ContactKind>,
    /// Office e-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office_email: Option<String>,
    /// Primary e-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_email: Option<String>,
    /// Read-only metadata.
    #[serde(rename = "_info", skip_serializing_if = "Option::is_none")]
    pub info: Option<Map<String, Value>>,
    /// Fields this SDK does not model, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
