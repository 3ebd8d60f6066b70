//! Per-endpoint filters written once per wire name: [`typed_filters!`] adds
//! one method per `kind method = "wire": "doc"` line to a list type.
//!
//! Kinds: `id` (an `i64`), `flag` (a `bool`), `text` (a string), `ids` (a
//! comma-separated id list, refused when empty), `date` (a UTC time in Halo's
//! format).

/// Adds typed filter methods to a list type.
macro_rules! typed_filters {
    ($list:ident { $($kind:ident $method:ident = $wire:literal: $doc:literal;)* }) => {
        impl $list {
            $(typed_filters!(@one $kind $method $wire $doc);)*
        }
    };
    (@one id $method:ident $wire:literal $doc:literal) => {
        #[doc = concat!($doc, " (`", $wire, "`).")]
        pub fn $method(self, id: i64) -> Self {
            self.param($wire, id)
        }
    };
    (@one flag $method:ident $wire:literal $doc:literal) => {
        #[doc = concat!($doc, " (`", $wire, "`).")]
        pub fn $method(self, on: bool) -> Self {
            self.param($wire, on)
        }
    };
    (@one text $method:ident $wire:literal $doc:literal) => {
        #[doc = concat!($doc, " (`", $wire, "`).")]
        pub fn $method(self, value: impl Into<String>) -> Self {
            self.param($wire, value.into())
        }
    };
    (@one date $method:ident $wire:literal $doc:literal) => {
        #[doc = concat!($doc, " (`", $wire, "`, UTC).")]
        pub fn $method(self, at: ::std::time::SystemTime) -> Self {
            self.param($wire, crate::date::format_halo_time(at))
        }
    };
    (@one ids $method:ident $wire:literal $doc:literal) => {
        #[doc = concat!($doc, " (`", $wire, "`, comma-separated). An empty slice is refused when sent.")]
        pub fn $method(self, ids: &[i64]) -> Self {
            if ids.is_empty() {
                return self.refuse(concat!(
                    stringify!($method),
                    "() needs at least one id (an empty `",
                    $wire,
                    "` filter would not filter)"
                ));
            }
            let value = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            self.param($wire, value)
        }
    };
}

pub(super) use typed_filters;
