//! # vsax-client
//!
//! The Kaseya VSA X REST API v3 client of the MSP platform SDK, built on [`neo_auth_core`].
//! The same API family is served by Pulseway (`https://api.pulseway.com/v3`): any
//! base URL is accepted.
#![deny(missing_docs)]

mod base_url;
pub mod credentials;
pub mod endpoints;
mod errors;
mod hierarchy;
pub mod models;
pub mod odata;
pub mod permissions;
mod token;
mod webhook_verify;

pub use credentials::Credentials;
pub use hierarchy::{GroupNode, Hierarchy, OrganizationNode, SiteNode, Unplaced};
pub use errors::{UNAUTHORIZED_HINT, VsaxErrors};
pub use webhook_verify::{SIGNATURE_HEADER, SignatureError, WebhookVerifier};

pub use neo_auth_core::{AccessPolicy, Approval, AreaAccess, Error, Result, secrecy};
