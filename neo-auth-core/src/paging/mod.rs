//! Pagination: the page type and the streaming pager with its loop guards, the
//! `Link` header and envelope readers, and the [`ListCall`](list_call::ListCall)
//! built from an endpoint description.

pub(crate) mod envelope;
pub(crate) mod hash;
pub(crate) mod hook;
pub(crate) mod link;
pub(crate) mod list_call;
pub(crate) mod list_macro;
pub(crate) mod pager;
pub(crate) mod record_key;
pub(crate) mod top_level;
