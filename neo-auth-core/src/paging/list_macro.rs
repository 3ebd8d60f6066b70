//! [`list_builder!`](crate::list_builder): a vendor's typed list over a
//! [`ListCall`](crate::ListCall), carrying only the filters its endpoint honours.

/// Declares a vendor list type wrapping a [`ListCall`](crate::ListCall) of one
/// record type, with the endings and settings every list has (`param`,
/// `page_size`, `max_pages`, `options`, `refuse`, `send`, `page`, `pages`, `stream`,
/// `collect_all`, `into_call`) — the vendor then adds, in its own `impl`, only
/// the filters the endpoint honours.
///
/// ```
/// use neo_auth_core::{
///     Area, BasicCredential, EndpointSpec, ListCall, PagingScheme, Requirements, Scope, Transport,
///     list_builder,
/// };
/// use std::sync::Arc;
///
/// static READ: Scope = Scope::new("read", "Read");
/// static TICKETS: EndpointSpec =
///     EndpointSpec::new("tickets", "/tickets", Requirements::read_only(Area::new("tickets"), &READ));
/// static COMPANIES: EndpointSpec =
///     EndpointSpec::new("companies", "/companies", Requirements::read_only(Area::new("companies"), &READ));
///
/// list_builder! {
///     /// The ticket list.
///     pub struct TicketList => serde_json::Value;
/// }
/// list_builder! {
///     /// The company list.
///     pub struct CompanyList => serde_json::Value;
/// }
///
/// impl TicketList {
///     /// Only open tickets (honoured by `/tickets` only).
///     pub fn open_only(self, open: bool) -> Self {
///         self.param("open_only", open)
///     }
/// }
///
/// # fn main() -> neo_auth_core::Result<()> {
/// let credential = BasicCredential::new("user", "pw".to_owned().into())?;
/// let transport = Transport::builder("https://psa.example.com/api")
///     .credential(Arc::new(credential))
///     .build()?;
/// let tickets = TicketList::from(ListCall::new(&transport, &TICKETS)).open_only(true).page_size(50);
/// let _companies = CompanyList::from(ListCall::new(&transport, &COMPANIES)).page_size(50);
/// assert_eq!(tickets.call().spec().name, "tickets");
/// # Ok(()) }
/// ```
///
/// A filter the endpoint does not honour does not compile:
///
/// ```compile_fail
/// # use neo_auth_core::list_builder;
/// list_builder! { pub struct CompanyList => serde_json::Value; }
/// fn companies(list: CompanyList) -> CompanyList {
///     list.open_only(true) // no such method: companies have no `open_only`
/// }
/// ```
#[macro_export]
macro_rules! list_builder {
    ($(#[$meta:meta])* $vis:vis struct $name:ident => $item:ty;) => {
        $(#[$meta])*
        #[must_use]
        #[derive(Debug, Clone)]
        $vis struct $name {
            call: $crate::ListCall<$item>,
        }

        impl ::std::convert::From<$crate::ListCall<$item>> for $name {
            fn from(call: $crate::ListCall<$item>) -> Self {
                $name { call }
            }
        }

        #[allow(dead_code)]
        impl $name {
            /// Adds a raw query parameter.
            pub fn param(
                mut self,
                key: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::string::ToString,
            ) -> Self {
                self.call = self.call.param(key, value);
                self
            }

            /// Sets the page size (checked when sent).
            pub fn page_size(mut self, size: u32) -> Self {
                self.call = self.call.page_size(size);
                self
            }

            /// Caps the number of pages a stream fetches.
            pub fn max_pages(mut self, max_pages: u64) -> Self {
                self.call = self.call.max_pages(max_pages);
                self
            }

            /// Per-request overrides, applied to every page.
            pub fn options(mut self, options: $crate::RequestOptions) -> Self {
                self.call = self.call.options(options);
                self
            }

            /// Remembers a configuration error, reported when sent.
            pub fn refuse(mut self, message: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.call = self.call.refuse(message);
                self
            }

            /// Changes the underlying call (hooks, headers, body, record ids).
            pub fn map_call(
                mut self,
                change: impl ::std::ops::FnOnce($crate::ListCall<$item>) -> $crate::ListCall<$item>,
            ) -> Self {
                self.call = change(self.call);
                self
            }

            /// The underlying call.
            pub fn call(&self) -> &$crate::ListCall<$item> {
                &self.call
            }

            /// The underlying call, by value.
            pub fn into_call(self) -> $crate::ListCall<$item> {
                self.call
            }

            /// The first page.
            pub async fn send(&self) -> $crate::Result<$crate::Page<$item>> {
                self.call.send().await
            }

            /// One numbered page (see `ListCall::page`).
            pub async fn page(&self, number: u64) -> $crate::Result<$crate::Page<$item>> {
                self.call.page(number).await
            }

            /// All pages, one in memory at a time.
            pub fn pages(self) -> $crate::PageStream<$item> {
                self.call.pages()
            }

            /// All records, one page in memory at a time.
            pub fn stream(self) -> $crate::ItemStream<$item> {
                self.call.stream()
            }

            /// All records collected into a `Vec`.
            pub async fn collect_all(self) -> $crate::Result<::std::vec::Vec<$item>> {
                self.call.collect_all().await
            }
        }
    };
}
