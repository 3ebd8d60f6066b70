//! OData `$filter` expressions: a small typed builder and a raw escape hatch.
//!
//! ```
//! use vsax_client::odata::Filter;
//! let f = Filter::eq("OrganizationId", 4821)
//!     .and(Filter::contains("Name", "O'Brien").or(Filter::ne("GroupId", 7)));
//! assert_eq!(
//!     f.to_string(),
//!     "OrganizationId eq 4821 and (contains(Name,'O''Brien') or GroupId ne 7)"
//! );
//! // Anything the builder does not cover:
//! let raw = Filter::raw("Contexts/any(p: p eq 'Device') and ExpirationDate eq null");
//! assert!(raw.render().is_ok());
//! ```

use std::fmt;

use neo_auth_core::{Error, Result};

/// A literal on the right of a comparison.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Literal {
    /// A string, quoted and escaped (`'O''Brien'`).
    Text(String),
    /// An integer.
    Int(i64),
    /// A number (finite).
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Literal {
    fn render(&self) -> std::result::Result<String, String> {
        Ok(match self {
            Literal::Text(s) => quote(s),
            Literal::Int(n) => n.to_string(),
            Literal::Float(x) if x.is_finite() => {
                let text = x.to_string();
                if text.contains(['.', 'e', 'E']) {
                    text
                } else {
                    format!("{text}.0")
                }
            }
            Literal::Float(x) => return Err(format!("{x} is not a finite number")),
            Literal::Bool(b) => b.to_string(),
            Literal::Null => "null".to_owned(),
        })
    }
}

/// Quotes an OData string literal: single quotes around, inner quotes doubled.
///
/// ```
/// assert_eq!(vsax_client::odata::quote("it's"), "'it''s'");
/// ```
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

macro_rules! literal_from {
    ($($t:ty => $v:ident $(as $cast:ty)?),* $(,)?) => {$(
        impl From<$t> for Literal {
            fn from(value: $t) -> Self {
                Literal::$v(value $(as $cast)?)
            }
        }
    )*};
}

literal_from!(i64 => Int, i32 => Int as i64, u32 => Int as i64, i16 => Int as i64, u16 => Int as i64, u8 => Int as i64, f64 => Float, bool => Bool);

impl From<&str> for Literal {
    fn from(value: &str) -> Self {
        Literal::Text(value.to_owned())
    }
}

impl From<String> for Literal {
    fn from(value: String) -> Self {
        Literal::Text(value)
    }
}

impl From<&String> for Literal {
    fn from(value: &String) -> Self {
        Literal::Text(value.clone())
    }
}

impl<T: Into<Literal>> From<Option<T>> for Literal {
    fn from(value: Option<T>) -> Self {
        value.map_or(Literal::Null, Into::into)
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Compare {
        field: String,
        op: &'static str,
        value: Literal,
    },
    Contains {
        field: String,
        value: String,
    },
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Raw(String),
}

/// A `$filter` expression.
///
/// Field names are checked when the filter is rendered (letters, digits, `_`,
/// and `/` for navigation paths): a bad one makes the list call fail with a
/// configuration error before anything is sent. `and` binds tighter than
/// `or`; the builder adds parentheses wherever the tree needs them.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter(Node);

impl Filter {
    fn compare(field: &str, op: &'static str, value: impl Into<Literal>) -> Self {
        Filter(Node::Compare {
            field: field.to_owned(),
            op,
            value: value.into(),
        })
    }

    /// `field eq value`.
    pub fn eq(field: &str, value: impl Into<Literal>) -> Self {
        Self::compare(field, "eq", value)
    }

    /// `field ne value`.
    pub fn ne(field: &str, value: impl Into<Literal>) -> Self {
        Self::compare(field, "ne", value)
    }

    /// `field gt value`.
    pub fn gt(field: &str, value: impl Into<Literal>) -> Self {
        Self::compare(field, "gt", value)
    }

    /// `field lt value`.
    pub fn lt(field: &str, value: impl Into<Literal>) -> Self {
        Self::compare(field, "lt", value)
    }

    /// `contains(field,'text')`.
    pub fn contains(field: &str, text: impl Into<String>) -> Self {
        Filter(Node::Contains {
            field: field.to_owned(),
            value: text.into(),
        })
    }

    /// Both must hold.
    pub fn and(self, other: Filter) -> Self {
        Filter(Node::And(Box::new(self.0), Box::new(other.0)))
    }

    /// Either holds.
    pub fn or(self, other: Filter) -> Self {
        Filter(Node::Or(Box::new(self.0), Box::new(other.0)))
    }

    /// An expression written by hand, sent as is (wrapped in parentheses when
    /// combined). Nothing in it is escaped: quote strings with [`quote`].
    pub fn raw(expression: impl Into<String>) -> Self {
        Filter(Node::Raw(expression.into()))
    }

