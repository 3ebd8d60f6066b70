//! `open_enum!` and the generic `lenient::opt` as a vendor model uses them.

use serde::{Deserialize, Serialize};

neo_auth_core::open_enum! {
    /// A ticket status as a vendor sends it.
    pub enum Status {
        /// Open.
        Open = "Open",
        /// Waiting on the customer.
        Waiting = "Waiting on customer",
        /// Closed.
        Closed = "Closed",
    }
}

neo_auth_core::open_enum! {
    /// A code sent as a number.
    #[derive(PartialOrd, Ord)]
    pub enum Code {
        /// One.
        One = "1",
        /// Two.
        Two = "2",
    }
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Ticket {
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    id: Option<i64>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    board: Option<i32>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    count: Option<u64>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    small: Option<u32>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    hours: Option<f64>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    onhold: Option<bool>,
    #[serde(deserialize_with = "neo_auth_core::lenient::opt")]
    summary: Option<String>,
    status: Option<Status>,
    code: Option<Code>,
}

#[test]
fn unknown_values_round_trip_unchanged() {
    let json = r#"{"status":"Escalated to vendor","code":"7"}"#;
    let ticket: Ticket = serde_json::from_str(json).unwrap();
    assert_eq!(
        ticket.status,
        Some(Status::Unknown("Escalated to vendor".to_owned()))
    );
    assert_eq!(ticket.code, Some(Code::Unknown("7".to_owned())));
    let back = serde_json::to_value(&ticket).unwrap();
    assert_eq!(back["status"], "Escalated to vendor");
    assert_eq!(back["code"], "7");
    // Wire strings match exactly: a different case is kept as sent.
    let odd: Status = serde_json::from_str(r#""open""#).unwrap();
    assert_eq!(odd, Status::Unknown("open".to_owned()));
    assert_eq!(serde_json::to_string(&odd).unwrap(), r#""open""#);
}

#[test]
fn known_values_map_to_variants_and_back() {
    let ticket: Ticket =
        serde_json::from_str(r#"{"status":"Waiting on customer","code":2}"#).unwrap();
    assert_eq!(ticket.status, Some(Status::Waiting));
    assert_eq!(ticket.code, Some(Code::Two));
    assert_eq!(Status::Waiting.as_str(), "Waiting on customer");
    assert_eq!(Status::Waiting.to_string(), "Waiting on customer");
    assert_eq!("Closed".parse::<Status>(), Ok(Status::Closed));
    assert_eq!(Status::from("Closed"), Status::Closed);
    assert_eq!(
        Status::KNOWN,
        &[Status::Open, Status::Waiting, Status::Closed]
    );
    assert!(Code::One < Code::Two, "extra derives are honoured");
    assert_eq!(serde_json::to_string(&Status::Open).unwrap(), r#""Open""#);
}

#[test]
fn only_non_text_values_fail() {
    let err = serde_json::from_str::<Status>("[1]")
        .unwrap_err()
        .to_string();
    assert!(err.contains("Status"), "{err}");
    assert!(serde_json::from_str::<Status>("{}").is_err());
    assert!(serde_json::from_str::<Status>("1.5").is_err());
    // Null is an absent value for an `Option` field.
    let ticket: Ticket = serde_json::from_str(r#"{"status":null}"#).unwrap();
    assert_eq!(ticket.status, None);
}

#[test]
fn one_lenient_opt_serves_every_field_type() {
    let ticket: Ticket = serde_json::from_str(
        r#"{"id":"12","board":3.0,"count":"40","small":" 9 ","hours":"0.5","onhold":"True","summary":77}"#,
    )
    .unwrap();
    assert_eq!(ticket.id, Some(12));
    assert_eq!(ticket.board, Some(3));
    assert_eq!(ticket.count, Some(40));
    assert_eq!(ticket.small, Some(9));
    assert_eq!(ticket.hours, Some(0.5));
    assert_eq!(ticket.onhold, Some(true));
    assert_eq!(ticket.summary.as_deref(), Some("77"));
    let blank: Ticket = serde_json::from_str(r#"{"id":"","board":null,"onhold":""}"#).unwrap();
    assert_eq!(blank, Ticket::default());
}

#[test]
fn narrow_integers_are_range_checked() {
    let err = serde_json::from_str::<Ticket>(r#"{"board":3000000000}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("3000000000"), "{err}");
    let err = serde_json::from_str::<Ticket>(r#"{"small":-1}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("-1"), "{err}");
    let err = serde_json::from_str::<Ticket>(r#"{"small":"4294967296"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("4294967296"), "{err}");
    let err = serde_json::from_str::<Ticket>(r#"{"board":1.5}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("1.5"), "{err}");
}

#[test]
fn required_fields_use_req() {
    #[derive(Debug, Deserialize)]
    struct Page {
        #[serde(deserialize_with = "neo_auth_core::lenient::req")]
        total: u32,
        #[serde(deserialize_with = "neo_auth_core::lenient::req")]
        name: String,
    }
    let page: Page = serde_json::from_str(r#"{"total":"5","name":1}"#).unwrap();
    assert_eq!((page.total, page.name.as_str()), (5, "1"));
    assert!(serde_json::from_str::<Page>(r#"{"total":null,"name":"x"}"#).is_err());
    assert!(serde_json::from_str::<Page>(r#"{"total":"","name":"x"}"#).is_err());
}

#[test]
fn the_old_names_still_work() {
    #[derive(Debug, Deserialize)]
    struct Old {
        #[serde(default, deserialize_with = "neo_auth_core::lenient::opt_i64")]
        id: Option<i64>,
        #[serde(default, deserialize_with = "neo_auth_core::lenient::opt_string")]
        name: Option<String>,
    }
    let old: Old = serde_json::from_str(r#"{"id":"3","name":true}"#).unwrap();
    assert_eq!((old.id, old.name.as_deref()), (Some(3), Some("true")));
}
