//! Automation: the script, task and workflow catalogs, their runs and executions.
//!
//! Run responses and execution fields are unverified: ids are kept as text
//! (numbers or GUIDs), the usual alternative names are accepted, and
//! everything else stays in `extra`.

use neo_auth_core::lenient;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::de::null_as_empty;
use super::timestamp::Timestamp;

/// A script of the catalog (`/automation/scripts`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Script {
    /// The script id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Its category, as sent.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        alias = "CategoryName"
    )]
    pub category: Option<String>,
    /// The variables a run may set.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub variables: Vec<ScriptVariable>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A variable a script run may set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct ScriptVariable {
    /// The variable id (what [`ScriptVariableValue::id`] names).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub id: Option<i64>,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its type, as sent.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub r#type: Option<String>,
    /// Its default value, as sent.
    #[serde(default)]
    pub default_value: Value,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A task of the catalog (`/automation/tasks`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Task {
    /// The task id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A workflow of the catalog (`/automation/workflows`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Workflow {
    /// The workflow id.
    #[serde(deserialize_with = "lenient::i64")]
    pub id: i64,
    /// Its name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One execution of a script, task or workflow, or one device's part of a task
/// execution (history and results).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Execution {
    /// The execution id, as text (`Id`, `ExecutionId` or `Identifier`).
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        alias = "ExecutionId",
        alias = "Identifier"
    )]
    pub id: Option<String>,
    /// The state, as sent (`Status` or `State`).
    #[serde(default, deserialize_with = "lenient::opt_string", alias = "State")]
    pub status: Option<String>,
    /// The device, for device-level records.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_identifier: Option<String>,
    /// The device's name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub device_name: Option<String>,
    /// When it started (`StartTime`, `StartedOn`, `StartDate` or `CreatedOn`).
    #[serde(default, alias = "StartedOn", alias = "StartDate", alias = "CreatedOn")]
    pub start_time: Option<Timestamp>,
    /// When it ended (`EndTime`, `FinishedOn` or `EndDate`).
    #[serde(default, alias = "FinishedOn", alias = "EndDate")]
    pub end_time: Option<Timestamp>,
    /// The script's output, when the record carries it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub output: Option<String>,
    /// The exit code, when the record carries it.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub exit_code: Option<i64>,
    /// Fields this SDK does not model, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A value for one script variable in a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScriptVariableValue {
    /// The variable's id ([`ScriptVariable::id`]).
    pub id: i64,
    /// The value.
    pub value: String,
}

/// The body of `POST /automation/scripts/{id}/run`.
///
/// ```
/// use vsax_client::models::RunScript;
/// let body = RunScript::on_device("8f3c").variable(1, r"C:\Temp");
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"DeviceIdentifier":"8f3c","Variables":[{"Id":1,"Value":"C:\\Temp"}]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunScript {
    /// The device to run on.
    pub device_identifier: String,
    /// Variable values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ScriptVariableValue>,
    /// A URL VSA X calls when the run completes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
}

impl RunScript {
    /// A run on one device.
    pub fn on_device(device_identifier: impl Into<String>) -> Self {
        RunScript {
            device_identifier: device_identifier.into(),
            variables: Vec::new(),
            webhook_url: None,
        }
    }

    /// Sets a variable.
    pub fn variable(mut self, id: i64, value: impl Into<String>) -> Self {
        self.variables.push(ScriptVariableValue {
            id,
            value: value.into(),
        });
        self
    }

    /// Asks for a completion callback.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }
}

/// The body of `POST /automation/tasks/{id}/run`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunTask {
    /// The devices to run on (empty: the task's own targets).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_identifiers: Vec<String>,
    /// A URL VSA X calls when the run completes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
}

impl RunTask {
    /// A run on the task's own targets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs on these devices instead.
    pub fn on_devices<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.device_identifiers = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Asks for a completion callback.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }
}

/// A constant-variable override of a workflow run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VariableOverride {
    /// The variable's name.
    pub name: String,
    /// The value.
    pub value: String,
}

/// The body of `POST /automation/workflows/{id}/run`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunWorkflow {
    /// The devices to run on (empty: the workflow's own targets).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device_identifiers: Vec<String>,
    /// A URL VSA X calls when the run completes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Constant-variable overrides.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constant_variable_overrides: Vec<VariableOverride>,
}

impl RunWorkflow {
    /// A run on the workflow's own targets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs on these devices instead.
    pub fn on_devices<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.device_identifiers = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Overrides a constant variable.
    pub fn constant(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.constant_variable_overrides.push(VariableOverride {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Asks for a completion callback.
    pub fn webhook_url(mut self, url: impl Into<String>) -> Self {
        self.webhook_url = Some(url.into());
        self
    }
}

/// What VSA X answered to a run: the execution id when the answer names one,
/// and the answer itself (its shape is unverified).
///
/// ```
/// use vsax_client::models::RunReceipt;
/// let r = RunReceipt::from_reply(serde_json::json!({"Data": {"ExecutionId": 991}}));
/// assert_eq!(r.execution_id.as_deref(), Some("991"));
/// let bare = RunReceipt::from_reply(serde_json::json!({"Data": "c0ffee"}));
/// assert_eq!(bare.execution_id.as_deref(), Some("c0ffee"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct RunReceipt {
    /// The execution id, when the answer names one.
    pub execution_id: Option<String>,
    /// The answer as sent (`null` for an empty body).
    pub reply: Value,
}

impl RunReceipt {
    /// Reads the execution id from an answer: `Data` (or the whole answer) as
    /// a scalar, or its `ExecutionId`, `Id` or `Identifier`.
    pub fn from_reply(reply: Value) -> Self {
        fn scalar(v: &Value) -> Option<String> {
            match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        }
        let data = reply.get("Data").unwrap_or(&reply);
        let execution_id = scalar(data).or_else(|| {
            ["ExecutionId", "Id", "Identifier", "executionId", "id"]
                .iter()
                .find_map(|k| data.get(*k).and_then(scalar))
        });
        RunReceipt {
            execution_id,
            reply,
        }
    }
}
