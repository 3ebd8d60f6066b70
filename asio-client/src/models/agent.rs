use std::fmt;

use serde::{Deserialize, Serialize};

/// The agent install token of a company and site (`POST /api/platform/v1/device/token`
/// answers a bare JSON string, a GUID).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InstallToken(pub String);

impl InstallToken {
    /// The token.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for InstallToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An install token lets anyone enrol a device in the tenant: keep it out of logs.
        f.write_str("InstallToken(** redacted **)")
    }
}
