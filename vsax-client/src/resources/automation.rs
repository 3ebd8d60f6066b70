//! Automation (area Automation): the script, task and workflow catalogs and
//! execution history need "Automation: Read"; running one is a write needing
//! "Automation: Read/Write", approval-gated by the default policy.

use http::Method;
use neo_auth_core::{Approval, IdKind, RecordId, Result, Verb, WriteCall, collection_path};
use serde::Serialize;
use serde_json::Value;

use crate::calls::{GetRecord, list_call, odata_list, segment};
use crate::client::Client;
use crate::endpoints::{
    SCRIPT_EXECUTIONS, SCRIPT_RUN, SCRIPTS, TASK_DEVICE_SCRIPTS, TASK_EXECUTION_DEVICES,
    TASK_EXECUTIONS, TASK_RUN, TASKS, WORKFLOW_EXECUTIONS, WORKFLOW_RUN, WORKFLOWS,
};
use crate::models::{
    Execution, RunReceipt, RunScript, RunTask, RunWorkflow, Script, Task, Workflow,
};

odata_list! {
    /// `GET /automation/scripts`.
    ScriptList => Script
}

odata_list! {
    /// `GET /automation/tasks`.
    TaskList => Task
}

odata_list! {
    /// `GET /automation/workflows`.
    WorkflowList => Workflow
}

odata_list! {
    /// Execution history or results.
    ExecutionList => Execution
}

/// A run of a script, task or workflow: a write in the Automation area. The
/// default policy needs an [`Approval`] for it; it is never retried once it
/// may have reached VSA X.
#[must_use = "a run does nothing until `send()`"]
#[derive(Debug)]
pub struct Run {
    call: WriteCall<Value>,
}

impl Run {
    fn new<B: Serialize>(
        client: &Client,
        spec: &'static neo_auth_core::EndpointSpec,
        id: i64,
        body: &B,
    ) -> Self {
        let call =
            WriteCall::endpoint(client.transport().clone(), spec, Verb::Create, Method::POST)
                .parent(id)
                .json(body);
        Run { call }
    }

    /// Who approved the run, and why.
    pub fn approval(mut self, approval: Approval) -> Self {
        self.call = self.call.approval(approval);
        self
    }

    /// Starts the run; the receipt holds the execution id when VSA X names one.
    pub async fn send(self) -> Result<RunReceipt> {
        self.call.send().await.map(RunReceipt::from_reply)
    }
}

/// The script catalog and script runs.
#[derive(Clone, Copy, Debug)]
pub struct Scripts<'a> {
    client: &'a Client,
}

/// The task catalog, task runs and their results.
#[derive(Clone, Copy, Debug)]
pub struct Tasks<'a> {
    client: &'a Client,
}

/// The workflow catalog, workflow runs and their executions.
#[derive(Clone, Copy, Debug)]
pub struct Workflows<'a> {
    client: &'a Client,
}

impl Client {
    /// Scripts: catalog, run, execution history.
    pub fn scripts(&self) -> Scripts<'_> {
        Scripts { client: self }
    }

    /// Tasks: catalog, run, execution results.
    pub fn tasks(&self) -> Tasks<'_> {
        Tasks { client: self }
    }

    /// Workflows: catalog, run, executions.
    pub fn workflows(&self) -> Workflows<'_> {
        Workflows { client: self }
    }
}

impl Scripts<'_> {
    /// `GET /automation/scripts`.
    pub fn list(&self) -> ScriptList {
        ScriptList::from(list_call(self.client, &SCRIPTS))
    }

    /// `GET /automation/scripts/{id}`.
    pub fn get(&self, id: i64) -> GetRecord<Script> {
        GetRecord::record(self.client, &SCRIPTS, id)
    }

    /// `POST /automation/scripts/{id}/run` on one device.
    ///
    /// ```no_run
    /// use vsax_client::{Approval, models::RunScript};
    /// # async fn run(client: vsax_client::Client) -> vsax_client::Result<()> {
    /// let receipt = client
    ///     .scripts()
    ///     .run(42, &RunScript::on_device("8f3c2a1d-5b6e-4f7a-9c0d-1e2f3a4b5c6d").variable(1, r"C:\Temp"))
    ///     .approval(Approval::new("j.doe", "ticket T-1234: clear temp")?)
    ///     .send()
    ///     .await?;
    /// println!("execution {:?}", receipt.execution_id);
    /// # Ok(()) }
    /// ```
    pub fn run(&self, id: i64, body: &RunScript) -> Run {
        Run::new(self.client, &SCRIPT_RUN, id, body)
    }

    /// `GET /automation/scripts/{id}/device/{deviceId}/executions` (paged).
    pub fn executions(&self, id: i64, device: &str) -> ExecutionList {
        ExecutionList::from(
            list_call(self.client, &SCRIPT_EXECUTIONS)
                .parent(id)
                .placeholder("device", device),
        )
    }

    /// `GET /automation/scripts/{id}/device/{deviceId}/executions/{executionId}`.
    pub fn execution(&self, id: i64, device: &str, execution: &str) -> GetRecord<Execution> {
        let path = collection_path(&SCRIPTS, None).and_then(|base| {
            Ok(format!(
                "{base}/{}/device/{}/executions/{}",
                segment(&SCRIPTS, id, IdKind::Number)?,
                segment(&SCRIPT_EXECUTIONS, device, IdKind::Text)?,
                segment(&SCRIPT_EXECUTIONS, execution, IdKind::Text)?,
            ))
        });
        GetRecord::at(self.client, &SCRIPT_EXECUTIONS, path)
    }
}

