//! [`EndpointSpec`], [`PagingScheme`] and [`Envelope`]: plain data, `const`-built.

use crate::access::requirements::Requirements;

/// How an endpoint's list is paged.
///
/// Every scheme runs through the same pager and keeps its loop guards (page
/// cap, repeated page, repeated cursor, empty page short of the total).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingScheme {
    /// One request returns the whole list.
    None,
    /// A page number and a page size in the query (HaloPSA `page_no`/`page_size`,
    /// ConnectWise Manage `page`/`pageSize`, Asio tickets `pageNum`/`pageSize`).
    Numbered {
        /// The page-number parameter.
        page: &'static str,
        /// The page-size parameter.
        size: &'static str,
        /// The number of the first page (usually 1).
        first: u64,
        /// The largest page size the vendor accepts.
        max_size: u32,
        /// Fixed parameters every page request carries (Halo's `pageinate=true`).
        extra: &'static [(&'static str, &'static str)],
    },
    /// An offset and a count in the query (VSA X `$skip`/`$top`).
    Offset {
        /// The offset parameter.
        skip: &'static str,
        /// The count parameter.
        top: &'static str,
        /// The largest page size the vendor accepts.
        max_size: u32,
    },
    /// The next page's URL in an RFC 8288 `Link: <…>; rel="next"` header
    /// (ConnectWise Manage, Asio). The link must be same-origin and under the
    /// base path, else the list fails with a configuration error.
    LinkHeader {
        /// The page-size parameter of the first request.
        size: &'static str,
        /// The largest page size the vendor accepts.
        max_size: u32,
    },
    /// An opaque cursor read from the body and sent back as a query parameter.
    Cursor {
        /// The query parameter that carries the cursor.
        param: &'static str,
        /// Where the next cursor is in the body (a path of object keys).
        at: &'static [&'static str],
        /// The page-size parameter.
        size: &'static str,
        /// The largest page size the vendor accepts.
        max_size: u32,
    },
}

/// Where a list reply keeps its records and its total.
///
/// ```
/// use neo_auth_core::Envelope;
/// // VSA X: {"Data": [...], "Meta": {"TotalCount": 42}}
/// const VSAX: Envelope = Envelope::under(&["Data"]).with_total(&["Meta", "TotalCount"]);
/// assert_eq!(VSAX.items_at(), &["Data"]);
/// // ConnectWise Manage: a bare JSON array.
/// const CW: Envelope = Envelope::bare();
/// assert!(CW.items_at().is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    items: &'static [&'static str],
    total: Option<&'static [&'static str]>,
    next: Option<&'static [&'static str]>,
    or_bare: bool,
    first_array: Option<&'static [&'static str]>,
}

impl Envelope {
    /// The reply is a bare JSON array of records.
    pub const fn bare() -> Self {
        Envelope {
            items: &[],
            total: None,
            next: None,
            or_bare: false,
            first_array: None,
        }
    }

    /// The records are under a path of object keys (`&["Data"]`, `&["tickets"]`).
    pub const fn under(path: &'static [&'static str]) -> Self {
        Envelope {
            items: path,
            total: None,
            next: None,
            or_bare: false,
            first_array: None,
        }
    }

    /// The total number of records is at this path (`&["Meta", "TotalCount"]`).
    pub const fn with_total(mut self, path: &'static [&'static str]) -> Self {
        self.total = Some(path);
        self
    }

    /// The next page's link or cursor is at this path of the body
    /// (`&["Meta", "NextQueryLink"]`).
    pub const fn with_next(mut self, path: &'static [&'static str]) -> Self {
        self.next = Some(path);
        self
    }

    /// A reply that is a bare JSON array is taken as the records too (HaloPSA
    /// answers some paginated lists with a bare array when it ignores
    /// `pageinate`).
    ///
    /// ```
    /// use neo_auth_core::Envelope;
    /// const HALO: Envelope = Envelope::under(&["tickets"]).with_total(&["record_count"]).or_bare();
    /// assert!(HALO.accepts_bare());
    /// ```
    pub const fn or_bare(mut self) -> Self {
        self.or_bare = true;
        self
    }

    /// The records' key (a single top-level key) is matched in any case, and
    /// when a reply has no such key the records are the first array-valued
    /// top-level field not named in `not_records` (nor the total's key): for a
    /// vendor whose list keys are undocumented or inconsistent (HaloPSA's
    /// configuration lists). An empty key (`Envelope::under(&[""])`) always
    /// takes the first array.
    ///
    /// ```
    /// use neo_auth_core::Envelope;
    /// const SLAS: Envelope = Envelope::under(&["slas"])
    ///     .with_total(&["record_count"])
    ///     .or_bare()
    ///     .or_first_array(&["columns", "filters"]);
    /// assert_eq!(SLAS.first_array_fallback(), Some(&["columns", "filters"][..]));
    /// ```
    pub const fn or_first_array(mut self, not_records: &'static [&'static str]) -> Self {
        self.first_array = Some(not_records);
        self
    }

    /// The keys that never hold the records, when the records may be the first
    /// array of the reply (see [`Envelope::or_first_array`]).
    pub const fn first_array_fallback(&self) -> Option<&'static [&'static str]> {
        self.first_array
    }

    /// The same envelope without its first-array fallback: the records only
    /// under its own key (the fast path tried first for such an envelope).
    pub(crate) const fn without_first_array(mut self) -> Self {
        self.first_array = None;
        self
    }

    /// Whether a bare array is accepted as the records (always, for [`Envelope::bare`]).
    pub const fn accepts_bare(&self) -> bool {
        self.or_bare || self.items.is_empty()
    }

    /// The path of the records (empty: the reply is a bare array).
    pub const fn items_at(&self) -> &'static [&'static str] {
        self.items
    }

    /// The path of the total, when the vendor reports one.
    pub const fn total_at(&self) -> Option<&'static [&'static str]> {
        self.total
    }

    /// The path of the next link or cursor in the body, when there is one.
    pub const fn next_at(&self) -> Option<&'static [&'static str]> {
        self.next
    }
}

