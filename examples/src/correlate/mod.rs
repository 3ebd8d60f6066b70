//! Device → PSA company correlation.
//!
//! An RMM (Asio, VSA X) knows a device's organization by name, sometimes with
//! an identifier the MSP copied from the PSA (an account number, a short code);
//! the PSA (HaloPSA, ConnectWise Manage) has companies with names and their own
//! identifiers. [`Correlator`] matches the two the way an MSP admin would:
//!
//! 1. an identifier both sides carry, compared case-insensitively;
//! 2. otherwise the normalised name ([`normalise_name`]): case, punctuation and
//!    legal suffixes such as "Inc", "Ltd" or "GmbH" are ignored.
//!
//! Two companies that match equally well are reported as
//! [`Correlation::Ambiguous`], never guessed.
//!
//! The vendor crates' records plug in directly ([`sources`]): a
//! [`Correlator`] is built from HaloPSA or ConnectWise Manage companies with
//! [`Correlator::from_companies`], and Asio or VSA X devices become
//! [`RmmDevice`]s whose [`owner`](RmmDevice::owner) it matches;
//! [`Correlator::find`] answers with the company or a [`NoMatch`] that
//! prints as one line.
//!
//! ```
//! use examples::correlate::{Correlation, Correlator, MatchedBy, Owner};
//!
//! let companies = Correlator::new()
//!     .company(1, "Acme Corporation", ["ACME01"])
//!     .company(2, "Globex, Inc.", [] as [&str; 0]);
//!
//! match companies.correlate(&Owner::named("GLOBEX")) {
//!     Correlation::Matched { company, by } => {
//!         assert_eq!(company.key, 2);
//!         assert_eq!(by, MatchedBy::Name);
//!     }
//!     other => panic!("{other:?}"),
//! }
//! assert!(matches!(
//!     companies.correlate(&Owner::named("Acme").identifier("acme01")),
//!     Correlation::Matched { by: MatchedBy::Identifier, .. }
//! ));
//! ```

pub mod sources;

use std::fmt;

pub use sources::{PsaCompany, Rmm, RmmDevice};

/// Words dropped from the end of a name: legal forms that one system records
/// and the other leaves out ("Acme Ltd" is "Acme").
pub const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "bv",
    "nv",
    "sa",
    "sarl",
    "srl",
    "pty",
    "pte",
    "oy",
    "ab",
    "as",
];

/// The name as compared: lower case, `&` read as `and`, every run of other
/// punctuation or white space one space, and legal suffixes
/// ([`LEGAL_SUFFIXES`]) dropped from the end (repeatedly: "Pty. Ltd.").
/// A name that is nothing but a suffix keeps it ("Company" stays `company`).
///
/// ```
/// use examples::correlate::normalise_name;
/// assert_eq!(normalise_name("  ACME   Pty. Ltd. "), "acme");
/// assert_eq!(normalise_name("Smith & Sons, L.L.C."), "smith and sons");
/// ```
pub fn normalise_name(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in name.chars() {
        match c {
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            // Dots inside abbreviations ("L.L.C.") join their letters.
            '.' => {}
            other => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                if other == '&' {
                    words.push("and".to_owned());
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str()))
    {
        words.pop();
    }
    words.join(" ")
}

/// One PSA company the correlator can match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company<K> {
    /// The caller's key for it (the PSA's company id).
    pub key: K,
    /// Its name as the PSA shows it.
    pub name: String,
    /// Identifiers the MSP may also have recorded in the RMM (account number,
    /// short code), compared case-insensitively.
    pub identifiers: Vec<String>,
    normalised: String,
}

/// The owner of a device, as the RMM knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner<'a> {
    /// The organization's (or site's) name.
    pub name: &'a str,
    /// An identifier the MSP recorded for it, if any.
    pub identifier: Option<&'a str>,
}

impl<'a> Owner<'a> {
    /// An owner known by name only.
    pub fn named(name: &'a str) -> Self {
        Owner {
            name,
            identifier: None,
        }
    }

    /// Adds the identifier recorded for the owner.
    pub fn identifier(mut self, identifier: &'a str) -> Self {
        self.identifier = Some(identifier);
        self
    }
}

/// How a match was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchedBy {
    /// An identifier both sides carry.
    Identifier,
    /// The normalised name.
    Name,
}

impl fmt::Display for MatchedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MatchedBy::Identifier => "identifier",
            MatchedBy::Name => "name",
        })
    }
}

/// The answer of [`Correlator::correlate`].
#[derive(Debug, PartialEq, Eq)]
pub enum Correlation<'c, K> {
    /// Exactly one company matches.
    Matched {
        /// The company.
        company: &'c Company<K>,
        /// How it was found.
        by: MatchedBy,
    },
    /// Several companies match equally well: the caller (or the admin) decides.
    Ambiguous(Vec<&'c Company<K>>),
    /// No company matches.
    Unmatched,
}

