//! Items: products and services (`/Item`, schema `Item`).

use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CustomField;

/// An item: a product or service (`/Item`, spec schema `Item`; list key `items`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    /// The record id (absent on create; set it to update).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Sale price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub baseprice: Option<f64>,
    /// Cost price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub costprice: Option<f64>,
    /// Whether tax applies.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub taxable: Option<bool>,
    /// Tax code id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub taxcode: Option<i64>,
    /// Id of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i64>,
    /// Name of the supplier.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    /// Nominal (ledger) code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub nominalcode: Option<String>,
    /// Id of the item group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assetgroup_id: Option<i64>,
    /// Name of the item group.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub assetgroup_name: Option<String>,
    /// Internal reference (SKU).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub internalreference: Option<String>,
    /// External reference.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub externalreference: Option<String>,
    /// Quantity in stock.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub quantity_in_stock: Option<f64>,
    /// Whether the item recurs.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isrecurringitem: Option<bool>,
    /// Recurring price.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub recurringprice: Option<f64>,
    /// Recurring cost.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub recurringcost: Option<f64>,
    /// Item type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// When the record was created. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datecreated: Option<String>,
    /// When the item was last modified. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub lastmodified: Option<String>,
    /// Custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customfields: Option<Vec<CustomField>>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Item {
    /// The custom field with this internal `name` (e.g. `CFContractNumber`), if present.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.customfields
            .as_deref()?
            .iter()
            .find(|f| f.name.as_deref() == Some(name))
    }
}
