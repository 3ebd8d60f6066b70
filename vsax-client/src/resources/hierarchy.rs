//! Organizations, sites and groups (area "Organizations / Sites / Groups: Read"),
//! and the assembled hierarchy.

use crate::calls::{GetRecord, list_call, odata_list};
use crate::client::Client;
use crate::endpoints::{
    GROUP_CUSTOM_FIELDS, GROUPS, ORGANIZATION_CUSTOM_FIELDS, ORGANIZATIONS_EP, SITE_CUSTOM_FIELDS,
    SITES,
};
use crate::hierarchy::Hierarchy;
use crate::models::{Group, Organization, Site};
use crate::resources::devices::CustomFieldList;

odata_list! {
    /// `GET /organizations`.
    OrganizationList => Organization
}

odata_list! {
    /// `GET /sites`.
    SiteList => Site
}

odata_list! {
    /// `GET /groups`.
    GroupList => Group
}

macro_rules! level {
    ($(#[$meta:meta])* $handler:ident, $accessor:ident, $list:ident, $item:ty, $spec:expr, $fields:expr, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $handler<'a> {
            client: &'a Client,
        }

        impl Client {
            #[doc = concat!("The ", $what, ": list, get, custom fields.")]
            pub fn $accessor(&self) -> $handler<'_> {
                $handler { client: self }
            }
        }

        impl $handler<'_> {
            #[doc = concat!("Lists the ", $what, " (paged).")]
            pub fn list(&self) -> $list {
                $list::from(list_call(self.client, &$spec))
            }

            #[doc = concat!("Reads one of the ", $what, " by its integer id.")]
            pub fn get(&self, id: i64) -> GetRecord<$item> {
                GetRecord::record(self.client, &$spec, id)
            }

            #[doc = concat!("The custom field values of one of the ", $what, ".")]
            pub fn custom_fields(&self, id: i64) -> CustomFieldList {
                CustomFieldList::from(list_call(self.client, &$fields).parent(id))
                    .map_call(|c| c.records_without_ids())
            }
        }
    };
}

level!(
    /// The organizations the token may see.
    Organizations, organizations, OrganizationList, Organization, ORGANIZATIONS_EP, ORGANIZATION_CUSTOM_FIELDS, "organizations"
);
level!(
    /// The sites of the organizations.
    Sites, sites, SiteList, Site, SITES, SITE_CUSTOM_FIELDS, "sites"
);
level!(
    /// The groups of the sites.
    Groups, groups, GroupList, Group, GROUPS, GROUP_CUSTOM_FIELDS, "groups"
);

impl Client {
    /// Reads organizations, sites, groups and devices (four paged lists, one
    /// after the other) and assembles Organization → Site → Group → Device,
    /// e.g. to map organizations to PSA companies. Needs
    /// "Organizations / Sites / Groups: Read" and "Devices: Read".
    ///
    /// ```no_run
    /// # async fn run(client: vsax_client::Client) -> vsax_client::Result<()> {
    /// let tree = client.hierarchy().await?;
    /// for org in tree.organizations() {
    ///     println!("{:?}: {} devices", org.organization.name, org.devices().count());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn hierarchy(&self) -> crate::Result<Hierarchy> {
        let organizations = self.organizations().list().collect_all().await?;
        let sites = self.sites().list().collect_all().await?;
        let groups = self.groups().list().collect_all().await?;
        let devices = self.devices().list().collect_all().await?;
        Ok(Hierarchy::build(organizations, sites, groups, devices))
    }
}
