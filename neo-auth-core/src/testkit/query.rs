//! Query strings read the way lenient vendor APIs read them: names
//! case-insensitive (ASP.NET, Java), blank values absent, whole floats as integers.

use std::fmt;

use url::Url;

/// The decoded query parameters of a request, in order.
///
/// ```
/// use neo_auth_core::testkit::Query;
/// let query = Query::parse("PageSize=25&page=2.0&ids=1,2&ids=3&conditions=");
/// assert_eq!(query.get("pagesize"), Some("25"));
/// assert_eq!(query.int("Page"), Ok(Some(2)));
/// assert_eq!(query.int_list("IDS"), Ok(Some(vec![1, 2, 3])));
/// assert_eq!(query.get("conditions"), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(Vec<(String, String)>);

/// A query parameter whose value is not what the fake expects (e.g. not an
/// integer); vendor fakes word their own error reply from it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BadParam {
    /// The parameter name as the fake asked for it.
    pub name: String,
    /// The offending value (or part of a list).
    pub value: String,
}

impl fmt::Display for BadParam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The value '{}' is not valid for {}.",
            self.value, self.name
        )
    }
}

impl std::error::Error for BadParam {}

impl Query {
    /// The parameters of `url`.
    pub fn of(url: &Url) -> Query {
        Query(
            url.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Parses a query string (without the leading `?`).
    pub fn parse(query: &str) -> Query {
        Query(
            url::form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Every `(name, value)` pair, as sent.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// Whether `name` (case-insensitive) is present, even with a blank value.
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    /// The first value of `name` (case-insensitive), trimmed, if present and not blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Every non-blank value of `name` (case-insensitive), trimmed, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k.eq_ignore_ascii_case(name) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// Whether `name` is `true` (any case) or `1`.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }

    /// `name` as an integer (`3` or `3.0`); `Err` names the parameter when the
    /// value is not one.
    pub fn int(&self, name: &str) -> Result<Option<i64>, BadParam> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => parse_int(v).map(Some).ok_or_else(|| BadParam {
                name: name.to_owned(),
                value: v.to_owned(),
            }),
        }
    }

    /// `name` as an integer, ignoring a value that is not one.
    pub fn int_lenient(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(parse_int)
    }

    /// Every integer of the list parameter `name`: each value split on commas,
    /// parts trimmed, empty parts skipped, repeated keys taken together.
    /// `Ok(None)` when no id is given; `Err` names the first part that is not an
    /// integer.
    pub fn int_list(&self, name: &str) -> Result<Option<Vec<i64>>, BadParam> {
        let mut ids = Vec::new();
        for (_, value) in self.0.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)) {
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match parse_int(part) {
                    Some(id) => ids.push(id),
                    None => {
                        return Err(BadParam {
                            name: name.to_owned(),
                            value: part.to_owned(),
                        });
                    }
                }
            }
        }
        Ok((!ids.is_empty()).then_some(ids))
    }
}

/// An integer, also from a whole number written as a float (`3.0`).
fn parse_int(value: &str) -> Option<i64> {
    value.parse::<i64>().ok().or_else(|| {
        value
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15)
            .map(|f| f as i64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> Query {
        Query::of(&Url::parse(&format!("http://h/api/Tickets?{q}")).expect("url"))
    }

    #[test]
    fn id_lists_split_commas_and_join_repeated_keys() {
        assert_eq!(
            query("status=1,2, 9").int_list("status"),
            Ok(Some(vec![1, 2, 9]))
        );
        assert_eq!(
            query("Status=1&status=3.0,").int_list("status"),
            Ok(Some(vec![1, 3]))
        );
        assert_eq!(query("status=,").int_list("status"), Ok(None));
        assert_eq!(query("agent=1").int_list("status"), Ok(None));
        let error = query("team=1,x").int_list("team").unwrap_err();
        assert_eq!(error.to_string(), "The value 'x' is not valid for team.");
    }

    #[test]
    fn names_are_case_insensitive_and_blank_values_absent() {
        let q = query("$Skip=20&$top=10&flag=TRUE&empty=%20&n=abc");
        assert_eq!(q.int("$skip"), Ok(Some(20)));
        assert_eq!(q.int("$TOP"), Ok(Some(10)));
        assert!(q.flag("Flag"));
        assert!(!q.flag("missing"));
        assert_eq!(q.get("empty"), None);
        assert!(q.contains("EMPTY"));
        assert_eq!(q.int_lenient("n"), None);
        assert!(q.int("n").is_err());
        assert_eq!(Query::parse("?a=1&A=2").all("a"), vec!["1", "2"]);
    }
}
