//! Service boards and their statuses (Table Setup, Inquire — optional).

use neo_auth_core::{RecordId, Result};

use crate::calls::GetRequest;
use crate::client::Client;
use crate::endpoints::{BOARD_STATUSES, BOARDS};
use crate::list::{CountRequest, ListRequest};
use crate::models::{Board, BoardStatus};
use crate::optional::{Optional, degrade};
use crate::scopes::{SECURITY_ROLE_TABLE, TABLE_SETUP_INQUIRE};

/// `client.boards()`.
#[derive(Clone, Copy, Debug)]
pub struct Boards<'a> {
    pub(crate) client: &'a Client,
}

impl Boards<'_> {
    /// Lists service boards (`GET /service/boards`).
    pub fn list(&self) -> ListRequest<Board> {
        ListRequest::new(self.client.clone(), &BOARDS, None)
    }

    /// Reads one board.
    pub fn get(&self, id: i64) -> GetRequest<Board> {
        GetRequest::new(self.client.clone(), &BOARDS.spec, RecordId::from(id))
    }

    /// Counts boards.
    pub fn count(&self) -> CountRequest {
        CountRequest::new(self.client.clone(), &BOARDS, None)
    }

    /// The statuses of one board.
    pub fn statuses(&self, board_id: i64) -> BoardStatuses<'_> {
        BoardStatuses {
            client: self.client,
            board_id,
        }
    }
}

/// `client.boards().statuses(board)`.
#[derive(Clone, Copy, Debug)]
pub struct BoardStatuses<'a> {
    client: &'a Client,
    board_id: i64,
}

impl BoardStatuses<'_> {
    /// Lists the board's statuses (`GET /service/boards/{id}/statuses`).
    pub fn list(&self) -> ListRequest<BoardStatus> {
        ListRequest::new(self.client.clone(), &BOARD_STATUSES, Some(self.board_id))
    }

    /// Reads one status.
    pub fn get(&self, id: i64) -> GetRequest<BoardStatus> {
        GetRequest::new(
            self.client.clone(),
            &BOARD_STATUSES.spec,
            RecordId::from(id),
        )
        .with_parent(RecordId::from(self.board_id))
    }

    /// Every status of the board, or — without System → Table Setup → Inquire
    /// Level: All — [`Optional::PermissionMissing`] naming that row.
    ///
    /// ```no_run
    /// # async fn run(client: cwmanage_client::Client) -> cwmanage_client::Result<()> {
    /// use cwmanage_client::Optional;
    /// match client.boards().statuses(1).all_or_missing().await? {
    ///     Optional::Available(statuses) => println!("{} statuses", statuses.len()),
    ///     Optional::PermissionMissing(missing) => println!("{missing}"),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn all_or_missing(&self) -> Result<Optional<Vec<BoardStatus>>> {
        let degrades = SECURITY_ROLE_TABLE
            .iter()
            .find(|r| r.function == "Table Setup")
            .map_or("", |r| r.degrades);
        degrade(
            self.list().collect_all().await,
            TABLE_SETUP_INQUIRE.name(),
            degrades,
        )
    }
}
