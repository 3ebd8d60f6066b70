//! The HaloPSA doctor: `halopsa-client`'s own `check_access()`, which builds
//! the core's report (one row per area and access, a 1-item probe read per
//! area, the acting agent as the identity), and the areas it reports on,
//! which are also the sandbox credential's grant.

use halopsa_client::Client;
use halopsa_client::scopes::{ResourceRequirements, requirements};
use neo_auth_core::Result;
use neo_auth_core::doctor::AccessReport;

/// The areas the doctor reports on, with their read and write requirements.
pub(super) const DOCTOR_AREAS: &[ResourceRequirements] = requirements::ALL;

/// The doctor's report for the client's credential and policy.
pub(super) async fn report(client: &Client) -> Result<AccessReport> {
    client.check_access().await
}
