//! Opportunities (`/Opportunities`, schema `Opps`). Sensitive: read-only unless turned on; scope `read:crm`.

use crate::models::Opportunity;
use crate::scopes::requirements;

resource! {
    /// Opportunities: list, get; writes need the policy to allow them.
    opportunities -> Opportunity, OPPORTUNITIES = ("Opportunities", "opportunity", requirements::OPPORTUNITIES),
        key = Some("tickets"), paginated = true
}
