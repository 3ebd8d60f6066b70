//! neo-auth-core (work in progress)
#![deny(missing_docs)]

pub mod lenient;
