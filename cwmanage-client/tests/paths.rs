//! Every path the endpoint table calls is in ConnectWise's own path list
//! (`fixtures/cwmanage-paths-2025.1.txt`, copied from the 2025.1 spec).

use std::collections::BTreeSet;

use cwmanage_client::endpoints::{self, Endpoint};
use neo_auth_core::Verb;

/// The vendor list, as `METHOD /path` lines with every `{…}` placeholder as `{}`.
pub fn vendor_paths() -> BTreeSet<String> {
    let path = format!(
        "{}/tests/fixtures/cwmanage-paths-2025.1.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(normalize)
        .filter(|l| !l.is_empty())
        .collect()
}

/// `{id}`, `{parentId}`, `{parent}` … all become `{}`.
pub fn normalize(line: &str) -> String {
    let mut out = String::new();
    let mut in_brace = false;
    for c in line.trim().chars() {
        match (c, in_brace) {
            ('{', _) => {
                in_brace = true;
                out.push('{');
            }
            ('}', _) => {
                in_brace = false;
                out.push('}');
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

/// What each endpoint of the table is called with.
fn table_calls(e: &Endpoint) -> Vec<String> {
    let spec = &e.spec;
    let r = &spec.requirements;
    let mut out = Vec::new();
    let base = spec.path;
    let collection = matches!(spec.paging, neo_auth_core::PagingScheme::LinkHeader { .. });
    if r.offers(Verb::List) && (collection || spec.name != "members") {
        out.push(format!("GET {base}"));
    }
    if e.count {
        out.push(format!("GET {base}/count"));
    }
    if r.offers(Verb::Get) && (collection || spec.name == "members") {
        out.push(format!("GET {base}/{{id}}"));
    }
    if r.offers(Verb::Create) {
        out.push(format!("POST {base}"));
    }
    if r.offers(Verb::Update) {
        out.push(format!("PATCH {base}/{{id}}"));
    }
    if r.offers(Verb::Delete) {
        out.push(format!("DELETE {base}/{{id}}"));
    }
    out
}

#[test]
fn every_path_of_the_endpoint_table_is_in_the_vendor_list() {
    let vendor = vendor_paths();
    assert!(
        vendor.len() > 3000,
        "the path list looks truncated: {}",
        vendor.len()
    );
    let mut checked = 0;
    for endpoint in endpoints::ALL {
        for call in table_calls(endpoint) {
            assert!(
                vendor.contains(&normalize(&call)),
                "{call} is not in the ConnectWise path list"
            );
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} calls checked");
}

#[test]
fn a_path_missing_from_the_list_is_caught() {
    let vendor = vendor_paths();
    assert!(!vendor.contains(&normalize("GET /service/ticket")));
    assert!(vendor.contains(&normalize("GET /service/tickets/{parentId}/notes")));
}
