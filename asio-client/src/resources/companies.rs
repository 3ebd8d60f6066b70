use neo_auth_core::{GetCall, ListCall, Result, list_builder};

use crate::Client;
use crate::endpoints;
use crate::models::{Company, CustomField};

list_builder! {
    /// `GET /api/platform/v1/company/companies`: every company (one bare array).
    pub struct CompanyList => Company;
}

list_builder! {
    /// `GET …/companies/{companyId}/custom-fields`.
    pub struct CustomFieldList => CustomField;
}

impl CustomFieldList {
    /// Only these definitions (`attributeIDs`).
    pub fn attribute_ids<I, S>(self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        match super::id_list("attribute", ids) {
            Ok(list) => self.param("attributeIDs", list),
            Err(problem) => self.refuse(problem),
        }
    }

    /// Include fields without a value, with their defaults (`withDefaults`).
    pub fn with_defaults(self, on: bool) -> Self {
        self.param("withDefaults", on)
    }
}

/// Companies (clients): list, get, custom fields.
#[derive(Clone, Copy, Debug)]
pub struct Companies<'a> {
    client: &'a Client,
}

impl<'a> Companies<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Companies { client }
    }

    /// Every company.
    pub fn list(&self) -> CompanyList {
        CompanyList::from(ListCall::new(
            self.client.transport(),
            &endpoints::COMPANIES,
        ))
    }

    /// One company.
    pub async fn get(&self, company_id: &str) -> Result<Company> {
        GetCall::new(
            self.client.transport().clone(),
            &endpoints::COMPANIES,
            company_id,
        )
        .send()
        .await
    }

    /// The custom-field values of a company.
    pub fn custom_fields(&self, company_id: &str) -> CustomFieldList {
        CustomFieldList::from(
            ListCall::new(self.client.transport(), &endpoints::COMPANY_CUSTOM_FIELDS)
                .parent(company_id),
        )
    }
}
