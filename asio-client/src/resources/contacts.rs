use neo_auth_core::{ApiRequest, Result, Verb};

use super::requirement;
use crate::Client;
use crate::endpoints;
use crate::models::{Company, Contact};

/// Contacts. The v2.2.8 spec has no contact list: the company's
/// `primaryContact` is the documented way to read one, and
/// [`list`](Contacts::list) tries `GET /api/platform/v1/contact/contacts`,
/// tolerating a tenant that does not offer it.
#[derive(Clone, Copy, Debug)]
pub struct Contacts<'a> {
    client: &'a Client,
}

impl<'a> Contacts<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Contacts { client }
    }

    /// The contacts of a company (`?companyId=`), or every contact; `Ok(None)`
    /// when the tenant's API offers no contact list (404, 405 or 501).
    pub async fn list(&self, company_id: Option<&str>) -> Result<Option<Vec<Contact>>> {
        let spec = &endpoints::CONTACTS;
        let request = ApiRequest::get(spec.path).query_opt("companyId", company_id);
        match self
            .client
            .send_json::<Vec<Contact>>(request, Some(requirement(spec, Verb::List)?))
            .await
        {
            Ok(contacts) => Ok(Some(contacts)),
            Err(e) if matches!(e.status().map(|s| s.as_u16()), Some(404 | 405 | 501)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The primary contact of every company that has one (needs Platform -
    /// Companies - Read, and Contacts - Read by policy).
    pub async fn primary_contacts(&self) -> Result<Vec<(Company, Contact)>> {
        let spec = &endpoints::CONTACTS;
        self.client
            .transport()
            .policy()
            .check(&requirement(spec, Verb::List)?, None)?;
        let companies = self.client.companies().list().collect_all().await?;
        let mut out = Vec::new();
        for company in companies {
            let Some(raw) = company.primary_contact.clone() else {
                continue;
            };
            let contact: Contact =
                neo_auth_core::decode_json(&serde_json::to_vec(&raw).unwrap_or_default())?;
            out.push((company, contact));
        }
        Ok(out)
    }
}
