//! A process-wide tracing capture and the check that no secret reached it.

use std::io;
use std::sync::{Arc, Mutex, OnceLock};

/// An in-memory sink for a `tracing_subscriber::fmt` subscriber: everything
/// written to it can be read back with [`Capture::text`].
#[derive(Clone, Debug, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl Capture {
    /// Everything captured so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    /// The captured lines that contain every one of `needles`.
    pub fn lines_with(&self, needles: &[&str]) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| needles.iter().all(|n| line.contains(n)))
            .map(str::to_owned)
            .collect()
    }
}

/// The writer a [`Capture`] hands to the subscriber.
#[derive(Debug)]
pub struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = CaptureWriter;

    fn make_writer(&'a self) -> Self::Writer {
        CaptureWriter(self.0.clone())
    }
}

/// The process-wide TRACE capture, installed on first use as the global
/// `tracing` subscriber and as the `log` logger (reqwest, rustls and hyper log
/// through `log`), so events and closed spans from every thread and runtime
/// worker land in it. A thread-local subscriber would miss callsites another
/// test registered first, which is why this one is global.
///
/// # Panics
///
/// If the test binary already installed another global subscriber or logger.
pub fn global_capture() -> &'static Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let capture = Capture::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(capture.clone())
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_target(true)
            .with_ansi(false)
            .finish();
        if let Err(error) = tracing_subscriber::util::SubscriberInitExt::try_init(subscriber) {
            panic!(
                "global_capture: another global tracing subscriber or logger is installed in this test binary: {error}"
            );
        }
        capture
    })
}

/// Panics, naming `context` and the secret, if `text` contains any of
/// `secrets` (empty strings are ignored: they are in every text). Use it on
/// `Debug` and `Display` output, error messages and captured logs.
///
/// ```
/// use neo_auth_core::testkit::assert_no_secrets;
/// let error = "authentication failed: the token endpoint rejected the client id or secret";
/// assert_no_secrets("the error", error, &["cs-7d1f0a", "fake-at-"]);
/// ```
///
/// ```should_panic
/// neo_auth_core::testkit::assert_no_secrets("the log", "token=fake-at-1-abc", &["fake-at-"]);
/// ```
#[track_caller]
pub fn assert_no_secrets(context: &str, text: &str, secrets: &[&str]) {
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        assert!(
            !text.contains(secret),
            "{context} leaks the secret `{secret}`:\n{text}"
        );
    }
}

/// A guard that checks, when dropped at the end of a test, that nothing the
/// [`global_capture`] recorded contains one of its secrets. Create it first
/// thing in a test: it installs the capture before the test does any work, and
/// its check runs after all of it. A test that already failed skips the check.
///
/// ```
/// use neo_auth_core::testkit::SecretCheck;
/// let _check = SecretCheck::new(["cs-7d1f0a-never-print", "fake-at-"]);
/// tracing::info!(client_id = "neo-test-client", "fetching a token");
/// // dropped here: the capture holds no secret, so nothing panics
/// ```
#[must_use = "the check runs when the guard is dropped at the end of the test"]
#[derive(Debug)]
pub struct SecretCheck {
    secrets: Vec<String>,
}

impl SecretCheck {
    /// Installs the global capture and remembers the secrets to look for.
    pub fn new(secrets: impl IntoIterator<Item = impl Into<String>>) -> SecretCheck {
        global_capture();
        SecretCheck {
            secrets: secrets.into_iter().map(Into::into).collect(),
        }
    }
}

impl Drop for SecretCheck {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).collect();
        assert_no_secrets("the tracing capture", &global_capture().text(), &secrets);
    }
}
