//! Query-string access: case-insensitive names (Halo's API is ASP.NET), lenient numbers.

use url::Url;

/// The decoded query parameters of a request.
#[derive(Debug, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    /// The parameters of `url`.
    pub(crate) fn of(url: &Url) -> Query {
        Query(
            url.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name` (case-insensitive), if present and not empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Whether `name` is `true` (or `1`).
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }

    /// `name` as an integer; `Err` names the parameter when the value is not one.
    pub(crate) fn int(&self, name: &str) -> Result<Option<i64>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => parse_int(v)
                .map(Some)
                .ok_or_else(|| format!("The value '{v}' is not valid for {name}.")),
        }
    }

    /// `name` as an integer, ignoring values that are not one.
    pub(crate) fn int_lenient(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(parse_int)
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
