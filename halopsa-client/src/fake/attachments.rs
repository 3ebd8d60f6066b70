//! `/Attachment`: `GET /Attachment/{id}` answers with the file itself (as Halo
//! does), `POST /Attachment` stores files sent base64-encoded in the JSON body.
//! Listing and deleting are the common handlers'.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use neo_auth_core::testkit::Reply;

use super::replies;
use super::save::as_int;
use super::state::State;

const PATH: &str = "Attachment";

/// `GET /api/Attachment/<id>`: the file, `application/octet-stream`.
pub(crate) fn download(state: &State, id: &str) -> Reply {
    let file = id
        .parse::<i64>()
        .ok()
        .filter(|_| !state.config.hides_from_agent(PATH))
        .and_then(|id| state.tables.file(id));
    match file {
        Some(content) => Reply::raw(200, content.to_vec(), "application/octet-stream"),
        None => replies::not_found(PATH, id),
    }
}

/// `POST /api/Attachment`: an array of `{ticket_id, filename, data_base64, …}`;
/// each is stored (without its data) and answered with its new id and size.
pub(crate) fn upload(state: &mut State, body: &[u8]) -> Reply {
    let Ok(Value::Array(elements)) = serde_json::from_slice::<Value>(body) else {
        return replies::argument_error("Expected an array of attachments");
    };
    let mut checked = Vec::with_capacity(elements.len());
    for element in elements {
        match check(state, element) {
            Ok(one) => checked.push(one),
            Err(message) => return replies::bad_request(&message),
        }
    }
    let mut saved: Vec<Value> = checked
        .into_iter()
        .map(|(mut fields, content)| {
            let table = state.tables.table_mut(PATH);
            let id = table.insert_with(|id| {
                fields.insert("id".into(), json!(id));
                fields.insert("filesize".into(), json!(content.len()));
                Value::Object(fields.clone())
            });
            state.tables.insert_file(id, content);
            Value::Object(fields)
        })
        .collect();
    if saved.len() == 1 {
        Reply::json(201, &saved.remove(0))
    } else {
        Reply::json(201, &Value::Array(saved))
    }
}

/// One upload's fields without `data_base64`, and its decoded content.
fn check(state: &State, element: Value) -> Result<(Map<String, Value>, Vec<u8>), String> {
    let Value::Object(mut fields) = element else {
        return Err("Expected an array of objects".into());
    };
    let ticket = fields.get("ticket_id").and_then(as_int);
    match ticket {
        Some(ticket) if state.tables.get("Tickets", ticket).is_some() => {}
        Some(ticket) => return Err(format!("Tickets {ticket} not found")),
        None => return Err("ticket_id is required".into()),
    }
    if fields
        .get("filename")
        .and_then(Value::as_str)
        .is_none_or(|f| f.trim().is_empty())
    {
        return Err("filename is required".into());
    }
    let data = fields
        .remove("data_base64")
        .and_then(|d| d.as_str().map(str::to_owned))
        .ok_or("data_base64 is required")?;
    let content = STANDARD
        .decode(data)
        .map_err(|e| format!("data_base64 is not base64: {e}"))?;
    Ok((fields, content))
}
