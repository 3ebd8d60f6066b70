//! Helpers for vendor models: lenient decoding of loosely typed JSON.

pub mod lenient;
