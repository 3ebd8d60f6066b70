//! Notes written with the tenant's own outcomes: the outcome of a private
//! note, a public note or a time entry is read from `/Outcome` instead of
//! guessed by name.

use neo_auth_core::{Error, Result};

use crate::models::{Action, Outcome};
use crate::resources::actions::Actions;

/// What a note needs from the tenant's outcomes.
#[derive(Clone, Copy, Debug)]
enum NoteKind {
    Private,
    Public,
}

impl NoteKind {
    fn matches(self, outcome: &Outcome) -> bool {
        outcome.is_selectable()
            && match self {
                NoteKind::Private => outcome.is_private_note(),
                NoteKind::Public => !outcome.is_private_note() && !outcome.is_time_entry(),
            }
    }

    fn what(self) -> &'static str {
        match self {
            NoteKind::Private => "a private note (an outcome hidden from the user)",
            NoteKind::Public => "a public note (an outcome the user sees, not for time)",
        }
    }
}

impl Actions {
    /// Adds a private note to a ticket under the tenant's private-note outcome:
    /// reads `/Outcome` (configuration area), takes the first selectable
    /// outcome hidden from the user ([`Outcome::is_private_note`]) and creates
    /// [`Action::private_note`] with it.
    ///
    /// ```
    /// # async fn run() -> neo_auth_core::Result<()> {
    /// use halopsa_client::fake::FakeServer;
    /// let server = FakeServer::start().await;
    /// let client = halopsa_client::Client::builder().credentials(server.credentials()).build()?;
    /// let saved = client.actions().private_note(1, "Checked the logs").await?;
    /// assert_eq!(saved.hiddenfromuser, Some(true));
    /// # Ok(()) }
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
    /// ```
    ///
    /// # Errors
    ///
    /// A configuration error when the text is blank or no outcome is a
    /// private note; the errors of the outcome read and of the create.
    pub async fn private_note(&self, ticket_id: i64, text: &str) -> Result<Action> {
        let note = Action::private_note(ticket_id, text).map_err(invalid)?;
        self.create_with(note, NoteKind::Private).await
    }

    /// Adds a note the user sees, under the tenant's first selectable outcome
    /// that is neither private nor meant for time ([`Action::public_note`]).
    ///
    /// # Errors
    ///
    /// As [`private_note`](Self::private_note).
    pub async fn public_note(&self, ticket_id: i64, text: &str) -> Result<Action> {
        let note = Action::public_note(ticket_id, text).map_err(invalid)?;
        self.create_with(note, NoteKind::Public).await
    }

    /// Logs `hours` on a ticket under the tenant's first selectable time-entry
    /// outcome ([`Outcome::is_time_entry`], [`Action::time_entry`]), with a note.
    ///
    /// # Errors
    ///
    /// A configuration error when the hours are not above zero, the text is
    /// blank or no outcome is for time; the errors of the reads and the create.
    pub async fn log_time(&self, ticket_id: i64, hours: f64, text: &str) -> Result<Action> {
        let outcomes = self.client().outcomes().list().collect_all().await?;
        let outcome = outcomes
            .iter()
            .find(|o| o.is_selectable() && o.is_time_entry())
            .ok_or_else(|| Error::config("no outcome of this tenant is a time entry (GET /Outcome: none starts a timer or pre-fills hours)"))?;
        let entry = Action::time_entry(ticket_id, outcome, hours)
            .and_then(|a| a.with_note(text))
            .map_err(invalid)?;
        self.create(&entry).send().await
    }

    async fn create_with(&self, note: Action, kind: NoteKind) -> Result<Action> {
        let outcomes = self.client().outcomes().list().collect_all().await?;
        let outcome = outcomes.iter().find(|o| kind.matches(o)).ok_or_else(|| {
            Error::config(format!(
                "no outcome of this tenant is {} (GET /Outcome)",
                kind.what()
            ))
        })?;
        let note = note.with_outcome(outcome).map_err(invalid)?;
        self.create(&note).send().await
    }
}

/// An action that cannot be built, as a configuration error.
fn invalid(error: crate::models::ActionError) -> Error {
    Error::config_with("the action is not valid", error)
}
