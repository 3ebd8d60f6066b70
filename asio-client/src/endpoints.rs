//! The one static table of the Asio endpoints the crate calls: path, paging,
//! envelope and what each verb requires. Paths are under the regional host;
//! `{parent}` is the one id a list fills in.

use neo_auth_core::{EndpointSpec, Envelope, IdKind, Need, PagingScheme, Requirements};

use crate::policy;
use crate::scopes;

/// The largest page of the v2 device list and the applications list.
pub const DEVICE_PAGE_MAX: u32 = 500;
/// The largest ticket page the SDK asks for.
pub const TICKET_PAGE_MAX: u32 = 1000;

const fn read(area: neo_auth_core::Area, scope: &'static neo_auth_core::Scope) -> Requirements {
    Requirements::read_only(area, scope)
}

const LINK: PagingScheme = PagingScheme::LinkHeader {
    size: "limit",
    max_size: DEVICE_PAGE_MAX,
};

/// `GET /api/platform/v1/company/companies` (bare array) and `…/{companyId}`.
pub static COMPANIES: EndpointSpec = EndpointSpec::new(
    "companies",
    "/api/platform/v1/company/companies",
    read(policy::COMPANIES, &scopes::COMPANIES_READ),
)
.noun("company")
.id(IdKind::Text);

/// `GET /api/platform/v1/company/companies/{companyId}/custom-fields`.
pub static COMPANY_CUSTOM_FIELDS: EndpointSpec = EndpointSpec::new(
    "company_custom_fields",
    "/api/platform/v1/company/companies/{parent}/custom-fields",
    read(policy::COMPANIES, &scopes::COMPANIES_READ),
)
.noun("custom field")
.id(IdKind::Text);

/// `GET /api/platform/v1/company/sites` (all companies) and `…/{siteId}`.
pub static SITES: EndpointSpec = EndpointSpec::new(
    "sites",
    "/api/platform/v1/company/sites",
    read(policy::SITES, &scopes::SITES_READ),
)
.noun("site")
.id(IdKind::Text);

/// `GET /api/platform/v1/company/companies/{companyId}/sites`.
pub static COMPANY_SITES: EndpointSpec = EndpointSpec::new(
    "company_sites",
    "/api/platform/v1/company/companies/{parent}/sites",
    read(policy::SITES, &scopes::SITES_READ),
)
.noun("site")
.id(IdKind::Text);

/// `POST /api/platform/v2/device/categories/platform/endpoints` (a read;
/// groups under `platform`, cursor pages through `Link`).
pub static DEVICES_PLATFORM: EndpointSpec = device_list(
    "devices",
    "/api/platform/v2/device/categories/platform/endpoints",
    &["platform"],
);
/// The `network` category of the device list.
pub static DEVICES_NETWORK: EndpointSpec = device_list(
    "devices",
    "/api/platform/v2/device/categories/network/endpoints",
    &["network"],
);
/// The `cloud` category of the device list.
pub static DEVICES_CLOUD: EndpointSpec = device_list(
    "devices",
    "/api/platform/v2/device/categories/cloud/endpoints",
    &["cloud"],
);

const fn device_list(
    name: &'static str,
    path: &'static str,
    group: &'static [&'static str],
) -> EndpointSpec {
    EndpointSpec::new(name, path, read(policy::DEVICES, &scopes::DEVICES_READ))
        .noun("device group")
        .id(IdKind::Text)
        .paging(LINK)
        .envelope(Envelope::under(group))
        .list_via_post()
}

/// `GET /api/platform/v2/device/companies/{companyID}/sites/{siteID}/endpoints/{endpointID}`.
pub static DEVICE_DETAILS: EndpointSpec = EndpointSpec::new(
    "device_details",
    "/api/platform/v2/device/companies/{company}/sites/{site}/endpoints/{endpoint}",
    read(policy::DEVICES, &scopes::DEVICES_READ),
)
.noun("device")
.id(IdKind::Text);

/// `GET /api/platform/v2/device/endpoints/heartbeat`.
pub static HEARTBEAT: EndpointSpec = EndpointSpec::new(
    "heartbeat",
    "/api/platform/v2/device/endpoints/heartbeat",
    read(policy::DEVICES, &scopes::DEVICES_READ),
)
.noun("heartbeat");

