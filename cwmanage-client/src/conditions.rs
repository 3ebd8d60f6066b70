//! A typed builder for ConnectWise Manage `conditions` (and `childConditions`,
//! `customFieldConditions`).
//!
//! Values are written the way ConnectWise reads them: strings in double quotes
//! with `\` and `"` escaped by a backslash and a literal `[` written `[[]`;
//! integers bare; booleans `True`/`False`; date-times in `[brackets]`; `null`.
//! Compound conditions are parenthesised when combined, so `a.and(b.or(c))`
//! means what it says. URL encoding (`+` → `%2B`, `&`, `"`, `%`, `[`) is the
//! transport's: it sends the rendered text as one form-encoded query value.
//!
//! ```
//! use cwmanage_client::{Condition, CwValue};
//! let c = Condition::eq("board/name", "Help Desk")
//!     .and(Condition::eq("closedFlag", false))
//!     .and(Condition::gt("_info/lastUpdated", CwValue::datetime("2025-01-31T08:00:00Z")))
//!     .and(Condition::eq("priority/id", 1).or(Condition::eq("priority/id", 2)));
//! assert_eq!(
//!     c.render().unwrap(),
//!     r#"board/name = "Help Desk" and closedFlag = False and _info/lastUpdated > [2025-01-31T08:00:00Z] and (priority/id = 1 or priority/id = 2)"#
//! );
//! assert_eq!(
//!     Condition::is_in("board/id", [3, 2, 4]).render().unwrap(),
//!     "board/id in (3, 2, 4)"
//! );
//! assert_eq!(
//!     Condition::not_contains("summary", "Low Priority").render().unwrap(),
//!     r#"summary not contains "Low Priority""#
//! );
//! ```

use std::fmt;

use neo_auth_core::{Error, Result};

/// A value in a condition.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CwValue {
    /// A string: quoted and escaped.
    Str(String),
    /// An integer: bare.
    Int(i64),
    /// A decimal number: bare (must be finite).
    Float(f64),
    /// A boolean: `True` / `False`.
    Bool(bool),
    /// A date-time (`2025-01-31T08:00:00Z`): in `[brackets]`.
    DateTime(String),
    /// `null`.
    Null,
}

impl CwValue {
    /// A date-time value; ConnectWise reads ISO-8601 UTC (`yyyy-MM-ddTHH:mm:ssZ`).
    pub fn datetime(value: impl Into<String>) -> Self {
        CwValue::DateTime(value.into())
    }

    /// The value as condition text.
    pub fn render(&self) -> Result<String> {
        match self {
            CwValue::Str(s) => Ok(quote(s)),
            CwValue::Int(i) => Ok(i.to_string()),
            CwValue::Float(f) if f.is_finite() => Ok(f.to_string()),
            CwValue::Float(f) => Err(Error::config(format!(
                "`{f}` cannot be a ConnectWise condition value (only finite numbers)"
            ))),
            CwValue::Bool(true) => Ok("True".to_owned()),
            CwValue::Bool(false) => Ok("False".to_owned()),
            CwValue::DateTime(d) => {
                let ok = !d.is_empty()
                    && d.chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, '-' | ':' | 'T' | 'Z' | '.' | '+')
                    });
                if ok {
                    Ok(format!("[{d}]"))
                } else {
                    Err(Error::config(format!(
                        "`{d}` is not a ConnectWise date-time (expected yyyy-MM-ddTHH:mm:ssZ)"
                    )))
                }
            }
            CwValue::Null => Ok("null".to_owned()),
        }
    }
}

