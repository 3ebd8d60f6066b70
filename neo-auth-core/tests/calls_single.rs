//! GetCall and DeleteCall against wiremock: request shapes, encoded ids,
//! scope and policy checks before sending, deletes not retried unless asked,
//! and a read that travels as POST retried like a read.

mod common;

use std::sync::Arc;

use common::*;
use neo_auth_core::{
    AccessPolicy, ApiRequest, Approval, AreaAccess, DeleteCall, EndpointSpec, Error, GetCall,
    IdKind, RequestOptions, Requirements, Scope, Transport,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

static READ: Scope = READ_TICKETS;
static EDIT: Scope = EDIT_TICKETS;

static TICKETS_SPEC: EndpointSpec = EndpointSpec::new(
    "tickets",
    "/tickets",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("ticket");
static DEVICES_SPEC: EndpointSpec = EndpointSpec::new(
    "devices",
    "/devices",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("device")
.id(IdKind::Text);
static NOTES_SPEC: EndpointSpec = EndpointSpec::new(
    "notes",
    "/tickets/{parent}/notes",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("note");
static ACTIONS_SPEC: EndpointSpec = EndpointSpec::new(
    "actions",
    "/actions",
    Requirements::read_write(TICKETS, &READ, &EDIT),
)
.noun("action")
.parent_key("ticket_id");
static READ_ONLY_SPEC: EndpointSpec =
    EndpointSpec::new("sites", "/sites", Requirements::read_only(TICKETS, &READ)).noun("site");

async fn setup() -> (MockServer, Transport) {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let transport = transport(&server, Arc::new(basic()));
    (server, transport)
}

/// A transport whose OAuth token grants only `read:tickets` (a confirmed grant).
async fn read_scoped(server: &MockServer, policy: AccessPolicy) -> Transport {
    mount_token(server, TokenSequence::new().scope("read:tickets"), 1).await;
    transport_builder(server, oauth(form_source(server)))
        .policy(policy)
        .build()
        .expect("valid transport")
}

#[tokio::test]
async fn get_sends_the_record_path_the_query_and_the_read_requirement() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/tickets/42"))
        .and(query_param("includedetails", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 42})))
        .expect(1)
        .mount(&server)
        .await;
    let call =
        GetCall::<Value>::new(transport, &TICKETS_SPEC, 42_i64).query("includedetails", true);
    let request = call.to_request().unwrap();
    assert_eq!(
        request.requirement_ref().unwrap().operation(),
        "tickets.get"
    );
    let ticket = call.send().await.unwrap();
    assert_eq!(ticket["id"], 42);
}

#[tokio::test]
async fn text_ids_travel_as_one_percent_encoded_segment() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let _: Value = GetCall::new(transport, &DEVICES_SPEC, "a b?c#d")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    // The raw path: `?` and `#` did not start a query or a fragment.
    assert_eq!(requests[0].url.path(), "/api/devices/a%20b%3Fc%23d");
    assert_eq!(requests[0].url.query(), None);
}

#[tokio::test]
async fn the_parent_fills_the_placeholder_and_the_parent_key() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("GET"))
        .and(path("/api/tickets/17/notes/3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 3})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/actions/9"))
        .and(query_param("ticket_id", "17"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let _: Value = GetCall::new(transport.clone(), &NOTES_SPEC, 3)
        .parent(17)
        .send()
        .await
        .unwrap();
    DeleteCall::new(transport.clone(), &ACTIONS_SPEC, 9)
        .parent(17)
        .send()
        .await
        .unwrap();
    // Without the parent, nothing is sent.
    let error = GetCall::<Value>::new(transport.clone(), &NOTES_SPEC, 3)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    let error = DeleteCall::new(transport, &ACTIONS_SPEC, 9)
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("ticket_id"), "{error}");
}

