//! Devices running low on disk space, from Kaseya VSA X's asset inventory
//! (`GET /assets`: each asset lists its disks with their free space).
//!
//! ```
//! use examples::low_disk::{LowDisk, low_disk};
//! use vsax_client::models::Asset;
//!
//! let assets: Vec<Asset> = serde_json::from_value(serde_json::json!([
//!     {"Identifier": "a", "Name": "CONTOSO-WKS-001",
//!      "Disks": [{"Name": "C:", "System": true, "FreePercentage": 6}, {"Name": "D:", "FreePercentage": 80}]},
//!     {"Identifier": "b", "Name": "CONTOSO-WKS-002",
//!      "Disks": [{"Name": "C:", "System": true, "FreePercentage": 41}]},
//! ]))?;
//! let low: Vec<LowDisk<'_>> = low_disk(&assets, 10.0);
//! assert_eq!(low.len(), 1);
//! assert_eq!((low[0].asset.identifier.as_str(), low[0].disk, low[0].free_percentage), ("a", "C:", 6.0));
//! # Ok::<(), serde_json::Error>(())
//! ```

use vsax_client::models::{Asset, Disk};

/// A device whose system disk is below the threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LowDisk<'a> {
    /// The device's asset record.
    pub asset: &'a Asset,
    /// The disk's name (`C:`), empty when VSA X sent none.
    pub disk: &'a str,
    /// Its free space, in percent.
    pub free_percentage: f64,
}

/// The disk a device runs from: the one flagged `System`, else the only one.
pub fn system_disk(asset: &Asset) -> Option<&Disk> {
    asset
        .disks
        .iter()
        .find(|d| d.system == Some(true))
        .or(match asset.disks.as_slice() {
            [only] => Some(only),
            _ => None,
        })
}

/// The assets whose system disk has less than `threshold` percent free,
/// lowest first (devices that report no system disk or no free space are
/// left out).
pub fn low_disk(assets: &[Asset], threshold: f64) -> Vec<LowDisk<'_>> {
    let mut low: Vec<LowDisk<'_>> = assets
        .iter()
        .filter_map(|asset| {
            let disk = system_disk(asset)?;
            let free = disk.free_percentage?;
            (free < threshold).then(|| LowDisk {
                asset,
                disk: disk.name.as_deref().unwrap_or(""),
                free_percentage: free,
            })
        })
        .collect();
    low.sort_by(|a, b| a.free_percentage.total_cmp(&b.free_percentage));
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets(value: serde_json::Value) -> Vec<Asset> {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_system_disk_decides_lowest_first() {
        let assets = assets(serde_json::json!([
            {"Identifier": "a", "Disks": [{"Name": "D:", "FreePercentage": 2}, {"Name": "C:", "System": true, "FreePercentage": 50}]},
            {"Identifier": "b", "Disks": [{"Name": "C:", "FreePercentage": 9}]},
            {"Identifier": "c", "Disks": [{"Name": "C:", "System": true, "FreePercentage": 3}]},
            {"Identifier": "d", "Disks": [{"Name": "C:", "System": true}]},
            {"Identifier": "e", "Disks": []},
            {"Identifier": "f", "Disks": [{"Name": "C:", "FreePercentage": 1}, {"Name": "D:", "FreePercentage": 1}]},
        ]));
        let low: Vec<&str> = low_disk(&assets, 10.0)
            .iter()
            .map(|l| l.asset.identifier.as_str())
            .collect();
        // a: its system disk is fine; d: no figure; e, f: no system disk.
        assert_eq!(low, ["c", "b"]);
        assert!(
            low_disk(&assets, 3.0).is_empty(),
            "the threshold is exclusive"
        );
    }
}
