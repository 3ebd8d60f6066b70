//! Invoices (`/Invoice`, schema `InvoiceHeader`). Sensitive: read-only unless turned on.

use crate::models::Invoice;
use crate::scopes::requirements;

resource! {
    /// Invoices: list, get; writes need the policy to allow them.
    invoices -> Invoice, INVOICES = ("Invoice", "invoice", requirements::INVOICES),
        key = Some("invoices"), paginated = true
}
