use neo_auth_core::{GetCall, ListCall, Result, list_builder};

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
        GetCall::new(self.client.transport().clone(), &endpoints::SITES, site_id)
            .send()
            .await
    }
}
