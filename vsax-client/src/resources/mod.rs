//! One handler per permission area, borrowed from the [`Client`](crate::Client):
//! `client.devices()`, `client.assets()`, `client.organizations()`,
//! `client.sites()`, `client.groups()`, `client.scripts()`, `client.tasks()`,
//! `client.workflows()`, `client.notifications()`, `client.webhooks()`, and
//! `client.environment()`.

pub mod assets;
pub mod automation;
pub mod devices;
pub mod environment;
pub mod hierarchy;
pub mod notifications;
