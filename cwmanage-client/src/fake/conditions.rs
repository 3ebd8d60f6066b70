//! The fake's own reading of `conditions` (written from ConnectWise's rules,
//! independently of the client's builder): comparisons on any field path
//! (`board/name`), `and` binding tighter than `or`, parentheses, strings
//! compared case-insensitively, `*` wildcards in `like`.

use serde_json::Value;

/// A parsed condition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Compare {
        field: String,
        op: String,
        value: Lit,
    },
}

/// A literal.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Lit {
    Str(String),
    Num(f64),
    Bool(bool),
    Date(String),
    Null,
    List(Vec<Lit>),
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    text: &'a str,
}

/// Parses `text`; the error says where it went wrong (the fake answers it as
/// ConnectWise's 400).
pub(crate) fn parse(text: &str) -> Result<Expr, String> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        text,
    };
    let expr = p.or()?;
    p.ws();
    if p.pos != p.chars.len() {
        return Err(format!("unexpected text at {} in `{}`", p.pos, p.text));
    }
    Ok(expr)
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// A case-insensitive keyword followed by a non-word character.
    fn keyword(&mut self, word: &str) -> bool {
        self.ws();
        let len = word.chars().count();
        let slice: String = self.chars.iter().skip(self.pos).take(len).collect();
        let boundary = self
            .chars
            .get(self.pos + len)
            .is_none_or(|c| !c.is_alphanumeric() && *c != '_');
        if slice.eq_ignore_ascii_case(word) && boundary {
            self.pos += len;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.and()?];
        while self.keyword("or") {
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.term()?];
        while self.keyword("and") {
            items.push(self.term()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn term(&mut self) -> Result<Expr, String> {
        self.ws();
        if self.peek() == Some('(') {
            self.pos += 1;
            let inner = self.or()?;
            self.ws();
            if self.peek() != Some(')') {
                return Err(format!("missing `)` in `{}`", self.text));
            }
            self.pos += 1;
            return Ok(inner);
        }
        let field = self.field()?;
        let op = self.op()?;
        let value = self.value()?;
        Ok(Expr::Compare { field, op, value })
    }

    fn field(&mut self) -> Result<String, String> {
        self.ws();
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/')
        {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(format!("expected a field at {} in `{}`", start, self.text));
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn op(&mut self) -> Result<String, String> {
        self.ws();
        for symbol in ["!=", "<=", ">=", "=", "<", ">"] {
            let len = symbol.len();
            let slice: String = self.chars.iter().skip(self.pos).take(len).collect();
            if slice == symbol {
                self.pos += len;
                return Ok(symbol.to_owned());
            }
        }
        let negated = self.keyword("not");
        for word in ["contains", "like", "in"] {
            if self.keyword(word) {
                return Ok(if negated {
                    format!("not {word}")
                } else {
                    word.to_owned()
                });
            }
        }
        Err(format!(
            "expected an operator at {} in `{}`",
            self.pos, self.text
        ))
    }

    fn value(&mut self) -> Result<Lit, String> {
        self.ws();
        match self.peek() {
            Some('"') => self.string(),
            Some('[') => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| c != ']') {
                    self.pos += 1;
                }
                let date: String = self.chars[start..self.pos].iter().collect();
                if self.peek() != Some(']') {
                    return Err(format!("unclosed date in `{}`", self.text));
                }
                self.pos += 1;
                Ok(Lit::Date(date))
            }
            Some('(') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some(')') => {
                            self.pos += 1;
                            return Ok(Lit::List(items));
                        }
                        _ => return Err(format!("bad list in `{}`", self.text)),
                    }
                }
            }
            _ => {
                if self.keyword("true") {
                    return Ok(Lit::Bool(true));
                }
                if self.keyword("false") {
                    return Ok(Lit::Bool(false));
                }
                if self.keyword("null") {
                    return Ok(Lit::Null);
                }
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.')
                {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                text.parse::<f64>()
                    .map(Lit::Num)
                    .map_err(|_| format!("expected a value at {start} in `{}`", self.text))
            }
        }
    }

    fn string(&mut self) -> Result<Lit, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(format!("unclosed string in `{}`", self.text)),
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c) => out.push(c),
                        None => return Err(format!("dangling `\\` in `{}`", self.text)),
                    }
                    self.pos += 1;
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok(Lit::Str(out));
                }
                Some('[') => {
                    let next: String = self.chars.iter().skip(self.pos).take(3).collect();
                    if next != "[[]" {
                        return Err(format!(
                            "a `[` in a string must be written `[[]` in `{}`",
                            self.text
                        ));
                    }
                    out.push('[');
                    self.pos += 3;
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }
}

