//! Devices (area Devices, "Devices: Read").

use neo_auth_core::{RecordId, collection_path};

use crate::calls::{GetRecord, list_call, odata_list};
use crate::client::Client;
use crate::endpoints::{
    DEVICE_ANTIVIRUS, DEVICE_CUSTOM_FIELDS, DEVICE_NOTIFICATIONS, DEVICE_POLICIES, DEVICES_EP,
};
use crate::models::{AntivirusStatus, AppliedPolicy, CustomFieldValue, Device, Notification};

odata_list! {
    /// `GET /devices`: the thin device list (identity and hierarchy fields;
    /// use [`Devices::get`] or the assets for status and inventory).
    DeviceList => Device
}

odata_list! {
    /// Custom field values of one record.
    CustomFieldList => CustomFieldValue
}

odata_list! {
    /// `GET /devices/{id}/appliedpolicies`.
    AppliedPolicyList => AppliedPolicy
}

odata_list! {
    /// Notifications (of the tenant, or of one device).
    NotificationList => Notification
}

/// The devices of the tenant (as far as the token's organizations reach).
#[derive(Clone, Copy, Debug)]
pub struct Devices<'a> {
    client: &'a Client,
}

impl Client {
    /// Devices: list, get, custom fields, applied policies, antivirus status,
    /// a device's notifications.
    pub fn devices(&self) -> Devices<'_> {
        Devices { client: self }
    }
}

impl Devices<'_> {
    /// `GET /devices` (paged with `$skip`/`$top`).
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use vsax_client::odata::Filter;
    /// # async fn run(client: vsax_client::Client) -> vsax_client::Result<()> {
    /// let mut devices = client.devices().list().filter(&Filter::eq("OrganizationId", 4821)).stream();
    /// while let Some(device) = devices.try_next().await? {
    ///     println!("{} {:?}", device.identifier, device.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> DeviceList {
        DeviceList::from(list_call(self.client, &DEVICES_EP))
            .map_call(|c| c.record_id(|d: &Device| d.identifier.to_ascii_lowercase()))
    }

    /// `GET /devices/{identifier}`: the detail (status, network, counters).
    pub fn get(&self, identifier: &str) -> GetRecord<Device> {
        GetRecord::record(self.client, &DEVICES_EP, identifier)
    }

    /// `GET /devices/{identifier}/customfields`.
    pub fn custom_fields(&self, identifier: &str) -> CustomFieldList {
        CustomFieldList::from(list_call(self.client, &DEVICE_CUSTOM_FIELDS).parent(identifier))
            .map_call(|c| c.records_without_ids())
    }

    /// `GET /devices/{identifier}/appliedpolicies`.
    pub fn applied_policies(&self, identifier: &str) -> AppliedPolicyList {
        AppliedPolicyList::from(list_call(self.client, &DEVICE_POLICIES).parent(identifier))
            .map_call(|c| c.records_without_ids())
    }

    /// `GET /devices/{identifier}/antivirus`.
    pub fn antivirus(&self, identifier: &str) -> GetRecord<AntivirusStatus> {
        let path = collection_path(&DEVICE_ANTIVIRUS, Some(&RecordId::from(identifier)));
        GetRecord::at(self.client, &DEVICE_ANTIVIRUS, path)
    }

    /// `GET /devices/{identifier}/notifications` (paged).
    pub fn notifications(&self, identifier: &str) -> NotificationList {
        NotificationList::from(list_call(self.client, &DEVICE_NOTIFICATIONS).parent(identifier))
    }
}
