//! One module per resource area. Each declares its [`ResourceDef`](crate::resource::ResourceDef)
//! and the accessor on [`Client`](crate::Client).

/// Declares a resource: its definition constant and the `Client` accessor.
macro_rules! resource {
    (
        $(#[$doc:meta])*
        $accessor:ident -> $model:ty, $def:ident = ($path:literal, $noun:literal, $requirements:expr)
    ) => {
        #[doc = concat!("The `/", $path, "` resource.")]
        pub static $def: $crate::resource::ResourceDef = $crate::resource::ResourceDef {
            path: $path,
            name: stringify!($accessor),
            noun: $noun,
            requirements: $requirements,
            parent_key: None,
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
pub mod reports;
pub mod sites;
pub mod slas;
pub mod suppliers;
pub mod tickets;
