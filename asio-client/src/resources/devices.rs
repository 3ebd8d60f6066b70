use std::future::ready;

use futures_util::{StreamExt, TryStreamExt, stream};
use neo_auth_core::{
    ApiRequest, EndpointSpec, Error, ItemStream, ListCall, Page, PageStream, Result, Transport,
    Verb, list_builder,
};
use serde_json::json;

use super::{id_list, requirement, segment};
use crate::Client;
use crate::endpoints;
use crate::models::{Device, DeviceDetails, DeviceGroup, EndpointGroup, Heartbeat, SystemState};
use crate::request_id::{X_REQUEST_ID, new_request_id};

/// The most fields one projection (`field=`) may name.
pub const MAX_FIELDS: usize = 15;

/// The category of the v2 device list (one per request).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Category {
    /// Managed endpoints (desktops, servers).
    #[default]
    Platform,
    /// Network devices.
    Network,
    /// Cloud resources.
    Cloud,
}

impl Category {
    /// The wire name (`platform`, `network`, `cloud`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Platform => "platform",
            Category::Network => "network",
            Category::Cloud => "cloud",
        }
    }

    pub(crate) fn spec(self) -> &'static EndpointSpec {
        match self {
            Category::Platform => &endpoints::DEVICES_PLATFORM,
            Category::Network => &endpoints::DEVICES_NETWORK,
            Category::Cloud => &endpoints::DEVICES_CLOUD,
        }
    }
}

/// What a device or applications list is about: `{resourceType, resources}`,
/// split into requests of at most 4 companies, 10 sites or 500 endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resources {
    /// Company ids (4 per request).
    Companies(Vec<String>),
    /// Site ids (10 per request).
    Sites(Vec<String>),
    /// Endpoint ids (500 per request).
    Endpoints(Vec<String>),
}

impl Resources {
    /// The `resourceType` value.
    pub fn resource_type(&self) -> &'static str {
        match self {
            Resources::Companies(_) => "company",
            Resources::Sites(_) => "site",
            Resources::Endpoints(_) => "endpoint",
        }
    }

    /// How many ids one request may carry.
    pub fn batch_size(&self) -> usize {
        match self {
            Resources::Companies(_) => 4,
            Resources::Sites(_) => 10,
            Resources::Endpoints(_) => 500,
        }
    }

    fn ids(&self) -> &[String] {
        match self {
            Resources::Companies(ids) | Resources::Sites(ids) | Resources::Endpoints(ids) => ids,
        }
    }

    /// The request bodies, one per batch.
    pub fn bodies(&self) -> Vec<serde_json::Value> {
        self.ids()
            .chunks(self.batch_size())
            .map(|chunk| json!({"resourceType": self.resource_type(), "resources": chunk}))
            .collect()
    }

    fn check(&self) -> std::result::Result<(), String> {
        id_list(self.resource_type(), self.ids()).map(|_| ())
    }
}

/// Ends a page stream cleanly at a 404 (Asio answers "resource not found" for
/// a company without devices or a page past the end).
pub(crate) fn until_not_found<T: Send + 'static>(pages: PageStream<T>) -> PageStream<T> {
    Box::pin(pages.take_while(|page| {
        ready(!matches!(page, Err(e) if e.status() == Some(http::StatusCode::NOT_FOUND)))
    }))
}

/// The shared settings of the two POST lists (devices, applications).
#[derive(Clone, Debug)]
pub(crate) struct PostList {
    pub(crate) client: Client,
    pub(crate) resources: Option<Resources>,
    pub(crate) params: Vec<(String, String)>,
    pub(crate) page_size: Option<u32>,
    pub(crate) max_pages: Option<u64>,
    pub(crate) invalid: Option<String>,
}

impl PostList {
    pub(crate) fn new(client: &Client) -> Self {
        PostList {
            client: client.clone(),
            resources: None,
            params: Vec::new(),
            page_size: None,
            max_pages: None,
            invalid: None,
        }
    }

    pub(crate) fn resources(&mut self, resources: Resources) {
        if let Err(problem) = resources.check() {
            self.refuse(problem);
        }
        self.resources = Some(resources);
    }

    pub(crate) fn refuse(&mut self, problem: String) {
        self.invalid.get_or_insert(problem);
    }

