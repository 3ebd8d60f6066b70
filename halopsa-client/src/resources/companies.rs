//! Companies (Halo "clients", `/Client`, schema `Area`). Read-only by default;
//! scope `read:customers` (writes `edit:customers`).

use crate::models::Company;
use crate::scopes::requirements;

resource! {
    /// Companies (Halo clients): list, get; writes exist but the default policy keeps them read-only.
    companies -> Company, COMPANIES = ("Client", "company", requirements::COMPANIES),
        key = Some("clients"), paginated = true
}