/// A string as a ConnectWise string literal: `"…"` with `\` → `\\`, `"` → `\"`
/// and `[` → `[[]`.
///
/// ```
/// use cwmanage_client::quote;
/// assert_eq!(quote(r#"say "hi" [now]"#), r#""say \"hi\" [[]now]""#);
/// ```
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '[' => out.push_str("[[]"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

impl From<&str> for CwValue {
    fn from(v: &str) -> Self {
        CwValue::Str(v.to_owned())
    }
}
impl From<String> for CwValue {
    fn from(v: String) -> Self {
        CwValue::Str(v)
    }
}
impl From<&String> for CwValue {
    fn from(v: &String) -> Self {
        CwValue::Str(v.clone())
    }
}
impl From<i64> for CwValue {
    fn from(v: i64) -> Self {
        CwValue::Int(v)
    }
}
impl From<i32> for CwValue {
    fn from(v: i32) -> Self {
        CwValue::Int(v.into())
    }
}
impl From<u32> for CwValue {
    fn from(v: u32) -> Self {
        CwValue::Int(v.into())
    }
}
impl From<f64> for CwValue {
    fn from(v: f64) -> Self {
        CwValue::Float(v)
    }
}
impl From<bool> for CwValue {
    fn from(v: bool) -> Self {
        CwValue::Bool(v)
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    NotContains,
    Like,
    NotLike,
    In,
    NotIn,
}

impl Op {
    fn text(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Contains => "contains",
            Op::NotContains => "not contains",
            Op::Like => "like",
            Op::NotLike => "not like",
            Op::In => "in",
            Op::NotIn => "not in",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Compare {
        field: String,
        op: Op,
        values: Vec<CwValue>,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Raw(String),
}

/// A condition: comparisons combined with `and` / `or`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition(Node);

impl Condition {
    fn compare(field: impl Into<String>, op: Op, values: Vec<CwValue>) -> Self {
        Condition(Node::Compare {
            field: field.into(),
            op,
            values,
        })
    }

    /// `field = value`.
    pub fn eq(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Eq, vec![value.into()])
    }
    /// `field != value`.
    pub fn ne(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Ne, vec![value.into()])
    }
    /// `field < value`.
    pub fn lt(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Lt, vec![value.into()])
    }
    /// `field <= value`.
    pub fn le(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Le, vec![value.into()])
    }
    /// `field > value`.
    pub fn gt(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Gt, vec![value.into()])
    }
    /// `field >= value`.
    pub fn ge(field: impl Into<String>, value: impl Into<CwValue>) -> Self {
        Self::compare(field, Op::Ge, vec![value.into()])
    }
    /// `field contains "text"`.
    pub fn contains(field: impl Into<String>, text: impl Into<String>) -> Self {
        Self::compare(field, Op::Contains, vec![CwValue::Str(text.into())])
    }
    /// `field not contains "text"`.
    pub fn not_contains(field: impl Into<String>, text: impl Into<String>) -> Self {
        Self::compare(field, Op::NotContains, vec![CwValue::Str(text.into())])
    }
    /// `field like "pattern"` (`*` is the wildcard).
    pub fn like(field: impl Into<String>, pattern: impl Into<String>) -> Self {
        Self::compare(field, Op::Like, vec![CwValue::Str(pattern.into())])
    }
    /// `field not like "pattern"`.
    pub fn not_like(field: impl Into<String>, pattern: impl Into<String>) -> Self {
        Self::compare(field, Op::NotLike, vec![CwValue::Str(pattern.into())])
    }
    /// `field in (a, b, c)`; an empty list is refused when rendered.
    pub fn is_in<V: Into<CwValue>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        Self::compare(field, Op::In, values.into_iter().map(Into::into).collect())
    }
    /// `field not in (a, b, c)`.
    pub fn not_in<V: Into<CwValue>>(
        field: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        Self::compare(
            field,
            Op::NotIn,
            values.into_iter().map(Into::into).collect(),
        )
    }

    /// Condition text written by hand, used as it is (parenthesised when combined).
    pub fn raw(text: impl Into<String>) -> Self {
        Condition(Node::Raw(text.into()))
    }

    /// Both conditions.
    pub fn and(self, other: Condition) -> Self {
        Condition(match (self.0, other.0) {
            (Node::And(mut a), Node::And(b)) => {
                a.extend(b);
                Node::And(a)
            }
            (Node::And(mut a), b) => {
                a.push(b);
                Node::And(a)
            }
            (a, b) => Node::And(vec![a, b]),
        })
    }

    /// Either condition.
    pub fn or(self, other: Condition) -> Self {
        Condition(match (self.0, other.0) {
            (Node::Or(mut a), Node::Or(b)) => {
                a.extend(b);
                Node::Or(a)
            }
            (Node::Or(mut a), b) => {
                a.push(b);
                Node::Or(a)
            }
            (a, b) => Node::Or(vec![a, b]),
        })
    }

    /// All of `conditions` (`None` when there are none).
    pub fn all(conditions: impl IntoIterator<Item = Condition>) -> Option<Condition> {
        conditions.into_iter().reduce(Condition::and)
    }

    /// Any of `conditions` (`None` when there are none).
    pub fn any(conditions: impl IntoIterator<Item = Condition>) -> Option<Condition> {
        conditions.into_iter().reduce(Condition::or)
    }

    /// The condition text, or a configuration error naming what is wrong (a
    /// field name with characters ConnectWise does not use, an empty `in` list,
    /// a non-finite number, a malformed date).
    pub fn render(&self) -> Result<String> {
        render(&self.0, false)
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.render() {
            Ok(text) => f.write_str(&text),
            Err(e) => write!(f, "<invalid condition: {e}>"),
        }
    }
}

