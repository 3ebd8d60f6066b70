use serde::{Deserialize, Serialize};

use super::common::Extra;

/// A script: `GET /api/platform/v1/automation/scripts`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Script {
    /// The script id (a UUID, the `templateID` to run it).
    pub id: String,
    /// The name.
    pub name: String,
    /// A description.
    pub description: Option<String>,
    /// Its category.
    pub script_category: Option<serde_json::Value>,
    /// Whether it takes parameters.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_bool")]
    pub has_parameters: Option<bool>,
    /// When it was created.
    pub created_at: Option<String>,
    /// When it was updated.
    pub updated_at: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A shell script template: `GET /api/platform/v1/automation/shellScripts`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ShellScript {
    /// The template id.
    pub template_id: String,
    /// The name.
    pub name: String,
    /// A description.
    pub description: Option<String>,
    /// Categories.
    pub categories: Vec<serde_json::Value>,
    /// The engine that runs it.
    pub executor_engine: Option<String>,
    /// Expected run time in seconds.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub expected_execution_time_sec: Option<i64>,
    /// The parameters' JSON schema, as a string.
    pub json_schema: Option<String>,
    /// Whether it takes parameters.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_bool")]
    pub has_parameters: Option<bool>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A task definition: `GET /api/platform/v1/automation/tasks`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskDefinition {
    /// The name.
    pub name: String,
    /// A description.
    pub description: Option<String>,
    /// `script`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The parameters' JSON schema, as a string.
    #[serde(rename = "JSONSchema")]
    pub json_schema: Option<String>,
    /// The user parameters, as a string.
    pub user_parameters: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A task summary (`…/tasks/summary`, `{Results, Count}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskSummary {
    /// The task id.
    #[serde(alias = "taskID", alias = "TaskID")]
    pub task_id: String,
    /// The name.
    pub name: Option<String>,
    /// Other fields (counts by status, dates).
    #[serde(flatten)]
    pub extra: Extra,
}

/// An instance (one run) of a task (`…/tasks/{id}/instances/summary`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskInstanceSummary {
    /// The instance id (to read its results).
    #[serde(alias = "instanceID", alias = "taskInstanceId", alias = "InstanceID")]
    pub instance_id: String,
    /// The task id.
    #[serde(alias = "taskID")]
    pub task_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A task of one endpoint (`…/v2/automation/endpoints/{id}/tasks/summary`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct EndpointTaskSummary {
    /// The task id.
    #[serde(rename = "taskID", alias = "taskId")]
    pub task_id: String,
    /// A description.
    pub description: Option<String>,
    /// When it ran.
    pub executed_on: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The result of a task on one endpoint (`…/instances/{iid}/results`, `{Result, Count}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct TaskResult {
    /// The endpoint.
    #[serde(alias = "endpointID")]
    pub endpoint_id: String,
    /// `Success`, `Failed`, …
    pub completion_status: Option<String>,
    /// The output.
    pub result_details: Option<String>,
    /// The error output.
    pub error_details: Option<String>,
    /// Run time as sent.
    #[serde(rename = "executiontime")]
    pub execution_time: Option<serde_json::Value>,
    /// The task id.
    pub task_id: Option<String>,
    /// The instance id.
    pub task_instance_id: Option<String>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The 201 answer to a script run: the task that was scheduled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScheduledTask {
    /// The new task's id.
    #[serde(alias = "taskID")]
    pub task_id: String,
    /// The template (script) id.
    #[serde(alias = "templateID")]
    pub template_id: Option<String>,
    /// `script`.
    pub template_type: Option<String>,
    /// The task's name.
    pub name: Option<String>,
    /// When it was created.
    pub created_on: Option<String>,
    /// The submission state.
    pub state_to_be_submitted: Option<serde_json::Value>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A script run ("run now") on endpoints: the body of
/// `POST /api/platform/v2/automation/endpoints/schedule-tasks`.
///
/// ```
/// use asio_client::models::RunScript;
/// let run = RunScript::new("8c1d-template", "Run hotfix", ["d1ce-endpoint"])
///     .parameters(&serde_json::json!({"Arg1": "value"})).unwrap();
/// let body = serde_json::to_value(&run).unwrap();
/// assert_eq!(body["parameters"], "{\"Arg1\":\"value\"}"); // a JSON string, not an object
/// assert_eq!(body["schedule"]["regularity"], "Immediate");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RunScript {
    /// The script (template) id.
    #[serde(rename = "templateID")]
    pub template_id: String,
    /// `script`.
    pub template_type: String,
    /// The task's name.
    pub name: String,
    /// A description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The parameters as a JSON-encoded string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<String>,
    /// Endpoint ids.
    pub targets: Vec<String>,
    /// `MANAGED_ENDPOINT`.
    pub target_type: String,
    /// `Both`.
    pub resources_type: String,
    /// The "run now" schedule.
    pub schedule: serde_json::Value,
}

impl RunScript {
    /// Runs `template_id` now on `targets`.
    pub fn new<I, S>(template_id: impl Into<String>, name: impl Into<String>, targets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        RunScript {
            template_id: template_id.into(),
            template_type: "script".to_owned(),
            name: name.into(),
            description: None,
            parameters: None,
            targets: targets.into_iter().map(Into::into).collect(),
            target_type: "MANAGED_ENDPOINT".to_owned(),
            resources_type: "Both".to_owned(),
            schedule: serde_json::json!({
                "scheduleType": "TIME",
                "regularity": "Immediate",
                "category": "STZ",
            }),
        }
    }

    /// A description of the task.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// The script's parameters, encoded into the JSON string Asio expects.
    pub fn parameters<T: Serialize + ?Sized>(
        mut self,
        parameters: &T,
    ) -> neo_auth_core::Result<Self> {
        let text = serde_json::to_string(parameters).map_err(|e| {
            neo_auth_core::Error::config_with("the script parameters are not JSON", e)
        })?;
        self.parameters = Some(text);
        Ok(self)
    }
}
