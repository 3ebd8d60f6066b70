//! Members (Member Maintenance, Inquire — optional).

use neo_auth_core::{ApiRequest, Error, RecordId, Result, Verb};

use crate::calls::GetRequest;
use crate::client::Client;
use crate::endpoints::{MEMBERS, MY_MEMBER};
use crate::models::{Member, Reference};
use crate::optional::{Optional, degrade};
use crate::scopes::{MEMBER_INQUIRE, SECURITY_ROLE_TABLE};

/// `client.members()`.
#[derive(Clone, Copy, Debug)]
pub struct Members<'a> {
    pub(crate) client: &'a Client,
}

impl Members<'_> {
    /// Reads a member by identifier (`GET /system/members/{identifier}`).
    pub fn get(&self, identifier: &str) -> GetRequest<Member> {
        GetRequest::new(
            self.client.clone(),
            &MEMBERS.spec,
            RecordId::from(identifier),
        )
    }

    /// The member behind the API keys (`GET /system/myMembers`).
    pub async fn me(&self) -> Result<Member> {
        let spec = &MY_MEMBER.spec;
        let requirement = spec
            .requirements
            .requirement(spec.name, Verb::Get)
            .ok_or_else(|| Error::config("myMembers cannot be read"))?;
        let core = self.client.core().await?;
        let reply: serde_json::Value = core
            .transport()
            .send_json(ApiRequest::get(spec.path).requirement(requirement))
            .await?;
        // One member, or (some servers) a one-element list.
        let member = match reply {
            serde_json::Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
            other => other,
        };
        let bytes = serde_json::to_vec(&member)
            .map_err(|e| Error::config_with("the member could not be re-encoded", e))?;
        neo_auth_core::decode_json(&bytes)
    }
}

impl Client {
    /// The API member's default service board (`serviceDefaultBoard` of
    /// `/system/myMembers`), fetched once; without System → Member Maintenance
    /// → Inquire Level: All, [`Optional::PermissionMissing`] naming that row.
    pub async fn default_board(&self) -> Result<Optional<Reference>> {
        if let Some(board) = self.inner.default_board.get() {
            return Ok(Optional::Available(board.clone()));
        }
        let degrades = SECURITY_ROLE_TABLE
            .iter()
            .find(|r| r.function == "Member Maintenance")
            .map_or("", |r| r.degrades);
        let me = match degrade(self.members().me().await, MEMBER_INQUIRE.name(), degrades)? {
            Optional::Available(me) => me,
            Optional::PermissionMissing(missing) => {
                return Ok(Optional::PermissionMissing(missing));
            }
        };
        let board = me.service_default_board.filter(|b| b.id.is_some() || b.name.is_some()).ok_or_else(|| {
            Error::config(format!(
                "the API member {} has no default service board: set one (System → Members → the member → Service Defaults) or give tickets a board",
                me.identifier.as_deref().unwrap_or("(unknown)")
            ))
        })?;
        let board = Reference {
            id: board.id,
            name: board.name,
            ..Default::default()
        };
        let board = self
            .inner
            .default_board
            .get_or_discover(|| async { Ok(board) })
            .await?;
        Ok(Optional::Available(board.clone()))
    }
}