/// Matches device owners to PSA companies; see the [module docs](self).
#[derive(Clone, Debug, Default)]
pub struct Correlator<K> {
    companies: Vec<Company<K>>,
}

impl<K> Correlator<K> {
    /// An empty correlator.
    pub fn new() -> Self {
        Correlator {
            companies: Vec::new(),
        }
    }

    /// Adds a company with its name and identifiers.
    pub fn company<I, S>(mut self, key: K, name: impl Into<String>, identifiers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.push(key, name, identifiers);
        self
    }

    /// Adds a company (the non-chaining form of [`Correlator::company`]).
    pub fn push<I, S>(&mut self, key: K, name: impl Into<String>, identifiers: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let name = name.into();
        let normalised = normalise_name(&name);
        self.companies.push(Company {
            key,
            name,
            identifiers: identifiers
                .into_iter()
                .map(Into::into)
                .filter(|i: &String| !i.trim().is_empty())
                .collect(),
            normalised,
        });
    }

    /// The companies added so far.
    pub fn companies(&self) -> &[Company<K>] {
        &self.companies
    }

    /// The company `owner` belongs to: by identifier first, then by name.
    pub fn correlate(&self, owner: &Owner<'_>) -> Correlation<'_, K> {
        if let Some(identifier) = owner.identifier.map(str::trim).filter(|i| !i.is_empty()) {
            let by_id: Vec<&Company<K>> = self
                .companies
                .iter()
                .filter(|c| {
                    c.identifiers
                        .iter()
                        .any(|i| i.trim().eq_ignore_ascii_case(identifier))
                })
                .collect();
            if let Some(found) = Self::one(by_id, MatchedBy::Identifier) {
                return found;
            }
        }
        let name = normalise_name(owner.name);
        if name.is_empty() {
            return Correlation::Unmatched;
        }
        let by_name: Vec<&Company<K>> = self
            .companies
            .iter()
            .filter(|c| c.normalised == name)
            .collect();
        Self::one(by_name, MatchedBy::Name).unwrap_or(Correlation::Unmatched)
    }

    /// [`correlate`](Correlator::correlate) as a `Result`: the one company
    /// `owner` belongs to, or why there is none.
    ///
    /// ```
    /// use examples::correlate::{Correlator, MatchedBy, NoMatch, Owner};
    ///
    /// let companies = Correlator::new()
    ///     .company(1, "Contoso Ltd", ["CONTOSO"])
    ///     .company(2, "Northwind Traders", [] as [&str; 0])
    ///     .company(3, "Northwind Traders Inc", [] as [&str; 0]);
    /// let found = companies.find(&Owner::named("Contoso").identifier("contoso"))?;
    /// assert_eq!((found.company.key, found.by), (1, MatchedBy::Identifier));
    /// let error = companies.find(&Owner::named("NORTHWIND TRADERS")).unwrap_err();
    /// assert!(matches!(error, NoMatch::Ambiguous { .. }));
    /// assert_eq!(
    ///     error.to_string(),
    ///     "\"NORTHWIND TRADERS\" matches several companies (Northwind Traders, Northwind Traders Inc)"
    /// );
    /// # Ok::<(), NoMatch>(())
    /// ```
    pub fn find(&self, owner: &Owner<'_>) -> Result<Match<'_, K>, NoMatch> {
        match self.correlate(owner) {
            Correlation::Matched { company, by } => Ok(Match { company, by }),
            Correlation::Ambiguous(found) => Err(NoMatch::Ambiguous {
                owner: owner.name.to_owned(),
                companies: found.iter().map(|c| c.name.clone()).collect(),
            }),
            Correlation::Unmatched => Err(NoMatch::Unmatched {
                owner: owner.name.to_owned(),
            }),
        }
    }

    fn one(found: Vec<&Company<K>>, by: MatchedBy) -> Option<Correlation<'_, K>> {
        match found.len() {
            0 => None,
            1 => found
                .into_iter()
                .next()
                .map(|company| Correlation::Matched { company, by }),
            _ => Some(Correlation::Ambiguous(found)),
        }
    }
}

/// The company [`Correlator::find`] found.
#[derive(Debug, PartialEq, Eq)]
pub struct Match<'c, K> {
    /// The company.
    pub company: &'c Company<K>,
    /// How it was found.
    pub by: MatchedBy,
}

/// Why [`Correlator::find`] found no single company; its `Display` is one
/// line naming the owner (and the candidates).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoMatch {
    /// Several companies match equally well.
    Ambiguous {
        /// The owner's name, as the RMM spells it.
        owner: String,
        /// The names of the companies that match.
        companies: Vec<String>,
    },
    /// No company matches.
    Unmatched {
        /// The owner's name, as the RMM spells it.
        owner: String,
    },
}

impl fmt::Display for NoMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoMatch::Ambiguous { owner, companies } => write!(
                f,
                "\"{owner}\" matches several companies ({})",
                companies.join(", ")
            ),
            NoMatch::Unmatched { owner } => write!(f, "no company matches \"{owner}\""),
        }
    }
}

