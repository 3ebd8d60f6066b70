//! SLAs (`/SLA`, schema `SlaHead`). Sensitive: read-only unless turned on.
//! Unpaginated: the spec gives `GET /SLA` no paging parameters, so one GET returns
//! every SLA (a bare array; the list key, if Halo ever wraps it, is undocumented).

use crate::models::Sla;
use crate::scopes::requirements;

resource! {
    /// SLAs: list, get; writes (scope `admin`) need the policy to allow them.
    slas -> Sla, SLAS = ("SLA", "SLA", requirements::SLAS),
        key = None, paginated = false
}
