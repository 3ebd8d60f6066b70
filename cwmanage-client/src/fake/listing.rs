//! How the fake answers a list: conditions, `orderBy`, `fields`, then one of
//! the two paging modes with ConnectWise's `Link` headers.

use neo_auth_core::testkit::{FakeRequest, Reply, link_header, numbered_page, url_with_params};
use serde_json::{Map, Value, json};

use super::conditions;
use super::replies::bad_request;

/// Paging quirks the fake plays.
#[derive(Clone, Debug, Default)]
pub(crate) struct PagingQuirks {
    /// Build `Link` URLs with their parameters in reverse order.
    pub(crate) reversed_link_params: bool,
    /// Paths (under the API base, e.g. `/service/boards`) that ignore
    /// `pagination-type: forward-only`.
    pub(crate) no_forward_only: Vec<String>,
}

fn field_value<'a>(record: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('/').try_fold(record, |v, key| v.get(key))
}

fn cmp_values(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        (None | Some(Value::Null), Some(_)) => Ordering::Less,
        (Some(_), None | Some(Value::Null)) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}

/// Keeps only `fields` (`id`, `status/name`) of a record.
fn project(record: &Value, fields: &[&str]) -> Value {
    let mut out = Map::new();
    for field in fields {
        let parts: Vec<&str> = field.split('/').collect();
        let Some(value) = field_value(record, field) else {
            continue;
        };
        let mut slot = &mut out;
        for (i, part) in parts.iter().enumerate() {
            if i == parts.len() - 1 {
                slot.insert((*part).to_owned(), value.clone());
            } else {
                let entry = slot
                    .entry((*part).to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                match entry.as_object_mut() {
                    Some(next) => slot = next,
                    None => break,
                }
            }
        }
    }
    Value::Object(out)
}

/// Records matching the request's `conditions`, or ConnectWise's 400.
pub(crate) fn filtered<'a>(
    request: &FakeRequest,
    records: impl Iterator<Item = &'a Value>,
) -> Result<Vec<Value>, Reply> {
    let condition = match request.query().get("conditions") {
        Some(text) if !text.trim().is_empty() => Some(
            conditions::parse(text)
                .map_err(|e| bad_request("InvalidObject", &format!("conditions: {e}")))?,
        ),
        _ => None,
    };
    Ok(records
        .filter(|r| condition.as_ref().is_none_or(|c| conditions::matches(c, r)))
        .cloned()
        .collect())
}

/// `{"count": n}` of the matching records.
pub(crate) fn count<'a>(request: &FakeRequest, records: impl Iterator<Item = &'a Value>) -> Reply {
    match filtered(request, records) {
        Ok(found) => Reply::json(200, &json!({"count": found.len()})),
        Err(reply) => reply,
    }
}

/// One page of a list, as ConnectWise pages it.
pub(crate) fn page<'a>(
    request: &FakeRequest,
    route: &str,
    records: impl Iterator<Item = &'a Value>,
    quirks: &PagingQuirks,
) -> Reply {
    let mut found = match filtered(request, records) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let query = request.query();
    let forward_only = request
        .header("pagination-type")
        .is_some_and(|v| v.eq_ignore_ascii_case("forward-only"))
        && !quirks
            .no_forward_only
            .iter()
            .any(|p| p.eq_ignore_ascii_case(route));
    let order = query.get("orderBy").map(str::to_owned);
    if forward_only && order.is_some() {
        return bad_request(
            "InvalidObject",
            "orderBy is not supported with forward-only pagination",
        );
    }
    let size = match query.int("pageSize") {
        Ok(Some(size)) if (1..=1000).contains(&size) => size as usize,
        Ok(Some(size)) if size > 1000 => 1000,
        Ok(Some(_)) => return bad_request("InvalidObject", "pageSize must be at least 1"),
        Ok(None) => 25,
        Err(_) => return bad_request("InvalidObject", "pageSize must be a number"),
    };
    match order {
        Some(order) => {
            let keys: Vec<(String, bool)> = order
                .split(',')
                .map(|part| {
                    let mut words = part.split_whitespace();
                    let field = words.next().unwrap_or("id").to_owned();
                    let desc = words.next().is_some_and(|d| d.eq_ignore_ascii_case("desc"));
                    (field, desc)
                })
                .collect();
            found.sort_by(|a, b| {
                keys.iter()
                    .map(|(field, desc)| {
                        let o = cmp_values(field_value(a, field), field_value(b, field));
                        if *desc { o.reverse() } else { o }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
        None => found.sort_by(|a, b| cmp_values(a.get("id"), b.get("id"))),
    }
    let fields: Vec<String> = query
        .get("fields")
        .map(|f| {
            f.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let shape = |items: Vec<Value>| -> Vec<Value> {
        if fields.is_empty() {
            items
        } else {
            let names: Vec<&str> = fields.iter().map(String::as_str).collect();
            items.iter().map(|r| project(r, &names)).collect()
        }
    };
    let url = request.url();
    let set = |params: &[(&str, &str)]| {
        let mut next = url_with_params(url, params);
        if quirks.reversed_link_params {
            let pairs: Vec<(String, String)> = next.query_pairs().into_owned().collect();
            next.query_pairs_mut()
                .clear()
                .extend_pairs(pairs.iter().rev());
        }
        next
    };
    if forward_only {
        let after = query.int_lenient("pageId").unwrap_or(0);
        let items: Vec<Value> = found
            .into_iter()
            .filter(|r| {
                r.get("id")
                    .and_then(Value::as_i64)
                    .is_some_and(|id| id > after)
            })
            .take(size)
            .collect();
        let last = items
            .last()
            .and_then(|r| r.get("id"))
            .and_then(Value::as_i64);
        let mut reply = Reply::json(200, &shape(items));
        if let Some(last) = last {
            let size_text = size.to_string();
            let last_text = last.to_string();
            let next = set(&[
                ("pageSize", size_text.as_str()),
                ("pageId", last_text.as_str()),
            ]);
            reply = reply.with_header("Link", link_header(&[("next", &next)]));
        }
        return reply;
    }
    let page = query.int_lenient("page").unwrap_or(1).max(1);
    let pages = found.len().div_ceil(size).max(1) as i64;
    let slice = numbered_page(&found, page, size, 1);
    let items = shape(slice.items.to_vec());
    let size_text = size.to_string();
    let link = |n: i64| {
        let n = n.to_string();
        set(&[("pageSize", size_text.as_str()), ("page", n.as_str())])
    };
    let (first, last) = (link(1), link(pages));
    let prev = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    let mut rels: Vec<(&str, &url::Url)> = vec![("first", &first)];
    if let Some(prev) = &prev {
        rels.push(("prev", prev));
    }
    if let Some(next) = &next {
        rels.push(("next", next));
    }
    rels.push(("last", &last));
    Reply::json(200, &items).with_header("Link", link_header(&rels))
}
