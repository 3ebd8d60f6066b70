//! Injected faults: what can go wrong, the queue they wait in, and the kit's
//! default replies for them.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::json;

use super::reply::Reply;

/// A fault to inject with [`FakeHttp::inject`](super::FakeHttp::inject) or
/// [`FakeHttp::inject_on`](super::FakeHttp::inject_on). Queued faults apply in
/// order (first in, first out) to the next matching requests, each `times`
/// times: [`Fault::TokenServerError`] and [`Fault::TokenLocked`] to requests the
/// router calls [`Target::Token`](super::Target::Token), every other kind to
/// [`Target::Api`](super::Target::Api) requests.
///
/// A vendor fake words the replies in its vendor's shapes through
/// [`Router::fault_reply`](super::Router::fault_reply); [`Fault::default_reply`]
/// is the kit's generic wording.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 429, with a `Retry-After: <secs>` header when `retry_after` is `Some`.
    RateLimited {
        /// Seconds for the `Retry-After` header, if any.
        retry_after: Option<u64>,
        /// How many requests get this fault.
        times: usize,
    },
    /// A server error with this status (500, 502, 503, …; not a 4xx/5xx: 500).
    ServerError {
        /// The HTTP status.
        status: u16,
        /// How many requests get this fault.
        times: usize,
    },
    /// The normal reply, delayed. The request is handled (a write is applied)
    /// before the delay, as with a slow real server.
    Slow {
        /// How long to hold the reply.
        delay: Duration,
        /// How many requests get this fault.
        times: usize,
    },
    /// 401 although the token is valid (a token revoked mid-stream).
    Unauthorized {
        /// How many requests get this fault.
        times: usize,
    },
    /// 200 with a truncated JSON body.
    MalformedJson {
        /// How many requests get this fault.
        times: usize,
    },
    /// The token endpoint answers with this status and an OAuth `server_error`.
    TokenServerError {
        /// The HTTP status.
        status: u16,
        /// How many requests get this fault.
        times: usize,
    },
    /// The token endpoint answers 423 Locked (Asio locks a key that asks for
    /// too many tokens).
    TokenLocked {
        /// How many requests get this fault.
        times: usize,
    },
}

impl Fault {
    /// How many requests the fault applies to.
    pub fn times(&self) -> usize {
        match self {
            Fault::RateLimited { times, .. }
            | Fault::ServerError { times, .. }
            | Fault::Slow { times, .. }
            | Fault::Unauthorized { times }
            | Fault::MalformedJson { times }
            | Fault::TokenServerError { times, .. }
            | Fault::TokenLocked { times } => *times,
        }
    }

    /// Whether the fault is for the token endpoint (else for API requests).
    pub fn is_for_token_endpoint(&self) -> bool {
        matches!(
            self,
            Fault::TokenServerError { .. } | Fault::TokenLocked { .. }
        )
    }

    /// How long a [`Fault::Slow`] holds the reply (`None` for the others, which
    /// replace it).
    pub fn delay(&self) -> Option<Duration> {
        match self {
            Fault::Slow { delay, .. } => Some(*delay),
            _ => None,
        }
    }