    pub(crate) fn fields<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let fields: Vec<String> = fields
            .into_iter()
            .map(|f| f.as_ref().trim().to_owned())
            .collect();
        if fields.len() > MAX_FIELDS {
            self.refuse(format!(
                "a projection may name at most {MAX_FIELDS} fields, got {}",
                fields.len()
            ));
        } else if let Some(bad) = fields.iter().find(|f| f.is_empty() || f.contains(',')) {
            self.refuse(format!("`{}` is not a field name", bad.escape_debug()));
        } else if !fields.is_empty() {
            self.params.retain(|(k, _)| k != "field");
            self.params.push(("field".to_owned(), fields.join(",")));
        }
    }

    fn call<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        transport: &Transport,
        spec: &'static EndpointSpec,
        body: &serde_json::Value,
    ) -> ListCall<T> {
        let mut call = ListCall::new(transport, spec)
            .body(body)
            .records_without_ids()
            .header(X_REQUEST_ID, new_request_id());
        for (k, v) in &self.params {
            call = call.param(k.clone(), v);
        }
        call = call.page_size(self.page_size.unwrap_or(self.client.core().page_size()));
        if let Some(max) = self.max_pages {
            call = call.max_pages(max);
        }
        call
    }

    /// Every page of every batch; without resources, every company's.
    pub(crate) fn pages<T: serde::de::DeserializeOwned + Send + 'static>(
        self,
        spec: &'static EndpointSpec,
    ) -> PageStream<T> {
        if let Some(problem) = self.invalid.clone() {
            return Box::pin(stream::once(ready(Err(Error::config(problem)))));
        }
        let resources = self.resources.clone();
        let client = self.client.clone();
        let resolve = async move {
            match resources {
                Some(resources) => Ok(resources),
                None => {
                    let companies = client.companies().list().collect_all().await?;
                    Ok(Resources::Companies(
                        companies.into_iter().map(|c| c.id).collect(),
                    ))
                }
            }
        };
        Box::pin(
            stream::once(resolve)
                .map_ok(move |resources: Resources| {
                    let transport = self.client.transport().clone();
                    let calls: Vec<ListCall<T>> = resources
                        .bodies()
                        .iter()
                        .map(|body| self.call(&transport, spec, body))
                        .collect();
                    stream::iter(calls).flat_map(|call| until_not_found(call.pages()))
                })
                .try_flatten(),
        )
    }
}

/// The v2 device list, flattened into [`Device`]s that carry their company
/// and site ids. Without [`companies`](DeviceList::companies),
/// [`sites`](DeviceList::sites) or [`endpoints`](DeviceList::endpoints) it
/// lists every company's devices (reading the company list first). Requests
/// are split to Asio's limits (4 companies, 10 sites, 500 endpoints), each
/// paged through `Link` cursors; a 404 ends that batch cleanly.
#[must_use]
#[derive(Clone, Debug)]
pub struct DeviceList {
    list: PostList,
    category: Category,
}

impl DeviceList {
    /// Devices of these companies.
    pub fn companies<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list.resources(Resources::Companies(
            ids.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// Devices of these sites.
    pub fn sites<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list
            .resources(Resources::Sites(ids.into_iter().map(Into::into).collect()));
        self
    }

    /// These endpoints.
    pub fn endpoints<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list.resources(Resources::Endpoints(
            ids.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// The category (default platform).
    pub fn category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    /// The projection (`field=`, at most 15: `os`, `system`, `bios`, …).
    pub fn fields<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, fields: I) -> Self {
        self.list.fields(fields);
        self
    }

    /// One endpoint-type filter, e.g. `endpointType in (Server,Desktop)`.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.list
            .params
            .push(("filter".to_owned(), expression.into()));
        self
    }

    /// Sorting: `createdAt` or `friendlyName`, optionally with ` asc`/` desc`.
    pub fn sort_by(mut self, sort: &str) -> Self {
        let field = sort.split_whitespace().next().unwrap_or_default();
        if !matches!(field, "createdAt" | "friendlyName") {
            self.list.refuse(format!(
                "the device list sorts only by createdAt or friendlyName, not `{}`",
                sort.escape_debug()
            ));
        } else {
            self.list
                .params
                .push(("sortBy".to_owned(), sort.to_owned()));
        }
        self
    }

    /// Endpoints per page (`limit`, 1–500).
    pub fn page_size(mut self, size: u32) -> Self {
        self.list.page_size = Some(size);
        self
    }

    /// Caps the pages of each batch.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.list.max_pages = Some(pages);
        self
    }

    /// The pages of company/site groups as sent.
    pub fn groups(self) -> PageStream<EndpointGroup> {
        let spec = self.category.spec();
        self.list.pages(spec)
    }

    /// Every device, one page in memory at a time.
    pub fn stream(self) -> ItemStream<Device> {
        let category = self.category.as_str();
        Box::pin(
            self.groups()
                .map_ok(move |page: Page<EndpointGroup>| {
                    let devices: Vec<Result<Device>> = page
                        .items
                        .into_iter()
                        .flat_map(|group| group.into_devices(category))
                        .map(Ok)
                        .collect();
                    stream::iter(devices)
                })
                .try_flatten(),
        )
    }

    /// Every device in a `Vec`.
    pub async fn collect_all(self) -> Result<Vec<Device>> {
        self.stream().try_collect().await
    }
}

list_builder! {
    /// `GET /api/platform/v1/device-groups` (Platform - DeviceGroups - Read).
    pub struct DeviceGroupList => DeviceGroup;
}

list_builder! {
    /// `GET /api/platform/v2/device-groups/{id}/endpoints`: endpoint ids.
    pub struct GroupEndpointList => String;
}

