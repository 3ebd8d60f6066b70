//! WriteCall, Transport::write_json, SaveOutcome and send_chunked against
//! wiremock: request shapes of create / update / patch, the write-reply rules
//! (undecodable or unconfirmed 2xx is WriteUncertain, blank reply is null),
//! scope and policy checks before sending, and a batch's partial failure report.

mod common;

use std::sync::Arc;

use common::*;
use http::Method;
use neo_auth_core::{
    AccessPolicy, Approval, AreaAccess, EndpointSpec, Error, RecordId, Requirements, SaveOutcome,
    Scope, Transport, Verb, WriteCall, send_chunked,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

static READ: Scope = READ_TICKETS;
static EDIT: Scope = EDIT_TICKETS;
static TICKETS_SPEC: EndpointSpec = EndpointSpec::new(
    "tickets",
    "/tickets",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("ticket");
static NOTES_SPEC: EndpointSpec = EndpointSpec::new(
    "notes",
    "/tickets/{parent}/notes",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("note");

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Ticket {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<i64>,
    summary: String,
}

fn new_ticket(summary: &str) -> Ticket {
    Ticket {
        id: None,
        summary: summary.to_owned(),
    }
}

fn has_id(saved: &Ticket) -> Result<(), String> {
    saved
        .id
        .map(|_| ())
        .ok_or_else(|| "the reply holds a ticket without an id".to_owned())
}

async fn setup() -> (MockServer, Transport) {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport(&server, Arc::new(basic()));
    (server, transport)
}

#[tokio::test]
async fn create_posts_the_record_to_the_collection() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .and(body_json(json!({"summary": "Printer offline"})))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"id": 5000, "summary": "Printer offline"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let call =
        WriteCall::create(transport, &TICKETS_SPEC, &new_ticket("Printer offline")).confirm(has_id);
    assert_eq!(
        call.to_request()
            .unwrap()
            .requirement_ref()
            .unwrap()
            .operation(),
        "tickets.create"
    );
    let saved: Ticket = call.send().await.unwrap();
    assert_eq!(saved.id, Some(5000));
}

#[tokio::test]
async fn update_puts_and_patch_patches_the_record_path() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let ops = json!([{"op": "replace", "path": "summary", "value": "Printer fixed"}]);
    Mock::given(method("PATCH"))
        .and(path("/api/tickets/5000"))
        .and(body_json(ops.clone()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": 5000, "summary": "Printer fixed"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/tickets/5000"))
        .and(query_param("processNotifications", "false"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": 5000, "summary": "Replaced"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets/17/notes"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1, "summary": "note"})))
        .expect(1)
        .mount(&server)
        .await;
    let patched: Ticket = WriteCall::patch(transport.clone(), &TICKETS_SPEC, 5000, &ops)
        .send()
        .await
        .unwrap();
    assert_eq!(patched.summary, "Printer fixed");
    let call = WriteCall::<Ticket>::update(
        transport.clone(),
        &TICKETS_SPEC,
        5000,
        &new_ticket("Replaced"),
    )
    .query("processNotifications", false);
    assert_eq!(
        call.to_request()
            .unwrap()
            .requirement_ref()
            .unwrap()
            .operation(),
        "tickets.update"
    );
    call.send().await.unwrap();
    let note: Ticket = WriteCall::create(transport, &NOTES_SPEC, &new_ticket("note"))
        .parent(17)
        .send()
        .await
        .unwrap();
    assert_eq!(note.id, Some(1));
}

#[tokio::test]
async fn a_write_without_the_scope_is_refused_before_sending() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/tickets/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "summary": "x"})))
        .expect(1)
        .mount(&server)
        .await;
    mount_token(&server, TokenSequence::new().scope("read:tickets"), 1).await;
    let transport = transport(&server, oauth(form_source(&server)));
    let _: Ticket = neo_auth_core::GetCall::new(transport.clone(), &TICKETS_SPEC, 1)
        .send()
        .await
        .unwrap();
    let error = WriteCall::<Ticket>::create(transport, &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_missing_scope(), "{error:?}");
    assert!(error.to_string().contains("tickets.create"), "{error}");
}

#[tokio::test]
async fn a_write_needs_the_policy_and_its_approval() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 2, "summary": "x"})))
        .expect(1)
        .mount(&server)
        .await;
    let read_only = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let error = WriteCall::<Ticket>::create(read_only, &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::PolicyDenied { .. }), "{error:?}");
    let guarded = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::deny_all().with(TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()
        .unwrap();
    let error = WriteCall::<Ticket>::create(guarded.clone(), &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ApprovalRequired { .. }), "{error:?}");
    let saved: Ticket = WriteCall::create(guarded, &TICKETS_SPEC, &new_ticket("x"))
        .approval(Approval::new("ops-lead", "CHG-42").unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(saved.id, Some(2));
}

