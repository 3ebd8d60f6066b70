//! [`Priority`]: the severity of a notification.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A notification's priority or severity. VSA X's casing varies (`Critical`,
/// `critical`): read case-insensitively, written capitalised. A value the SDK
/// does not know is kept in [`Priority::Unknown`].
///
/// ```
/// use vsax_client::models::Priority;
/// assert_eq!("CRITICAL".parse::<Priority>().unwrap(), Priority::Critical);
/// assert_eq!(Priority::Elevated.to_string(), "Elevated");
/// let odd: Priority = serde_json::from_str(r#""Urgent""#).unwrap();
/// assert_eq!(odd, Priority::Unknown("Urgent".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Priority {
    /// Low.
    Low,
    /// Normal.
    Normal,
    /// Elevated.
    Elevated,
    /// Critical.
    Critical,
    /// A value this SDK does not know, as sent.
    Unknown(String),
}

impl Priority {
    /// The four known priorities, lowest first.
    pub const KNOWN: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::Elevated,
        Priority::Critical,
    ];

    /// The name as VSA X writes it (`Critical`).
    pub fn as_str(&self) -> &str {
        match self {
            Priority::Low => "Low",
            Priority::Normal => "Normal",
            Priority::Elevated => "Elevated",
            Priority::Critical => "Critical",
            Priority::Unknown(other) => other,
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Ok(Priority::KNOWN
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .unwrap_or_else(|| Priority::Unknown(s.to_owned())))
    }
}

impl Serialize for Priority {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = neo_auth_core::lenient::string(deserializer)?;
        Ok(text.parse().unwrap_or_else(|never| match never {}))
    }
}
