//! `--config FILE`: a TOML file with one table per vendor.
//!
//! ```toml
//! [halopsa]
//! base_url = "https://acme.halopsa.com"
//! client_id = "3f1c…"
//! client_secret_file = "/run/secrets/halo"  # or client_secret = "…", or HALOPSA_CLIENT_SECRET
//! tenant = "acme"
//! agent_id = 7
//! areas = ["tickets", "actions"]            # what the integration uses (the doctor's --areas)
//!
//! [halopsa.policy]                          # the integration's access policy, per area
//! tickets = "write_with_approval"           # ignore | read | write | write_with_approval
//! ```
//!
//! Secrets come from the file (inline or `<name>_file`) or the environment,
//! never from a command-line flag.

use std::path::{Path, PathBuf};

use neo_auth_core::secrecy::SecretString;
use neo_auth_core::{AccessPolicy, Area, AreaAccess, Error, Result};

/// The parsed file.
#[derive(Debug, Default)]
pub struct Config {
    path: Option<PathBuf>,
    table: toml::Table,
}

/// One vendor's table.
#[derive(Debug, Default)]
pub struct VendorSection {
    /// Where it came from (for messages), e.g. `neo.toml [halopsa]`.
    pub origin: String,
    /// The vendor's own settings (everything but `policy` and `areas`).
    pub settings: toml::Table,
    /// `[<vendor>.policy]`: area name → access.
    pub policy: Vec<(String, String)>,
    /// `areas`: what the integration uses.
    pub areas: Option<Vec<String>>,
}

impl Config {
    /// Reads and parses `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::config_with(format!("cannot read --config {}", path.display()), e)
        })?;
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            Error::config(format!(
                "--config {} is not valid TOML: {}",
                path.display(),
                e.message()
            ))
        })?;
        Ok(Config {
            path: Some(path.to_owned()),
            table,
        })
    }

    /// The table of `vendor`, when the file has one.
    pub fn vendor(&self, vendor: &str) -> Result<Option<VendorSection>> {
        let origin = match &self.path {
            Some(path) => format!("{} [{vendor}]", path.display()),
            None => format!("[{vendor}]"),
        };
        let Some(value) = self.table.get(vendor) else {
            return Ok(None);
        };
        let Some(table) = value.as_table() else {
            return Err(Error::config(format!("{origin} must be a table")));
        };
        let mut settings = table.clone();
        let policy = match settings.remove("policy") {
            None => Vec::new(),
            Some(toml::Value::Table(policy)) => policy
                .into_iter()
                .map(|(area, access)| match access {
                    toml::Value::String(access) => Ok((area, access)),
                    other => Err(Error::config(format!(
                        "{origin}: policy.{area} must be a string (ignore, read, write or write_with_approval), not a {}", other.type_str()
                    ))),
                })
                .collect::<Result<_>>()?,
            Some(_) => return Err(Error::config(format!("{origin}: `policy` must be a table"))),
        };
        let areas = match settings.remove("areas") {
            None => None,
            Some(toml::Value::Array(items)) => Some(
                items
                    .into_iter()
                    .map(|item| match item {
                        toml::Value::String(area) => Ok(area),
                        other => Err(Error::config(format!(
                            "{origin}: `areas` must be a list of area names, not a {}",
                            other.type_str()
                        ))),
                    })
                    .collect::<Result<_>>()?,
            ),
            Some(_) => {
                return Err(Error::config(format!(
                    "{origin}: `areas` must be a list of area names"
                )));
            }
        };
        Ok(Some(VendorSection {
            origin,
            settings,
            policy,
            areas,
        }))
    }
}

impl VendorSection {
    /// A required string setting.
    pub fn string(&self, key: &str) -> Result<String> {
        self.optional_string(key)?
            .ok_or_else(|| Error::config(format!("{}: `{key}` is missing", self.origin)))
    }

    /// An optional string setting.
    pub fn optional_string(&self, key: &str) -> Result<Option<String>> {
        match self.settings.get(key) {
            None => Ok(None),
            Some(toml::Value::String(value)) if !value.trim().is_empty() => {
                Ok(Some(value.trim().to_owned()))
            }
            Some(_) => Err(Error::config(format!(
                "{}: `{key}` must be a non-empty string",
                self.origin
            ))),
        }
    }

    /// An optional integer setting.
    pub fn optional_integer(&self, key: &str) -> Result<Option<i64>> {
        match self.settings.get(key) {
            None => Ok(None),
            Some(toml::Value::Integer(value)) => Ok(Some(*value)),
            Some(_) => Err(Error::config(format!(
                "{}: `{key}` must be an integer",
                self.origin
            ))),
        }
    }

