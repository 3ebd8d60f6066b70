//! Reports (`/Report`, schema `AnalyzerProfile`) and published report data
//! (`/ReportData/{publishedid}`). Read-only by default; scope `read:reporting`.
//! Reports are Halo's recommended way to read in bulk under the rate limit.

use neo_auth_core::{Access, ApiRequest, Result, encode_path_segment};

use crate::models::Report;
use crate::scopes::requirements;

resource! {
    /// Reports: list, get; writes need the policy to allow them.
    reports -> Report, REPORTS = ("Report", "report", requirements::REPORTS),
        key = Some("reports"), paginated = true
}

impl crate::Client {
    /// The data of a published report (`GET /ReportData/{publishedid}`), as JSON:
    /// its shape depends on the report's columns.
    pub async fn report_data(&self, published_id: &str) -> Result<serde_json::Value> {
        let request = ApiRequest::get(format!("/ReportData/{}", encode_path_segment(published_id)))
            .requirement(REPORTS.operation(Access::Read, "data"));
        self.transport().send_json(request).await
    }
}
