//! [`open_enum!`](crate::open_enum): enums whose wire values a vendor may extend.
//!
//! Vendors add statuses, types and kinds without notice. An enum that fails to
//! decode on a value it does not know breaks a whole list for one new record,
//! so every vendor enum is *open*: its known values are variants, anything else
//! is kept, exactly as sent, in `Unknown(String)` and written back unchanged.

/// Declares an open enum: known variants mapped to wire strings, plus
/// `Unknown(String)` for every other value.
///
/// The enum gets:
///
/// - `#[derive(Clone, Debug, PartialEq, Eq, Hash)]` (add further derives such as
///   `PartialOrd` with your own attributes; do not repeat these);
/// - `Unknown(String)`, holding an unrecognised value exactly as sent;
/// - `as_str()` (the wire string), `is_unknown()`, `from_wire(&str)` (never fails)
///   and `KNOWN` (every known variant, in declaration order);
/// - `Display` (the wire string), `FromStr` (`Err = Infallible`), `From<&str>`,
///   `From<String>`;
/// - `Serialize` (the wire string) and `Deserialize` from a string, or from an
///   integer, kept as its decimal text (vendors that send codes as numbers).
///   A value that matches no wire string is `Unknown`: decoding never fails on
///   a value, only on a type that is no string or integer (an array, an object).
///
/// Wire strings match exactly (case-sensitively), so a value is written back
/// as it was read. Build values from wire text with `from_wire`/`parse`/`from`
/// rather than writing `Unknown("open".into())` for a known string: the latter
/// would serialize as `"open"` but not compare equal to the known variant.
///
/// ```
/// neo_auth_core::open_enum! {
///     /// How urgent a ticket is.
///     pub enum Urgency {
///         /// Can wait.
///         Low = "low",
///         /// Someone cannot work.
///         High = "high",
///     }
/// }
///
/// let known: Urgency = serde_json::from_str(r#""high""#).unwrap();
/// assert_eq!(known, Urgency::High);
/// assert_eq!(known.as_str(), "high");
///
/// // A value the SDK does not know is kept, and written back unchanged.
/// let new: Urgency = serde_json::from_str(r#""critical""#).unwrap();
/// assert_eq!(new, Urgency::Unknown("critical".to_owned()));
/// assert!(new.is_unknown());
/// assert_eq!(serde_json::to_string(&new).unwrap(), r#""critical""#);
///
/// assert_eq!("low".parse::<Urgency>().unwrap(), Urgency::Low);
/// assert_eq!(Urgency::Low.to_string(), "low");
/// assert_eq!(Urgency::KNOWN, &[Urgency::Low, Urgency::High]);
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
            /// A value this version of the SDK does not know, exactly as sent.
            Unknown(::std::string::String),
        }

        // A private enum need not use every generated helper.
        #[allow(dead_code)]
        impl $name {
            /// Every known variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value for a wire string: a known variant, or `Unknown` with
            /// the string as sent. Never fails.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)+
                    other => $name::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }

            /// The wire string (an unknown value as it was sent).
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(value) => value.as_str(),
                }
            }

            /// Whether the value is none of the known variants.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from_wire(&value) {
                    $name::Unknown(_) => $name::Unknown(value),
                    known => known,
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_open_enum(deserializer, ::std::stringify!($name))
                    .map(Self::from)
            }
        }
    };
}

/// Reads the wire text of an open enum: a string, or an integer as its decimal text.
#[doc(hidden)]
pub fn deserialize_open_enum<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<String, D::Error> {
    deserializer.deserialize_any(WireText { name })
}

struct WireText {
    name: &'static str,
}

impl serde::de::Visitor<'_> for WireText {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a string or an integer (a {} value)", self.name)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    crate::open_enum! {
        /// A test enum.
        enum Kind {
            /// A.
            Alpha = "alpha",
            /// B, spelled oddly on the wire.
            Beta = "Beta-2",
        }
    }

    #[test]
    fn known_and_unknown_values() {
        assert_eq!(Kind::from_wire("alpha"), Kind::Alpha);
        assert_eq!(Kind::from_wire("Beta-2"), Kind::Beta);
        assert_eq!(Kind::from_wire("ALPHA"), Kind::Unknown("ALPHA".into()));
        assert_eq!(Kind::from(String::from("gamma")).as_str(), "gamma");
        assert!(!Kind::Alpha.is_unknown());
    }
}
