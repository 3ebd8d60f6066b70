//! Every fixture payload decodes; the request bodies serialize to the shapes
//! the API notes show; tolerance for unknown fields, missing fields, unknown
//! enum values and numbers sent as strings.

use http::{HeaderMap, StatusCode};
use neo_auth_core::VendorErrors;
use serde_json::{Value, json};
use vsax_client::VsaxErrors;
use vsax_client::models::envelope::{decode_list, decode_one};
use vsax_client::models::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn device_detail_example() {
    let d: Device = decode_one(&fixture("device_detail.json")).unwrap();
    assert_eq!(d.identifier, "8f3c2a1d-…");
    assert_eq!(d.name.as_deref(), Some("ACME-WKS-014"));
    assert_eq!(
        (d.group_id, d.site_id, d.organization_id),
        (Some(125), Some(12), Some(4821))
    );
    assert_eq!(d.is_online, Some(true));
    assert_eq!(d.computer_type.as_deref(), Some("windows"));
    assert_eq!(d.external_ip_address.as_deref(), Some("203.0.113.7"));
    assert!(
        d.extra.is_empty(),
        "every example field is modelled: {:?}",
        d.extra
    );
}

#[test]
fn device_detail_with_every_field() {
    let d: Device = decode_one(&fixture("device_detail_full.json")).unwrap();
    let nic = &d.local_ip_addresses[0];
    assert_eq!(nic.ip_v4, ["192.168.1.23"]);
    assert_eq!(nic.ip_v6, ["fe80::1"]);
    assert_eq!(nic.dns_servers.len(), 2);
    assert_eq!(d.elevated_notifications, Some(0));
    assert_eq!(d.low_notifications, None);
    assert_eq!(d.uptime.as_deref(), Some("3 days 4 hours"));
    assert!(d.extra.is_empty(), "{:?}", d.extra);
}

#[test]
fn device_list_page() {
    let page = decode_list::<Device>(&fixture("devices_list.json")).unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.meta.total_count, Some(2));
    assert_eq!(page.meta.next_query_link, None);
    assert_eq!(page.meta.response_code, Some(200));
}

#[test]
fn assets_example() {
    let page = decode_list::<Asset>(&fixture("assets_list.json")).unwrap();
    let a = &page.items[0];
    assert_eq!(a.category("BIOS").unwrap()["Manufacturer"], "Dell Inc.");
    assert_eq!(
        a.installed_software[0].publisher.as_deref(),
        Some("Igor Pavlov")
    );
    assert_eq!(a.disks[0].free_percentage, Some(41.0));
    assert_eq!(a.disks[0].system, Some(true));
    let seen = a.last_seen_online.as_ref().unwrap();
    assert_eq!(seen.raw(), "2025-06-01T10:00:00Z");
    assert!(seen.parsed().is_some());
    assert_eq!(page.meta.total_count, Some(1));
}

#[test]
fn asset_ip_addresses_in_both_disputed_shapes() {
    let a: Asset = serde_json::from_value(json!({
        "Identifier": "x",
        "IpAddresses": ["10.0.0.5", {"Name": "eth0", "MAC": "aa", "IPs": [{"IP": "10.0.0.6", "V6": false}]}]
    }))
    .unwrap();
    assert_eq!(a.ip_addresses.len(), 2);
    assert_eq!(a.ip_addresses[1]["IPs"][0]["IP"], "10.0.0.6");
}

