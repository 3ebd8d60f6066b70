//! Shared pieces of the example programs and the `neo` tool that are worth a
//! library of their own (and their own unit tests).
//!
//! - [`correlate`]: matching an RMM organization (the owner of a device) to
//!   its PSA company by identifier or normalised name, the way an MSP maps
//!   Asio / VSA X organizations to HaloPSA / ConnectWise Manage companies.
//! - [`low_disk`]: the devices whose system disk is running out of space,
//!   from VSA X's asset inventory.
#![deny(missing_docs)]

pub mod correlate;
pub mod low_disk;