    /// The status of the reply a replacing fault answers with (an invalid
    /// [`Fault::ServerError`] or [`Fault::TokenServerError`] status is 500);
    /// `None` for [`Fault::Slow`], which keeps the normal reply. A vendor fake
    /// wording its own fault replies ([`Router::fault_reply`](super::Router::fault_reply))
    /// uses it so its statuses stay the kit's.
    ///
    /// ```
    /// use neo_auth_core::testkit::Fault;
    /// assert_eq!(Fault::ServerError { status: 503, times: 1 }.status(), Some(503));
    /// assert_eq!(Fault::ServerError { status: 200, times: 1 }.status(), Some(500));
    /// assert_eq!(Fault::TokenLocked { times: 1 }.status(), Some(423));
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            Fault::RateLimited { .. } => Some(429),
            Fault::ServerError { status, .. } | Fault::TokenServerError { status, .. } => {
                Some(error_status(*status))
            }
            Fault::Slow { .. } => None,
            Fault::Unauthorized { .. } => Some(401),
            Fault::MalformedJson { .. } => Some(200),
            Fault::TokenLocked { .. } => Some(423),
        }
    }

    /// The kit's generic reply for a fault that replaces the normal one (`None`
    /// for [`Fault::Slow`]): 429 `text/plain` (with `Retry-After` when set),
    /// 5xx `{"message": …}`, 401 `{"message": …}` with
    /// `WWW-Authenticate: Bearer error="invalid_token"`, a truncated
    /// `{"items": [...` body, the token endpoint's OAuth `server_error` and 423
    /// `{"error": "locked", …}`.
    pub fn default_reply(&self) -> Option<Reply> {
        Some(match self {
            Fault::RateLimited { retry_after, .. } => {
                let reply = Reply::text(429, "Too Many Requests");
                match retry_after {
                    Some(secs) => reply.with_header("Retry-After", secs.to_string()),
                    None => reply,
                }
            }
            Fault::ServerError { status, .. } => Reply::json(
                error_status(*status),
                &json!({"message": "An error has occurred."}),
            ),
            Fault::Slow { .. } => return None,
            Fault::Unauthorized { .. } => unauthorized(),
            Fault::MalformedJson { .. } => Reply::raw(
                200,
                &br#"{"items": [{"id": 1, "name": "Printer off"#[..],
                "application/json",
            ),
            Fault::TokenServerError { status, .. } => Reply::oauth_error(
                error_status(*status),
                "server_error",
                Some("The authorisation server failed"),
            ),
            Fault::TokenLocked { .. } => locked(),
        })
    }
}

/// The kit's generic 401 for a missing, unknown, expired or revoked token.
pub(crate) fn unauthorized() -> Reply {
    Reply::json(
        401,
        &json!({"message": "Authorization has been denied for this request."}),
    )
    .with_header("WWW-Authenticate", r#"Bearer error="invalid_token""#)
}

/// The kit's 423 for a locked client key.
pub(crate) fn locked() -> Reply {
    Reply::oauth_error(
        423,
        "locked",
        Some("This key asked for too many tokens and is locked; reuse the unexpired token"),
    )
}

/// `status` when it is a 4xx or 5xx, else 500.
pub(crate) fn error_status(status: u16) -> u16 {
    if (400..=599).contains(&status) {
        status
    } else {
        500
    }
}

/// What kind of request a fake is answering, as its
/// [`Router::target`](super::Router::target) says: it decides which faults apply
/// and which counter counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Target {
    /// An API request: API faults apply, [`FakeHttp::api_requests`](super::FakeHttp::api_requests) counts it.
    Api,
    /// A request to the token endpoint: token faults apply,
    /// [`FakeHttp::token_requests`](super::FakeHttp::token_requests) counts it.
    Token,
    /// Anything else (discovery documents, unknown paths): no fault applies.
    Other,
}

#[derive(Debug)]
struct Queued {
    fault: Fault,
    prefix: Option<String>,
    remaining: usize,
}

/// The queue of injected faults (inside every [`FakeHttp`](super::FakeHttp);
/// public so a router can also be tested without HTTP).
///
/// ```
/// use neo_auth_core::testkit::{Fault, FaultQueue, Target};
/// let mut queue = FaultQueue::default();
/// queue.push(Fault::ServerError { status: 503, times: 2 }, Some("/api/Tickets"));
/// assert_eq!(queue.take(Target::Api, "/api/clients"), None);
/// assert_eq!(queue.take(Target::Token, "/api/tickets"), None);
/// assert!(queue.take(Target::Api, "/api/tickets/7").is_some());
/// assert_eq!(queue.pending(), 1);
/// ```
#[derive(Debug, Default)]
pub struct FaultQueue {
    queue: VecDeque<Queued>,
    applied: usize,
}

impl FaultQueue {
    /// Queues a fault, optionally only for paths starting with `prefix`
    /// (case-insensitive). A fault with `times: 0` is dropped.
    pub fn push(&mut self, fault: Fault, prefix: Option<&str>) {
        let remaining = fault.times();
        if remaining > 0 {
            self.queue.push_back(Queued {
                fault,
                prefix: prefix.map(str::to_ascii_lowercase),
                remaining,
            });
        }
    }

