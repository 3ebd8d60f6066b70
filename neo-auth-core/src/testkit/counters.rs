//! Request counters of a fake, by route and by kind.

use std::collections::HashMap;

use super::fault::Target;

/// How many requests a [`FakeHttp`](super::FakeHttp) received, read through
/// its methods ([`FakeHttp::requests_to`](super::FakeHttp::requests_to), …).
#[derive(Clone, Debug, Default)]
pub struct Counters {
    by_route: HashMap<(String, String), usize>,
    token: usize,
    api: usize,
    total: usize,
}

impl Counters {
    /// Counts one request: `method` upper case, `route_path` lower case.
    pub fn count(&mut self, method: &str, route_path: &str, target: Target) {
        self.total += 1;
        *self
            .by_route
            .entry((method.to_ascii_uppercase(), route_path.to_ascii_lowercase()))
            .or_default() += 1;
        match target {
            Target::Api => self.api += 1,
            Target::Token => self.token += 1,
            Target::Other => {}
        }
    }

    /// Requests with `method` to paths starting with `path_prefix` (both
    /// case-insensitive; `"*"` for any method).
    pub fn requests_to(&self, method: &str, path_prefix: &str) -> usize {
        let prefix = path_prefix.to_ascii_lowercase();
        self.by_route
            .iter()
            .filter(|((m, p), _)| {
                (method == "*" || m.eq_ignore_ascii_case(method)) && p.starts_with(&prefix)
            })
            .map(|(_, n)| n)
            .sum()
    }

    /// Requests the router called [`Target::Token`].
    pub fn token(&self) -> usize {
        self.token
    }

    /// Requests the router called [`Target::Api`].
    pub fn api(&self) -> usize {
        self.api
    }

    /// Every request.
    pub fn total(&self) -> usize {
        self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_route_prefix_and_kind() {
        let mut c = Counters::default();
        c.count("get", "/api/Tickets", Target::Api);
        c.count("GET", "/api/tickets/1", Target::Api);
        c.count("POST", "/api/tickets", Target::Api);
        c.count("POST", "/auth/token", Target::Token);
        c.count("GET", "/api/authinfo", Target::Other);
        assert_eq!(c.requests_to("get", "/API/tickets"), 2);
        assert_eq!(c.requests_to("*", "/api/tickets"), 3);
        assert_eq!(c.requests_to("DELETE", "/api"), 0);
        assert_eq!((c.api(), c.token(), c.total()), (3, 1, 5));
    }
}