/// `GET /api/platform/v2/device/endpoints/{endpointId}/system-state-info`.
pub static SYSTEM_STATE: EndpointSpec = EndpointSpec::new(
    "system_state",
    "/api/platform/v2/device/endpoints/{endpoint}/system-state-info",
    read(policy::DEVICES, &scopes::DEVICES_READ),
)
.noun("system state");

/// `GET /api/platform/v1/device-groups` (scope `platform.deviceGroups.read`).
pub static DEVICE_GROUPS: EndpointSpec = EndpointSpec::new(
    "device_groups",
    "/api/platform/v1/device-groups",
    read(policy::DEVICES, &scopes::DEVICE_GROUPS_READ),
)
.noun("device group")
.id(IdKind::Text);

/// `GET /api/platform/v2/device-groups/{deviceGroupId}/endpoints` (endpoint ids).
pub static DEVICE_GROUP_ENDPOINTS: EndpointSpec = EndpointSpec::new(
    "device_group_endpoints",
    "/api/platform/v2/device-groups/{parent}/endpoints",
    read(policy::DEVICES, &scopes::DEVICE_GROUPS_READ),
)
.noun("endpoint id")
.id(IdKind::Text);

/// `POST /api/platform/v2/device/endpoints/applications` (a read; a bare array
/// of per-endpoint groups, cursor pages through `Link`).
pub static APPLICATIONS: EndpointSpec = EndpointSpec::new(
    "applications",
    "/api/platform/v2/device/endpoints/applications",
    read(policy::ASSETS, &scopes::ASSETS_READ),
)
.noun("endpoint applications")
.id(IdKind::Text)
.paging(LINK)
.list_via_post();

/// `POST /api/platform/v1/device/token`: the (get-or-create) agent install
/// token of a company and site, a read.
pub static AGENT_TOKEN: EndpointSpec = EndpointSpec::new(
    "agent_token",
    "/api/platform/v1/device/token",
    read(policy::AGENT, &scopes::AGENT_READ),
)
.noun("install token");

const AUTOMATION: Requirements = Requirements::read_write(
    policy::AUTOMATION,
    &scopes::AUTOMATION_READ,
    &scopes::AUTOMATION_CREATE,
);

/// `GET /api/platform/v1/automation/scripts` (bare array).
pub static SCRIPTS: EndpointSpec =
    EndpointSpec::new("scripts", "/api/platform/v1/automation/scripts", AUTOMATION)
        .noun("script")
        .id(IdKind::Text);

/// `GET /api/platform/v1/automation/shellScripts` (`{Templates, count}`).
pub static SHELL_SCRIPTS: EndpointSpec = EndpointSpec::new(
    "shell_scripts",
    "/api/platform/v1/automation/shellScripts",
    AUTOMATION,
)
.noun("shell script")
.envelope(Envelope::under(&["Templates"]).with_total(&["count"]));

/// `GET /api/platform/v1/automation/tasks` (bare array).
pub static TASKS: EndpointSpec =
    EndpointSpec::new("tasks", "/api/platform/v1/automation/tasks", AUTOMATION).noun("task");

/// `GET /api/platform/v1/automation/tasks/summary` (`{Results, Count}`).
pub static TASK_SUMMARIES: EndpointSpec = EndpointSpec::new(
    "task_summaries",
    "/api/platform/v1/automation/tasks/summary",
    AUTOMATION,
)
.noun("task summary")
.envelope(Envelope::under(&["Results"]).with_total(&["Count"]));

/// `GET /api/platform/v1/automation/tasks/{taskId}/instances/summary`.
pub static TASK_INSTANCES: EndpointSpec = EndpointSpec::new(
    "task_instances",
    "/api/platform/v1/automation/tasks/{parent}/instances/summary",
    AUTOMATION,
)
.noun("task instance")
.envelope(Envelope::under(&["Results"]).with_total(&["Count"]));

