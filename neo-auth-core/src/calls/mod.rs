//! Single-record calls and writes built from an [`EndpointSpec`]:
//!
//! - [`RecordId`], [`record_path`], [`collection_path`] (`record_path.rs`): ids
//!   as digits or one percent-encoded segment, bad ids refused before sending;
//! - [`GetCall`] (`get.rs`) and [`DeleteCall`] (`delete.rs`, never retried
//!   unless asked);
//! - [`WriteCall`] and [`Transport::write_json`](crate::Transport::write_json)
//!   (`write.rs`): create, update, patch and the raw escape hatch;
//! - [`decode_write_reply`] and [`SaveOutcome`] (`outcome.rs`): a 2xx that does
//!   not show what was saved is [`Error::WriteUncertain`], or an
//!   [`SaveOutcome::Unconfirmed`] for callers that accept it;
//! - [`send_chunked`] and [`BatchError`] (`batch.rs`): which chunks were
//!   applied, which may have been, which were never sent.

mod batch;
mod delete;
mod get;
mod outcome;
mod record_path;
mod write;

pub use batch::{BatchError, send_chunked};
pub use delete::DeleteCall;
pub use get::GetCall;
pub use outcome::{SaveOutcome, decode_write_reply};
pub use record_path::{PARENT_PLACEHOLDER, RecordId, collection_path, record_path};
pub use write::WriteCall;

use serde::de::DeserializeOwned;

use crate::access::requirement::Requirement;
use crate::access::requirements::Verb;
use crate::endpoint::EndpointSpec;
use crate::error::decode::decode_json;
use crate::error::{Error, Result};

/// The requirement of `verb` on `spec`; a spec that does not offer the verb is
/// an [`Error::Config`].
pub(crate) fn requirement_of(spec: &EndpointSpec, verb: Verb) -> Result<Requirement> {
    spec.requirements
        .requirement(spec.name, verb)
        .ok_or_else(|| {
            Error::config(format!(
                "the {} endpoint `{}` does not offer `{verb}`",
                spec.name, spec.path
            ))
        })
}

/// A read's reply (also a read sent as POST): a blank body as JSON `null`.
pub(crate) fn decode_read_reply<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        decode_json(b"null")
    } else {
        decode_json(body)
    }
}
