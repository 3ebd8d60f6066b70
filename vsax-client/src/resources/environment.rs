//! The tenant itself (`GET /environment`).

use crate::calls::GetRecord;
use crate::client::Client;
use crate::endpoints::ENVIRONMENT_INFO;
use crate::models::Environment;

impl Client {
    /// `GET /environment`: tenant information (also the connectivity and
    /// authentication check).
    pub fn environment(&self) -> GetRecord<Environment> {
        GetRecord::at(
            self,
            &ENVIRONMENT_INFO,
            Ok(ENVIRONMENT_INFO.path.to_owned()),
        )
    }
}
