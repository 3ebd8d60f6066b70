//! Workspace-level integration tests of the MSP platform SDK live in `tests/tests/`:
//! whole jobs (a sync, a ticket-opening security product) run against the vendor
//! fakes, with assertions on traffic, tokens and what reaches the logs.
