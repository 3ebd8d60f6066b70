//! The query parameters of a ConnectWise Manage list: `conditions`,
//! `childConditions`, `customFieldConditions`, `orderBy`, `fields`, plus raw
//! parameters as an escape hatch.

use neo_auth_core::{Error, Result};

use crate::conditions::Condition;

/// A sort direction for `orderBy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// The filters and shaping of one list request.
///
/// ```
/// use cwmanage_client::{Condition, ListQuery, Order};
/// let query = ListQuery::new()
///     .conditions(Condition::eq("board/name", "Help Desk"))
///     .order_by("id", Order::Desc)
///     .fields(["id", "summary", "status/name"]);
/// assert_eq!(
///     query.pairs().unwrap(),
///     vec![
///         ("conditions".to_owned(), r#"board/name = "Help Desk""#.to_owned()),
///         ("orderBy".to_owned(), "id desc".to_owned()),
///         ("fields".to_owned(), "id,summary,status/name".to_owned()),
///     ]
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListQuery {
    conditions: Option<Condition>,
    child_conditions: Option<Condition>,
    custom_field_conditions: Option<Condition>,
    order_by: Vec<(String, Order)>,
    fields: Vec<String>,
    raw: Vec<(String, String)>,
}

/// Parameters the list driver owns; a raw parameter may not set them.
const RESERVED: [&str; 4] = ["page", "pagesize", "pageid", "pagination-type"];

impl ListQuery {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a condition (`and`-ed with earlier ones).
    pub fn conditions(mut self, condition: Condition) -> Self {
        self.conditions = Some(match self.conditions.take() {
            Some(c) => c.and(condition),
            None => condition,
        });
        self
    }

    /// Adds a condition on child arrays (`communicationItems/value like "x"`),
    /// where the endpoint offers `childConditions`.
    pub fn child_conditions(mut self, condition: Condition) -> Self {
        self.child_conditions = Some(match self.child_conditions.take() {
            Some(c) => c.and(condition),
            None => condition,
        });
        self
    }

    /// Adds a condition on custom fields (`caption = "Tenant" and value != null`).
    pub fn custom_field_conditions(mut self, condition: Condition) -> Self {
        self.custom_field_conditions = Some(match self.custom_field_conditions.take() {
            Some(c) => c.and(condition),
            None => condition,
        });
        self
    }

    /// Sorts by `field` (repeatable). Sorting means navigable paging:
    /// ConnectWise refuses `orderBy` with forward-only paging.
    pub fn order_by(mut self, field: impl Into<String>, order: Order) -> Self {
        self.order_by.push((field.into(), order));
        self
    }

    /// Asks for only these fields (`status/name` for a nested one).
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fields.extend(fields.into_iter().map(Into::into));
        self
    }

    /// Adds a raw query parameter (an escape hatch for parameters not modelled).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.raw.push((key.into(), value.into()));
        self
    }

    /// Whether a sort order was asked for.
    pub fn is_ordered(&self) -> bool {
        !self.order_by.is_empty()
    }

    /// The query pairs, or a configuration error saying what is wrong.
    pub fn pairs(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        let named = [
            ("conditions", &self.conditions),
            ("childConditions", &self.child_conditions),
            ("customFieldConditions", &self.custom_field_conditions),
        ];
        for (name, condition) in named {
            if let Some(c) = condition {
                out.push((name.to_owned(), c.render()?));
            }
        }
        if !self.order_by.is_empty() {
            let mut parts = Vec::new();
            for (field, order) in &self.order_by {
                check_name(field, "orderBy")?;
                let dir = match order {
                    Order::Asc => "asc",
                    Order::Desc => "desc",
                };
                parts.push(format!("{field} {dir}"));
            }
            out.push(("orderBy".to_owned(), parts.join(", ")));
        }
        if !self.fields.is_empty() {
            for field in &self.fields {
                check_name(field, "fields")?;
            }
            out.push(("fields".to_owned(), self.fields.join(",")));
        }
        for (key, value) in &self.raw {
            let lower = key.to_ascii_lowercase();
            if key.trim().is_empty() {
                return Err(Error::config("a raw query parameter has no name"));
            }
            if RESERVED.contains(&lower.as_str()) {
                return Err(Error::config(format!(
                    "the query parameter `{key}` is set by the list itself (use page_size / forward_only / navigable)"
                )));
            }
            out.push((key.clone(), value.clone()));
        }
        Ok(out)
    }
}

fn check_name(field: &str, what: &str) -> Result<()> {
    let ok = !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/');
    if ok {
        Ok(())
    } else {
        Err(Error::config(format!(
            "`{field}` is not a field name for {what}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_accumulate_and_raw_parameters_pass_through() {
        let q = ListQuery::new()
            .conditions(Condition::eq("closedFlag", false))
            .conditions(Condition::eq("company/identifier", "ACME"))
            .child_conditions(Condition::like("communicationItems/value", "*@acme.com"))
            .custom_field_conditions(Condition::eq("caption", "Tenant"))
            .param("columns", "id");
        assert_eq!(
            q.pairs().unwrap(),
            vec![
                (
                    "conditions".into(),
                    r#"closedFlag = False and company/identifier = "ACME""#.into()
                ),
                (
                    "childConditions".into(),
                    r#"communicationItems/value like "*@acme.com""#.into()
                ),
                (
                    "customFieldConditions".into(),
                    r#"caption = "Tenant""#.into()
                ),
                ("columns".into(), "id".into()),
            ]
        );
    }

    #[test]
    fn paging_parameters_cannot_be_set_raw() {
        for key in ["page", "pageSize", "PAGEID"] {
            assert!(ListQuery::new().param(key, "1").pairs().is_err(), "{key}");
        }
        assert!(
            ListQuery::new()
                .order_by("id desc", Order::Asc)
                .pairs()
                .is_err()
        );
        assert!(ListQuery::new().fields(["id,summary"]).pairs().is_err());
    }
}
