//! The fake's own small `$filter` reader (independent of the client's builder):
//! `Field eq|ne|gt|lt literal` and `contains(Field,'text')`, joined with `and`.

use serde_json::Value;

#[derive(Debug, PartialEq)]
enum Literal {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Debug, PartialEq)]
enum Clause {
    Compare(String, String, Literal),
    Contains(String, String),
}

/// A parsed filter: every clause must hold.
#[derive(Debug, PartialEq)]
pub(crate) struct FakeFilter(Vec<Clause>);

struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn skip_blanks(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_blanks();
        match self.rest.get(..token.len()) {
            Some(head) if head.eq_ignore_ascii_case(token) => {
                self.rest = &self.rest[token.len()..];
                true
            }
            _ => false,
        }
    }

    fn word(&mut self) -> Option<&'a str> {
        self.skip_blanks();
        let end = self
            .rest
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '_' || c == '/' || c == '.' || c == '-')
            })
            .unwrap_or(self.rest.len());
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        (!word.is_empty()).then_some(word)
    }

    fn quoted(&mut self) -> Option<String> {
        self.skip_blanks();
        let mut chars = self.rest.strip_prefix('\'')?.char_indices().peekable();
        let body = &self.rest[1..];
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            if c != '\'' {
                out.push(c);
            } else if chars.peek().map(|(_, c)| *c) == Some('\'') {
                chars.next();
                out.push('\'');
            } else {
                self.rest = &body[i + 1..];
                return Some(out);
            }
        }
        None
    }

    fn literal(&mut self) -> Option<Literal> {
        self.skip_blanks();
        if self.rest.starts_with('\'') {
            return self.quoted().map(Literal::Text);
        }
        let word = self.word()?;
        Some(match word.to_ascii_lowercase().as_str() {
            "true" => Literal::Bool(true),
            "false" => Literal::Bool(false),
            "null" => Literal::Null,
            _ => Literal::Number(word.parse().ok()?),
        })
    }

    fn clause(&mut self) -> Option<Clause> {
        if self.eat("contains(") {
            let field = self.word()?.to_owned();
            if !self.eat(",") {
                return None;
            }
            let text = self.quoted()?;
            return self.eat(")").then_some(Clause::Contains(field, text));
        }
        let field = self.word()?.to_owned();
        let op = self.word()?.to_ascii_lowercase();
        if !matches!(op.as_str(), "eq" | "ne" | "gt" | "lt") {
            return None;
        }
        Some(Clause::Compare(field, op, self.literal()?))
    }
}

impl FakeFilter {
    /// Parses `text`, or says what the fake cannot read.
    pub(crate) fn parse(text: &str) -> Result<FakeFilter, String> {
        let mut cursor = Cursor { rest: text };
        let mut clauses = Vec::new();
        loop {
            let clause = cursor
                .clause()
                .ok_or_else(|| format!("the fake cannot read the $filter `{text}`"))?;
            clauses.push(clause);
            cursor.skip_blanks();
            if cursor.rest.is_empty() {
                return Ok(FakeFilter(clauses));
            }
            if !cursor.eat("and ") {
                return Err(format!(
                    "the fake cannot read the $filter `{text}` (only `and` joins clauses)"
                ));
            }
        }
    }

    /// Whether `record` passes.
    pub(crate) fn matches(&self, record: &Value) -> bool {
        self.0.iter().all(|clause| match clause {
            Clause::Contains(field, text) => record[field.as_str()]
                .as_str()
                .is_some_and(|v| v.to_lowercase().contains(&text.to_lowercase())),
            Clause::Compare(field, op, literal) => {
                let value = &record[field.as_str()];
                let ordering = match (value, literal) {
                    (Value::String(v), Literal::Text(t)) => {
                        Some(v.to_lowercase().cmp(&t.to_lowercase()))
                    }
                    (Value::Number(v), Literal::Number(n)) => {
                        v.as_f64().and_then(|v| v.partial_cmp(n))
                    }
                    (Value::Bool(v), Literal::Bool(b)) => Some(v.cmp(b)),
                    (Value::Null, Literal::Null) => Some(std::cmp::Ordering::Equal),
                    _ => None,
                };
                match op.as_str() {
                    "eq" => ordering == Some(std::cmp::Ordering::Equal),
                    "ne" => ordering != Some(std::cmp::Ordering::Equal),
                    "gt" => ordering == Some(std::cmp::Ordering::Greater),
                    _ => ordering == Some(std::cmp::Ordering::Less),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_the_builder_writes() {
        let record = json!({"Name": "O'Brien PC", "GroupId": 125, "IsOnline": true});
        for (text, expected) in [
            ("GroupId eq 125", true),
            ("GroupId gt 100 and IsOnline eq true", true),
            ("contains(Name,'o''brien')", true),
            ("Name eq 'x' and GroupId eq 125", false),
            ("GroupId lt 100", false),
            ("Missing eq null", true),
        ] {
            assert_eq!(
                FakeFilter::parse(text).unwrap().matches(&record),
                expected,
                "{text}"
            );
        }
        assert!(FakeFilter::parse("A eq 1 or B eq 2").is_err());
        assert!(FakeFilter::parse("(A eq 1)").is_err());
    }
}
