use futures_util::{TryStreamExt, stream};
use neo_auth_core::{ItemStream, PageStream, Result};

use super::devices::{DeviceList, PostList, Resources};
use crate::Client;
use crate::endpoints;
use crate::models::EndpointApplications;

/// The inventory blocks [`Assets::hardware`] projects (15, the most allowed).
pub(crate) const HARDWARE_FIELDS: [&str; 15] = [
    "friendlyName",
    "deviceName",
    "endpointType",
    "os",
    "system",
    "bios",
    "baseboard",
    "processors",
    "physicalMemory",
    "drives",
    "physicalDrives",
    "logicalVolume",
    "networks",
    "monitors",
    "usbs",
];

/// `POST /api/platform/v2/device/endpoints/applications`: installed software
/// per endpoint, split to Asio's batch limits and paged through `Link` cursors.
#[must_use]
#[derive(Clone, Debug)]
pub struct ApplicationList {
    list: PostList,
}

impl ApplicationList {
    /// Software of these companies' endpoints.
    pub fn companies<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list.resources(Resources::Companies(
            ids.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// Software of these sites' endpoints.
    pub fn sites<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list
            .resources(Resources::Sites(ids.into_iter().map(Into::into).collect()));
        self
    }

    /// Software of these endpoints.
    pub fn endpoints<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.list.resources(Resources::Endpoints(
            ids.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// Only applications of this name (`name=`).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.list.params.push(("name".to_owned(), name.into()));
        self
    }

    /// Only this version (`version=`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.list
            .params
            .push(("version".to_owned(), version.into()));
        self
    }

    /// The projection of application fields (≤ 15).
    pub fn fields<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, fields: I) -> Self {
        self.list.fields(fields);
        self
    }

    /// Records per page (`limit`, 1–500).
    pub fn page_size(mut self, size: u32) -> Self {
        self.list.page_size = Some(size);
        self
    }

    /// The pages as sent.
    pub fn pages(self) -> PageStream<EndpointApplications> {
        self.list.pages(&endpoints::APPLICATIONS)
    }

    /// Every endpoint's software, one page in memory at a time.
    pub fn stream(self) -> ItemStream<EndpointApplications> {
        Box::pin(
            self.pages()
                .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
                .try_flatten(),
        )
    }

    /// Everything in a `Vec`.
    pub async fn collect_all(self) -> Result<Vec<EndpointApplications>> {
        self.stream().try_collect().await
    }
}

/// Hardware and software inventory.
///
/// Which endpoints the Assets scope gates is not documented: hardware comes
/// from the device list's projections (Platform - Devices - Read), software
/// from the applications list (checked here against Platform - Assets - Read).
#[derive(Clone, Copy, Debug)]
pub struct Assets<'a> {
    client: &'a Client,
}

impl<'a> Assets<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Assets { client }
    }

    /// The device list projecting the hardware blocks (`bios`, `processors`,
    /// `physicalMemory`, `drives`, …; 15 fields). Narrow it like any
    /// [`DeviceList`].
    pub fn hardware(&self) -> DeviceList {
        self.client.devices().list().fields(HARDWARE_FIELDS)
    }

    /// Installed software.
    pub fn applications(&self) -> ApplicationList {
        ApplicationList {
            list: PostList::new(self.client),
        }
    }
}
