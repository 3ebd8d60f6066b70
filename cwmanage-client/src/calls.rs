//! Single-record requests: get, create, patch and delete, sent once the
//! codebase is known, through the core's calls (scope and policy checked before
//! anything is sent; writes never retried blindly).

use std::marker::PhantomData;

use neo_auth_core::{
    Approval, DeleteCall, EndpointSpec, Error, GetCall, RecordId, Result, WriteCall,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::patch::PatchOp;

/// Reads one record.
#[must_use = "a get does nothing until sent"]
#[derive(Debug)]
pub struct GetRequest<T> {
    client: Client,
    spec: &'static EndpointSpec,
    id: RecordId,
    parent: Option<RecordId>,
    fields: Option<String>,
    _record: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> GetRequest<T> {
    pub(crate) fn new(client: Client, spec: &'static EndpointSpec, id: RecordId) -> Self {
        GetRequest {
            client,
            spec,
            id,
            parent: None,
            fields: None,
            _record: PhantomData,
        }
    }

    pub(crate) fn with_parent(mut self, parent: RecordId) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Asks for only these fields.
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list: Vec<String> = fields.into_iter().map(Into::into).collect();
        self.fields = Some(list.join(","));
        self
    }

    /// Sends the request.
    pub async fn send(self) -> Result<T> {
        let core = self.client.core().await?;
        let mut call = GetCall::<T>::new(core.transport().clone(), self.spec, self.id);
        if let Some(parent) = self.parent {
            call = call.parent(parent);
        }
        if let Some(fields) = self.fields {
            call = call.query("fields", fields);
        }
        call.send().await
    }
}

enum Body {
    Json(serde_json::Value),
    Invalid(String),
}

fn body_of<B: Serialize + ?Sized>(body: &B) -> Body {
    match serde_json::to_value(body) {
        Ok(value) => Body::Json(value),
        Err(e) => Body::Invalid(format!("the request body could not be serialized: {e}")),
    }
}

type Confirm<R> = fn(&R) -> std::result::Result<(), String>;

/// A create (`POST`) or an update (`PATCH` with [`PatchOp`]s).
#[must_use = "a write does nothing until sent"]
pub struct WriteRequest<R> {
    client: Client,
    spec: &'static EndpointSpec,
    id: Option<RecordId>,
    parent: Option<RecordId>,
    body: Body,
    approval: Option<Approval>,
    confirm: Option<Confirm<R>>,
}

impl<R> std::fmt::Debug for WriteRequest<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteRequest")
            .field("endpoint", &self.spec.name)
            .field("id", &self.id)
            .field("parent", &self.parent)
            .finish_non_exhaustive()
    }
}

impl<R: DeserializeOwned + 'static> WriteRequest<R> {
    pub(crate) fn create<B: Serialize + ?Sized>(
        client: Client,
        spec: &'static EndpointSpec,
        record: &B,
    ) -> Self {
        WriteRequest {
            client,
            spec,
            id: None,
            parent: None,
            body: body_of(record),
            approval: None,
            confirm: None,
        }
    }

    pub(crate) fn patch(
        client: Client,
        spec: &'static EndpointSpec,
        id: RecordId,
        ops: Vec<PatchOp>,
    ) -> Self {
        let body = if ops.is_empty() {
            Body::Invalid("a PATCH needs at least one operation".to_owned())
        } else {
            body_of(&ops)
        };
        WriteRequest {
            client,
            spec,
            id: Some(id),
            parent: None,
            body,
            approval: None,
            confirm: None,
        }
    }

    pub(crate) fn with_parent(mut self, parent: RecordId) -> Self {
        self.parent = Some(parent);
        self
    }

    pub(crate) fn confirmed_by(mut self, check: Confirm<R>) -> Self {
        self.confirm = Some(check);
        self
    }

    pub(crate) fn body_mut(&mut self) -> Option<&mut serde_json::Value> {
        match &mut self.body {
            Body::Json(value) => Some(value),
            Body::Invalid(_) => None,
        }
    }

    /// The approval of this write (needed where the policy says writes need one).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Sends the write. A 2xx whose reply does not show the saved record is
    /// [`Error::WriteUncertain`]: check before repeating it.
    pub async fn send(self) -> Result<R> {
        let body = match self.body {
            Body::Json(value) => value,
            Body::Invalid(message) => return Err(Error::config(message)),
        };
        let core = self.client.core().await?;
        let transport = core.transport().clone();
        let mut call = match self.id {
            Some(id) => WriteCall::<R>::patch(transport, self.spec, id, &body),
            None => WriteCall::<R>::create(transport, self.spec, &body),
        };
        if let Some(parent) = self.parent {
            call = call.parent(parent);
        }
        if let Some(approval) = self.approval {
            call = call.approval(approval);
        }
        if let Some(check) = self.confirm {
            call = call.confirm(check);
        }
        call.send().await
    }
}

/// Deletes one record (never retried unless the caller says so).
#[must_use = "a delete does nothing until sent"]
#[derive(Debug)]
pub struct DeleteRequest {
    client: Client,
    spec: &'static EndpointSpec,
    id: RecordId,
    approval: Option<Approval>,
}

impl DeleteRequest {
    pub(crate) fn new(client: Client, spec: &'static EndpointSpec, id: RecordId) -> Self {
        DeleteRequest {
            client,
            spec,
            id,
            approval: None,
        }
    }

    /// The approval of this delete.
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Sends the delete (ConnectWise answers 204).
    pub async fn send(self) -> Result<()> {
        let core = self.client.core().await?;
        let mut call = DeleteCall::new(core.transport().clone(), self.spec, self.id);
        if let Some(approval) = self.approval {
            call = call.approval(approval);
        }
        call.send().await
    }
}

/// A saved record must carry its id.
pub(crate) fn has_id(id: Option<i64>) -> std::result::Result<(), String> {
    match id {
        Some(_) => Ok(()),
        None => Err("the reply does not carry the saved record's id".to_owned()),
    }
}