impl std::error::Error for NoMatch {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: Correlation<'_, u32>) -> Option<(u32, MatchedBy)> {
        match c {
            Correlation::Matched { company, by } => Some((company.key, by)),
            _ => None,
        }
    }

    #[test]
    fn names_are_compared_without_case_punctuation_or_legal_suffixes() {
        assert_eq!(normalise_name("Acme Inc."), "acme");
        assert_eq!(normalise_name("ACME, Inc"), "acme");
        assert_eq!(normalise_name("acme ltd"), "acme");
        assert_eq!(normalise_name("Acme Pty Ltd"), "acme");
        assert_eq!(normalise_name("Acme GmbH & Co. KG"), "acme gmbh and co kg");
        assert_eq!(normalise_name("Müller GmbH"), "müller");
        assert_eq!(normalise_name("Smith&Sons"), "smith and sons");
        assert_eq!(normalise_name("Smith & Sons LLC"), "smith and sons");
        assert_eq!(
            normalise_name("O'Brien-Walsh  Dental"),
            "o brien walsh dental"
        );
        assert_eq!(normalise_name("Company"), "company");
        assert_eq!(normalise_name(" ... "), "");
        // A suffix in the middle of a name is part of the name.
        assert_eq!(normalise_name("Co Op Foods"), "co op foods");
    }

    #[test]
    fn a_name_matches_its_company_whatever_its_spelling() {
        let c = Correlator::new()
            .company(1u32, "Acme Corporation", [] as [&str; 0])
            .company(2, "Globex Ltd", [] as [&str; 0]);
        assert_eq!(
            key(c.correlate(&Owner::named("acme"))),
            Some((1, MatchedBy::Name))
        );
        assert_eq!(
            key(c.correlate(&Owner::named("ACME, Corp."))),
            Some((1, MatchedBy::Name))
        );
        assert_eq!(
            key(c.correlate(&Owner::named("Globex Limited"))),
            Some((2, MatchedBy::Name))
        );
        assert_eq!(
            c.correlate(&Owner::named("Initech")),
            Correlation::Unmatched
        );
        assert_eq!(c.correlate(&Owner::named("  ")), Correlation::Unmatched);
        // Not a prefix match: "Acme Labs" is another company.
        assert_eq!(
            c.correlate(&Owner::named("Acme Labs")),
            Correlation::Unmatched
        );
    }

    #[test]
    fn an_identifier_wins_over_the_name() {
        let c = Correlator::new()
            .company(1u32, "Acme", ["ACME-01"])
            .company(2, "Acme Inc", ["ACME-02"]);
        assert_eq!(
            key(c.correlate(&Owner::named("Acme").identifier(" acme-02 "))),
            Some((2, MatchedBy::Identifier))
        );
        // An unknown identifier falls back on the name, which is ambiguous here.
        match c.correlate(&Owner::named("Acme").identifier("ACME-99")) {
            Correlation::Ambiguous(found) => {
                let keys: Vec<u32> = found.iter().map(|c| c.key).collect();
                assert_eq!(keys, [1, 2]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn find_names_the_owner_when_nothing_or_too_much_matches() {
        let c = Correlator::new()
            .company(1u32, "Contoso Ltd", ["CONTOSO"])
            .company(2, "Contoso", [] as [&str; 0]);
        let found = c
            .find(&Owner::named("Contoso").identifier("CONTOSO"))
            .unwrap();
        assert_eq!((found.company.key, found.by), (1, MatchedBy::Identifier));
        assert_eq!(
            c.find(&Owner::named("Initech")).unwrap_err(),
            NoMatch::Unmatched {
                owner: "Initech".into()
            }
        );
        let error = c.find(&Owner::named("CONTOSO")).unwrap_err();
        assert_eq!(
            error,
            NoMatch::Ambiguous {
                owner: "CONTOSO".into(),
                companies: vec!["Contoso Ltd".into(), "Contoso".into()],
            }
        );
        assert_eq!(
            error.to_string(),
            "\"CONTOSO\" matches several companies (Contoso Ltd, Contoso)"
        );
    }

    #[test]
    fn ambiguous_matches_are_reported_not_guessed() {
        let c = Correlator::new()
            .company(1u32, "Northwind Traders", [] as [&str; 0])
            .company(2, "Northwind Traders Ltd", [] as [&str; 0])
            .company(3, "Shared", ["X1"])
            .company(4, "Other", ["x1"]);
        assert!(matches!(
            c.correlate(&Owner::named("northwind traders")),
            Correlation::Ambiguous(found) if found.len() == 2
        ));
        assert!(matches!(
            c.correlate(&Owner::named("Shared").identifier("X1")),
            Correlation::Ambiguous(found) if found.len() == 2
        ));
        assert_eq!(c.companies().len(), 4);
    }
}
