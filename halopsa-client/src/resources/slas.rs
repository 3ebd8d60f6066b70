//! SLAs (`/SLA`, schema `SlaHead`). Sensitive: read-only unless turned on.

use crate::models::Sla;
use crate::scopes::requirements;

resource! {
    /// SLAs: list, get; writes (scope `admin`) need the policy to allow them.
    slas -> Sla, SLAS = ("SLA", "SLA", requirements::SLAS)
}
