//! Suppliers (`/Supplier`, schema `Company`). Sensitive: read-only unless turned on.

use crate::models::Supplier;
use crate::scopes::requirements;

resource! {
    /// Suppliers: list, get; writes need the policy to allow them.
    suppliers -> Supplier, SUPPLIERS = ("Supplier", "supplier", requirements::SUPPLIERS),
        key = Some("suppliers"), paginated = true
}