/// The value at `path` (`board/name`) of a record.
fn lookup<'a>(record: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').try_fold(record, |v, key| {
        v.as_object().and_then(|o| {
            o.get(key).or_else(|| {
                o.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v)
            })
        })
    })
}

fn like(text: &str, pattern: &str) -> bool {
    let text = text.to_lowercase();
    let pattern = pattern.to_lowercase();
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text.as_str();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return part.is_empty() || rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    parts.len() > 1 || rest.is_empty()
}

fn compare(actual: Option<&Value>, lit: &Lit) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    match (actual, lit) {
        (None | Some(Value::Null), Lit::Null) => Some(Ordering::Equal),
        (None | Some(Value::Null), _) | (Some(_), Lit::Null) => None,
        (Some(Value::String(a)), Lit::Str(b)) => Some(a.to_lowercase().cmp(&b.to_lowercase())),
        (Some(Value::String(a)), Lit::Date(b)) => Some(a.as_str().cmp(b.as_str())),
        (Some(Value::Number(a)), Lit::Num(b)) => a.as_f64().and_then(|a| a.partial_cmp(b)),
        (Some(Value::Bool(a)), Lit::Bool(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// Whether `record` matches `expr`.
pub(crate) fn matches(expr: &Expr, record: &Value) -> bool {
    use std::cmp::Ordering::*;
    match expr {
        Expr::Or(items) => items.iter().any(|e| matches(e, record)),
        Expr::And(items) => items.iter().all(|e| matches(e, record)),
        Expr::Compare { field, op, value } => {
            let actual = lookup(record, field);
            let text = || {
                actual
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            let pattern = || match value {
                Lit::Str(s) => s.clone(),
                _ => String::new(),
            };
            let in_list = || match value {
                Lit::List(items) => items.iter().any(|l| compare(actual, l) == Some(Equal)),
                _ => false,
            };
            match op.as_str() {
                "=" => compare(actual, value) == Some(Equal),
                "!=" => compare(actual, value) != Some(Equal),
                "<" => compare(actual, value) == Some(Less),
                "<=" => matches!(compare(actual, value), Some(Less | Equal)),
                ">" => compare(actual, value) == Some(Greater),
                ">=" => matches!(compare(actual, value), Some(Greater | Equal)),
                "contains" => text().to_lowercase().contains(&pattern().to_lowercase()),
                "not contains" => !text().to_lowercase().contains(&pattern().to_lowercase()),
                "like" => like(&text(), &pattern()),
                "not like" => !like(&text(), &pattern()),
                "in" => in_list(),
                "not in" => !in_list(),
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(condition: &str, record: &Value) -> bool {
        matches(&parse(condition).unwrap(), record)
    }

    #[test]
    fn common_fields_filter() {
        let t = json!({"id": 7, "summary": "Printer [2nd] \"floor\"", "closedFlag": false,
            "board": {"name": "Help Desk"}, "company": {"identifier": "ACME"}, "status": {"name": "New"}});
        assert!(check(
            r#"board/name = "help desk" and closedFlag = False"#,
            &t
        ));
        assert!(check(
            r#"company/identifier="ACME" AND status/name != "Closed""#,
            &t
        ));
        assert!(check("id in (3, 7)", &t));
        assert!(!check("id not in (3, 7)", &t));
        assert!(check(r#"summary contains "[[]2nd]""#, &t));
        assert!(check(r#"summary = "Printer [[]2nd] \"floor\"""#, &t));
        assert!(check(r#"summary like "print*floor*""#, &t));
        assert!(check(r#"summary not contains "scanner""#, &t));
        assert!(check("id > 5 and id <= 7", &t));
        assert!(check(
            r#"(id = 1 or id = 7) and board/name = "Help Desk""#,
            &t
        ));
        assert!(!check(
            r#"id = 1 or id = 2 and board/name = "Help Desk""#,
            &t
        ));
    }

    #[test]
    fn malformed_conditions_are_errors() {
        for bad in [
            "id =",
            "= 3",
            "id = \"x",
            "(id = 1",
            "id ~ 3",
            "summary = \"a[b\"",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
