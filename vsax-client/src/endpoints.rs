//! The endpoint table: every VSA X endpoint the client calls, with its paging,
//! envelope and what each verb needs. Paths are relative to the API base
//! (`https://<tenant>.vsax.net/api/v3`); lowercase path segments, as used by
//! several independent clients.

use neo_auth_core::{EndpointSpec, Envelope, IdKind, Need, PagingScheme, Requirements, Scope};

use crate::permissions::{
    AUTOMATION, AUTOMATION_READ, AUTOMATION_WRITE, DEVICE_ASSETS, DEVICE_ASSETS_READ, DEVICES,
    DEVICES_READ, ENVIRONMENT, NOTIFICATIONS, NOTIFICATIONS_READ, NOTIFICATIONS_WRITE,
    ORGANIZATIONS, ORGANIZATIONS_READ,
};

/// The largest `$top` the client sends (VSA X's maximum is undocumented;
/// clients use 50–500).
pub const MAX_PAGE_SIZE: u32 = 500;

/// OData offset paging: `$skip` / `$top` (always with the `$`; unprefixed
/// names are silently ignored by the server).
pub const ODATA_PAGING: PagingScheme = PagingScheme::Offset {
    skip: "$skip",
    top: "$top",
    max_size: MAX_PAGE_SIZE,
};

/// `{"Data": [...], "Meta": {"TotalCount", "NextQueryLink"}}`, or a bare
/// array (some endpoints answer bare; which ones is unverified).
pub const DATA_ENVELOPE: Envelope = Envelope::under(&["Data"])
    .with_total(&["Meta", "TotalCount"])
    .with_next(&["Meta", "NextQueryLink"])
    .or_bare();

const fn read(area: neo_auth_core::Area, scope: &'static Scope) -> Requirements {
    Requirements::read_only(area, scope)
}

const fn list(name: &'static str, path: &'static str, r: Requirements) -> EndpointSpec {
    EndpointSpec::new(name, path, r)
        .paging(ODATA_PAGING)
        .envelope(DATA_ENVELOPE)
}

const fn unpaged(name: &'static str, path: &'static str, r: Requirements) -> EndpointSpec {
    EndpointSpec::new(name, path, r).envelope(DATA_ENVELOPE)
}

/// `GET /environment`: tenant information, the connectivity check.
pub static ENVIRONMENT_INFO: EndpointSpec = EndpointSpec::new(
    "environment",
    "/environment",
    Requirements::unscoped_read(ENVIRONMENT),
)
.envelope(DATA_ENVELOPE);

/// `GET /devices`, `GET /devices/{identifier}`.
pub static DEVICES_EP: EndpointSpec = list("devices", "/devices", read(DEVICES, &DEVICES_READ))
    .noun("device")
    .id(IdKind::Text);
/// `GET /devices/{identifier}/customfields`.
pub static DEVICE_CUSTOM_FIELDS: EndpointSpec = unpaged(
    "devices.custom_fields",
    "/devices/{parent}/customfields",
    read(DEVICES, &DEVICES_READ),
)
.noun("custom field");
/// `GET /devices/{identifier}/appliedpolicies`.
pub static DEVICE_POLICIES: EndpointSpec = unpaged(
    "devices.applied_policies",
    "/devices/{parent}/appliedpolicies",
    read(DEVICES, &DEVICES_READ),
)
.noun("applied policy");
/// `GET /devices/{identifier}/antivirus` (one record).
pub static DEVICE_ANTIVIRUS: EndpointSpec = unpaged(
    "devices.antivirus",
    "/devices/{parent}/antivirus",
    read(DEVICES, &DEVICES_READ),
)
.noun("antivirus status");
/// `GET /devices/{identifier}/notifications` (paged).
pub static DEVICE_NOTIFICATIONS: EndpointSpec = list(
    "devices.notifications",
    "/devices/{parent}/notifications",
    read(DEVICES, &DEVICES_READ),
)
.noun("notification");

/// `GET /assets`, `GET /assets/{identifier}`.
pub static ASSETS: EndpointSpec = list(
    "assets",
    "/assets",
    read(DEVICE_ASSETS, &DEVICE_ASSETS_READ),
)
.noun("asset")
.id(IdKind::Text);

