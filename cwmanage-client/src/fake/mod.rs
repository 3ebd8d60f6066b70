//! A stateful fake of the ConnectWise Manage API (feature `fake`).

mod conditions;
mod role;
mod seed;

pub use role::{FakeRole, Level, Verb};
pub use seed::{API_MEMBER, API_MEMBER_ID, DEFAULT_BOARD_ID, Seed};