    /// An optional list of strings (or one string of space- or comma-separated words).
    pub fn optional_words(&self, key: &str) -> Result<Option<Vec<String>>> {
        let words = match self.settings.get(key) {
            None => return Ok(None),
            Some(toml::Value::String(text)) => text
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect(),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_str().map(str::to_owned).ok_or_else(|| {
                        Error::config(format!(
                            "{}: `{key}` must be a list of strings",
                            self.origin
                        ))
                    })
                })
                .collect::<Result<Vec<_>>>()?,
            Some(_) => {
                return Err(Error::config(format!(
                    "{}: `{key}` must be a list of strings",
                    self.origin
                )));
            }
        };
        Ok(Some(words))
    }

    /// A secret: `key` in the file, else the file named by `<key>_file`, else
    /// the environment variable `env`.
    pub fn secret(&self, key: &str, env: &str) -> Result<SecretString> {
        if let Some(value) = self.optional_string(key)? {
            return Ok(SecretString::from(value));
        }
        let file_key = format!("{key}_file");
        if let Some(path) = self.optional_string(&file_key)? {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::config_with(
                    format!("{}: cannot read `{file_key}` ({path})", self.origin),
                    e,
                )
            })?;
            let text = text.trim();
            if text.is_empty() {
                return Err(Error::config(format!(
                    "{}: `{file_key}` ({path}) is empty",
                    self.origin
                )));
            }
            return Ok(SecretString::from(text.to_owned()));
        }
        match std::env::var(env) {
            Ok(value) if !value.trim().is_empty() => {
                Ok(SecretString::from(value.trim().to_owned()))
            }
            _ => Err(Error::config(format!(
                "{}: the secret is missing: set `{key}` or `{file_key}` in the file, or {env}",
                self.origin
            ))),
        }
    }
}

/// The area of `known` named `name`, or a configuration error listing them.
pub fn area_named(name: &str, known: &[Area]) -> Result<Area> {
    let name = name.trim();
    known
        .iter()
        .find(|area| area.name().eq_ignore_ascii_case(name))
        .copied()
        .ok_or_else(|| {
            let names: Vec<&str> = known.iter().map(Area::name).collect();
            Error::config(format!(
                "unknown area `{name}`; the areas are: {}",
                names.join(", ")
            ))
        })
}

/// `base` with the overrides of a `[<vendor>.policy]` table.
pub fn apply_policy(
    mut base: AccessPolicy,
    overrides: &[(String, String)],
    known: &[Area],
) -> Result<AccessPolicy> {
    for (area, access) in overrides {
        let area = area_named(area, known)?;
        let access = match access
            .trim()
            .to_ascii_lowercase()
            .replace('-', "_")
            .as_str()
        {
            "ignore" => AreaAccess::Ignore,
            "read" => AreaAccess::Read,
            "write" => AreaAccess::WRITE,
            "write_with_approval" => AreaAccess::WRITE_WITH_APPROVAL,
            other => {
                return Err(Error::config(format!(
                    "policy.{area}: `{other}` is not an access; use ignore, read, write or write_with_approval"
                )));
            }
        };
        base.set(area, access);
    }
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[Area] = &[Area::new("tickets"), Area::new("invoices")];

    fn parse(text: &str) -> Config {
        Config {
            path: None,
            table: text.parse().unwrap(),
        }
    }

    #[test]
    fn a_vendor_table_splits_into_settings_policy_and_areas() {
        let config = parse(
            "[halopsa]\nbase_url = 'https://x.example'\nagent_id = 7\nareas = ['tickets']\n[halopsa.policy]\ntickets = 'write_with_approval'\n",
        );
        let section = config.vendor("halopsa").unwrap().unwrap();
        assert_eq!(section.string("base_url").unwrap(), "https://x.example");
        assert_eq!(section.optional_integer("agent_id").unwrap(), Some(7));
        assert_eq!(section.areas, Some(vec!["tickets".to_owned()]));
        let policy = apply_policy(AccessPolicy::read_only(), &section.policy, KNOWN).unwrap();
        assert_eq!(
            policy.access(&Area::new("tickets")),
            AreaAccess::WRITE_WITH_APPROVAL
        );
        assert!(config.vendor("asio").unwrap().is_none());
        assert!(section.string("client_id").is_err());
    }

    #[test]
    fn wrong_values_are_configuration_errors() {
        let config = parse("[halopsa]\nagent_id = 'seven'\n[halopsa.policy]\ntickets = 'all'\n");
        let section = config.vendor("halopsa").unwrap().unwrap();
        assert!(section.optional_integer("agent_id").is_err());
        let error = apply_policy(AccessPolicy::read_only(), &section.policy, KNOWN).unwrap_err();
        assert!(
            error.to_string().contains("`all` is not an access"),
            "{error}"
        );
        let error = area_named("tickts", KNOWN).unwrap_err();
        assert!(error.to_string().contains("tickets, invoices"), "{error}");
        assert!(parse("halopsa = 1").vendor("halopsa").is_err());
    }
}