/// `GET /api/platform/v2/automation/endpoints/{endpointId}/tasks/summary` (bare array).
pub static ENDPOINT_TASKS: EndpointSpec = EndpointSpec::new(
    "endpoint_tasks",
    "/api/platform/v2/automation/endpoints/{parent}/tasks/summary",
    AUTOMATION,
)
.noun("endpoint task");

/// `GET /api/platform/v2/automation/tasks/{taskId}/instances/{instanceId}/results`.
pub static TASK_RESULTS: EndpointSpec = EndpointSpec::new(
    "task_results",
    "/api/platform/v2/automation/tasks/{task}/instances/{instance}/results",
    AUTOMATION,
)
.noun("task result");

/// `POST /api/platform/v2/automation/endpoints/schedule-tasks`: runs a script
/// (a write, needing Platform - Automation - Create).
pub static SCHEDULE_TASKS: EndpointSpec = EndpointSpec::new(
    "scripts",
    "/api/platform/v2/automation/endpoints/schedule-tasks",
    Requirements::of(
        policy::AUTOMATION,
        Need::Unsupported,
        Need::Unsupported,
        Need::Scoped(&scopes::AUTOMATION_CREATE),
        Need::Unsupported,
        Need::Unsupported,
    ),
)
.noun("scheduled task");

/// `GET /api/platform/v1/contact/contacts` — not in the v2.2.8 spec (which
/// offers only `POST`); a tenant without it answers 404/405, tolerated.
pub static CONTACTS: EndpointSpec = EndpointSpec::new(
    "contacts",
    "/api/platform/v1/contact/contacts",
    read(policy::CONTACTS, &scopes::CONTACTS_READ),
)
.noun("contact")
.id(IdKind::Text);

/// `GET /api/platform/v2/service/ticketing/tickets` (`{tickets, totalCount}`,
/// `pageNum`/`pageSize`) and `…/{id}`.
pub static TICKETS: EndpointSpec = EndpointSpec::new(
    "tickets",
    "/api/platform/v2/service/ticketing/tickets",
    read(policy::TICKETS, &scopes::TICKETS_READ),
)
.noun("ticket")
.id(IdKind::Text)
.paging(PagingScheme::Numbered {
    page: "pageNum",
    size: "pageSize",
    first: 1,
    max_size: TICKET_PAGE_MAX,
    extra: &[],
})
.envelope(Envelope::under(&["tickets"]).with_total(&["totalCount"]));

/// `GET /api/platform/v1/service/ticketing/tickets/{id}/notes` (bare array).
pub static TICKET_NOTES: EndpointSpec = EndpointSpec::new(
    "ticket_notes",
    "/api/platform/v1/service/ticketing/tickets/{parent}/notes",
    read(policy::TICKETS, &scopes::TICKETS_READ),
)
.noun("ticket note")
.id(IdKind::Text);

/// `GET /v1/rate_limits`: the quota of every bucket (no scope).
pub static RATE_LIMITS: EndpointSpec = EndpointSpec::new(
    "rate_limits",
    "/v1/rate_limits",
    Requirements::unscoped_read(policy::RATE_LIMITS),
)
.noun("rate limit");

/// Every endpoint of the table, for reports and the spec check.
pub static ALL: [&EndpointSpec; 26] = [
    &RATE_LIMITS,
    &COMPANIES,
    &COMPANY_CUSTOM_FIELDS,
    &SITES,
    &COMPANY_SITES,
    &DEVICES_PLATFORM,
    &DEVICES_NETWORK,
    &DEVICES_CLOUD,
    &DEVICE_DETAILS,
    &HEARTBEAT,
    &SYSTEM_STATE,
    &DEVICE_GROUPS,
    &DEVICE_GROUP_ENDPOINTS,
    &APPLICATIONS,
    &AGENT_TOKEN,
    &SCRIPTS,
    &SHELL_SCRIPTS,
    &TASKS,
    &TASK_SUMMARIES,
    &TASK_INSTANCES,
    &ENDPOINT_TASKS,
    &TASK_RESULTS,
    &SCHEDULE_TASKS,
    &CONTACTS,
    &TICKETS,
    &TICKET_NOTES,
];
