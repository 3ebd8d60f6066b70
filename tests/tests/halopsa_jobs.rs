//! Whole jobs against the HaloPSA fake, as the SDK's users run them.

use std::collections::HashSet;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use futures_util::TryStreamExt;
use halopsa_client::fake::{FakeConfig, FakeServer, SeedSize};
use halopsa_client::models::{Action, Ticket};
use halopsa_client::{Client, HaloCredentials};
use secrecy::{ExposeSecret, SecretString};

fn client(server: &FakeServer) -> Client {
    let config = server.config();
    let mut credentials = HaloCredentials::new(
        server.base_url(),
        config.client_id.clone(),
        SecretString::from(config.client_secret.clone()),
    );
    if let Some(tenant) = &config.tenant {
        credentials = credentials.with_tenant(tenant.clone());
    }
    Client::builder()
        .credentials(credentials)
        .rate_limit(None)
        .build()
        .expect("valid client")
}

/// A security product opening tickets from 50 tasks at once: one token for all,
/// every ticket stored once, every note on the right ticket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_ticket_opening_uses_one_token() {
    log_capture();
    let server = FakeServer::start_with(FakeConfig::default().with_seed(SeedSize::small())).await;
    let client = client(&server);
    let before = server.count("Tickets");
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let ticket = client
                    .tickets()
                    .create(&Ticket {
                        summary: Some(format!("Alert {i}: suspicious login")),
                        client_id: Some(1),
                        ..Default::default()
                    })
                    .send()
                    .await?;
                let note = client
                    .actions()
                    .create(&Action {
                        ticket_id: ticket.id,
                        note: Some(format!("evidence for alert {i}")),
                        hiddenfromuser: Some(true),
                        ..Default::default()
                    })
                    .send()
                    .await?;
                Ok::<_, neo_auth_core::Error>((ticket, note))
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let (ticket, note) = task.await.expect("task").expect("created");
        let id = ticket.id.expect("an id");
        ids.insert(id);
        assert_eq!(note.ticket_id, Some(id));
        assert_eq!(
            note.id,
            Some(1),
            "the first action of every new ticket is action 1"
        );
    }
    assert_eq!(ids.len(), 50);
    assert_eq!(server.count("Tickets"), before + 50);
    assert_eq!(server.token_requests(), 1);
}

/// A sync job reading everything, with a captured log that must never contain a secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sync_reads_everything_once_and_logs_no_secret() {
    let capture = log_capture();
    let server = FakeServer::start().await;
    let client = client(&server);
    let companies = client.companies().list().collect_all().await.unwrap();
    let tickets: Vec<Ticket> = client
        .tickets()
        .list()
        .stream()
        .try_collect()
        .await
        .unwrap();
    let unique: HashSet<i64> = tickets.iter().filter_map(|t| t.id).collect();
    assert_eq!(unique.len(), tickets.len());
    assert_eq!(tickets.len(), server.count("Tickets"));
    assert_eq!(companies.len(), server.count("Client"));
    let report = client.check_access().await.unwrap();
    assert!(report.is_ok(), "{report}");

    // The access token the client holds now, as the fake issued it.
    let token = client
        .credential()
        .cache()
        .peek()
        .expect("a token was fetched")
        .secret()
        .expose_secret()
        .to_owned();
    assert!(
        token.starts_with(FAKE_TOKEN_PREFIX),
        "the fake's tokens look like `{FAKE_TOKEN_PREFIX}…`"
    );

    let text = String::from_utf8_lossy(&capture.lock().unwrap()).into_owned();
    assert!(
        text.contains("neo.request"),
        "the requests were traced: {text}"
    );
    let secret = server.config().client_secret.clone();
    let lower = text.to_lowercase();
    for (needle, what) in [
        (secret.as_str(), "the client secret"),
        (token.as_str(), "the access token"),
        // Any token the fake issued to any test of this binary.
        (FAKE_TOKEN_PREFIX, "an access token"),
    ] {
        assert!(!text.contains(needle), "{what} reached the log");
    }
    for needle in ["bearer ", "client_secret=", "access_token"] {
        assert!(!lower.contains(needle), "`{needle}` reached the log");
    }
    for shown in [format!("{client:?}"), format!("{server:?}")] {
        assert!(
            !shown.contains(&secret) && !shown.contains(&token),
            "{shown}"
        );
    }
}

/// How the fake's access tokens start (`halopsa_client::fake`, token endpoint).
const FAKE_TOKEN_PREFIX: &str = "fake-at-";

/// Everything traced by any test of this binary, on any thread: a global
/// subscriber (a thread-local one misses spans whose callsites another test
/// registered first).
fn log_capture() -> Arc<Mutex<Vec<u8>>> {
    static CAPTURE: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let buffer = Arc::new(Mutex::new(Vec::new()));
            let writer = buffer.clone();
            let subscriber = tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_ansi(false)
                .with_writer(move || CaptureWriter(writer.clone()))
                .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
                .finish();
            tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
            buffer
        })
        .clone()
}

struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