/// What kind of id a record of the endpoint has (how `get`/`delete` put it in the path).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdKind {
    /// A number.
    Number,
    /// A string (a GUID, a device id): percent-encoded as one path segment;
    /// `.`, `..` and ids containing `/` or `\` are refused.
    Text,
}

/// How a list request travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ListMethod {
    /// `GET` with the filters in the query.
    Get,
    /// `POST` with the filters in a JSON body (Asio's device list): declared and
    /// checked as a read, and retried like one.
    Post,
}

/// One vendor endpoint: its path, how its list is paged and wrapped, and what
/// each verb requires. Declared once, in a `static` table of the vendor crate.
///
/// ```
/// use neo_auth_core::{Area, EndpointSpec, Envelope, IdKind, PagingScheme, Requirements, Scope};
///
/// static READ_COMPANIES: Scope = Scope::new("Company Maintenance", "Company Maintenance");
/// static COMPANIES: EndpointSpec = EndpointSpec::new(
///     "companies",
///     "/company/companies",
///     Requirements::read_only(Area::new("companies"), &READ_COMPANIES),
/// )
/// .noun("company")
/// .paging(PagingScheme::LinkHeader { size: "pageSize", max_size: 1000 })
/// .envelope(Envelope::bare());
/// assert_eq!(COMPANIES.path, "/company/companies");
/// assert_eq!(COMPANIES.id, IdKind::Number);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndpointSpec {
    /// The SDK's name of the endpoint, prefix of its operation names (`tickets`).
    pub name: &'static str,
    /// What one record is called in messages (`ticket`).
    pub noun: &'static str,
    /// The path under the API base (`/company/companies`). It may hold one
    /// `{parent}` placeholder (`/service/tickets/{parent}/notes`), filled by the call.
    pub path: &'static str,
    /// What each verb needs.
    pub requirements: Requirements,
    /// How the list is paged.
    pub paging: PagingScheme,
    /// Where the list reply keeps its records.
    pub envelope: Envelope,
    /// The kind of the records' ids.
    pub id: IdKind,
    /// How a list request travels.
    pub list_method: ListMethod,
    /// A query parameter every single-record request must carry (Halo's
    /// actions need `ticket_id`).
    pub parent_key: Option<&'static str>,
}

impl EndpointSpec {
    /// An endpoint with a bare-array, unpaged list of numbered records read by `GET`;
    /// the other `const` setters change that.
    pub const fn new(name: &'static str, path: &'static str, requirements: Requirements) -> Self {
        EndpointSpec {
            name,
            noun: name,
            path,
            requirements,
            paging: PagingScheme::None,
            envelope: Envelope::bare(),
            id: IdKind::Number,
            list_method: ListMethod::Get,
            parent_key: None,
        }
    }

    /// What one record is called in messages.
    pub const fn noun(mut self, noun: &'static str) -> Self {
        self.noun = noun;
        self
    }

    /// How the list is paged.
    pub const fn paging(mut self, paging: PagingScheme) -> Self {
        self.paging = paging;
        self
    }

    /// Where the list reply keeps its records.
    pub const fn envelope(mut self, envelope: Envelope) -> Self {
        self.envelope = envelope;
        self
    }

    /// The kind of the records' ids.
    pub const fn id(mut self, id: IdKind) -> Self {
        self.id = id;
        self
    }

    /// The list travels as `POST` with a JSON body (still a read).
    pub const fn list_via_post(mut self) -> Self {
        self.list_method = ListMethod::Post;
        self
    }

    /// A query parameter every single-record request must carry.
    pub const fn parent_key(mut self, key: &'static str) -> Self {
        self.parent_key = Some(key);
        self
    }
}