#[tokio::test]
async fn bad_ids_are_refused_before_anything_is_sent() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    for bad in [
        "",
        " ",
        ".",
        "..",
        "a/b",
        "..\\x",
        "a\u{0}b",
        "x\r\nHost: evil",
    ] {
        let error = GetCall::<Value>::new(transport.clone(), &DEVICES_SPEC, bad)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{bad:?}: {error:?}");
        let error = DeleteCall::new(transport.clone(), &DEVICES_SPEC, bad)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{bad:?}: {error:?}");
    }
    // A numbered endpoint takes a numeric text, not any text.
    let error = GetCall::<Value>::new(transport, &TICKETS_SPEC, "12; drop")
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("not a number"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_verb_the_spec_does_not_offer_is_a_config_error() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    let error = DeleteCall::new(transport, &READ_ONLY_SPEC, 1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(
        error.to_string().contains("does not offer `delete`"),
        "{error}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_delete_without_the_write_scope_is_refused_before_sending() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/tickets/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let transport = read_scoped(&server, AccessPolicy::allow_all()).await;
    // The first call fetches the token, which tells the grant.
    let _: Value = GetCall::new(transport.clone(), &TICKETS_SPEC, 1)
        .send()
        .await
        .unwrap();
    let error = DeleteCall::new(transport, &TICKETS_SPEC, 1)
        .send()
        .await
        .unwrap_err();
    let Error::MissingScope {
        operation,
        scope,
        response,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(operation, "tickets.delete");
    assert_eq!(scope, "edit:tickets");
    assert!(response.is_none(), "refused before sending");
}

#[tokio::test]
async fn the_policy_denies_a_delete_and_asks_for_an_approval() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/5"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let read_only = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let error = DeleteCall::new(read_only, &TICKETS_SPEC, 5)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::PolicyDenied { .. }), "{error:?}");

    let with_approval = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::deny_all().with(TICKETS, AreaAccess::WRITE_WITH_APPROVAL))
        .build()
        .unwrap();
    let error = DeleteCall::new(with_approval.clone(), &TICKETS_SPEC, 5)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::ApprovalRequired { .. }), "{error:?}");
    DeleteCall::new(with_approval, &TICKETS_SPEC, 5)
        .approval(Approval::new("ops-lead", "duplicate").unwrap())
        .send()
        .await
        .expect("approved");
}

#[tokio::test]
async fn a_delete_answered_503_is_not_retried_and_may_have_been_applied() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/4"))
        .respond_with(ResponseTemplate::new(503))
        // One request for each of the two calls below: neither is retried.
        .expect(2)
        .mount(&server)
        .await;
    let error = DeleteCall::new(transport.clone(), &TICKETS_SPEC, 4)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    // The raw request is not retried either: the rule is the transport's.
    let error = transport
        .send(
            ApiRequest::delete("/tickets/4").requirement(
                Requirements::read_write(TICKETS, &READ, &EDIT)
                    .requirement("tickets", neo_auth_core::Verb::Delete)
                    .unwrap(),
            ),
        )
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
    assert_eq!(received(&server, "DELETE", "/api/tickets/4").await.len(), 2);
}

#[tokio::test]
async fn a_delete_is_retried_when_the_caller_says_so() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/6"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/6"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    DeleteCall::new(transport, &TICKETS_SPEC, 6)
        .options(RequestOptions::new().idempotent(true))
        .send()
        .await
        .expect("retried");
}

#[tokio::test]
async fn a_delete_reply_is_decoded_by_the_write_rules() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/7"))
        .respond_with(ResponseTemplate::new(200).set_body_string(""))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/tickets/8"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>ok</html>"))
        .mount(&server)
        .await;
    let () = DeleteCall::new(transport.clone(), &TICKETS_SPEC, 7)
        .send_with_reply()
        .await
        .expect("a blank reply is null");
    let error = DeleteCall::new(transport, &TICKETS_SPEC, 8)
        .send_with_reply::<Value>()
        .await
        .unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
}

#[tokio::test]
async fn a_post_declared_as_a_read_is_retried_on_503_and_a_post_write_is_not() {
    let _capture = capture_check(&[]);
    let (server, transport) = setup().await;
    Mock::given(method("POST"))
        .and(path("/api/tickets/search"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/tickets"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let search = ApiRequest::post("/tickets/search")
        .json(&json!({"conditions": "closedFlag=false"}))
        .unwrap()
        .requirement(LIST_TICKETS);
    assert!(search.is_idempotent());
    let found: Vec<Value> = transport
        .send_json(search)
        .await
        .expect("retried like a read");
    assert!(found.is_empty());

    let create = ApiRequest::post("/tickets").requirement(CREATE_TICKET);
    assert!(!create.is_idempotent());
    let error = transport.send(create).await.unwrap_err();
    assert!(error.is_write_uncertain(), "{error:?}");
}

#[tokio::test]
async fn a_post_read_is_checked_as_a_read_by_the_policy() {
    let _capture = capture_check(&[]);
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/tickets/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let transport = transport_builder(&server, Arc::new(basic()))
        .policy(AccessPolicy::read_only())
        .build()
        .unwrap();
    let _: Value = transport
        .send_json(ApiRequest::post("/tickets/search").requirement(LIST_TICKETS))
        .await
        .expect("a read under a read-only policy");
    // PUT, PATCH and DELETE may still not carry a read requirement.
    let error = transport
        .send(ApiRequest::patch("/tickets/1").requirement(LIST_TICKETS))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
}