#[tokio::test]
async fn a_2xx_that_does_not_decode_is_write_uncertain_with_the_reply_as_source() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "not-a-number", "summary": "x"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = WriteCall::<Ticket>::create(transport, &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .unwrap_err();
    let Error::WriteUncertain {
        method,
        path,
        source,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!((method, path.as_str()), (&Method::POST, "/tickets"));
    assert!(
        matches!(source.as_ref(), Error::Decode { path, .. } if path == "id"),
        "{source:?}"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_reply_that_fails_the_confirmation_is_write_uncertain() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"summary": "x", "password": "hunter2"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let error = WriteCall::create(transport, &TICKETS_SPEC, &new_ticket("x"))
        .confirm(has_id)
        .send()
        .await
        .unwrap_err();
    let Error::WriteUncertain { source, .. } = &error else {
        panic!("{error:?}");
    };
    let Error::UnexpectedReply { why, snippet, .. } = source.as_ref() else {
        panic!("{source:?}");
    };
    assert!(why.contains("without an id"), "{why}");
    assert!(
        snippet.contains("summary") && !snippet.contains("hunter2"),
        "{snippet}"
    );
}

#[tokio::test]
async fn a_blank_reply_is_null_where_the_type_allows_it() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_string("  \n"))
        .expect(3)
        .mount(&server)
        .await;
    let () = WriteCall::create(transport.clone(), &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .expect("() accepts a blank reply");
    let reply: Option<Ticket> =
        WriteCall::create(transport.clone(), &TICKETS_SPEC, &new_ticket("x"))
            .send()
            .await
            .unwrap();
    assert_eq!(reply, None);
    let error = WriteCall::<Ticket>::create(transport, &TICKETS_SPEC, &new_ticket("x"))
        .send()
        .await
        .unwrap_err();
    assert!(
        error.is_write_uncertain(),
        "a record type does not: {error:?}"
    );
}

#[tokio::test]
async fn send_unconfirmed_reports_a_reply_that_does_not_show_the_record() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(202).set_body_string(""))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 3, "summary": "x"})))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = WriteCall::<Ticket>::create(transport.clone(), &TICKETS_SPEC, &new_ticket("x"))
        .send_unconfirmed()
        .await
        .unwrap();
    let SaveOutcome::Unconfirmed { status, why, body } = &outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(status.as_u16(), 202);
    assert!(why.contains("no body"), "{why}");
    assert!(body.is_empty());
    let outcome = WriteCall::create(transport, &TICKETS_SPEC, &new_ticket("x"))
        .confirm(has_id)
        .send_unconfirmed()
        .await
        .unwrap();
    assert_eq!(outcome.confirmed().and_then(|t: Ticket| t.id), Some(3));
}

