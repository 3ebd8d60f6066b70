//! # asio-client
//!
//! The ConnectWise Asio platform API client of the MSP platform SDK, built on [`neo_auth_core`].
//!
//! This crate is not implemented yet: its own issue fills it in following the
//! shape shared by every vendor crate (`shared/VENDOR-CRATE.md`). Until then it
//! exposes nothing, so nothing can be called by mistake.
#![deny(missing_docs)]
