//! The text form of an [`AccessReport`]: the vendor and the portal location
//! once, one line per row, then the problems grouped by the permission to tick.

use std::fmt;

use crate::access::requirement::AreaAccess;
use crate::doctor::report::{AccessCheck, AccessReport, CheckMethod, Fact, Severity, Visibility};
use crate::doctor::ser::level_name;

fn mark(severity: Severity, granted: Option<bool>) -> &'static str {
    match (severity, granted) {
        (Severity::Problem, _) => "✗",
        (Severity::Warning, _) => "!",
        (_, Some(true)) => "✓",
        _ => "·",
    }
}

fn write_fact(f: &mut fmt::Formatter<'_>, fact: &Fact) -> fmt::Result {
    write!(
        f,
        "  {} {}: {}",
        mark(fact.severity, Some(true)),
        fact.name,
        fact.value.as_deref().unwrap_or("unknown")
    )?;
    match &fact.detail {
        Some(detail) => writeln!(f, " — {detail}"),
        None => writeln!(f),
    }
}

fn write_row(f: &mut fmt::Formatter<'_>, check: &AccessCheck) -> fmt::Result {
    let permission = match &check.scope {
        Some(scope) => {
            let level = scope
                .level()
                .map(|l| format!(" at level {}", level_name(l)))
                .unwrap_or_default();
            format!("{} \"{}\"{level}", scope.name(), scope.label())
        }
        None => "(no vendor permission to check)".to_owned(),
    };
    write!(
        f,
        "  {} {:<14} {:<6} {} — {}",
        mark(check.severity, check.granted),
        check.area.name(),
        check.action(),
        permission,
        check.state(),
    )?;
    if check.method != CheckMethod::NotChecked {
        write!(f, " ({})", check.method)?;
    }
    match (check.visibility, check.seen) {
        (Visibility::Records, Some(n)) => write!(f, ", {n} record(s) visible")?,
        (Visibility::Records, None) => write!(f, ", records visible")?,
        (Visibility::NoneVisible, _) => write!(f, ", no records visible")?,
        _ => {}
    }
    if check.policy == AreaAccess::Ignore {
        write!(f, " [ignored by the policy]")?;
    } else if check.optional {
        write!(f, " [optional]")?;
    } else if !check.required {
        write!(f, " [not needed by the policy]")?;
    }
    writeln!(f)?;
    match &check.note {
        Some(note) => writeln!(f, "      {note}"),
        None => Ok(()),
    }
}

/// One missing permission and every row that needs it.
struct Missing<'a> {
    check: &'a AccessCheck,
    rows: Vec<&'a AccessCheck>,
}

impl fmt::Display for AccessReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} access report", self.vendor)?;
        writeln!(f, "  permissions are ticked {}", self.location)?;
        match self.grant.source {
            Some(source) => writeln!(
                f,
                "  grant ({source}): {}",
                if self.grant.scopes.is_empty() {
                    "(none)".to_owned()
                } else {
                    self.grant.scopes.join(" ")
                }
            )?,
            None => writeln!(
                f,
                "  grant: not reported by the credential (probes and the server's answers decide)"
            )?,
        }
        for fact in self.identity.iter().chain(&self.facts) {
            write_fact(f, fact)?;
        }
        for check in &self.checks {
            write_row(f, check)?;
        }

        // Missing permissions, grouped: one entry per permission to tick.
        let mut missing: Vec<Missing<'_>> = Vec::new();
        let mut other = Vec::new();
        for check in self.problems() {
            match (&check.scope, check.granted) {
                (Some(scope), Some(false)) => {
                    match missing
                        .iter_mut()
                        .find(|m| m.check.scope.as_ref().map(|s| s.name()) == Some(scope.name()))
                    {
                        Some(group) => group.rows.push(check),
                        None => missing.push(Missing {
                            check,
                            rows: vec![check],
                        }),
                    }
                }
                _ => other.push(check),
            }
        }
        if !missing.is_empty() {
            writeln!(f, "  missing permissions, by the label to tick:")?;
            for group in &missing {
                if let Some(scope) = &group.check.scope {
                    writeln!(f, "    - tick \"{}\" ({})", scope.label(), scope.name())?;
                }
                for row in &group.rows {
                    writeln!(
                        f,
                        "        needed to {} {}: without it {}",
                        row.action(),
                        row.area.name(),
                        row.degrades
                    )?;
                }
            }
        }
        let fact_problems = self
            .identity
            .iter()
            .chain(&self.facts)
            .filter(|fact| fact.severity == Severity::Problem);
        let other_lines: Vec<String> = fact_problems
            .map(|fact| {
                format!(
                    "{}: {}",
                    fact.name,
                    fact.detail.as_deref().unwrap_or("a problem")
                )
            })
            .chain(other.iter().map(|c| row_detail(c)))
            .collect();
        if !other_lines.is_empty() {
            writeln!(f, "  other problems:")?;
            for line in other_lines {
                writeln!(f, "    - {line}")?;
            }
        }
        let warnings: Vec<String> = self.warnings().map(warning_line).collect();
        if !warnings.is_empty() {
            writeln!(f, "  warnings:")?;
            for line in warnings {
                writeln!(f, "    - {line}")?;
            }
        }
        if !self.has_problems() {
            writeln!(f, "  no problems found")?;
        }
        Ok(())
    }
}

/// A warning in one line; a missing optional permission names its label (the
/// location is printed once, at the top).
fn warning_line(check: &AccessCheck) -> String {
    match (&check.scope, check.granted) {
        (Some(scope), Some(false)) => {
            let without = if check.degrades.is_empty() {
                String::new()
            } else {
                format!("; without it {}", check.degrades)
            };
            format!(
                "{} {}: optional permission missing — tick \"{}\" ({}){without}",
                check.area.name(),
                check.action(),
                scope.label(),
                scope.name()
            )
        }
        _ => row_detail(check),
    }
}

/// A row's problem or warning in one line: area, action, what was found.
fn row_detail(check: &AccessCheck) -> String {
    format!(
        "{} {}: {}",
        check.area.name(),
        check.action(),
        check.detail.as_deref().unwrap_or(check.state())
    )
}
