//! The rows of a published report (`/ReportData/{publishedid}`), decoded into a
//! caller's type from whichever shape Halo answers with.
//!
//! The spec documents no response schema for `/ReportData`; the shapes accepted
//! are those Halo uses for report output elsewhere: a bare array of rows, the
//! spec's `ReportContent` (`{"rows": [...]}`), an `AnalyzerProfile` carrying it
//! (`{"report": {"rows": [...]}}`), and `{"data": [...]}`.

use neo_auth_core::{Error, Result, decode_json};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Where the rows are in a report reply: the JSON path (for errors) and the array.
fn locate(body: &Value) -> std::result::Result<(&'static str, &Vec<Value>), String> {
    if let Value::Array(rows) = body {
        return Ok(("", rows));
    }
    let content = body.get("report").filter(|r| r.is_object()).unwrap_or(body);
    if content.get("loaded") == Some(&Value::Bool(false)) {
        let why = content
            .get("load_error")
            .and_then(Value::as_str)
            .unwrap_or("no reason given");
        return Err(format!("the report did not load: {why}"));
    }
    let prefix = if std::ptr::eq(content, body) {
        ""
    } else {
        "report."
    };
    for key in ["rows", "data"] {
        if let Some(Value::Array(rows)) = content.get(key) {
            let path = match (prefix, key) {
                ("", "rows") => "rows",
                ("", _) => "data",
                (_, "rows") => "report.rows",
                _ => "report.data",
            };
            return Ok((path, rows));
        }
    }
    Err("no report rows: expected an array, `rows`, `report.rows` or `data`".to_owned())
}

/// Decodes the rows of a report reply into `T`, each row at its JSON path in
/// errors (`rows[3].hours`).
pub(crate) fn decode_rows<T: DeserializeOwned>(body: &[u8]) -> Result<Vec<T>> {
    let value: Value = decode_json(body)?;
    let (path, rows) = locate(&value).map_err(|message| Error::decode(".", body, message))?;
    // Re-encoding the located rows cannot fail: they came from JSON.
    let rows = serde_json::to_vec(rows).map_err(|source| Error::decode(path, body, source))?;
    decode_json(&rows).map_err(|error| match error {
        Error::Decode {
            path: inner,
            snippet,
            source,
        } => Error::Decode {
            path: format!("{path}{}", inner.trim_start_matches('.')),
            snippet,
            source,
        },
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        agent: String,
        #[serde(deserialize_with = "neo_auth_core::lenient::f64")]
        hours: f64,
    }

    fn rows(body: &str) -> Result<Vec<Row>> {
        decode_rows(body.as_bytes())
    }

    #[test]
    fn every_shape_gives_the_rows() {
        let expected = vec![
            Row {
                agent: "Ann".into(),
                hours: 2.5,
            },
            Row {
                agent: "Bob".into(),
                hours: 1.0,
            },
        ];
        let list = r#"[{"agent":"Ann","hours":2.5},{"agent":"Bob","hours":"1"}]"#;
        for body in [
            list.to_owned(),
            format!(r#"{{"rows":{list},"loaded":true}}"#),
            format!(r#"{{"id":4,"report":{{"loaded":true,"rows":{list}}}}}"#),
            format!(r#"{{"data":{list}}}"#),
        ] {
            assert_eq!(rows(&body).unwrap(), expected, "{body}");
        }
    }

    #[test]
    fn bad_rows_and_unloaded_reports_are_decode_errors_with_a_path() {
        let error =
            rows(r#"{"report":{"rows":[{"agent":"Ann","hours":1},{"agent":"Bob"}]}}"#).unwrap_err();
        match &error {
            Error::Decode { path, .. } => assert_eq!(path, "report.rows[1]"),
            other => panic!("{other:?}"),
        }
        let error = rows(r#"{"rows":[{"agent":7,"hours":1}]}"#).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, .. } if path == "rows[0].agent"),
            "{error:?}"
        );
        let error = rows(r#"{"report":{"loaded":false,"load_error":"SQL timeout"}}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("the report did not load: SQL timeout"),
            "{error}"
        );
        let error = rows(r#"{"columns":[]}"#).unwrap_err();
        assert!(error.to_string().contains("no report rows"), "{error}");
        assert!(rows("not json").is_err());
    }
}
