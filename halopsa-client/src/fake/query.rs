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

    /// Every id of the list parameter `name` (case-insensitive): each value split
    /// on commas, parts trimmed, empty parts skipped; the values of a repeated key
    /// are taken together (HaloAPI repeats the key unless told to join them).
    /// `Ok(None)` when no id is given; `Err` names the parameter when a part is not
    /// an integer.
    pub(crate) fn int_list(&self, name: &str) -> Result<Option<Vec<i64>>, String> {
        let mut ids = Vec::new();
        for (_, value) in self.0.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)) {
            for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match parse_int(part) {
                    Some(id) => ids.push(id),
                    None => return Err(format!("The value '{part}' is not valid for {name}.")),
                }
            }
        }
        Ok((!ids.is_empty()).then_some(ids))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> Query {
        Query::of(&Url::parse(&format!("http://h/api/Tickets?{q}")).unwrap())
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
        assert_eq!(
            query("team=1,x").int_list("team"),
            Err("The value 'x' is not valid for team.".to_owned())
        );
    }
}
