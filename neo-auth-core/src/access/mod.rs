//! Access control: what an operation needs ([`Requirement`](requirement::Requirement)),
//! what the credential holds ([`ScopeSet`](scope::ScopeSet)) and what the integrator
//! allows ([`AccessPolicy`](policy::AccessPolicy)).

pub(crate) mod policy;
pub(crate) mod requirement;
pub(crate) mod requirements;
pub(crate) mod scope;
