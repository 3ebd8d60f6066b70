//! Reports (`/Report`, schema `AnalyzerProfile`) and published report data
//! (`/ReportData/{publishedid}`). Read-only by default; scope `read:reporting`.
//! Reports are Halo's recommended way to read in bulk under the rate limit.

use neo_auth_core::{ApiRequest, Error, Result, Verb, encode_path_segment};
use serde::de::DeserializeOwned;

use crate::endpoints::REPORTS;

impl crate::Client {
    /// The data of a published report (`GET /ReportData/{publishedid}`), as JSON
    /// exactly as Halo sent it: its shape depends on the report's columns. For
    /// typed rows use [`Client::report_data_as`](crate::Client::report_data_as).
    pub async fn report_data(&self, published_id: &str) -> Result<serde_json::Value> {
        self.transport()
            .send_json(report_data_request(published_id)?)
            .await
    }

    /// The rows of a published report, each decoded into `T` (a struct whose
    /// fields are the report's column names, or `serde_json::Map` for any).
    ///
    /// Halo documents no response schema for `/ReportData`, so the rows are taken
    /// from whichever shape it answers with: a bare array, `{"rows": [...]}` (the
    /// spec's `ReportContent`), `{"report": {"rows": [...]}}` or `{"data": [...]}`.
    /// A report that did not load (`"loaded": false`) or a row that does not
    /// decode is [`Error::Decode`](neo_auth_core::Error::Decode), naming the row's
    /// path (`rows[3].hours`).
    ///
    /// ```no_run
    /// # async fn run(client: halopsa_client::Client) -> neo_auth_core::Result<()> {
    /// #[derive(serde::Deserialize)]
    /// struct Hours {
    ///     agent: String,
    ///     #[serde(deserialize_with = "neo_auth_core::lenient::f64")]
    ///     hours: f64,
    /// }
    /// for row in client.report_data_as::<Hours>("3f2c…").await? {
    ///     println!("{}: {}", row.agent, row.hours);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn report_data_as<T: DeserializeOwned>(&self, published_id: &str) -> Result<Vec<T>> {
        let response = self
            .transport()
            .send(report_data_request(published_id)?)
            .await?;
        super::report_rows::decode_rows(response.body())
    }
}

/// `GET /ReportData/{publishedid}`, read with the reports scope; an empty id is
/// refused before anything is sent (it would read `/ReportData/`).
fn report_data_request(published_id: &str) -> Result<ApiRequest> {
    let published_id = published_id.trim();
    if published_id.is_empty() {
        return Err(Error::config(
            "the published id of the report is empty (Report::published_id)",
        ));
    }
    Ok(
        ApiRequest::get(format!("/ReportData/{}", encode_path_segment(published_id)))
            .requirement(report_data_requirement()?),
    )
}

/// Reading report data needs what getting a report needs (`read:reporting`).
fn report_data_requirement() -> Result<neo_auth_core::Requirement> {
    REPORTS
        .requirements
        .requirement(REPORTS.name, Verb::Get)
        .map(|requirement| requirement.for_operation("reports.data"))
        .ok_or_else(|| Error::config("the reports endpoint offers no get"))
}
