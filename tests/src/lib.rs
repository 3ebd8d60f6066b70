//! Workspace-level integration tests of the MSP platform SDK live in `tests/tests/`:
//! whole jobs (a sync, a ticket-opening security product) run against the vendor
//! fakes, with assertions on traffic, tokens and what reaches the logs.
//!
//! The README's Rust snippets are compiled here (as doctests of [`readme`]), so
//! the front page never shows code that does not build.

#[doc = include_str!("../../README.md")]
pub mod readme {}
