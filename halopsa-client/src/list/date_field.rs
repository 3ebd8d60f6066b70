//! [`DateField`]: the ticket date a date range applies to (`datesearch`).

/// The date field a ticket date range applies to (Halo's `datesearch`), on
/// `/Tickets` and `/Opportunities`.
///
/// The OpenAPI spec documents only two values, as examples: `dateoccured`
/// ("Date Opened", Halo's spelling) and `datecleared` ("Date Closed").
/// [`DateField::LastAction`] and [`DateField::Deadline`] send the ticket field
/// names `lastactiondate` and `deadlinedate`, which the spec does not list as
/// `datesearch` values: **unverified** — check on your instance that the range
/// filters at all, or prefer [`TicketList::updated_between`](crate::TicketList::updated_between).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateField {
    /// When the ticket was logged (`dateoccured`, Halo's spelling; documented).
    Occurred,
    /// When the ticket was closed (`datecleared`; documented).
    Cleared,
    /// The last action (`lastactiondate`; **unverified** as a `datesearch` value).
    LastAction,
    /// The deadline (`deadlinedate`; **unverified** as a `datesearch` value).
    Deadline,
}

impl DateField {
    /// The `datesearch` value sent.
    pub fn wire(self) -> &'static str {
        match self {
            DateField::Occurred => "dateoccured",
            DateField::Cleared => "datecleared",
            DateField::LastAction => "lastactiondate",
            DateField::Deadline => "deadlinedate",
        }
    }

    /// Whether the OpenAPI spec documents this value for `datesearch`.
    pub fn is_documented(self) -> bool {
        matches!(self, DateField::Occurred | DateField::Cleared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_spec_examples_are_documented() {
        assert_eq!(DateField::Occurred.wire(), "dateoccured");
        assert_eq!(DateField::Cleared.wire(), "datecleared");
        assert!(DateField::Occurred.is_documented() && DateField::Cleared.is_documented());
        assert!(!DateField::LastAction.is_documented() && !DateField::Deadline.is_documented());
    }
}
