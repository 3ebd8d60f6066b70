//! Timesheets, timesheet events, projects, CRM notes and attachments.

use super::filters::{filter, halo_list};
use super::typed::typed_filters;
use crate::models::{Attachment, CrmNote, Project, Timesheet, TimesheetEvent};

halo_list! {
    /// Timesheets (one GET; the spec gives the list no parameters, a single
    /// day is read with `get` and `agent_id` / `date`).
    TimesheetList => Timesheet, "/Timesheet": []
}

halo_list! {
    /// Timesheet events (one GET).
    TimesheetEventList => TimesheetEvent, "/TimesheetEvent": []
}
typed_filters!(TimesheetEventList {
    id agent_id = "agent_id": "Only events of this agent";
    text agents = "agents": "Only events of these agents (Halo's comma-separated ids)";
    date start_date = "start_date": "Only events from this time";
    date end_date = "end_date": "Only events until this time";
});

halo_list! {
    /// Projects (tickets of a project type). `/Projects` types
    /// `lastupdatefromdate` as a bool "include the field", so there is no
    /// `updated_between` here.
    ProjectList => Project, "/Projects": [search, client_id, site_id, user_id, order]
}
typed_filters!(ProjectList {
    id agent_id = "agent_id": "Only projects of this agent";
    id status_id = "status_id": "Only projects with this status";
    id parent_id = "parent_id": "Only sub-projects of this project";
    id milestone_id = "milestone_id": "Only projects of this milestone";
    ids project_ids = "project_ids": "Only projects of these ids";
    flag open_only = "open_only": "Only open projects";
    flag closed_only = "closed_only": "Only closed projects";
    flag ticket_id_only = "ticketidonly": "Only the ids";
});

halo_list! {
    /// CRM notes (one GET; `count` keeps the first N).
    CrmNoteList => CrmNote, "/CRMNote": [client_id]
}
typed_filters!(CrmNoteList {
    id supplier_id = "supplier_id": "Only notes of this supplier";
    id toplevel_id = "toplevel_id": "Only notes of this top level";
    id count = "count": "At most this many notes";
});

halo_list! {
    /// Attachments (one GET), of a ticket or an action.
    AttachmentList => Attachment, "/Attachment": []
}
typed_filters!(AttachmentList {
    id action_id = "action_id": "Only the attachments of this action";
    id kind = "type": "Only attachments of this type";
    id unique_id = "unique_id": "Only the attachment with this unique id";
});