    /// The `$filter` value, or a configuration error naming what is wrong.
    pub fn render(&self) -> Result<String> {
        render(&self.0, Parent::Top).map_err(|why| Error::config(format!("invalid $filter: {why}")))
    }
}

impl fmt::Display for Filter {
    /// The expression; an invalid one shows as `<invalid $filter: …>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match render(&self.0, Parent::Top) {
            Ok(text) => f.write_str(&text),
            Err(why) => write!(f, "<invalid $filter: {why}>"),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Parent {
    Top,
    And,
    Or,
}

/// Checks an OData field name or navigation path (`Name`, `Contexts/Name`).
pub(crate) fn check_field(field: &str) -> std::result::Result<(), String> {
    let ok = !field.is_empty()
        && field.split('/').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not a field name (letters, digits and `_`, `/` between path parts)",
            field.escape_debug()
        ))
    }
}

fn render(node: &Node, parent: Parent) -> std::result::Result<String, String> {
    Ok(match node {
        Node::Compare { field, op, value } => {
            check_field(field)?;
            format!("{field} {op} {}", value.render()?)
        }
        Node::Contains { field, value } => {
            check_field(field)?;
            format!("contains({field},{})", quote(value))
        }
        Node::And(a, b) => {
            let text = format!(
                "{} and {}",
                render(a, Parent::And)?,
                render(b, Parent::And)?
            );
            if parent == Parent::Top || parent == Parent::And {
                text
            } else {
                format!("({text})")
            }
        }
        Node::Or(a, b) => {
            let text = format!("{} or {}", render(a, Parent::Or)?, render(b, Parent::Or)?);
            if parent == Parent::Top || parent == Parent::Or {
                text
            } else {
                format!("({text})")
            }
        }
        Node::Raw(text) => {
            let text = text.trim();
            if text.is_empty() {
                return Err("the raw expression is empty".to_owned());
            }
            if parent == Parent::Top {
                text.to_owned()
            } else {
                format!("({text})")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads back one quoted literal at the start of `s`: the text and the rest.
    fn unquote(s: &str) -> Option<(String, &str)> {
        let mut chars = s.strip_prefix('\'')?.char_indices().peekable();
        let body = &s[1..];
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|(_, c)| *c) == Some('\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((out, &body[i + 1..]));
                }
            } else {
                out.push(c);
            }
        }
        None
    }

    proptest! {
        #[test]
        fn any_string_round_trips_through_a_quoted_literal(s in any::<String>()) {
            let rendered = Filter::eq("Name", s.as_str()).render().unwrap();
            let literal = rendered.strip_prefix("Name eq ").unwrap();
            let (back, rest) = unquote(literal).unwrap();
            prop_assert_eq!(back, s);
            prop_assert_eq!(rest, "");
        }

        #[test]
        fn contains_quotes_too(s in any::<String>()) {
            let rendered = Filter::contains("Name", s.clone()).render().unwrap();
            let inner = rendered.strip_prefix("contains(Name,").unwrap();
            let (back, rest) = unquote(inner).unwrap();
            prop_assert_eq!(back, s);
            prop_assert_eq!(rest, ")");
        }

        #[test]
        fn combinations_keep_their_grouping(a in any::<i64>(), b in any::<String>(), c in any::<bool>()) {
            let left = Filter::eq("A", a).or(Filter::eq("B", b.as_str()));
            let f = left.clone().and(Filter::eq("C", c));
            let text = f.render().unwrap();
            let expected = format!("({}) and C eq {}", left.render().unwrap(), c);
            prop_assert_eq!(text, expected);
        }

        #[test]
        fn bad_field_names_are_refused(field in "[^A-Za-z_]?[ '()=]+.*") {
            prop_assert!(Filter::eq(&field, 1).render().is_err());
        }
    }

    #[test]
    fn literals() {
        assert_eq!(
            Filter::eq("X", Option::<i64>::None).to_string(),
            "X eq null"
        );
        assert_eq!(Filter::gt("CpuUsage", 2.0).to_string(), "CpuUsage gt 2.0");
        assert_eq!(Filter::lt("CpuUsage", 0.5).to_string(), "CpuUsage lt 0.5");
        assert!(Filter::eq("X", f64::NAN).render().is_err());
        assert_eq!(Filter::eq("IsOnline", true).to_string(), "IsOnline eq true");
        assert_eq!(
            Filter::eq("Contexts/Name", "a").to_string(),
            "Contexts/Name eq 'a'"
        );
    }

    #[test]
    fn parentheses_only_where_operators_mix() {
        let f = Filter::eq("A", 1)
            .or(Filter::eq("B", 2))
            .or(Filter::eq("C", 3));
        assert_eq!(f.to_string(), "A eq 1 or B eq 2 or C eq 3");
        let g = Filter::eq("A", 1)
            .and(Filter::eq("B", 2))
            .or(Filter::eq("C", 3));
        // Not needed by OData's precedence, but clearer to a reader of the URL.
        assert_eq!(g.to_string(), "(A eq 1 and B eq 2) or C eq 3");
        let raw = Filter::raw("X eq 1 or Y eq 2").and(Filter::eq("Z", 3));
        assert_eq!(raw.to_string(), "(X eq 1 or Y eq 2) and Z eq 3");
        assert!(Filter::raw("  ").render().is_err());
        assert!(
            Filter::eq("bad field", 1)
                .to_string()
                .starts_with("<invalid")
        );
    }
}
