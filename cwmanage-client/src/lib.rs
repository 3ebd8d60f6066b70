//! # cwmanage-client
//!
//! The ConnectWise Manage (PSA) REST API 3.0 client of the MSP platform SDK, built on [`neo_auth_core`].
#![deny(missing_docs)]

pub mod callbacks;
mod company_info;
mod conditions;
mod credentials;
pub mod endpoints;
mod errors;
#[cfg(feature = "fake")]
pub mod fake;
pub mod models;
mod patch;
mod query;
pub mod scopes;
mod site;
mod version;

pub use company_info::{
    COMPANY_INFO_PATH, DEFAULT_CODEBASE, company_info_from_reply, normalize_codebase,
};
pub use conditions::{Condition, CwValue, quote};
pub use credentials::{CLIENT_ID_HEADER, CwCredentials};
pub use errors::{
    CLOUD_NOT_FOUND_HINT, CwErrors, FORBIDDEN_HINT, NOT_AUTHENTICATED_HINT, SSL_REQUIRED_HINT,
};
pub use patch::{PatchKind, PatchOp};
pub use query::{ListQuery, Order};
pub use site::Site;
pub use version::{DEFAULT_API_VERSION, MEDIA_TYPE, accept_header};

pub use neo_auth_core::{AccessPolicy, Approval, AreaAccess, Error, Result, secrecy};
