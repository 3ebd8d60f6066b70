//! Companies (Company Maintenance, Inquire).

use neo_auth_core::RecordId;

use crate::calls::GetRequest;
use crate::client::Client;
use crate::endpoints::COMPANIES;
use crate::list::{CountRequest, ListRequest};
use crate::models::Company;

/// `client.companies()`.
#[derive(Clone, Copy, Debug)]
pub struct Companies<'a> {
    pub(crate) client: &'a Client,
}

impl Companies<'_> {
    /// Lists companies (`GET /company/companies`).
    pub fn list(&self) -> ListRequest<Company> {
        ListRequest::new(self.client.clone(), &COMPANIES, None)
    }

    /// Reads one company (`GET /company/companies/{id}`).
    pub fn get(&self, id: i64) -> GetRequest<Company> {
        GetRequest::new(self.client.clone(), &COMPANIES.spec, RecordId::from(id))
    }

    /// Counts companies (`GET /company/companies/count`).
    pub fn count(&self) -> CountRequest {
        CountRequest::new(self.client.clone(), &COMPANIES, None)
    }
}
