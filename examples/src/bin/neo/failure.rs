//! Why a command failed, its exit code (the one place errors become exit
//! codes) and its one-line message.

use neo_auth_core::Error;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Anything not covered by another code.
pub const EXIT_OTHER: u8 = 1;
/// A usage or configuration error: nothing was sent.
pub const EXIT_USAGE: u8 = 2;
/// A scope, permission or policy denial, or a doctor finding a required
/// permission missing.
pub const EXIT_DENIED: u8 = 3;
/// Authentication failed.
pub const EXIT_AUTH: u8 = 4;
/// The vendor API failed after retries.
pub const EXIT_API: u8 = 5;

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// The command line or the configuration is wrong (exit 2).
    Usage(String),
    /// The SDK refused or failed a call.
    Sdk(Error),
    /// Something else went wrong, in words (exit 1).
    Other(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Sdk(error)
    }
}

/// A usage error.
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(message.into())
}

/// The exit code of an SDK error.
pub fn exit_code_of(error: &Error) -> u8 {
    match error {
        Error::Config { .. } => EXIT_USAGE,
        Error::MissingScope { .. }
        | Error::Forbidden { .. }
        | Error::PolicyDenied { .. }
        | Error::ApprovalRequired { .. } => EXIT_DENIED,
        Error::Auth(_) => EXIT_AUTH,
        Error::Shared(inner) => exit_code_of(inner),
        Error::WriteUncertain { .. }
        | Error::Timeout { .. }
        | Error::Transport { .. }
        | Error::PaginationStalled { .. }
        | Error::UnexpectedReply { .. } => EXIT_API,
        Error::Api(api) if api.status.is_server_error() || api.status.as_u16() == 429 => EXIT_API,
        _ => EXIT_OTHER,
    }
}

impl Failure {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Sdk(error) => exit_code_of(error),
            Failure::Other(_) => EXIT_OTHER,
        }
    }

    /// The message: one line saying what failed, why and what to do. Causes
    /// the message does not already contain are appended; no secret reaches
    /// it (the SDK's errors are redacted at their source).
    pub fn line(&self) -> String {
        let text = match self {
            Failure::Usage(message) | Failure::Other(message) => message.clone(),
            Failure::Sdk(error) => {
                let mut text = error.to_string();
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    let cause_text = cause.to_string();
                    if !cause_text.is_empty() && !text.contains(&cause_text) {
                        text.push_str(": ");
                        text.push_str(&cause_text);
                    }
                    source = cause.source();
                }
                if let Some(hint) = hint(self.exit_code(), error) {
                    text.push_str(" — ");
                    text.push_str(hint);
                }
                text
            }
        };
        one_line(&text)
    }
}

/// What to do, for errors whose message does not say it already.
fn hint(code: u8, error: &Error) -> Option<&'static str> {
    match code {
        EXIT_AUTH => Some(
            "check the client id, secret and tenant (or the token) in the vendor portal and in your configuration",
        ),
        EXIT_DENIED if needs_approval(error) => {
            Some("to go ahead, add --approve \"<who>: <why>\" (who approved the write, and why)")
        }
        EXIT_API if error.is_write_uncertain() => {
            Some("check whether the write was applied before repeating it")
        }
        EXIT_API => Some("the vendor API did not answer successfully; try again later"),
        _ => None,
    }
}

/// Whether `error` is a write the policy holds until it is approved.
fn needs_approval(error: &Error) -> bool {
    match error {
        Error::ApprovalRequired { .. } => true,
        Error::Shared(inner) => needs_approval(inner),
        _ => false,
    }
}

/// Collapses white space runs (newlines included) into single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn errors_map_to_the_documented_exit_codes() {
        assert_eq!(exit_code_of(&Error::config("x")), EXIT_USAGE);
        let denied = Error::PolicyDenied {
            operation: "tickets.create".into(),
            area: "tickets".into(),
            allowed: neo_auth_core::AreaAccess::Read,
            needed: neo_auth_core::Access::Write,
        };
        assert_eq!(exit_code_of(&denied), EXIT_DENIED);
        assert_eq!(exit_code_of(&Error::Shared(Arc::new(denied))), EXIT_DENIED);
        let approval = Error::ApprovalRequired {
            operation: "tickets.create".into(),
            area: "tickets".into(),
        };
        assert_eq!(exit_code_of(&approval), EXIT_DENIED);
        assert_eq!(
            exit_code_of(&Error::timeout("GET /x", std::time::Duration::from_secs(1))),
            EXIT_API
        );
        assert_eq!(
            exit_code_of(&Error::PaginationStalled {
                pages: 3,
                reason: "x".into()
            }),
            EXIT_API
        );
        assert_eq!(
            exit_code_of(&Error::unexpected_reply("POST /tickets", "no id", b"{}")),
            EXIT_API
        );
        assert_eq!(Failure::Other("x".into()).exit_code(), EXIT_OTHER);
        assert_eq!(usage("x").exit_code(), EXIT_USAGE);
    }

    #[test]
    fn a_write_held_for_approval_says_how_to_approve() {
        let held = Failure::Sdk(Error::Shared(Arc::new(Error::ApprovalRequired {
            operation: "tickets.create".into(),
            area: "tickets".into(),
        })));
        assert_eq!(held.exit_code(), EXIT_DENIED);
        assert!(
            held.line().ends_with("(who approved the write, and why)"),
            "{}",
            held.line()
        );
        let denied = Failure::Sdk(Error::PolicyDenied {
            operation: "tickets.create".into(),
            area: "tickets".into(),
            allowed: neo_auth_core::AreaAccess::Read,
            needed: neo_auth_core::Access::Write,
        });
        assert!(!denied.line().contains("--approve"), "{}", denied.line());
    }

    #[test]
    fn the_message_is_one_line() {
        let failure = Failure::Usage("first\nsecond   third".into());
        assert_eq!(failure.line(), "first second third");
        let failure = Failure::Sdk(Error::config_with(
            "the --data file cannot be read",
            std::io::Error::other("no such file"),
        ));
        assert_eq!(
            failure.line(),
            "configuration error: the --data file cannot be read: no such file"
        );
    }
}
