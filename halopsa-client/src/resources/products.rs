//! Products (Halo "items", `/Item`). Write area; scope `read:items` / `edit:items`.

use crate::models::Item;
use crate::scopes::requirements;

resource! {
    /// Products (Halo items): list, get, create, update, delete.
    products -> Item, PRODUCTS = ("Item", "product", requirements::PRODUCTS),
        key = Some("items"), paginated = true
}
