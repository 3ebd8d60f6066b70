//! Resource handlers: `client.companies()`, `client.tickets()`, … Each returns
//! per-endpoint requests that end in `send()` (lists also in `stream()`).

pub mod boards;
pub mod callbacks;
pub mod companies;
pub mod members;
pub mod system;
pub mod tickets;
