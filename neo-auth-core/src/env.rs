//! Configuration from environment variables, reporting *every* missing or
//! invalid variable in one error, each with an example value and where in the
//! vendor portal it comes from.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use secrecy::SecretString;

use crate::error::{Error, Result};

/// One environment variable a vendor reads: its name, an example value and
/// where the value comes from (a place in the vendor portal), for the error
/// that names it. Declared as a `const` by the vendor crate.
///
/// ```
/// use neo_auth_core::EnvVar;
/// const CLIENT_ID: EnvVar = EnvVar::new(
///     "HALOPSA_CLIENT_ID",
///     "3f2a…-client-id",
///     "Configuration → Integrations → Halo API → View Applications → Client ID",
/// );
/// assert_eq!(CLIENT_ID.name, "HALOPSA_CLIENT_ID");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvVar {
    /// The variable's name, e.g. `HALOPSA_CLIENT_ID`.
    pub name: &'static str,
    /// An example value (never a real secret), e.g. `https://acme.halopsa.com`.
    pub example: &'static str,
    /// Where the value comes from, e.g. the portal page that shows it.
    pub source: &'static str,
}

impl EnvVar {
    /// A variable with its example value and where the value comes from.
    pub const fn new(name: &'static str, example: &'static str, source: &'static str) -> Self {
        EnvVar {
            name,
            example,
            source,
        }
    }
}

/// What is wrong with one variable.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EnvProblem {
    /// The variable.
    pub var: EnvVar,
    /// What is wrong: `is not set`, `must be …, got `x``.
    pub problem: String,
}

impl fmt::Display for EnvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (e.g. `{}`; from {})",
            self.var.name, self.problem, self.var.example, self.var.source
        )
    }
}

type Lookup<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;

/// Reads a vendor's environment variables and collects every problem, so one
/// error names everything to fix.
///
/// The getters never fail: a missing or invalid variable is recorded and an
/// empty value (or `None`) returned; [`EnvVars::finish`] then hands back the
/// value built from them, or the one [`Error::Config`] listing every problem.
/// A variable set to blanks counts as not set.
///
/// ```
/// use neo_auth_core::{EnvVar, EnvVars};
/// use secrecy::SecretString;
///
/// const BASE_URL: EnvVar = EnvVar::new("ACME_BASE_URL", "https://acme.example.com", "the portal's API page");
/// const SECRET: EnvVar = EnvVar::new("ACME_SECRET", "s3cr3t", "Settings → API keys");
/// const PAGE: EnvVar = EnvVar::new("ACME_PAGE_SIZE", "100", "your choice (1–1000)");
///
/// struct Config { base_url: String, secret: SecretString, page_size: Option<u32> }
///
/// let mut env = EnvVars::from_pairs("Acme", [("ACME_PAGE_SIZE", "many")]);
/// let config = Config {
///     base_url: env.required(&BASE_URL),
///     secret: env.secret(&SECRET),
///     page_size: env.parse(&PAGE),
/// };
/// let error = env.finish(config).err().expect("three problems");
/// let text = error.to_string();
/// assert!(text.contains("ACME_BASE_URL is not set (e.g. `https://acme.example.com`; from the portal's API page)"));
/// assert!(text.contains("ACME_SECRET is not set"));
/// assert!(text.contains("ACME_PAGE_SIZE is not valid"));
/// ```
pub struct EnvVars<'a> {
    vendor: String,
    lookup: Lookup<'a>,
    problems: Vec<EnvProblem>,
}

impl fmt::Debug for EnvVars<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvVars")
            .field("vendor", &self.vendor)
            .field("problems", &self.problems)
            .finish_non_exhaustive()
    }
}

impl EnvVars<'static> {
    /// Reads the process environment (`std::env::var`).
    pub fn from_env(vendor: impl Into<String>) -> Self {
        EnvVars::with_lookup(vendor, |name| std::env::var(name).ok())
    }

    /// Reads from fixed pairs instead of the environment (tests, config files).
    pub fn from_pairs<I, K, V>(vendor: impl Into<String>, pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let map: HashMap<String, String> = pairs
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        EnvVars::with_lookup(vendor, move |name| map.get(name).cloned())
    }
}

impl<'a> EnvVars<'a> {
    /// Reads variables through `lookup` (a map, a test's closure).
    pub fn with_lookup(
        vendor: impl Into<String>,
        lookup: impl Fn(&str) -> Option<String> + 'a,
    ) -> Self {
        EnvVars {
            vendor: vendor.into(),
            lookup: Box::new(lookup),
            problems: Vec::new(),
        }
    }

    /// The value, trimmed; `None` when unset or blank.
    fn get(&self, var: &EnvVar) -> Option<String> {
        (self.lookup)(var.name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn record(&mut self, var: &EnvVar, problem: impl Into<String>) {
        self.problems.push(EnvProblem {
            var: *var,
            problem: problem.into(),
        });
    }

    /// A required variable; empty (and recorded) when not set.
    pub fn required(&mut self, var: &EnvVar) -> String {
        self.get(var).unwrap_or_else(|| {
            self.record(var, "is not set");
            String::new()
        })
    }

    /// A required secret; empty (and recorded) when not set. The value never
    /// appears in an error.
    pub fn secret(&mut self, var: &EnvVar) -> SecretString {
        SecretString::from(self.required(var))
    }

    /// An optional variable.
    pub fn optional(&mut self, var: &EnvVar) -> Option<String> {
        self.get(var)
    }

    /// An optional variable parsed as `T`; an unparsable value is recorded
    /// (quoted in the error: do not use this for secrets) and gives `None`.
    pub fn parse<T>(&mut self, var: &EnvVar) -> Option<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        let raw = self.get(var)?;
        match raw.parse::<T>() {
            Ok(value) => Some(value),
            Err(e) => {
                self.record(var, format!("is not valid: {e}, got `{}`", shorten(&raw)));
                None
            }
        }
    }

    /// A required variable parsed as `T`; `None` (and recorded) when not set or
    /// not valid.
    pub fn parse_required<T>(&mut self, var: &EnvVar) -> Option<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        if self.get(var).is_none() {
            self.record(var, "is not set");
            return None;
        }
        self.parse(var)
    }

    /// An optional list separated by spaces and/or commas (`read:tickets,
    /// edit:tickets` or `read:tickets edit:tickets`), empty entries dropped;
    /// `None` when unset or holding no entry.
    pub fn words(&mut self, var: &EnvVar) -> Option<Vec<String>> {
        let raw = self.get(var)?;
        let words: Vec<String> = raw
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        (!words.is_empty()).then_some(words)
    }

    /// Records a problem found by the vendor's own check of a value (a region
    /// that is not one of the listed ones, say).
    pub fn invalid(&mut self, var: &EnvVar, problem: impl Into<String>) {
        self.record(var, problem);
    }

    /// The problems recorded so far.
    pub fn problems(&self) -> &[EnvProblem] {
        &self.problems
    }

    /// `value` when no variable was missing or invalid; otherwise one
    /// [`Error::Config`] naming every problem, one per line.
    pub fn finish<T>(self, value: T) -> Result<T> {
        if self.problems.is_empty() {
            return Ok(value);
        }
        let lines: Vec<String> = self.problems.iter().map(|p| format!("  - {p}")).collect();
        Err(Error::config(format!(
            "the {} configuration from the environment is incomplete ({} problem{}):\n{}",
            self.vendor,
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" },
            lines.join("\n")
        )))
    }
}

/// A value quoted in an error: at most 60 characters.
fn shorten(raw: &str) -> String {
    let mut chars = raw.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
