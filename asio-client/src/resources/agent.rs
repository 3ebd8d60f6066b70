use neo_auth_core::{ApiRequest, Error, RequestOptions, Result, Verb};
use serde_json::json;

use super::requirement;
use crate::Client;
use crate::endpoints;
use crate::models::InstallToken;

/// Agent information. Asio has no agent list (agents are the devices); what it
/// offers is the install token of a company and site.
#[derive(Clone, Copy, Debug)]
pub struct Agent<'a> {
    client: &'a Client,
}

impl<'a> Agent<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Agent { client }
    }

    /// The agent install token of a company's site (`POST …/device/token`,
    /// get-or-create: asking again returns the same token). Sends
    /// `{companyID, siteID}`, the current reference body; the live API
    /// refuses v2.2.8's `clientID` (`ErrClientIDNotAllowed`) — use
    /// [`install_token_with_field`](Agent::install_token_with_field) for a
    /// tenant that still wants it.
    pub async fn install_token(&self, company_id: &str, site_id: &str) -> Result<InstallToken> {
        self.install_token_with_field("companyID", company_id, site_id)
            .await
    }

    /// As [`install_token`](Agent::install_token), naming the company field
    /// (`companyID` or v2.2.8's `clientID`).
    pub async fn install_token_with_field(
        &self,
        company_field: &str,
        company_id: &str,
        site_id: &str,
    ) -> Result<InstallToken> {
        if !matches!(company_field, "companyID" | "clientID") {
            return Err(Error::config(format!(
                "the install-token company field is `companyID` or `clientID`, not `{}`",
                company_field.escape_debug()
            )));
        }
        if company_id.trim().is_empty() || site_id.trim().is_empty() {
            return Err(Error::config(
                "an install token needs a company id and a site id",
            ));
        }
        let spec = &endpoints::AGENT_TOKEN;
        let body = json!({ company_field: company_id, "siteID": site_id });
        // Get-or-create: repeating it is safe, so it is retried like a read.
        let request = ApiRequest::post(spec.path)
            .json(&body)?
            .options(RequestOptions::new().idempotent(true));
        self.client
            .send_json(request, Some(requirement(spec, Verb::Get)?))
            .await
    }
}
