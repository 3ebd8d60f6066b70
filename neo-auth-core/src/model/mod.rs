//! Helpers for vendor models: lenient decoding of loosely typed JSON, and open
//! enums that keep values the SDK does not know.

pub mod lenient;
pub(crate) mod open_enum;