/// `GET /organizations`, `GET /organizations/{id}`.
pub static ORGANIZATIONS_EP: EndpointSpec = list(
    "organizations",
    "/organizations",
    read(ORGANIZATIONS, &ORGANIZATIONS_READ),
)
.noun("organization");
/// `GET /organizations/{id}/customfields`.
pub static ORGANIZATION_CUSTOM_FIELDS: EndpointSpec = unpaged(
    "organizations.custom_fields",
    "/organizations/{parent}/customfields",
    read(ORGANIZATIONS, &ORGANIZATIONS_READ),
)
.noun("custom field");
/// `GET /sites`, `GET /sites/{id}`.
pub static SITES: EndpointSpec =
    list("sites", "/sites", read(ORGANIZATIONS, &ORGANIZATIONS_READ)).noun("site");
/// `GET /sites/{id}/customfields`.
pub static SITE_CUSTOM_FIELDS: EndpointSpec = unpaged(
    "sites.custom_fields",
    "/sites/{parent}/customfields",
    read(ORGANIZATIONS, &ORGANIZATIONS_READ),
)
.noun("custom field");
/// `GET /groups`, `GET /groups/{id}`.
pub static GROUPS: EndpointSpec = list(
    "groups",
    "/groups",
    read(ORGANIZATIONS, &ORGANIZATIONS_READ),
)
.noun("group");
/// `GET /groups/{id}/customfields`.
pub static GROUP_CUSTOM_FIELDS: EndpointSpec = unpaged(
    "groups.custom_fields",
    "/groups/{parent}/customfields",
    read(ORGANIZATIONS, &ORGANIZATIONS_READ),
)
.noun("custom field");

/// Catalog reads need Automation: Read; a run (the `create` verb of the run
/// endpoints) needs Automation: Read/Write.
const fn run(area: neo_auth_core::Area) -> Requirements {
    Requirements::of(
        area,
        Need::Unsupported,
        Need::Unsupported,
        Need::Scoped(&AUTOMATION_WRITE),
        Need::Unsupported,
        Need::Unsupported,
    )
}

