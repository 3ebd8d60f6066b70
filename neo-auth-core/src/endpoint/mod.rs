//! Endpoint descriptions: what the SDK knows about one vendor endpoint, declared
//! once in a vendor's `static` table and used by the list, get, delete and write
//! calls, the doctor and the vendor's fake.

mod spec;

pub use spec::{EndpointSpec, Envelope, IdKind, ListMethod, PagingScheme};
