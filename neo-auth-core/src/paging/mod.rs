//! Pagination: the page type and the streaming pager with its loop guards.

pub(crate) mod pager;
