//! Device assets (area Device Assets, "Device Assets: Read").

use crate::calls::{GetRecord, list_call, odata_list};
use crate::client::Client;
use crate::endpoints::ASSETS;
use crate::models::Asset;

odata_list! {
    /// `GET /assets`: hardware categories and installed software of every
    /// device (the list already carries the full inventory).
    AssetList => Asset
}

/// Device inventory.
#[derive(Clone, Copy, Debug)]
pub struct Assets<'a> {
    client: &'a Client,
}

impl Client {
    /// Device assets: list, get.
    pub fn assets(&self) -> Assets<'_> {
        Assets { client: self }
    }
}

impl Assets<'_> {
    /// `GET /assets` (paged; e.g. `.filter(&Filter::eq("SiteId", 12))`).
    pub fn list(&self) -> AssetList {
        AssetList::from(list_call(self.client, &ASSETS))
            .map_call(|c| c.record_id(|a: &Asset| a.identifier.to_ascii_lowercase()))
    }

    /// `GET /assets/{identifier}` (the device's identifier).
    pub fn get(&self, identifier: &str) -> GetRecord<Asset> {
        GetRecord::record(self.client, &ASSETS, identifier)
    }
}
