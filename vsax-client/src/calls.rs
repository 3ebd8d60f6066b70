//! The request builders resource handlers return: a one-record read decoded
//! from `Data` (or the bare reply), a write whose reply is read the same way,
//! and the OData list builders.

use std::fmt;
use std::marker::PhantomData;

use http::Method;
use neo_auth_core::{
    ApiRequest, Approval, EndpointSpec, GetCall, ListCall, PagingScheme, RecordId, Result,
    Transport, Verb, WriteCall,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::client::Client;
use crate::models::envelope::decode_one;

/// Reads one record (`Data` of the reply, or the bare reply). Ends in [`GetRecord::send`].
#[must_use = "a read does nothing until `send()`"]
pub struct GetRecord<T> {
    transport: Transport,
    request: Result<ApiRequest>,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for GetRecord<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.request {
            Ok(request) => f
                .debug_struct("GetRecord")
                .field("path", &request.path())
                .finish(),
            Err(error) => f.debug_struct("GetRecord").field("invalid", error).finish(),
        }
    }
}

impl<T: DeserializeOwned> GetRecord<T> {
    pub(crate) fn new(client: &Client, request: Result<ApiRequest>) -> Self {
        GetRecord {
            transport: client.transport().clone(),
            request,
            _item: PhantomData,
        }
    }

    /// `GET {spec.path}/{id}`, the id checked and encoded by the core.
    pub(crate) fn record(
        client: &Client,
        spec: &'static EndpointSpec,
        id: impl Into<RecordId>,
    ) -> Self {
        let request =
            GetCall::<serde_json::Value>::new(client.transport().clone(), spec, id).to_request();
        Self::new(client, request)
    }

    /// `GET {path}` checked against the `Verb::Get` requirement of `spec`.
    pub(crate) fn at(client: &Client, spec: &'static EndpointSpec, path: Result<String>) -> Self {
        let request = path.and_then(|path| {
            let requirement = requirement(spec, Verb::Get)?;
            Ok(ApiRequest::get(path).requirement(requirement))
        });
        Self::new(client, request)
    }

    /// Sends the read and decodes the record.
    pub async fn send(self) -> Result<T> {
        let response = self.transport.send(self.request?).await?;
        decode_one(response.body())
    }
}

/// The requirement of `verb` on `spec`, or a configuration error.
pub(crate) fn requirement(
    spec: &'static EndpointSpec,
    verb: Verb,
) -> Result<neo_auth_core::Requirement> {
    spec.requirements
        .requirement(spec.name, verb)
        .ok_or_else(|| {
            neo_auth_core::Error::config(format!(
                "the `{}` endpoint does not offer `{verb}`",
                spec.name
            ))
        })
}

/// One path segment for an id (checked like the core's record paths).
pub(crate) fn segment(
    spec: &EndpointSpec,
    id: impl Into<RecordId>,
    kind: neo_auth_core::IdKind,
) -> Result<String> {
    id.into().to_segment(spec.noun, kind)
}

/// The record `T` in a write's reply: under `Data`, or the bare reply.
pub(crate) struct DataReply<T>(pub(crate) T);

impl<'de, T: DeserializeOwned> Deserialize<'de> for DataReply<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let mut value = serde_json::Value::deserialize(deserializer)?;
        let data = match value.get_mut("Data") {
            Some(data) => data.take(),
            None => value,
        };
        serde_json::from_value(data)
            .map(DataReply)
            .map_err(serde::de::Error::custom)
    }
}

/// A write whose reply is a record (`Data` or bare). Nothing is retried after
/// it may have reached the server, and a 2xx reply that does not hold the
/// record is [`Error::WriteUncertain`](crate::Error::WriteUncertain): read it
/// back before repeating it.
#[must_use = "a write does nothing until `send()`"]
pub struct Save<T> {
    call: WriteCall<DataReply<T>>,
}

impl<T> fmt::Debug for Save<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Save").field("call", &self.call).finish()
    }
}

impl<T: DeserializeOwned> Save<T> {
    pub(crate) fn new(call: WriteCall<DataReply<T>>) -> Self {
        Save { call }
    }

    /// The approval the policy may require for this write (who, why).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.call = self.call.approval(approval);
        self
    }

    /// Sends the write; a 2xx reply that does not hold the record is
    /// [`Error::WriteUncertain`](crate::Error::WriteUncertain).
    pub async fn send(self) -> Result<T> {
        self.call.send().await.map(|DataReply(saved)| saved)
    }
}

/// A `WriteCall` on an endpoint's collection or record.
pub(crate) fn write<T: DeserializeOwned>(
    client: &Client,
    spec: &'static EndpointSpec,
    verb: Verb,
    method: Method,
) -> WriteCall<DataReply<T>> {
    WriteCall::endpoint(client.transport().clone(), spec, verb, method)
}

/// A list call of `spec` with the client's page size and limits, and
/// `$count=true` on paged lists unless turned off.
pub(crate) fn list_call<T: DeserializeOwned + Send + 'static>(
    client: &Client,
    spec: &'static EndpointSpec,
) -> ListCall<T> {
    let mut call = ListCall::new(client.transport(), spec).limits(client.core().pager_limits());
    if matches!(spec.paging, PagingScheme::Offset { .. }) {
        call = call.page_size(client.core().page_size());
        if client.quirks().count {
            call = call.param("$count", "true");
        }
    }
    call
}

/// Declares an OData list builder: the core's list (`send`, `pages`,
/// `stream`, `collect_all`, `page_size`, …) plus `$filter` and `$orderby`.
macro_rules! odata_list {
    ($(#[$meta:meta])* $name:ident => $item:ty) => {
        neo_auth_core::list_builder! {
            $(#[$meta])*
            pub struct $name => $item;
        }

        impl $name {
            /// Filters with a typed OData expression (`$filter`); one filter
            /// per list: combine conditions with [`Filter::and`](crate::odata::Filter::and).
            /// An invalid filter fails the list before anything is sent.
            pub fn filter(self, filter: &$crate::odata::Filter) -> Self {
                match filter.render() {
                    Ok(expression) => self.param("$filter", expression),
                    Err(error) => self.refuse(error.to_string()),
                }
            }

            /// Filters with an OData expression written by hand (sent as is).
            pub fn filter_raw(self, expression: impl Into<String>) -> Self {
                self.param("$filter", expression.into())
            }

            /// Sorts by a field (`$orderby`), ascending or descending.
            pub fn order_by(self, field: &str, descending: bool) -> Self {
                match $crate::odata::check_field(field) {
                    Ok(()) if descending => self.param("$orderby", format!("{field} desc")),
                    Ok(()) => self.param("$orderby", field),
                    Err(why) => self.refuse(format!("invalid $orderby: {why}")),
                }
            }
        }
    };
}

pub(crate) use odata_list;
