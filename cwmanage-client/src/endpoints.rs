//! Every ConnectWise Manage endpoint this crate calls, in one table: path,
//! paging, what each verb needs, and whether it pages forward-only.
//!
//! Paths are relative to the API base `{site}/{codebase}apis/3.0`; `{parent}`
//! stands for the parent record's id.

use neo_auth_core::{EndpointSpec, IdKind, Need, PagingScheme, Requirements};

use crate::scopes::{
    COMPANY_INQUIRE, MEMBER_INQUIRE, TABLE_SETUP_INQUIRE, TICKETS_ADD, TICKETS_EDIT,
    TICKETS_INQUIRE, areas,
};

/// The largest page ConnectWise serves.
pub const MAX_PAGE_SIZE: u32 = 1000;

/// The page size ConnectWise uses when none is asked for.
pub const VENDOR_DEFAULT_PAGE_SIZE: u32 = 25;

/// Navigable paging: `page`/`pageSize`, the next page in the `Link` header.
pub const NAVIGABLE: PagingScheme = PagingScheme::LinkHeader {
    size: "pageSize",
    max_size: MAX_PAGE_SIZE,
};

/// One endpoint of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Endpoint {
    /// The core's description: path, paging, requirements.
    pub spec: EndpointSpec,
    /// Whether it accepts `pagination-type: forward-only` (keyset paging by id).
    pub forward_only: bool,
    /// Whether it has a `/count` sibling.
    pub count: bool,
}

impl Endpoint {
    const fn new(spec: EndpointSpec) -> Self {
        Endpoint {
            spec,
            forward_only: false,
            count: false,
        }
    }

    const fn listable(spec: EndpointSpec) -> Self {
        Endpoint {
            spec: spec.paging(NAVIGABLE),
            forward_only: true,
            count: true,
        }
    }
}

const fn inquire_only(
    area: neo_auth_core::Area,
    scope: &'static neo_auth_core::Scope,
) -> Requirements {
    Requirements::read_only(area, scope)
}

/// `/company/companies`: list, get, count (Company Maintenance, Inquire).
pub static COMPANIES: Endpoint = Endpoint::listable(
    EndpointSpec::new(
        "companies",
        "/company/companies",
        inquire_only(areas::COMPANIES, &COMPANY_INQUIRE),
    )
    .noun("company"),
);

/// `/service/tickets`: list, get, count (Inquire), create (Add), PATCH (Edit).
pub static TICKETS: Endpoint = Endpoint::listable(
    EndpointSpec::new(
        "tickets",
        "/service/tickets",
        Requirements::of(
            areas::TICKETS,
            Need::Scoped(&TICKETS_INQUIRE),
            Need::Scoped(&TICKETS_INQUIRE),
            Need::Scoped(&TICKETS_ADD),
            Need::Scoped(&TICKETS_EDIT),
            Need::Unsupported,
        ),
    )
    .noun("ticket"),
);

/// `/service/tickets/{parent}/notes`: list (Inquire), add (Edit of the ticket).
pub static TICKET_NOTES: Endpoint = Endpoint::listable(
    EndpointSpec::new(
        "ticket_notes",
        "/service/tickets/{parent}/notes",
        Requirements::of(
            areas::TICKETS,
            Need::Scoped(&TICKETS_INQUIRE),
            Need::Scoped(&TICKETS_INQUIRE),
            Need::Scoped(&TICKETS_EDIT),
            Need::Unsupported,
            Need::Unsupported,
        ),
    )
    .noun("ticket note"),
);

/// `/service/boards`: list, get (Table Setup, Inquire — optional).
pub static BOARDS: Endpoint = Endpoint::listable(
    EndpointSpec::new(
        "boards",
        "/service/boards",
        inquire_only(areas::CONFIGURATION, &TABLE_SETUP_INQUIRE),
    )
    .noun("board"),
);

/// `/service/boards/{parent}/statuses`: list, get (Table Setup, Inquire — optional).
pub static BOARD_STATUSES: Endpoint = Endpoint::listable(
    EndpointSpec::new(
        "board_statuses",
        "/service/boards/{parent}/statuses",
        inquire_only(areas::CONFIGURATION, &TABLE_SETUP_INQUIRE),
    )
    .noun("board status"),
);

/// `/system/members/{identifier}`: get by identifier (Member Maintenance, Inquire — optional).
pub static MEMBERS: Endpoint = Endpoint::new(
    EndpointSpec::new(
        "members",
        "/system/members",
        inquire_only(areas::MEMBERS, &MEMBER_INQUIRE),
    )
    .noun("member")
    .id(IdKind::Text),
);

/// `/system/myMembers`: the member behind the API keys (Member Maintenance, Inquire — optional).
pub static MY_MEMBER: Endpoint = Endpoint::new(
    EndpointSpec::new(
        "my_member",
        "/system/myMembers",
        inquire_only(areas::MEMBERS, &MEMBER_INQUIRE),
    )
    .noun("member"),
);

/// `/system/mySecurity`: the API member's effective security rows (any member).
pub static MY_SECURITY: Endpoint = Endpoint::new(
    EndpointSpec::new(
        "my_security",
        "/system/mySecurity",
        Requirements::unscoped_read(areas::SYSTEM),
    )
    .noun("security row"),
);

/// `/system/info`: server version and cloud flag (any member).
pub static SYSTEM_INFO: Endpoint = Endpoint::new(
    EndpointSpec::new(
        "system_info",
        "/system/info",
        Requirements::unscoped_read(areas::SYSTEM),
    )
    .noun("system info"),
);

/// `/system/callbacks`: list, get, count, register, delete. The security row
/// callbacks need is not published; the policy check applies, and a 403 is
/// reported as ConnectWise's refusal.
pub static CALLBACKS: Endpoint = Endpoint {
    spec: EndpointSpec::new(
        "callbacks",
        "/system/callbacks",
        Requirements::of(
            areas::CALLBACKS,
            Need::Unscoped,
            Need::Unscoped,
            Need::Unscoped,
            Need::Unsupported,
            Need::Unscoped,
        ),
    )
    .noun("callback")
    .paging(NAVIGABLE),
    forward_only: true,
    count: true,
};

/// Every endpoint of the table.
pub static ALL: [&Endpoint; 10] = [
    &COMPANIES,
    &TICKETS,
    &TICKET_NOTES,
    &BOARDS,
    &BOARD_STATUSES,
    &MEMBERS,
    &MY_MEMBER,
    &MY_SECURITY,
    &SYSTEM_INFO,
    &CALLBACKS,
];
