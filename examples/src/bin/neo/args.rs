//! The command line: which command, with which flags. Anything not understood is
//! a usage error (exit 2), so a typo such as `--fkae` never falls back to the
//! environment's real credentials.

use std::fmt;

/// The usage text.
pub const USAGE: &str = "usage:
  neo demo                                  the whole flow against the embedded HaloPSA fake
  neo halopsa doctor [--fake] [--scopes S]  check a HaloPSA credential (HALOPSA_* variables);
                                            exits 1 when the report lists problems
  neo halopsa tickets [--open] [--fake] [--scopes S]
                                            stream tickets
  neo help                                  this text

  --fake        use the embedded HaloPSA fake instead of the HALOPSA_* variables
  --scopes S    request these Halo scopes (space- or comma-separated) instead of
                HALOPSA_SCOPES / `all`
  --open        open tickets only";

/// A parsed command.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// `neo demo`.
    Demo,
    /// `neo halopsa doctor`.
    Doctor(Flags),
    /// `neo halopsa tickets`.
    Tickets(Flags),
    /// `neo help`, `--help`, `-h` or nothing.
    Help,
}

/// The flags of the `halopsa` commands.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `--fake`: run against the embedded fake.
    pub fake: bool,
    /// `--open`: open tickets only (`tickets` only).
    pub open: bool,
    /// `--scopes`: the scopes to request, if given.
    pub scopes: Option<Vec<String>>,
}

/// Why the command line was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["help" | "--help" | "-h"] => Ok(Command::Help),
        ["demo"] => Ok(Command::Demo),
        ["demo", extra, ..] => Err(UsageError(format!(
            "`neo demo` takes no argument: `{extra}`"
        ))),
        ["halopsa", "doctor", rest @ ..] => flags(rest, false).map(Command::Doctor),
        ["halopsa", "tickets", rest @ ..] => flags(rest, true).map(Command::Tickets),
        ["halopsa", other, ..] => Err(UsageError(format!("unknown halopsa command `{other}`"))),
        ["halopsa"] => Err(UsageError("`neo halopsa` needs a command".to_owned())),
        [other, ..] => Err(UsageError(format!("unknown command `{other}`"))),
    }
}

fn flags(rest: &[&str], open_allowed: bool) -> Result<Flags, UsageError> {
    let mut flags = Flags::default();
    let mut rest = rest.iter();
    while let Some(&word) = rest.next() {
        match word {
            "--fake" => flags.fake = true,
            "--open" if open_allowed => flags.open = true,
            "--scopes" => {
                let value = rest
                    .next()
                    .ok_or_else(|| UsageError("`--scopes` needs a value".to_owned()))?;
                flags.scopes = Some(scopes(value)?);
            }
            _ => match word.strip_prefix("--scopes=") {
                Some(value) => flags.scopes = Some(scopes(value)?),
                None => return Err(UsageError(format!("unknown argument `{word}`"))),
            },
        }
    }
    Ok(flags)
}

fn scopes(value: &str) -> Result<Vec<String>, UsageError> {
    let scopes: Vec<String> = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if scopes.is_empty() {
        return Err(UsageError("`--scopes` needs at least one scope".to_owned()));
    }
    Ok(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, UsageError> {
        parse(&words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn commands_and_flags() {
        assert_eq!(parse_words(&[]), Ok(Command::Help));
        assert_eq!(parse_words(&["demo"]), Ok(Command::Demo));
        assert_eq!(
            parse_words(&["halopsa", "tickets", "--open", "--fake"]),
            Ok(Command::Tickets(Flags {
                fake: true,
                open: true,
                scopes: None
            }))
        );
        assert_eq!(
            parse_words(&["halopsa", "doctor", "--scopes", "read:tickets, edit:assets"]),
            Ok(Command::Doctor(Flags {
                fake: false,
                open: false,
                scopes: Some(vec!["read:tickets".into(), "edit:assets".into()])
            }))
        );
        assert_eq!(
            parse_words(&["halopsa", "doctor", "--scopes=all", "--fake"]),
            Ok(Command::Doctor(Flags {
                fake: true,
                open: false,
                scopes: Some(vec!["all".into()])
            }))
        );
    }

    #[test]
    fn anything_not_understood_is_refused() {
        for words in [
            &["halopsa", "doctor", "--fkae"][..],
            &["halopsa", "doctor", "--open"],
            &["halopsa", "doctor", "--scopes"],
            &["halopsa", "doctor", "--scopes", " , "],
            &["halopsa", "tickets", "open"],
            &["halopsa", "doktor"],
            &["halopsa"],
            &["demo", "--fast"],
            &["dmeo"],
        ] {
            assert!(parse_words(words).is_err(), "{words:?}");
        }
        assert_eq!(
            parse_words(&["halopsa", "doctor", "--fkae"]),
            Err(UsageError("unknown argument `--fkae`".to_owned()))
        );
    }
}
