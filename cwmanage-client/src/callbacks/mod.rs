//! Callbacks (webhooks): what ConnectWise posts, and how to check it came from
//! ConnectWise.

mod verify;

pub use verify::{CallbackError, CallbackVerifier, SIGNATURE_HEADER, sign, verify_signature};
