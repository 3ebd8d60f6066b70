//! A ticket type (a configuration list) and its fields.

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::FieldInfo;

/// A ticket type (`/TicketType`, spec schema `RequestType`; list envelope unverified, both shapes accepted).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketType {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which module the record belongs to (e.g. `opps`, `reqs`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Id of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// Name of the group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Whether the login agent can create tickets of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub cancreate: Option<bool>,
    /// Agents can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agentscanselect: Option<bool>,
    /// End users can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub enduserscanselect: Option<bool>,
    /// Anonymous users can select it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub anonymouscanselect: Option<bool>,
    /// Visible.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// Id of the default workflow.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<i64>,
    /// Id of the initial status.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub initial_status: Option<i64>,
    /// Id of the default SLA.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_sla: Option<i64>,
    /// Default category 1.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub default_category_1: Option<String>,
    /// ITIL request type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub itilrequesttype: Option<i64>,
    /// Whether time is billable by default.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isbillable: Option<bool>,
    /// Charge rate id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub chargerate: Option<i64>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Whether agents must fill in fields of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hasmandatorytechfields: Option<bool>,
    /// Whether end users must fill in fields of this type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub hasmandatoryuserfields: Option<bool>,
    /// Ids of the fields of this type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fieldidlist: Option<Vec<i64>>,
    /// The fields of this type, with their definitions (on single reads with
    /// `includedetails`): see [`required_fields`](Self::required_fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<TicketTypeField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TicketType {
    /// The fields of this type whose definition requires a value (`fieldinfo.mandatory`):
    /// what a ticket of this type must carry to pass validation.
    ///
    /// Empty when the type was read without `includedetails` (no `fields`). The finer
    /// per-screen settings (`technew`, `techdetail`, `endusernew`, …) are kept as Halo's
    /// codes on each [`TicketTypeField`].
    pub fn required_fields(&self) -> impl Iterator<Item = &TicketTypeField> {
        self.fields
            .iter()
            .flatten()
            .filter(|field| field.is_mandatory())
    }
}

/// A field of a ticket type (spec schema `RequestTypeField`): which field, where it
/// is shown, and its definition.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketTypeField {
    /// The record id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the ticket type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub rtid: Option<i64>,
    /// Id of the field (a [`FieldInfo`] id).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fieldid: Option<i64>,
    /// Name of the field.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub fieldname: Option<String>,
    /// Label this type shows instead of the field's own.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub override_fieldname: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
    /// Setting on the agent's new-ticket screen (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub technew: Option<i64>,
    /// Setting on the agent's ticket details screen (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub techdetail: Option<i64>,
    /// Setting on the end user's new-ticket screen (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub endusernew: Option<i64>,
    /// Setting on the end user's ticket details screen (a code).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub enduserdetail: Option<i64>,
    /// Id of the tab agents see it on.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub techtab_id: Option<i64>,
    /// Name of that tab.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub techtab_name: Option<String>,
    /// Whether child tickets copy it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub copytochild: Option<bool>,
    /// The field's definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fieldinfo: Option<FieldInfo>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TicketTypeField {
    /// Whether the field's definition requires a value (`fieldinfo.mandatory`).
    pub fn is_mandatory(&self) -> bool {
        self.fieldinfo
            .as_ref()
            .is_some_and(|info| info.mandatory == Some(true))
    }
}
