//! Typed VSA X records, PascalCase as the API sends them.
//!
//! Every model keeps the fields it does not know in `extra` (nothing is lost),
//! takes missing fields as `None` or empty, reads numbers and booleans sent as
//! strings ([`neo_auth_core::lenient`]), and reads dates leniently
//! ([`Timestamp`], the raw string kept). Device and asset ids are GUID strings;
//! organization, site and group ids are integers.

pub mod asset;
pub mod automation;
pub mod custom_field;
pub mod device;
pub mod envelope;
pub mod environment;
pub mod hierarchy;
pub mod notification;
pub mod priority;
pub mod timestamp;
pub mod webhook;

mod de;

pub use asset::{Asset, AssetCategory, Disk, InstalledSoftware, SecurityProduct, UpdateCounts};
pub use automation::{
    Execution, RunReceipt, RunScript, RunTask, RunWorkflow, Script, ScriptVariable,
    ScriptVariableValue, Task, VariableOverride, Workflow,
};
pub use custom_field::CustomFieldValue;
pub use device::{AntivirusStatus, AppliedPolicy, Device, NetworkAdapter};
pub use envelope::{ListReply, Meta};
pub use environment::Environment;
pub use hierarchy::{ContactInformation, Group, Organization, Site};
pub use notification::{CreateNotification, Notification};
pub use priority::Priority;
pub use timestamp::Timestamp;
pub use webhook::{SecretKey, Webhook, WebhookDelivery, WebhookSettings};
