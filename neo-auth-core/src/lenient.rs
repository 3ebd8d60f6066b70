//! Lenient serde helpers shared by the vendor models.
