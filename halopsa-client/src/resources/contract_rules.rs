//! Contract rules and schedules: Halo has no endpoint of their own; they come
//! with one contract read with details (`GET /ClientContract/{id}?includedetails=true`,
//! its `billingplans` and `schedule`).

use neo_auth_core::Result;

use crate::models::{ContractRule, ContractSchedule};

impl crate::Client {
    /// The rules (billing plans) of one contract: `GET /ClientContract/{id}`
    /// with `includedetails=true`, its `billingplans` (none when Halo sends
    /// none). A read of the contracts area.
    ///
    /// ```
    /// # async fn run() -> neo_auth_core::Result<()> {
    /// use halopsa_client::fake::FakeServer;
    /// let server = FakeServer::start().await;
    /// let client = halopsa_client::Client::builder().credentials(server.credentials()).build()?;
    /// let rules = client.contract_rules(1).await?;
    /// assert!(!rules.is_empty());
    /// # Ok(()) }
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
    /// ```
    pub async fn contract_rules(&self, contract_id: i64) -> Result<Vec<ContractRule>> {
        let contract = self
            .contracts()
            .get(contract_id)
            .include_details(true)
            .send()
            .await?;
        Ok(contract.billingplans.unwrap_or_default())
    }

    /// The scheduled charges of one contract, as its detailed read carries them
    /// (`schedule`); [`Client::contract_schedules`](crate::Client::contract_schedules)
    /// lists every schedule.
    pub async fn contract_schedule_of(&self, contract_id: i64) -> Result<Vec<ContractSchedule>> {
        let contract = self
            .contracts()
            .get(contract_id)
            .include_details(true)
            .send()
            .await?;
        Ok(contract.schedule.unwrap_or_default())
    }
}
