//! One handler per resource area, borrowed from the [`Client`](crate::Client).

mod agent;
mod assets;
mod automation;
mod companies;
mod contacts;
mod devices;
mod sites;
mod tickets;

pub use agent::Agent;
pub use assets::{ApplicationList, Assets};
pub use automation::{
    Automation, EndpointTaskList, ScriptList, ShellScriptList, TaskInstanceList, TaskList,
    TaskSummaryList,
};
pub use companies::{Companies, CompanyList, CustomFieldList};
pub use contacts::Contacts;
pub use devices::{
    Category, DeviceGroupList, DeviceList, Devices, GroupEndpointList, HeartbeatCall, MAX_FIELDS,
    Resources,
};
pub use sites::{SiteList, Sites};
pub use tickets::{TicketFilter, TicketList, TicketNoteList, Tickets};

use neo_auth_core::{EndpointSpec, Error, Requirement, Result, Verb, encode_path_segment};

/// An id checked and encoded as one path segment.
pub(crate) fn segment(what: &str, id: &str) -> Result<String> {
    if id.trim().is_empty() || id == "." || id == ".." || id.contains(['/', '\\']) {
        return Err(Error::config(format!(
            "`{}` is not a valid {what} id",
            id.escape_debug()
        )));
    }
    Ok(encode_path_segment(id))
}

/// The requirement of `verb` on `spec` (every table entry declares the verbs
/// the crate calls, so a missing one is a bug reported as a config error).
pub(crate) fn requirement(spec: &EndpointSpec, verb: Verb) -> Result<Requirement> {
    spec.requirements
        .requirement(spec.name, verb)
        .ok_or_else(|| Error::config(format!("the `{}` endpoint offers no {verb}", spec.name)))
}

/// Comma-joins ids, refusing blanks and commas inside one.
pub(crate) fn id_list<I, S>(what: &str, ids: I) -> std::result::Result<String, String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = Vec::new();
    for id in ids {
        let id = id.as_ref().trim();
        if id.is_empty() || id.contains(',') {
            return Err(format!("`{}` is not a valid {what} id", id.escape_debug()));
        }
        out.push(id.to_owned());
    }
    Ok(out.join(","))
}
