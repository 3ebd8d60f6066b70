//! Sites (`/Site`). Read-only by default; under the `customers` scope (Halo has no `:sites` scope).

use crate::models::Site;
use crate::scopes::requirements;

resource! {
    /// Sites: list, get; writes exist but the default policy keeps them read-only.
    sites -> Site, SITES = ("Site", "site", requirements::SITES),
        key = Some("sites"), paginated = true
}
