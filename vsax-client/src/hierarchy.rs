//! The tenant hierarchy Organization → Site → Group → Device, assembled from
//! the four lists (for mapping VSA X organizations to PSA companies).
//!
//! Nothing is dropped: a site, group or device whose parent is not in the
//! lists (outside the token's organizations, or missing a link field) is kept
//! in [`Hierarchy::unplaced`].

use std::collections::HashMap;

use crate::models::{Device, Group, Organization, Site};

/// A group and its devices.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct GroupNode {
    /// The group.
    pub group: Group,
    /// Its devices, in list order.
    pub devices: Vec<Device>,
}

/// A site and its groups.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SiteNode {
    /// The site.
    pub site: Site,
    /// Its groups, in list order.
    pub groups: Vec<GroupNode>,
}

/// An organization and its sites.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OrganizationNode {
    /// The organization.
    pub organization: Organization,
    /// Its sites, in list order.
    pub sites: Vec<SiteNode>,
}

impl OrganizationNode {
    /// Every device of the organization, site by site and group by group.
    pub fn devices(&self) -> impl Iterator<Item = &Device> {
        self.sites
            .iter()
            .flat_map(|s| s.groups.iter())
            .flat_map(|g| g.devices.iter())
    }
}

/// Records whose parent is not in the lists.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Unplaced {
    /// Sites without a known organization.
    pub sites: Vec<Site>,
    /// Groups without a known site.
    pub groups: Vec<Group>,
    /// Devices without a known group.
    pub devices: Vec<Device>,
}

impl Unplaced {
    /// Whether every record found its parent.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty() && self.groups.is_empty() && self.devices.is_empty()
    }
}

/// The assembled hierarchy.
///
/// ```
/// use vsax_client::Hierarchy;
/// use vsax_client::models::{Device, Group, Organization, Site};
/// let orgs: Vec<Organization> = serde_json::from_value(serde_json::json!([{"Id": 1, "Name": "Acme"}]))?;
/// let sites: Vec<Site> = serde_json::from_value(serde_json::json!([{"Id": 10, "ParentId": 1}]))?;
/// let groups: Vec<Group> = serde_json::from_value(serde_json::json!([{"Id": 100, "SiteId": 10}]))?;
/// let devices: Vec<Device> = serde_json::from_value(serde_json::json!([{"Identifier": "d1", "GroupId": 100}]))?;
/// let tree = Hierarchy::build(orgs, sites, groups, devices);
/// assert_eq!(tree.organizations()[0].devices().count(), 1);
/// assert_eq!(tree.organization_of_device("d1").map(|o| o.id), Some(1));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Hierarchy {
    organizations: Vec<OrganizationNode>,
    unplaced: Unplaced,
}

impl Hierarchy {
    /// Places every site under its organization, every group under its site
    /// and every device under its group.
    pub fn build(
        organizations: Vec<Organization>,
        sites: Vec<Site>,
        groups: Vec<Group>,
        devices: Vec<Device>,
    ) -> Self {
        let mut unplaced = Unplaced::default();
        let mut devices_by_group: HashMap<i64, Vec<Device>> = HashMap::new();
        let group_ids: std::collections::HashSet<i64> = groups.iter().map(|g| g.id).collect();
        for device in devices {
            match device.group_id.filter(|id| group_ids.contains(id)) {
                Some(id) => devices_by_group.entry(id).or_default().push(device),
                None => unplaced.devices.push(device),
            }
        }
        let site_ids: std::collections::HashSet<i64> = sites.iter().map(|s| s.id).collect();
        let mut groups_by_site: HashMap<i64, Vec<GroupNode>> = HashMap::new();
        for group in groups {
            match group.site().filter(|id| site_ids.contains(id)) {
                Some(site) => {
                    let devices = devices_by_group.remove(&group.id).unwrap_or_default();
                    groups_by_site
                        .entry(site)
                        .or_default()
                        .push(GroupNode { group, devices });
                }
                None => {
                    // The group's devices stay with it: unplaced as well.
                    unplaced
                        .devices
                        .extend(devices_by_group.remove(&group.id).unwrap_or_default());
                    unplaced.groups.push(group);
                }
            }
        }
        let org_ids: std::collections::HashSet<i64> = organizations.iter().map(|o| o.id).collect();
        let mut sites_by_org: HashMap<i64, Vec<SiteNode>> = HashMap::new();
        for site in sites {
            let groups = groups_by_site.remove(&site.id).unwrap_or_default();
            match site.organization().filter(|id| org_ids.contains(id)) {
                Some(org) => sites_by_org
                    .entry(org)
                    .or_default()
                    .push(SiteNode { site, groups }),
                None => {
                    for node in groups {
                        unplaced.devices.extend(node.devices);
                        unplaced.groups.push(node.group);
                    }
                    unplaced.sites.push(site);
                }
            }
        }
        let organizations = organizations
            .into_iter()
            .map(|organization| OrganizationNode {
                sites: sites_by_org.remove(&organization.id).unwrap_or_default(),
                organization,
            })
            .collect();
        Hierarchy {
            organizations,
            unplaced,
        }
    }

    /// The organizations, in list order, each with its sites, groups and devices.
    pub fn organizations(&self) -> &[OrganizationNode] {
        &self.organizations
    }

    /// Records whose parent is not in the lists.
    pub fn unplaced(&self) -> &Unplaced {
        &self.unplaced
    }

    /// The organization a device is placed under.
    pub fn organization_of_device(&self, identifier: &str) -> Option<&Organization> {
        self.organizations
            .iter()
            .find(|o| {
                o.devices()
                    .any(|d| d.identifier.eq_ignore_ascii_case(identifier))
            })
            .map(|o| &o.organization)
    }

    /// The node of an organization.
    pub fn organization(&self, id: i64) -> Option<&OrganizationNode> {
        self.organizations.iter().find(|o| o.organization.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Vec<T> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn every_record_is_placed_or_kept_as_unplaced() {
        let orgs = from(json!([{"Id": 1}, {"Id": 2}]));
        let sites = from(
            json!([{"Id": 10, "ParentId": 1}, {"Id": 11, "OrganizationId": 2}, {"Id": 12, "ParentId": 99}]),
        );
        let groups = from(json!([
            {"Id": 100, "ParentId": 10}, {"Id": 101, "SiteId": 11}, {"Id": 102, "SiteId": 12}, {"Id": 103}
        ]));
        let devices = from(json!([
            {"Identifier": "a", "GroupId": 100}, {"Identifier": "b", "GroupId": 101},
            {"Identifier": "c", "GroupId": 102}, {"Identifier": "d", "GroupId": 103},
            {"Identifier": "e"}, {"Identifier": "f", "GroupId": 100}
        ]));
        let tree = Hierarchy::build(orgs, sites, groups, devices);
        let ids = |o: &OrganizationNode| {
            o.devices()
                .map(|d| d.identifier.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(tree.organization(1).unwrap()), ["a", "f"]);
        assert_eq!(ids(tree.organization(2).unwrap()), ["b"]);
        let u = tree.unplaced();
        assert_eq!(u.sites.iter().map(|s| s.id).collect::<Vec<_>>(), [12]);
        let mut groups: Vec<_> = u.groups.iter().map(|g| g.id).collect();
        groups.sort();
        assert_eq!(groups, [102, 103]);
        let mut devices: Vec<_> = u.devices.iter().map(|d| d.identifier.as_str()).collect();
        devices.sort();
        assert_eq!(devices, ["c", "d", "e"]);
        assert_eq!(tree.organization_of_device("B").map(|o| o.id), Some(2));
        assert_eq!(tree.organization_of_device("c"), None);
    }
}
