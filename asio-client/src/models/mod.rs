//! Typed Asio records. Every model keeps fields it does not know in `extra`,
//! tolerates missing fields, and reads numbers leniently, so a newer API
//! (the live one is ahead of the v2.2.8 spec) never loses data.

mod agent;
mod automation;
mod common;
mod company;
mod contact;
mod custom_field;
mod device;
mod rate_limit;
mod site;
mod ticket;

pub use agent::InstallToken;
pub use automation::{
    EndpointTaskSummary, RunScript, ScheduledTask, Script, ShellScript, TaskDefinition,
    TaskInstanceSummary, TaskResult, TaskSummary,
};
pub use common::{Extra, Ref};
pub use company::Company;
pub use contact::Contact;
pub use custom_field::CustomField;
pub use device::{
    Application, Availability, Device, DeviceDetails, DeviceGroup, EndpointApplications,
    EndpointGroup, EndpointType, FailedRecord, Heartbeat, HeartbeatGroup, HeartbeatStatus, Os,
    SystemInfo, SystemState,
};
pub use rate_limit::{RateLimitBucket, RateLimits};
pub use site::Site;
pub use ticket::{Ticket, TicketNote, TicketPage};
