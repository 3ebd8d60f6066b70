//! Assets (`/Asset`, schema `Device`). Write area; scope `read:assets` / `edit:assets`.
//! Halo serves `/Asset` lists 50 per page whatever page size is asked; the pager
//! copes (it follows `record_count`, not the requested size).

use crate::models::Asset;
use crate::scopes::requirements;

resource! {
    /// Assets: list, get, create, update, delete.
    assets -> Asset, ASSETS = ("Asset", "asset", requirements::ASSETS),
        key = Some("assets"), paginated = true
}