/// `GET …/device/endpoints/heartbeat`: online status, 4 ids per request.
#[must_use]
#[derive(Clone, Debug)]
pub struct HeartbeatCall {
    client: Client,
    resource_type: String,
    ids: Vec<String>,
}

impl HeartbeatCall {
    /// The ids per request (documented for the heartbeat).
    pub const BATCH: usize = 4;

    /// Overrides `resourceType` (the spec says `endpoints`; one live tenant
    /// accepts only `companies`).
    pub fn resource_type(mut self, resource_type: impl Into<String>) -> Self {
        self.resource_type = resource_type.into();
        self
    }

    /// Sends one request per 4 ids and merges the answers; each failed
    /// resource is kept in [`Heartbeat::failed_records`].
    pub async fn send(self) -> Result<Heartbeat> {
        let spec = &endpoints::HEARTBEAT;
        let need = requirement(spec, Verb::Get)?;
        id_list(&self.resource_type, &self.ids).map_err(Error::config)?;
        if self.ids.is_empty() {
            return Err(Error::config("a heartbeat needs at least one id"));
        }
        let mut merged = Heartbeat::default();
        for chunk in self.ids.chunks(Self::BATCH) {
            let request = ApiRequest::get(spec.path)
                .query("resourceType", &self.resource_type)
                .query("resources", chunk.join(","));
            let answer: Heartbeat = self.client.send_json(request, Some(need.clone())).await?;
            merged.status = match (merged.status.take(), answer.status) {
                (None, s) | (s, None) => s,
                (Some(a), Some(b)) if a == b => Some(a),
                _ => Some(crate::models::HeartbeatStatus::PartialSuccess),
            };
            merged.successful_records.extend(answer.successful_records);
            merged.failed_records.extend(answer.failed_records);
            merged.extra.extend(answer.extra);
        }
        Ok(merged)
    }
}

/// Devices: the v2 list, details, online status, system state, groups.
#[derive(Clone, Copy, Debug)]
pub struct Devices<'a> {
    client: &'a Client,
}

impl<'a> Devices<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Devices { client }
    }

    /// The v2 device list.
    pub fn list(&self) -> DeviceList {
        DeviceList {
            list: PostList::new(self.client),
            category: Category::Platform,
        }
    }

    /// One device's details (needs its company and site, which every
    /// [`Device`] of the list carries); `fields` is the projection (≤ 15,
    /// empty for the default metadata + `os` + `system`).
    pub async fn details(
        &self,
        company_id: &str,
        site_id: &str,
        endpoint_id: &str,
        fields: &[&str],
    ) -> Result<DeviceDetails> {
        let spec = &endpoints::DEVICE_DETAILS;
        if fields.len() > MAX_FIELDS {
            return Err(Error::config(format!(
                "a projection may name at most {MAX_FIELDS} fields, got {}",
                fields.len()
            )));
        }
        let path = spec
            .path
            .replace("{company}", &segment("company", company_id)?)
            .replace("{site}", &segment("site", site_id)?)
            .replace("{endpoint}", &segment("endpoint", endpoint_id)?);
        let mut request = ApiRequest::get(path).header(X_REQUEST_ID, new_request_id());
        if !fields.is_empty() {
            request = request.query("field", fields.join(","));
        }
        self.client
            .send_json(request, Some(requirement(spec, Verb::Get)?))
            .await
    }

    /// The online status of endpoints (`resourceType=endpoints`).
    pub fn heartbeat<I: IntoIterator<Item = S>, S: Into<String>>(
        &self,
        endpoint_ids: I,
    ) -> HeartbeatCall {
        HeartbeatCall {
            client: self.client.clone(),
            resource_type: "endpoints".to_owned(),
            ids: endpoint_ids.into_iter().map(Into::into).collect(),
        }
    }

    /// The online status of every endpoint of companies
    /// (`resourceType=companies`, what one live tenant requires).
    pub fn heartbeat_of_companies<I: IntoIterator<Item = S>, S: Into<String>>(
        &self,
        company_ids: I,
    ) -> HeartbeatCall {
        self.heartbeat(company_ids).resource_type("companies")
    }

    /// Boot time and logged-on users of an endpoint.
    pub async fn system_state(&self, endpoint_id: &str) -> Result<SystemState> {
        let spec = &endpoints::SYSTEM_STATE;
        let path = spec
            .path
            .replace("{endpoint}", &segment("endpoint", endpoint_id)?);
        self.client
            .send_json(ApiRequest::get(path), Some(requirement(spec, Verb::Get)?))
            .await
    }

    /// Device groups (Platform - DeviceGroups - Read).
    pub fn groups(&self) -> DeviceGroupList {
        DeviceGroupList::from(ListCall::new(
            self.client.transport(),
            &endpoints::DEVICE_GROUPS,
        ))
    }

    /// The endpoint ids of a device group.
    pub fn group_endpoints(&self, group_id: &str) -> GroupEndpointList {
        GroupEndpointList::from(
            ListCall::new(self.client.transport(), &endpoints::DEVICE_GROUP_ENDPOINTS)
                .parent(group_id)
                .records_without_ids(),
        )
    }
}