#[tokio::test]
async fn write_json_is_the_raw_escape_hatch() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/platform/v2/automation/endpoints/schedule-tasks"))
        .and(body_json(json!({"templateID": "t-1", "targets": ["e-1"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"taskId": "k-9"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/scripts/fail"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let reply: Value = transport
        .write_json(
            Method::POST,
            "/platform/v2/automation/endpoints/schedule-tasks",
            &json!({"templateID": "t-1", "targets": ["e-1"]}),
            CREATE_TICKET,
            None,
        )
        .await
        .unwrap();
    assert_eq!(reply["taskId"], "k-9");
    let error = transport
        .write_json::<_, Value>(
            Method::POST,
            "/scripts/fail",
            &json!({}),
            CREATE_TICKET,
            None,
        )
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "not retried: {error:?}");
}

#[tokio::test]
async fn a_body_that_cannot_be_serialized_is_a_config_error_before_sending() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let mut bad = std::collections::HashMap::new();
    bad.insert(vec![1_u8], 1); // a map with non-string keys is no JSON
    let error = WriteCall::<Value>::create(transport, &TICKETS_SPEC, &bad)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Config {
                source: Some(_),
                ..
            }
        ),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_batch_reports_what_was_applied_what_is_uncertain_and_what_was_never_sent() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    // Chunk 0 and 1 are saved, chunk 2 gets a 503 (may have been applied).
    for (chunk, template) in [
        (
            0,
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": 1, "summary": "r0"}, {"id": 2, "summary": "r1"}])),
        ),
        (
            1,
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": 3, "summary": "r2"}, {"id": 4, "summary": "r3"}])),
        ),
        (2, ResponseTemplate::new(503)),
    ] {
        Mock::given(method("POST"))
            .and(path("/api/tickets"))
            .and(query_param("chunk", chunk.to_string()))
            .respond_with(template)
            .expect(1)
            .mount(&server)
            .await;
    }
    let records: Vec<Ticket> = (0..7).map(|i| new_ticket(&format!("r{i}"))).collect();
    let error = send_chunked(&records, 2, |index, chunk| {
        WriteCall::<Vec<Ticket>>::endpoint(
            transport.clone(),
            &TICKETS_SPEC,
            Verb::Create,
            Method::POST,
        )
        .json(chunk)
        .query("chunk", index)
        .send()
    })
    .await
    .unwrap_err();
    assert_eq!(
        error.saved.iter().map(|t| t.id).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3), Some(4)]
    );
    assert_eq!(error.applied, 0..4);
    assert_eq!(error.uncertain, 4..6);
    assert!(error.not_applied.is_empty());
    assert_eq!(error.not_sent, 6..7);
    assert_eq!(error.failed_chunk(), 2);
    assert_eq!(error.safe_to_resend(), 6..7);
    assert!(error.error.is_write_uncertain(), "{:?}", error.error);
    let text = error.to_string();
    assert!(
        text.contains("may have been applied") && text.contains("never sent"),
        "{text}"
    );
}

#[tokio::test]
async fn a_batch_chunk_answered_with_too_few_records_is_uncertain() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1, "summary": "r0"}])))
        .expect(1)
        .mount(&server)
        .await;
    let records: Vec<Ticket> = (0..3).map(|i| new_ticket(&format!("r{i}"))).collect();
    let error = send_chunked(&records, 2, |_, chunk| {
        WriteCall::<Vec<Ticket>>::endpoint(
            transport.clone(),
            &TICKETS_SPEC,
            Verb::Create,
            Method::POST,
        )
        .json(chunk)
        .send()
    })
    .await
    .unwrap_err();
    assert!(error.saved.is_empty());
    assert_eq!(
        (error.applied, error.uncertain, error.not_sent),
        (0..0, 0..2, 2..3)
    );
    assert!(
        matches!(error.error, Error::UnexpectedReply { .. }),
        "{:?}",
        error.error
    );
}

#[tokio::test]
async fn a_refused_batch_chunk_is_not_applied_and_safe_to_resend() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"message": "bad summary"})))
        .expect(1)
        .mount(&server)
        .await;
    let records: Vec<Ticket> = (0..3).map(|i| new_ticket(&format!("r{i}"))).collect();
    let error = send_chunked(&records, 2, |_, chunk| {
        WriteCall::<Vec<Ticket>>::endpoint(
            transport.clone(),
            &TICKETS_SPEC,
            Verb::Create,
            Method::POST,
        )
        .json(chunk)
        .send()
    })
    .await
    .unwrap_err();
    assert_eq!(
        (error.not_applied.clone(), error.not_sent.clone()),
        (0..2, 2..3)
    );
    assert!(error.uncertain.is_empty());
    assert_eq!(error.safe_to_resend(), 0..3);
    assert_eq!(error.error.status().map(|s| s.as_u16()), Some(400));
}

#[test]
fn record_ids_come_from_numbers_and_texts() {
    assert!(RecordId::from(7_u32).is_number());
    assert!(!RecordId::from(String::from("g-1")).is_number());
    assert_eq!(RecordId::from(&String::from("g-1")).to_string(), "g-1");
}

#[tokio::test]
async fn a_read_verb_sent_as_post_is_retried_and_decoded_like_a_read() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[{\"id\": \"x\"}]"))
        .expect(1)
        .mount(&server)
        .await;
    let call =
        WriteCall::<Vec<Ticket>>::endpoint(transport, &TICKETS_SPEC, Verb::List, Method::POST)
            .json(&json!({"resourceType": "company", "resources": ["c-1"]}));
    let request = call.to_request().unwrap();
    assert_eq!(
        request.requirement_ref().unwrap().operation(),
        "tickets.list"
    );
    assert!(request.is_idempotent());
    let error = call.send().await.unwrap_err();
    // Retried after the 503; a reply that does not decode is a plain decode
    // error, not an uncertain write.
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "[0].id"),
        "{error:?}"
    );
}
