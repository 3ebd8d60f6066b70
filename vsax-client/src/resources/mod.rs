//! One handler per permission area, borrowed from the [`Client`](crate::Client):
//! `client.devices()`, `client.assets()`, `client.organizations()`,
//! `client.sites()`, `client.groups()`, `client.scripts()`, `client.tasks()`,
//! `client.workflows()`, `client.notifications()`, `client.webhooks()`.

pub mod assets;
pub mod automation;
pub mod devices;
pub mod hierarchy;
pub mod notifications;
