//! An agent, with its team, department and role memberships (a configuration list).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An agent (`/Agent`, `/Agent/me`, spec schema `Uname`; bare array, or `agents` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Agent {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Surname.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Initials.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// E-mail address.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Job title.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub jobtitle: Option<String>,
    /// Name of the agent's default team.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Team memberships.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<TeamMembership>>,
    /// Department memberships.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub departments: Option<Vec<DepartmentMembership>>,
    /// Roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<AgentRole>>,
    /// Role names, comma-separated.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub role_list: Option<String>,
    /// Whether the agent is disabled.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isdisabled: Option<bool>,
    /// Whether this is an API-only agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isapiagent: Option<bool>,
    /// Whether the account is an agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_agent: Option<bool>,
    /// Agent kind/usage.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#use: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Last login. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lastlogindate: Option<String>,
    /// Id of the line manager.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub linemanager: Option<i64>,
    /// Name of the line manager.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub linemanager_name: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An agent's membership of a team (spec schema `UnameSection`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamMembership {
    /// Membership id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// Id of the team.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team_id: Option<i64>,
    /// Name of the team.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub team_name: Option<String>,
    /// Id of the department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Id of the role (a string in Halo).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Name of the role.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// Whether the agent manages the team.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub is_manager: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An agent's membership of a department (spec schema `UnameDepartment`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepartmentMembership {
    /// Membership id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_name: Option<String>,
    /// Id of the department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Name of the department.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub department_name: Option<String>,
    /// Id of the role (a string in Halo).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Name of the role.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A role held by an agent (spec schema `NHD_Roles`; its `id` is a string, `id_int` the number).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgentRole {
    /// Role id (a string in Halo).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Role id as a number.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id_int: Option<i64>,
    /// Role name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Free-text notes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