impl Tasks<'_> {
    /// `GET /automation/tasks`.
    pub fn list(&self) -> TaskList {
        TaskList::from(list_call(self.client, &TASKS))
    }

    /// `GET /automation/tasks/{id}`.
    pub fn get(&self, id: i64) -> GetRecord<Task> {
        GetRecord::record(self.client, &TASKS, id)
    }

    /// `POST /automation/tasks/{id}/run` (on its own targets, or the devices given).
    pub fn run(&self, id: i64, body: &RunTask) -> Run {
        Run::new(self.client, &TASK_RUN, id, body)
    }

    /// `GET /automation/tasks/executions/{executionId}`.
    pub fn execution(&self, execution: &str) -> GetRecord<Execution> {
        GetRecord::record(self.client, &TASK_EXECUTIONS, execution)
    }

    /// `GET /automation/tasks/executions/{executionId}/devices`.
    pub fn execution_devices(&self, execution: &str) -> ExecutionList {
        ExecutionList::from(list_call(self.client, &TASK_EXECUTION_DEVICES).parent(execution))
            .map_call(|c| c.records_without_ids())
    }

    /// `GET /automation/tasks/executions/{executionId}/devices/{deviceId}/scripts`.
    pub fn device_scripts(&self, execution: &str, device: &str) -> ExecutionList {
        ExecutionList::from(
            list_call(self.client, &TASK_DEVICE_SCRIPTS)
                .parent(execution)
                .placeholder("device", device),
        )
        .map_call(|c| c.records_without_ids())
    }

    /// `GET /automation/tasks/executions/{executionId}/devices/{deviceId}/scripts/{scriptId}`:
    /// one script's result (its output) on one device.
    pub fn device_script(
        &self,
        execution: &str,
        device: &str,
        script: i64,
    ) -> GetRecord<Execution> {
        let path = collection_path(&TASK_EXECUTIONS, None).and_then(|base| {
            Ok(format!(
                "{base}/{}/devices/{}/scripts/{}",
                segment(&TASK_EXECUTIONS, execution, IdKind::Text)?,
                segment(&TASK_DEVICE_SCRIPTS, device, IdKind::Text)?,
                segment(&SCRIPTS, script, IdKind::Number)?,
            ))
        });
        GetRecord::at(self.client, &TASK_EXECUTIONS, path)
    }
}

impl Workflows<'_> {
    /// `GET /automation/workflows`.
    pub fn list(&self) -> WorkflowList {
        WorkflowList::from(list_call(self.client, &WORKFLOWS))
    }

    /// `GET /automation/workflows/{id}`.
    pub fn get(&self, id: i64) -> GetRecord<Workflow> {
        GetRecord::record(self.client, &WORKFLOWS, id)
    }

    /// `POST /automation/workflows/{id}/run`.
    pub fn run(&self, id: i64, body: &RunWorkflow) -> Run {
        Run::new(self.client, &WORKFLOW_RUN, id, body)
    }

    /// `GET /automation/workflows/executions` (paged).
    pub fn executions(&self) -> ExecutionList {
        ExecutionList::from(list_call(self.client, &WORKFLOW_EXECUTIONS))
    }

    /// `GET /automation/workflows/executions/{id}`.
    pub fn execution(&self, id: impl Into<RecordId>) -> GetRecord<Execution> {
        GetRecord::record(self.client, &WORKFLOW_EXECUTIONS, id)
    }
}
