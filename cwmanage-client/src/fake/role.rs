//! The fake's security role: a level per verb of each module function, the
//! fake's own list (independent of the client's permission table).

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// A level of the fake's role (`None`, `Mine`, `My`, `All`).
pub use crate::models::SecurityLevel as Level;
/// A verb of a role row.
pub use crate::scopes::RoleVerb as Verb;

/// One row of a role: a module function and its four levels.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    module: &'static str,
    add: Level,
    edit: Level,
    delete: Level,
    inquire: Level,
}

/// The security role the fake's API member has.
///
/// ```
/// use cwmanage_client::fake::{FakeRole, Level, Verb};
/// let role = FakeRole::restricted().with("Table Setup", Verb::Inquire, Level::None);
/// assert_eq!(role.level("Table Setup", Verb::Inquire), Level::None);
/// assert_eq!(role.level("Service Tickets", Verb::Add), Level::All);
/// assert_eq!(role.level("No Such Row", Verb::Add), Level::None);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FakeRole {
    rows: BTreeMap<String, Row>,
}

/// The module of each function the fake knows.
const FUNCTIONS: [(&str, &str); 6] = [
    ("Companies", "Company Maintenance"),
    ("Service Desk", "Service Tickets"),
    ("Service Desk", "Close Service Tickets"),
    ("System", "Table Setup"),
    ("System", "Member Maintenance"),
    ("System", "API Reports"),
];

impl FakeRole {
    fn uniform(level: Level) -> Self {
        let rows = FUNCTIONS
            .iter()
            .map(|(module, function)| {
                (
                    (*function).to_owned(),
                    Row {
                        module,
                        add: level.clone(),
                        edit: level.clone(),
                        delete: level.clone(),
                        inquire: level.clone(),
                    },
                )
            })
            .collect();
        FakeRole { rows }
    }

    /// Every row at `All` (an admin-like role).
    pub fn full() -> Self {
        Self::uniform(Level::All)
    }

    /// No access at all.
    pub fn none() -> Self {
        Self::uniform(Level::None)
    }

    /// The seed's role, the least an integration needs (ConnectWise's advice:
    /// grant only what is needed): Company Maintenance Inquire All; Service
    /// Tickets Add, Edit and Inquire All; Table Setup and Member Maintenance
    /// Inquire All; everything else None.
    pub fn restricted() -> Self {
        Self::none()
            .with("Company Maintenance", Verb::Inquire, Level::All)
            .with("Service Tickets", Verb::Add, Level::All)
            .with("Service Tickets", Verb::Edit, Level::All)
            .with("Service Tickets", Verb::Inquire, Level::All)
            .with("Table Setup", Verb::Inquire, Level::All)
            .with("Member Maintenance", Verb::Inquire, Level::All)
    }

    /// Sets one verb of one function (adding the row, module `System`, if unknown).
    pub fn with(mut self, function: &str, verb: Verb, level: Level) -> Self {
        let row = self.rows.entry(function.to_owned()).or_insert_with(|| Row {
            module: "System",
            add: Level::None,
            edit: Level::None,
            delete: Level::None,
            inquire: Level::None,
        });
        match verb {
            Verb::Add => row.add = level,
            Verb::Edit => row.edit = level,
            Verb::Delete => row.delete = level,
            _ => row.inquire = level,
        }
        self
    }

    /// Removes a function's row (as if the role had never listed it).
    pub fn without_row(mut self, function: &str) -> Self {
        self.rows.remove(function);
        self
    }

    /// The level of one verb of one function (`None` for a function not in the role).
    pub fn level(&self, function: &str, verb: Verb) -> Level {
        let Some(row) = self.rows.get(function) else {
            return Level::None;
        };
        match verb {
            Verb::Add => row.add.clone(),
            Verb::Edit => row.edit.clone(),
            Verb::Delete => row.delete.clone(),
            _ => row.inquire.clone(),
        }
    }

    /// Whether the role allows `verb` on `function` at all (any level above None).
    pub fn allows(&self, function: &str, verb: Verb) -> bool {
        !matches!(self.level(function, verb), Level::None | Level::Unknown(_))
    }

    /// The rows as `/system/mySecurity` answers them.
    pub(crate) fn my_security(&self, member_id: i64, member: &str) -> Vec<Value> {
        self.rows
            .iter()
            .enumerate()
            .map(|(i, (function, row))| {
                json!({
                    "id": i + 1,
                    "moduleIdentifier": row.module.replace(' ', ""),
                    "moduleName": row.module,
                    "moduleFunctionName": function,
                    "moduleFunctionDescription": function,
                    "addLevel": row.add.as_str(),
                    "editLevel": row.edit.as_str(),
                    "deleteLevel": row.delete.as_str(),
                    "inquireLevel": row.inquire.as_str(),
                    "myAllFlag": true,
                    "customFlag": false,
                    "restrictFlag": false,
                    "reportFlag": false,
                    "sortOrder": i + 1,
                    "member": {"id": member_id, "identifier": member},
                })
            })
            .collect()
    }
}

impl Default for FakeRole {
    fn default() -> Self {
        Self::restricted()
    }
}
