//! Contacts (Halo "users", `/Users`). Write area; scope `read:customers` / `edit:customers`.

use crate::models::User;
use crate::scopes::requirements;

resource! {
    /// Contacts (Halo users): list, get, create, update, delete.
    contacts -> User, CONTACTS = ("Users", "contact", requirements::CONTACTS),
        key = Some("users"), paginated = true
}
