//! [`GetRequest`]: `GET /X/{id}`.

use std::fmt;
use std::marker::PhantomData;

use neo_auth_core::{Access, ApiRequest, Error, RequestOptions, Result};
use serde::de::DeserializeOwned;

use super::{ResourceDef, record_path};
use crate::client::Client;

/// Reads one record. Ends in [`GetRequest::send`].
#[must_use]
pub struct GetRequest<T> {
    client: Client,
    def: &'static ResourceDef,
    id: String,
    params: Vec<(String, String)>,
    options: RequestOptions,
    _item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for GetRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GetRequest")
            .field("path", &self.def.path)
            .field("id", &self.id)
            .field("params", &self.params)
            .finish()
    }
}

impl<T: DeserializeOwned> GetRequest<T> {
    pub(crate) fn new(client: Client, def: &'static ResourceDef, id: String) -> Self {
        GetRequest {
            client,
            def,
            id,
            params: Vec::new(),
            options: RequestOptions::default(),
            _item: PhantomData,
        }
    }

    /// Per-request overrides (timeouts, attempts).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Adds a raw query parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.params.push((key.into(), value.to_string()));
        self
    }

    /// Asks for the full details (`includedetails=true`).
    pub fn include_details(self, include: bool) -> Self {
        self.param("includedetails", include)
    }

    /// Sends the request.
    pub async fn send(self) -> Result<T> {
        if let Some(key) = self.def.parent_key
            && !self.params.iter().any(|(k, _)| k == key)
        {
            return Err(Error::config(format!(
                "reading one {} needs `{key}` (ids restart for every parent)",
                self.def.noun
            )));
        }
        let path = record_path(self.def, &self.id)?;
        let request = ApiRequest::get(path)
            .queries(self.params)
            .requirement(self.def.operation(Access::Read, "get"))
            .options(self.options);
        self.client.transport().send_json(request).await
    }
}
