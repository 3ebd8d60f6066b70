//! Injected faults: what can go wrong, the FIFO queue, and the responses they give.

use std::collections::VecDeque;
use std::time::Duration;

use wiremock::ResponseTemplate;

use super::reply;

/// A fault to inject with [`FakeServer::inject`](super::FakeServer::inject) or
/// [`FakeServer::inject_on`](super::FakeServer::inject_on). Faults apply in FIFO
/// order to the next matching requests, each `times` times: every kind but
/// [`Fault::TokenServerError`] to API requests (`/api/...` except `/api/authinfo`),
/// `TokenServerError` to the token endpoint only.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub enum Fault {
    /// 429 with Halo's text body `Rate Limit Reached - … window`, and a
    /// `Retry-After: <secs>` header when `retry_after` is `Some` (Halo sends none).
    RateLimited {
        /// Seconds for the `Retry-After` header, if any.
        retry_after: Option<u64>,
        /// How many requests get this fault.
        times: usize,
    },
    /// A server error with this status (500, 502, 503, …; an invalid status gives 500).
    ServerError {
        /// The HTTP status.
        status: u16,
        /// How many requests get this fault.
        times: usize,
    },
    /// The normal response, delayed. The request is processed (a write is applied)
    /// before the delay, as with a slow real server.
    Slow {
        /// How long to hold the response.
        delay: Duration,
        /// How many requests get this fault.
        times: usize,
    },
    /// 401 `Authorization has been denied for this request.`, even with a valid token.
    Unauthorized {
        /// How many requests get this fault.
        times: usize,
    },
    /// 200 with a truncated JSON body.
    MalformedJson {
        /// How many requests get this fault.
        times: usize,
    },
    /// The token endpoint answers with this status (and an OAuth `server_error` body).
    TokenServerError {
        /// The HTTP status.
        status: u16,
        /// How many requests get this fault.
        times: usize,
    },
}

impl Fault {
    fn times(&self) -> usize {
        match self {
            Fault::RateLimited { times, .. }
            | Fault::ServerError { times, .. }
            | Fault::Slow { times, .. }
            | Fault::Unauthorized { times }
            | Fault::MalformedJson { times }
            | Fault::TokenServerError { times, .. } => *times,
        }
    }

    fn for_token_endpoint(&self) -> bool {
        matches!(self, Fault::TokenServerError { .. })
    }
}

/// Which kind of request is being answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `/api/...` except `/api/authinfo`.
    Api,
    /// The token endpoint.
    Token,
}

#[derive(Debug)]
struct Queued {
    fault: Fault,
    prefix: Option<String>,
    remaining: usize,
}

/// The queue of injected faults.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    queue: VecDeque<Queued>,
}

impl FaultQueue {
    /// Queues a fault, optionally restricted to a (case-insensitive) path prefix.
    pub(crate) fn push(&mut self, fault: Fault, prefix: Option<&str>) {
        let remaining = fault.times();
        if remaining > 0 {
            self.queue.push_back(Queued {
                fault,
                prefix: prefix.map(str::to_ascii_lowercase),
                remaining,
            });
        }
    }

    /// Takes the first queued fault matching this request (`path` lowercase), if any.
    pub(crate) fn take(&mut self, target: Target, path: &str) -> Option<Fault> {
        let index = self.queue.iter().position(|q| {
            q.fault.for_token_endpoint() == (target == Target::Token)
                && q.prefix.as_deref().is_none_or(|p| path.starts_with(p))
        })?;
        let entry = self.queue.get_mut(index)?;
        entry.remaining -= 1;
        let fault = entry.fault.clone();
        if entry.remaining == 0 {
            self.queue.remove(index);
        }
        Some(fault)
    }
}

/// What a fault does to a response.
pub(crate) enum Effect {
    /// Answer with this instead.
    Replace(ResponseTemplate),
    /// Answer normally, after this delay.
    Delay(Duration),
}

/// The effect of a fault; `rate_limit_text` is the 429 body.
pub(crate) fn effect(fault: &Fault, rate_limit_text: &str) -> Effect {
    match fault {
        Fault::RateLimited { retry_after, .. } => {
            let mut response = reply::text(429, rate_limit_text);
            if let Some(secs) = retry_after {
                response = response.insert_header("Retry-After", secs.to_string());
            }
            Effect::Replace(response)
        }
        Fault::ServerError { status, .. } => Effect::Replace(reply::json(
            reply::error_status(*status),
            &serde_json::json!({"ClassName": "System.Exception", "Message": "An error has occurred."}),
        )),
        Fault::Slow { delay, .. } => Effect::Delay(*delay),
        Fault::Unauthorized { .. } => Effect::Replace(reply::unauthorized()),
        Fault::MalformedJson { .. } => Effect::Replace(ResponseTemplate::new(200).set_body_raw(
            &br#"{"record_count": 3, "tickets": [{"id": 1, "summary": "Printer off"#[..],
            "application/json",
        )),
        Fault::TokenServerError { status, .. } => Effect::Replace(reply::json(
            reply::error_status(*status),
            &serde_json::json!({"error": "server_error", "error_description": "The authorisation server failed"}),
        )),
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
        assert!(matches!(
            q.take(Target::Api, "/api/client"),
            Some(Fault::Unauthorized { .. })
        ));
        assert!(q.take(Target::Api, "/api/client").is_none());
        assert!(matches!(
            q.take(Target::Api, "/api/tickets/3"),
            Some(Fault::ServerError { .. })
        ));
        assert!(matches!(
            q.take(Target::Token, "/auth/token"),
            Some(Fault::TokenServerError { .. })
        ));
        assert!(q.take(Target::Token, "/auth/token").is_none());
        assert!(matches!(
            q.take(Target::Api, "/api/tickets"),
            Some(Fault::ServerError { .. })
        ));
        assert!(q.take(Target::Api, "/api/tickets").is_none());
    }
}
