use neo_auth_core::{ApiRequest, Approval, Error, ListCall, Result, Verb, WriteCall, list_builder};
use serde::Deserialize;

use super::{requirement, segment};
use crate::Client;
use crate::endpoints;
use crate::models::{
    EndpointTaskSummary, RunScript, ScheduledTask, Script, ShellScript, TaskDefinition,
    TaskInstanceSummary, TaskResult, TaskSummary,
};

list_builder! {
    /// `GET /api/platform/v1/automation/scripts`.
    pub struct ScriptList => Script;
}
list_builder! {
    /// `GET /api/platform/v1/automation/shellScripts`.
    pub struct ShellScriptList => ShellScript;
}
list_builder! {
    /// `GET /api/platform/v1/automation/tasks`.
    pub struct TaskList => TaskDefinition;
}
list_builder! {
    /// `GET /api/platform/v1/automation/tasks/summary`.
    pub struct TaskSummaryList => TaskSummary;
}
list_builder! {
    /// `GET /api/platform/v1/automation/tasks/{taskId}/instances/summary`.
    pub struct TaskInstanceList => TaskInstanceSummary;
}
list_builder! {
    /// `GET /api/platform/v2/automation/endpoints/{endpointId}/tasks/summary`.
    pub struct EndpointTaskList => EndpointTaskSummary;
}

impl TaskSummaryList {
    /// Tasks from this date/time (`From`).
    pub fn from_date(self, from: &str) -> Self {
        self.param("From", from)
    }

    /// Tasks up to this date/time (`To`).
    pub fn to_date(self, to: &str) -> Self {
        self.param("To", to)
    }
}

impl TaskInstanceList {
    /// Instances from this date/time (`From`).
    pub fn from_date(self, from: &str) -> Self {
        self.param("From", from)
    }

    /// Instances up to this date/time (`To`).
    pub fn to_date(self, to: &str) -> Self {
        self.param("To", to)
    }
}

#[derive(Deserialize)]
struct Results {
    #[serde(rename = "Result", default)]
    result: Vec<TaskResult>,
}

/// Automation: scripts, shell scripts, task definitions, task summaries and
/// results, and running a script (a write, approval-gated by default).
#[derive(Clone, Copy, Debug)]
pub struct Automation<'a> {
    client: &'a Client,
}

impl<'a> Automation<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Automation { client }
    }

    fn list<T, L>(&self, spec: &'static neo_auth_core::EndpointSpec) -> L
    where
        T: serde::de::DeserializeOwned + Send + 'static,
        L: From<ListCall<T>>,
    {
        L::from(ListCall::new(self.client.transport(), spec))
    }

    /// Scripts.
    pub fn scripts(&self) -> ScriptList {
        self.list(&endpoints::SCRIPTS)
    }

    /// Shell-script templates.
    pub fn shell_scripts(&self) -> ShellScriptList {
        self.list(&endpoints::SHELL_SCRIPTS)
    }

    /// Task definitions.
    pub fn tasks(&self) -> TaskList {
        self.list(&endpoints::TASKS)
    }

    /// Task summaries.
    pub fn task_summaries(&self) -> TaskSummaryList {
        self.list(&endpoints::TASK_SUMMARIES)
    }

    /// The instances (runs) of a task.
    pub fn task_instances(&self, task_id: &str) -> TaskInstanceList {
        TaskInstanceList::from(
            ListCall::new(self.client.transport(), &endpoints::TASK_INSTANCES).parent(task_id),
        )
    }

    /// The tasks of one endpoint.
    pub fn endpoint_tasks(&self, endpoint_id: &str) -> EndpointTaskList {
        EndpointTaskList::from(
            ListCall::new(self.client.transport(), &endpoints::ENDPOINT_TASKS)
                .parent(endpoint_id)
                .records_without_ids(),
        )
    }

    /// The per-endpoint results of one instance of a task.
    pub async fn results(&self, task_id: &str, instance_id: &str) -> Result<Vec<TaskResult>> {
        let spec = &endpoints::TASK_RESULTS;
        let path = spec
            .path
            .replace("{task}", &segment("task", task_id)?)
            .replace("{instance}", &segment("task instance", instance_id)?);
        let results: Results = self
            .client
            .send_json(ApiRequest::get(path), Some(requirement(spec, Verb::List)?))
            .await?;
        Ok(results.result)
    }

    /// Runs a script now on its targets (Platform - Automation - Create).
    ///
    /// A write: the default policy needs an [`Approval`] (who approved, why).
    /// The 201 means "scheduled", not "finished": read the results with
    /// [`task_instances`](Automation::task_instances) and
    /// [`results`](Automation::results). A failure after the request may have
    /// arrived is `Error::WriteUncertain` and is never retried.
    pub async fn run_script(
        &self,
        run: &RunScript,
        approval: Option<Approval>,
    ) -> Result<ScheduledTask> {
        if run.targets.is_empty() {
            return Err(Error::config(
                "a script run needs at least one target endpoint",
            ));
        }
        if run.template_id.trim().is_empty() || run.name.trim().is_empty() {
            return Err(Error::config("a script run needs a template id and a name"));
        }
        let mut call = WriteCall::create(
            self.client.transport().clone(),
            &endpoints::SCHEDULE_TASKS,
            run,
        )
        .confirm(|task: &ScheduledTask| {
            if task.task_id.trim().is_empty() {
                Err("the reply names no taskId".to_owned())
            } else {
                Ok(())
            }
        });
        if let Some(approval) = approval {
            call = call.approval(approval);
        }
        call.send().await
    }
}
