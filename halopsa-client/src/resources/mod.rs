//! One module per resource area. Each declares its [`ResourceDef`](crate::resource::ResourceDef)
//! and the accessor on [`Client`](crate::Client).
//!
//! | accessor | path | list key | paginated |
//! | --- | --- | --- | --- |
//! | `tickets()` | `/Tickets` | `tickets` | yes |
//! | `actions()` | `/Actions` | `actions` | no |
//! | `contacts()` | `/Users` | `users` | yes |
//! | `companies()` | `/Client` | `clients` | yes |
//! | `sites()` | `/Site` | `sites` | yes |
//! | `assets()` | `/Asset` | `assets` | yes (50 per page) |
//! | `products()` | `/Item` | `items` | yes |
//! | `appointments()` | `/Appointment` | `appointments` | yes |
//! | `slas()` | `/SLA` | undocumented | no |
//! | `kb_articles()` | `/KBArticle` | `articles` | yes |
//! | `contracts()` | `/ClientContract` | `contracts` | yes |
//! | `invoices()` | `/Invoice` | `invoices` | yes |
//! | `quotations()` | `/Quotation` | `quotes` | yes |
//! | `suppliers()` | `/Supplier` | `suppliers` | yes |
//! | `opportunities()` | `/Opportunities` | `tickets` | yes |
//! | `reports()` | `/Report` | `reports` | yes |
//! | `statuses()` | `/Status` | `statuses` | no |
//! | `priorities()` | `/Priority` | undocumented | no (string ids) |
//! | `categories()` | `/Category` | `categories` | no |
//! | `teams()` | `/Team` | `teams` | no |
//! | `agents()` | `/Agent` | `agents` | no |
//! | `ticket_types()` | `/TicketType` | undocumented | no |
//! | `workflows()` | `/Workflow` | undocumented | no |
//!
//! "Paginated" follows the OpenAPI spec: only the lists it gives `pageinate` /
//! `page_no` are paged; the others are read in one GET. List keys are those Halo's
//! client libraries read (the vendor documents no response schemas); where none is
//! known, the first array of a wrapped reply is taken.

/// Declares a resource: its definition constant and the `Client` accessor.
///
/// `key` is the documented list key (`None` if undocumented); `paginated` whether
/// `GET /X` takes Halo's paging parameters.
macro_rules! resource {
    (
        $(#[$doc:meta])*
        $accessor:ident -> $model:ty, $def:ident = ($path:literal, $noun:literal, $requirements:expr),
        key = $key:expr, paginated = $paginated:expr
    ) => {
        #[doc = concat!("The `/", $path, "` resource.")]
        pub(crate) static $def: $crate::resource::ResourceDef = $crate::resource::ResourceDef {
            path: $path,
            name: stringify!($accessor),
            noun: $noun,
            requirements: $requirements,
            parent_key: None,
            list_key: $key,
            paginated: $paginated,
        };

        impl $crate::Client {
            $(#[$doc])*
            pub fn $accessor(&self) -> $crate::resource::Resource<$model> {
                $crate::resource::Resource::new(self, &$def)
            }
        }
    };
}

pub mod actions;
pub mod appointments;
pub mod assets;
pub mod companies;
pub mod configuration;
pub mod contacts;
pub mod contracts;
pub mod invoices;
pub mod knowledge_base;
pub mod opportunities;
pub mod products;
pub mod quotations;
mod report_rows;
pub mod reports;
pub mod sites;
pub mod slas;
pub mod suppliers;
pub mod tickets;