#[test]
fn hierarchy_and_custom_fields() {
    let orgs = decode_list::<Organization>(&fixture("organizations_list.json")).unwrap();
    assert_eq!(
        orgs.items.iter().map(|o| o.id).collect::<Vec<_>>(),
        [4821, 4822]
    );
    let g: Group = decode_one(&fixture("group_detail.json")).unwrap();
    assert_eq!(
        (g.id, g.site(), g.notes.as_deref()),
        (125, Some(12), Some("Front office PCs"))
    );
    let fields = decode_list::<CustomFieldValue>(&fixture("device_custom_fields.json")).unwrap();
    assert_eq!(fields.items[1].value, "2027-01-31");
    assert_eq!(fields.items[0].r#type.as_deref(), Some("Text"));
}

#[test]
fn notifications_example() {
    let page = decode_list::<Notification>(&fixture("notifications_list.json")).unwrap();
    let n = &page.items[0];
    assert_eq!(n.identifier.as_deref(), Some("5011"));
    assert_eq!(n.severity, Some(Priority::Critical));
    assert_eq!(
        n.created_on.as_ref().unwrap().parsed().unwrap().timestamp(),
        1_790_266_502
    );
    assert_eq!(n.is_read, Some(false));
}

#[test]
fn bare_array_catalog() {
    let page = decode_list::<Script>(&fixture("bare_scripts.json")).unwrap();
    assert_eq!(page.items[0].id, 42);
    assert_eq!(page.items[0].variables[0].default_value, "C:\\Temp");
    assert_eq!(page.meta, Meta::default());
}

#[test]
fn webhook_delivery_example() {
    let d: WebhookDelivery = serde_json::from_slice(&fixture("webhook_delivery.json")).unwrap();
    assert_eq!(d.id, Some(912));
    assert_eq!(d.priority, Some(Priority::Critical));
    assert_eq!(
        d.date_time.unwrap().parsed().unwrap().timestamp(),
        1_790_266_502
    );
    assert_eq!(d.organization_id, Some(4821));
}

#[test]
fn request_bodies_match_the_examples() {
    let run = RunScript::on_device("8f3c…").variable(1, "C:\\Temp");
    let expected: Value = serde_json::from_slice(&fixture("run_script_body.json")).unwrap();
    assert_eq!(serde_json::to_value(&run).unwrap(), expected);

    let hook = WebhookSettings::new("PSA bridge", "https://example.com/hooks/vsax")
        .priorities([Priority::Critical, Priority::Elevated]);
    let expected: Value = serde_json::from_slice(&fixture("webhook_create_body.json")).unwrap();
    assert_eq!(serde_json::to_value(&hook).unwrap(), expected);

    let task = RunTask::new()
        .on_devices(["a", "b"])
        .webhook_url("https://example.com/done");
    assert_eq!(
        serde_json::to_value(&task).unwrap(),
        json!({"DeviceIdentifiers": ["a", "b"], "WebhookUrl": "https://example.com/done"})
    );
    let flow = RunWorkflow::new().constant("Folder", "C:\\Temp");
    assert_eq!(
        serde_json::to_value(&flow).unwrap(),
        json!({"ConstantVariableOverrides": [{"Name": "Folder", "Value": "C:\\Temp"}]})
    );
}

#[test]
fn error_body_example() {
    let d = VsaxErrors.parse(
        StatusCode::FORBIDDEN,
        &HeaderMap::new(),
        &fixture("error_forbidden.json"),
    );
    assert_eq!(d.message.as_deref(), Some("Forbidden: …"));
}

#[test]
fn unknown_fields_are_kept_and_missing_optional_fields_are_none() {
    let o: Organization =
        serde_json::from_value(json!({"Id": "17", "Brand": {"Color": "red"}})).unwrap();
    assert_eq!(o.id, 17);
    assert_eq!(o.name, None);
    assert_eq!(o.extra["Brand"]["Color"], "red");
    let d: Device =
        serde_json::from_value(json!({"Identifier": "g", "LocalIpAddresses": null})).unwrap();
    assert!(d.local_ip_addresses.is_empty());
}

#[test]
fn unknown_enum_values_and_odd_casing() {
    let n: Notification = serde_json::from_value(json!({"Severity": "URGENT"})).unwrap();
    assert_eq!(n.severity, Some(Priority::Unknown("URGENT".into())));
    let w: Webhook =
        serde_json::from_value(json!({"Priorities": ["low", "Normal", "ELEVATED"]})).unwrap();
    assert_eq!(
        w.priorities,
        [Priority::Low, Priority::Normal, Priority::Elevated]
    );
}

#[test]
fn wrong_number_types_are_read_or_named() {
    let d: Device =
        serde_json::from_value(json!({"Identifier": 12, "GroupId": "125", "IsOnline": "true"}))
            .unwrap();
    assert_eq!(
        (d.identifier.as_str(), d.group_id, d.is_online),
        ("12", Some(125), Some(true))
    );
    let err = decode_list::<Device>(br#"{"Data":[{"Identifier":"a","SiteId":1.5}]}"#).unwrap_err();
    assert!(err.to_string().contains("Data[0].SiteId"), "{err}");
    let err = decode_one::<Organization>(br#"{"Data":{"Id":"abc"}}"#).unwrap_err();
    assert!(err.to_string().contains("Data.Id"), "{err}");
}

#[test]
fn dates_that_do_not_parse_keep_the_raw_string() {
    let a: Asset =
        serde_json::from_value(json!({"Identifier": "x", "LastSeenOnline": "3 minutes ago"}))
            .unwrap();
    let t = a.last_seen_online.unwrap();
    assert_eq!((t.raw(), t.parsed()), ("3 minutes ago", None));
}

#[test]
fn the_webhook_secret_is_kept_but_never_printed() {
    let w: Webhook = serde_json::from_value(
        json!({"Id": 3, "SecretKey": "s3cr3t", "Headers": {"Authorization": "Bearer x"}}),
    )
    .unwrap();
    assert_eq!(w.id.as_deref(), Some("3"));
    assert_eq!(w.headers, ["Authorization"]);
    let printed = format!("{w:?}");
    assert!(
        !printed.contains("s3cr3t") && !printed.contains("Bearer x"),
        "{printed}"
    );
    use vsax_client::secrecy::ExposeSecret;
    assert_eq!(w.secret_key.unwrap().secret().expose_secret(), "s3cr3t");
    let settings = WebhookSettings::new("n", "https://h").header("Authorization", "Bearer y");
    assert!(!format!("{settings:?}").contains("Bearer y"));
}

#[test]
fn run_receipts() {
    let r = RunReceipt::from_reply(json!({"Data": {"Id": "e-1"}, "Meta": {"ResponseCode": 200}}));
    assert_eq!(r.execution_id.as_deref(), Some("e-1"));
    let none = RunReceipt::from_reply(Value::Null);
    assert_eq!(none.execution_id, None);
    let e: Execution = serde_json::from_value(json!({"ExecutionId": 5, "State": "Completed", "StartedOn": "2026-01-02T03:04:05Z", "Output": "ok"})).unwrap();
    assert_eq!(
        (e.id.as_deref(), e.status.as_deref()),
        (Some("5"), Some("Completed"))
    );
    assert!(e.start_time.unwrap().parsed().is_some());
}