fn check_field(field: &str) -> Result<()> {
    let ok = !field.is_empty()
        && !field.starts_with('/')
        && !field.ends_with('/')
        && !field.contains("//")
        && field
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/');
    if ok {
        Ok(())
    } else {
        Err(Error::config(format!(
            "`{field}` is not a ConnectWise field name (letters, digits, `_`, and `/` between names, e.g. board/name)"
        )))
    }
}

fn render(node: &Node, nested: bool) -> Result<String> {
    let wrap = |text: String| if nested { format!("({text})") } else { text };
    match node {
        Node::Compare { field, op, values } => {
            check_field(field)?;
            let rendered = match op {
                Op::In | Op::NotIn => {
                    if values.is_empty() {
                        return Err(Error::config(format!(
                            "`{field} {}` needs at least one value",
                            op.text()
                        )));
                    }
                    let items = values
                        .iter()
                        .map(CwValue::render)
                        .collect::<Result<Vec<_>>>()?;
                    format!("({})", items.join(", "))
                }
                _ => match values.first() {
                    Some(v) => v.render()?,
                    None => return Err(Error::config(format!("`{field}` has no value"))),
                },
            };
            Ok(format!("{field} {} {rendered}", op.text()))
        }
        Node::And(items) => join(items, " and ").map(wrap),
        Node::Or(items) => join(items, " or ").map(wrap),
        Node::Raw(text) => {
            if text.trim().is_empty() {
                Err(Error::config("a raw condition is empty"))
            } else {
                Ok(wrap(text.trim().to_owned()))
            }
        }
    }
}

fn join(items: &[Node], sep: &str) -> Result<String> {
    let parts = items
        .iter()
        .map(|n| render(n, true))
        .collect::<Result<Vec<_>>>()?;
    Ok(parts.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_render_as_connectwise_reads_them() {
        assert_eq!(CwValue::from(true).render().unwrap(), "True");
        assert_eq!(CwValue::from(false).render().unwrap(), "False");
        assert_eq!(CwValue::from(-12).render().unwrap(), "-12");
        assert_eq!(CwValue::from(1.5).render().unwrap(), "1.5");
        assert_eq!(CwValue::Null.render().unwrap(), "null");
        assert_eq!(
            CwValue::datetime("2016-08-20T18:04:26Z").render().unwrap(),
            "[2016-08-20T18:04:26Z]"
        );
        assert!(CwValue::datetime("2016] or 1=1").render().is_err());
        assert!(CwValue::Float(f64::NAN).render().is_err());
        assert_eq!(
            CwValue::from("a+b@x.com").render().unwrap(),
            "\"a+b@x.com\""
        );
    }

    #[test]
    fn groups_are_parenthesised_and_flattened() {
        let c = Condition::eq("a", 1)
            .or(Condition::eq("b", 2))
            .and(Condition::eq("c", 3));
        assert_eq!(c.render().unwrap(), "(a = 1 or b = 2) and c = 3");
        let flat = Condition::eq("a", 1)
            .and(Condition::eq("b", 2))
            .and(Condition::eq("c", 3));
        assert_eq!(flat.render().unwrap(), "a = 1 and b = 2 and c = 3");
        let raw = Condition::raw("x = 1 or y = 2").and(Condition::eq("z", 3));
        assert_eq!(raw.render().unwrap(), "(x = 1 or y = 2) and z = 3");
    }

    #[test]
    fn bad_fields_and_empty_lists_are_config_errors() {
        assert!(Condition::eq("board name", 1).render().is_err());
        assert!(Condition::eq("a\" or 1=1 or \"", 1).render().is_err());
        assert!(Condition::eq("/a", 1).render().is_err());
        assert!(Condition::is_in("id", Vec::<i64>::new()).render().is_err());
        assert!(Condition::raw(" ").render().is_err());
        assert!(Condition::all(Vec::new()).is_none());
    }
}
