//! Contracts (`/ClientContract`, schema `ContractHeader`). Sensitive: read-only unless turned on.

use crate::models::Contract;
use crate::scopes::requirements;

resource! {
    /// Client contracts: list, get; writes need the policy to allow them.
    contracts -> Contract, CONTRACTS = ("ClientContract", "contract", requirements::CONTRACTS),
        key = Some("contracts"), paginated = true
}
