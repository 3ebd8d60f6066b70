//! Configuration lists: statuses, priorities, categories, teams, agents, ticket types, workflows.

use neo_auth_core::lenient::{opt_bool, opt_f64, opt_i64, opt_string};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A ticket status (`/Status`, spec schema `TStatus`; bare array, or `statuses` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub guid: Option<String>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Short name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub shortname: Option<String>,
    /// Status type code (e.g. open, closed).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Sort order.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub colour: Option<String>,
    /// What the SLA clock does in this status.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub slaaction: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A priority of an SLA (`/Priority`, spec schema `Policy`). Its `id` is a UUID **string**; `priorityid` is the number tickets use.
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Priority {
    /// The priority row id — a UUID string, not a number.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The priority number (what `Ticket::priority_id` holds).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub priorityid: Option<i64>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Id of the SLA the priority belongs to.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub slaid: Option<i64>,
    /// Response target.
    #[serde(deserialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub responsetime: Option<f64>,
    /// Unit of the response target.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub responseunits: Option<String>,
    /// Fix target.
    #[serde(deserialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub fixtime: Option<f64>,
    /// Unit of the fix target.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub fixunits: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub colour: Option<String>,
    /// Hidden from selection.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub ishidden: Option<bool>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A ticket category value (`/Category`, spec schema `CategoryDetail`; bare array, or `categories` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Category {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Which category (1–4) this value is for.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub type_id: Option<i64>,
    /// The category value (what tickets store).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    /// Display name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub category_name: Option<String>,
    /// Default SLA.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub sla_id: Option<i64>,
    /// Default priority.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub priority_id: Option<i64>,
    /// Id of the category group.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub category_group_id: Option<i64>,
    /// Note.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A team (`/Team`, spec schema `SectionDetail`; bare array, or `teams` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Team {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub guid: Option<String>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Whether the record is inactive.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub inactive: Option<bool>,
    /// Id of the department.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Name of the department.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub department_name: Option<String>,
    /// Used for tickets.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub forrequests: Option<bool>,
    /// Used for opportunities.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub foropps: Option<bool>,
    /// Used for projects.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub forprojects: Option<bool>,
    /// E-mail address.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub emailaddress: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Agents in the team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agents: Option<Vec<TeamMembership>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An agent (`/Agent`, `/Agent/me`, spec schema `Uname`; bare array, or `agents` when wrapped).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Agent {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// First name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub firstname: Option<String>,
    /// Surname.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub surname: Option<String>,
    /// Initials.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub initials: Option<String>,
    /// E-mail address.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
    /// Job title.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub jobtitle: Option<String>,
    /// Name of the agent's default team.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
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
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub role_list: Option<String>,
    /// Whether the agent is disabled.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub isdisabled: Option<bool>,
    /// Whether this is an API-only agent.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub isapiagent: Option<bool>,
    /// Whether the account is an agent.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub is_agent: Option<bool>,
    /// Agent kind/usage.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#use: Option<String>,
    /// Display colour (e.g. `#ff0000`).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub colour: Option<String>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Last login. Date text as Halo sends it.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub lastlogindate: Option<String>,
    /// Id of the line manager.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub linemanager: Option<i64>,
    /// Name of the line manager.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
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
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub agent_name: Option<String>,
    /// Id of the team.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub team_id: Option<i64>,
    /// Name of the team.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub team_name: Option<String>,
    /// Id of the department.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Id of the role (a string in Halo).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub role_id: Option<String>,
    /// Name of the role.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub role_name: Option<String>,
    /// Whether the agent manages the team.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
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
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Id of the agent.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Name of the agent.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub agent_name: Option<String>,
    /// Id of the department.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<i64>,
    /// Name of the department.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub department_name: Option<String>,
    /// Id of the role (a string in Halo).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub role_id: Option<String>,
    /// Name of the role.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
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
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Role id as a number.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id_int: Option<i64>,
    /// Role name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Free-text notes.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub notes: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A ticket type (`/TicketType`, spec schema `RequestType`; list envelope unverified, both shapes accepted).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketType {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub guid: Option<String>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Which module the record belongs to (e.g. `opps`, `reqs`).
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub r#use: Option<String>,
    /// Sort order.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    /// Id of the group.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// Name of the group.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub group_name: Option<String>,
    /// Whether the login agent can create tickets of this type.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub cancreate: Option<bool>,
    /// Agents can select it.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub agentscanselect: Option<bool>,
    /// End users can select it.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub enduserscanselect: Option<bool>,
    /// Anonymous users can select it.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub anonymouscanselect: Option<bool>,
    /// Visible.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// Id of the default workflow.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub workflow_id: Option<i64>,
    /// Id of the initial status.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub initial_status: Option<i64>,
    /// Id of the default SLA.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub default_sla: Option<i64>,
    /// Default category 1.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_category_1: Option<String>,
    /// ITIL request type code.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub itilrequesttype: Option<i64>,
    /// Whether time is billable by default.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub isbillable: Option<bool>,
    /// Charge rate id.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub chargerate: Option<i64>,
    /// Number of tickets (when Halo computes it).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub ticket_count: Option<i64>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A workflow (`/Workflow`, spec schema `FlowHeader`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workflow {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The record GUID.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub guid: Option<String>,
    /// Name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Note.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<String>,
    /// Whether the workflow is active.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Marked not in use.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub notinuse: Option<bool>,
    /// Whether tickets use it.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub in_use: Option<bool>,
    /// Access-control level.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub access_control_level: Option<i64>,
    /// The steps (with `includedetails=true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<WorkflowStep>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A step of a workflow (spec schema `FlowDetail`; it has no `id`, `step_id` numbers it within the flow).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkflowStep {
    /// Row id of the step.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub fdid: Option<i64>,
    /// Step number within the workflow.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub step_id: Option<i64>,
    /// Id of the workflow.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub flow_id: Option<i64>,
    /// Step name.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// The starting step.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub isstart: Option<bool>,
    /// An end step.
    #[serde(deserialize_with = "opt_bool", skip_serializing_if = "Option::is_none")]
    pub isend: Option<bool>,
    /// Stage number.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub stage_number: Option<i64>,
    /// Step type code.
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub steptype: Option<i64>,
    /// Note.
    #[serde(
        deserialize_with = "opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