    /// Takes the first queued fault that matches a request of `target` to
    /// `path` (compared lower-cased); never one for [`Target::Other`].
    pub fn take(&mut self, target: Target, path: &str) -> Option<Fault> {
        let token = match target {
            Target::Api => false,
            Target::Token => true,
            Target::Other => return None,
        };
        let path = path.to_ascii_lowercase();
        let index = self.queue.iter().position(|q| {
            q.fault.is_for_token_endpoint() == token
                && q.prefix.as_deref().is_none_or(|p| path.starts_with(p))
        })?;
        let entry = self.queue.get_mut(index)?;
        entry.remaining -= 1;
        let fault = entry.fault.clone();
        if entry.remaining == 0 {
            self.queue.remove(index);
        }
        self.applied += 1;
        Some(fault)
    }

    /// How many more requests queued faults will hit.
    pub fn pending(&self) -> usize {
        self.queue.iter().map(|q| q.remaining).sum()
    }

    /// How many requests got a fault so far.
    pub fn applied(&self) -> usize {
        self.applied
    }

    /// Drops every queued fault.
    pub fn clear(&mut self) {
        self.queue.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifo_by_target_and_prefix() {
        let mut q = FaultQueue::default();
        q.push(Fault::Unauthorized { times: 0 }, None);
        q.push(
            Fault::TokenServerError {
                status: 500,
                times: 1,
            },
            None,
        );
        q.push(
            Fault::ServerError {
                status: 502,
                times: 2,
            },
            Some("/API/Tickets"),
        );
        q.push(Fault::Unauthorized { times: 1 }, None);
        q.push(Fault::TokenLocked { times: 1 }, None);
        assert_eq!(q.pending(), 5);
        assert_eq!(
            q.take(Target::Api, "/api/client"),
            Some(Fault::Unauthorized { times: 1 })
        );
        assert!(q.take(Target::Api, "/api/client").is_none());
        assert!(matches!(
            q.take(Target::Api, "/api/Tickets/3"),
            Some(Fault::ServerError { status: 502, .. })
        ));
        assert!(matches!(
            q.take(Target::Token, "/auth/token"),
            Some(Fault::TokenServerError { .. })
        ));
        assert_eq!(
            q.take(Target::Token, "/auth/token"),
            Some(Fault::TokenLocked { times: 1 })
        );
        assert!(q.take(Target::Token, "/auth/token").is_none());
        assert!(q.take(Target::Api, "/api/tickets").is_some());
        assert!(q.take(Target::Api, "/api/tickets").is_none());
        assert_eq!((q.pending(), q.applied()), (0, 5));
        q.push(Fault::MalformedJson { times: 1 }, None);
        assert!(q.take(Target::Other, "/api/authinfo").is_none());
        q.clear();
        assert_eq!(q.pending(), 0);
    }

    #[test]
    fn default_replies() {
        let with = Fault::RateLimited {
            retry_after: Some(7),
            times: 1,
        };
        let reply = with.default_reply().expect("a reply");
        assert_eq!(
            (reply.status(), reply.header("retry-after")),
            (429, Some("7"))
        );
        let without = Fault::RateLimited {
            retry_after: None,
            times: 1,
        };
        assert_eq!(
            without
                .default_reply()
                .expect("reply")
                .header("retry-after"),
            None
        );
        let server = Fault::ServerError {
            status: 200,
            times: 1,
        };
        assert_eq!(server.default_reply().expect("reply").status(), 500);
        let malformed = Fault::MalformedJson { times: 1 }
            .default_reply()
            .expect("reply");
        assert_eq!(malformed.status(), 200);
        assert!(malformed.body_json().is_none());
        assert_eq!(
            Fault::TokenLocked { times: 1 }
                .default_reply()
                .expect("reply")
                .status(),
            423
        );
        let slow = Fault::Slow {
            delay: Duration::from_millis(5),
            times: 1,
        };
        assert_eq!(slow.default_reply(), None);
        assert_eq!(slow.status(), None);
        for fault in [
            with,
            server,
            Fault::Unauthorized { times: 1 },
            Fault::MalformedJson { times: 1 },
            Fault::TokenServerError {
                status: 502,
                times: 1,
            },
            Fault::TokenLocked { times: 1 },
        ] {
            assert_eq!(
                fault.status(),
                fault.default_reply().map(|r| r.status()),
                "{fault:?}"
            );
        }
        assert_eq!(slow.delay(), Some(Duration::from_millis(5)));
    }
}
