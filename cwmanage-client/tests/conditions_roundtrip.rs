//! Any string value survives the trip: quoted as a ConnectWise literal, sent as
//! a form-encoded query value (as the transport sends it), decoded and read
//! back by a parser written from the ConnectWise rules.

use cwmanage_client::{Condition, ListQuery};
use proptest::prelude::*;

/// Reads a ConnectWise string literal that starts at `text`'s beginning:
/// `\\` → `\`, `\"` → `"`, `[[]` → `[`. Returns the value and the rest.
fn read_literal(text: &str) -> Option<(String, &str)> {
    let mut chars = text.strip_prefix('"')?.char_indices();
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            '"' => return Some((out, &body[i + 1..])),
            '[' => {
                // Must be `[[]`.
                let (_, a) = chars.next()?;
                let (_, b) = chars.next()?;
                if (a, b) != ('[', ']') {
                    return None;
                }
                out.push('[');
            }
            other => out.push(other),
        }
    }
    None
}

fn sent_conditions(value: &str) -> String {
    let pairs = ListQuery::new()
        .conditions(Condition::eq("summary", value))
        .pairs()
        .unwrap();
    let encoded = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    // What a server reads back from the query string.
    let decoded: Vec<(String, String)> = url::form_urlencoded::parse(encoded.as_bytes())
        .into_owned()
        .collect();
    assert_eq!(decoded.len(), 1, "{encoded}");
    decoded[0].1.clone()
}

proptest! {
    #[test]
    fn any_string_round_trips_as_a_literal(value in any::<String>()) {
        let text = sent_conditions(&value);
        let literal = text.strip_prefix("summary = ").expect("the field and operator come first");
        let (back, rest) = read_literal(literal).expect("a well-formed literal");
        prop_assert_eq!(back, value);
        prop_assert_eq!(rest, "");
    }
}

#[test]
fn the_characters_that_need_url_encoding_are_encoded() {
    let pairs = ListQuery::new()
        .conditions(Condition::eq(
            "contactEmailAddress",
            "a+b@x.com & \"50%\" [x]",
        ))
        .pairs()
        .unwrap();
    let encoded = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    assert!(encoded.contains("a%2Bb%40x.com"), "{encoded}");
    assert!(encoded.contains("%26"), "{encoded}");
    assert!(encoded.contains("%5C%2250%25%5C%22"), "{encoded}");
    assert!(encoded.contains("%5B%5B%5Dx%5D"), "{encoded}");
    assert!(!encoded.contains('"') && !encoded.contains('[') && !encoded.contains("a+b"));
}
