use neo_auth_core::{ApiRequest, ListCall, Result, Verb, list_builder};

use super::{requirement, segment};
use crate::Client;
use crate::endpoints;
use crate::models::Site;

list_builder! {
    /// `GET /api/platform/v1/company/sites` or `…/companies/{companyId}/sites`.
    pub struct SiteList => Site;
}

/// Sites: list (all, or of one company), get.
#[derive(Clone, Copy, Debug)]
pub struct Sites<'a> {
    client: &'a Client,
}

impl<'a> Sites<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Sites { client }
    }

    /// Every site of every company.
    pub fn list(&self) -> SiteList {
        SiteList::from(ListCall::new(self.client.transport(), &endpoints::SITES))
    }

    /// The sites of one company.
    pub fn for_company(&self, company_id: &str) -> SiteList {
        SiteList::from(
            ListCall::new(self.client.transport(), &endpoints::COMPANY_SITES).parent(company_id),
        )
    }

    /// One site.
    pub async fn get(&self, site_id: &str) -> Result<Site> {
        let spec = &endpoints::SITES;
        let path = format!("{}/{}", spec.path, segment("site", site_id)?);
        self.client
            .send_json(ApiRequest::get(path), Some(requirement(spec, Verb::Get)?))
            .await
    }
}