/// `GET /automation/scripts`, `GET /automation/scripts/{id}`.
pub static SCRIPTS: EndpointSpec = list(
    "scripts",
    "/automation/scripts",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("script");
/// `POST /automation/scripts/{id}/run`.
pub static SCRIPT_RUN: EndpointSpec = EndpointSpec::new(
    "scripts.run",
    "/automation/scripts/{parent}/run",
    run(AUTOMATION),
)
.noun("script run");
/// `GET /automation/scripts/{id}/device/{deviceId}/executions[/{executionId}]`
/// (`{parent}` is the script, `{device}` the device).
pub static SCRIPT_EXECUTIONS: EndpointSpec = list(
    "scripts.executions",
    "/automation/scripts/{parent}/device/{device}/executions",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("script execution")
.id(IdKind::Text);
/// `GET /automation/tasks`, `GET /automation/tasks/{id}`.
pub static TASKS: EndpointSpec = list(
    "tasks",
    "/automation/tasks",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("task");
/// `POST /automation/tasks/{id}/run`.
pub static TASK_RUN: EndpointSpec = EndpointSpec::new(
    "tasks.run",
    "/automation/tasks/{parent}/run",
    run(AUTOMATION),
)
.noun("task run");
/// `GET /automation/tasks/executions/{execId}`.
pub static TASK_EXECUTIONS: EndpointSpec = unpaged(
    "tasks.executions",
    "/automation/tasks/executions",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("task execution")
.id(IdKind::Text);
/// `GET /automation/tasks/executions/{execId}/devices`: each device's part of a task execution.
pub static TASK_EXECUTION_DEVICES: EndpointSpec = unpaged(
    "tasks.execution_devices",
    "/automation/tasks/executions/{parent}/devices",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("device of a task execution")
.id(IdKind::Text);
/// `GET /automation/tasks/executions/{execId}/devices/{deviceId}/scripts[/{scriptId}]`:
/// the scripts a task ran on one device, with their output.
pub static TASK_DEVICE_SCRIPTS: EndpointSpec = unpaged(
    "tasks.device_scripts",
    "/automation/tasks/executions/{parent}/devices/{device}/scripts",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("script of a task execution")
.id(IdKind::Text);
/// `GET /automation/workflows`, `GET /automation/workflows/{id}`.
pub static WORKFLOWS: EndpointSpec = list(
    "workflows",
    "/automation/workflows",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("workflow");
/// `POST /automation/workflows/{id}/run`.
pub static WORKFLOW_RUN: EndpointSpec = EndpointSpec::new(
    "workflows.run",
    "/automation/workflows/{parent}/run",
    run(AUTOMATION),
)
.noun("workflow run");
/// `GET /automation/workflows/executions[/{id}]`.
pub static WORKFLOW_EXECUTIONS: EndpointSpec = list(
    "workflows.executions",
    "/automation/workflows/executions",
    read(AUTOMATION, &AUTOMATION_READ),
)
.noun("workflow execution")
.id(IdKind::Text);

/// `GET/POST /notifications`, `GET/DELETE /notifications/{id}`.
pub static NOTIFICATIONS_EP: EndpointSpec = list(
    "notifications",
    "/notifications",
    Requirements::of(
        NOTIFICATIONS,
        Need::Scoped(&NOTIFICATIONS_READ),
        Need::Scoped(&NOTIFICATIONS_READ),
        Need::Scoped(&NOTIFICATIONS_WRITE),
        Need::Unsupported,
        Need::Scoped(&NOTIFICATIONS_WRITE),
    ),
)
.noun("notification")
.id(IdKind::Text);

/// `/notifications/webhooks`: list, get, create, update (PUT or PATCH),
/// delete; `POST …/{id}/regenerateSecretKey` is an update.
pub static WEBHOOKS: EndpointSpec = list(
    "webhooks",
    "/notifications/webhooks",
    Requirements::read_write(NOTIFICATIONS, &NOTIFICATIONS_READ, &NOTIFICATIONS_WRITE),
)
.noun("webhook")
.id(IdKind::Text);

/// Every endpoint, for the doctor, the fake and tests.
pub static ALL: [&EndpointSpec; 26] = [
    &ENVIRONMENT_INFO,
    &DEVICES_EP,
    &DEVICE_CUSTOM_FIELDS,
    &DEVICE_POLICIES,
    &DEVICE_ANTIVIRUS,
    &DEVICE_NOTIFICATIONS,
    &ASSETS,
    &ORGANIZATIONS_EP,
    &ORGANIZATION_CUSTOM_FIELDS,
    &SITES,
    &SITE_CUSTOM_FIELDS,
    &GROUPS,
    &GROUP_CUSTOM_FIELDS,
    &SCRIPTS,
    &SCRIPT_RUN,
    &SCRIPT_EXECUTIONS,
    &TASKS,
    &TASK_RUN,
    &TASK_EXECUTIONS,
    &TASK_EXECUTION_DEVICES,
    &TASK_DEVICE_SCRIPTS,
    &WORKFLOWS,
    &WORKFLOW_RUN,
    &WORKFLOW_EXECUTIONS,
    &NOTIFICATIONS_EP,
    &WEBHOOKS,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::area_of;
    use neo_auth_core::Verb;

    #[test]
    fn every_scoped_endpoint_belongs_to_one_of_the_five_areas() {
        for spec in ALL {
            let area = spec.requirements.area();
            if area == ENVIRONMENT {
                continue;
            }
            let row = area_of(&area).unwrap_or_else(|| panic!("{} has no area row", spec.name));
            for verb in Verb::ALL {
                if let Some(scope) = spec.requirements.scope(verb) {
                    let in_row = scope == row.read || row.write.is_some_and(|w| w == scope);
                    assert!(
                        in_row,
                        "{}.{verb} needs {scope} outside its area",
                        spec.name
                    );
                }
            }
        }
    }

    #[test]
    fn lists_page_with_dollar_parameters() {
        let PagingScheme::Offset { skip, top, .. } = DEVICES_EP.paging else {
            panic!("devices are offset-paged");
        };
        assert_eq!((skip, top), ("$skip", "$top"));
        assert_eq!(
            DEVICES_EP.envelope.total_at(),
            Some(&["Meta", "TotalCount"][..])
        );
        let run = SCRIPT_RUN
            .requirements
            .requirement("scripts.run", Verb::Create)
            .unwrap();
        assert_eq!(run.scope().unwrap().label(), "Automation: Read/Write");
        assert!(
            NOTIFICATIONS_EP
                .requirements
                .requirement("notifications", Verb::Update)
                .is_none()
        );
    }
}
