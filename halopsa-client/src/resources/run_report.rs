//! Running reports: a saved report's rows (`GET /Report/{id}?loadreport=true`)
//! and an ad-hoc SQL query (`POST /Report` with `_loadreportonly`).
//!
//! Both are **reads** of the reports area (`read:reporting`): the policy checks
//! them as reads, so a read-only reports area runs them, and the query, though
//! it travels as `POST`, stores nothing and is retried like any read.

use neo_auth_core::{ApiRequest, Error, RequestOptions, Requirement, Result, Verb, decode_json};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::report_rows::decode_rows;
use crate::endpoints::REPORTS;
use crate::models::Report;

impl crate::Client {
    /// Runs a saved report and returns it with its output loaded
    /// (`GET /Report/{id}?loadreport=true`; the rows are in
    /// [`Report::report`]). For typed rows use
    /// [`run_report_as`](Self::run_report_as).
    pub async fn run_report(&self, id: i64) -> Result<Report> {
        self.transport().send_json(run_request(id)?).await
    }

    /// Runs a saved report and decodes its rows into `T` (a struct whose
    /// fields are the report's columns, or `serde_json::Map` for any). A report
    /// that did not load (`"loaded": false`) is [`Error::Decode`] with Halo's
    /// `load_error`.
    pub async fn run_report_as<T: DeserializeOwned>(&self, id: i64) -> Result<Vec<T>> {
        let response = self.transport().send(run_request(id)?).await?;
        decode_rows(response.body())
    }

    /// Runs an ad-hoc SQL query against Halo's reporting database and decodes
    /// its rows into `T` (`POST /Report` with `_loadreportonly: true`, nothing
    /// is saved). Checked as a read of the reports area and retried like one.
    ///
    /// ```
    /// # async fn run() -> neo_auth_core::Result<()> {
    /// use halopsa_client::fake::FakeServer;
    /// let server = FakeServer::start().await;
    /// let client = halopsa_client::Client::builder().credentials(server.credentials()).build()?;
    /// let sql = "SELECT faultid, SUM(timetaken) FROM actions GROUP BY faultid";
    /// let rows: Vec<serde_json::Map<String, serde_json::Value>> = client.query_sql_as(sql).await?;
    /// assert!(!rows.is_empty());
    /// # Ok(()) }
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
    /// ```
    ///
    /// # Errors
    ///
    /// A configuration error for blank SQL (before sending); [`Error::Decode`]
    /// when Halo answers that the query did not load, with its reason.
    pub async fn query_sql_as<T: DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let sql = sql.trim();
        if sql.is_empty() {
            return Err(Error::config("the SQL query is empty"));
        }
        let request = ApiRequest::post(REPORTS.path)
            .json(&[json!({"_loadreportonly": true, "sql": sql})])?
            .requirement(read("reports.query")?)
            .options(RequestOptions::new().idempotent(true));
        let response = self.transport().send(request).await?;
        decode_rows(&single_profile(response.body())?)
    }
}

/// `GET /Report/{id}?loadreport=true`, read with the reports scope.
fn run_request(id: i64) -> Result<ApiRequest> {
    if id < 1 {
        return Err(Error::config(format!(
            "report id {id} is not a Halo id (ids start at 1)"
        )));
    }
    Ok(ApiRequest::get(format!("{}/{id}", REPORTS.path))
        .query("loadreport", true)
        .requirement(read("reports.run")?))
}

/// Running a report needs what getting one needs (`read:reporting`).
fn read(operation: &'static str) -> Result<Requirement> {
    REPORTS
        .requirements
        .requirement(REPORTS.name, Verb::Get)
        .map(|requirement| requirement.for_operation(operation))
        .ok_or_else(|| Error::config("the reports endpoint offers no get"))
}

/// A query reply is the profile sent back, possibly as a one-element array:
/// the body with that array unwrapped, for [`decode_rows`].
fn single_profile(body: &[u8]) -> Result<Vec<u8>> {
    let value: Value = decode_json(body)?;
    match value {
        Value::Array(mut items) if items.len() == 1 && items[0].get("report").is_some() => {
            serde_json::to_vec(&items.remove(0)).map_err(|e| Error::decode(".", body, e))
        }
        _ => Ok(body.to_vec()),
    }
}
