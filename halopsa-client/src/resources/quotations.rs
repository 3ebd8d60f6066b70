//! Quotations (`/Quotation`, schema `QuotationHeader`). Read-only by default; scope `read:quotes`.

use crate::models::Quotation;
use crate::scopes::requirements;

resource! {
    /// Quotations: list, get; writes need the policy to allow them.
    quotations -> Quotation, QUOTATIONS = ("Quotation", "quotation", requirements::QUOTATIONS),
        key = Some("quotes"), paginated = true
}
