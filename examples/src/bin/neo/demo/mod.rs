//! `neo demo`: a realistic session against every vendor's fake, in process,
//! with no configuration and no network.
//!
//! The story of an MSP's morning: the RMMs (ConnectWise Asio, Kaseya VSA X)
//! report their devices, one of them low on disk space; each PSA (HaloPSA,
//! ConnectWise Manage) maps the RMM organizations to its companies
//! ([`examples::correlate`]), opens a ticket for the device and adds a note;
//! the policy blocks a write until an approval is given (a HaloPSA ticket
//! change, the VSA X clean-up script); and the doctor shows, for each vendor,
//! a credential without one permission, naming the portal label to tick.
//!
//! Each vendor is one module; every step states what it expects, and
//! anything else is reported and makes `neo demo` exit 1.

mod asio;
mod correlation;
mod cwmanage;
mod halopsa;
mod vsax;

use std::time::Instant;

use examples::correlate::RmmDevice;
use neo_auth_core::Error;
use neo_auth_core::doctor::AccessReport;

use crate::failure::{EXIT_DENIED, EXIT_OK, EXIT_OTHER, Failure};
use crate::out;

/// One step's outcome.
struct Step {
    vendor: &'static str,
    what: String,
    problems: Vec<String>,
}

/// The demo's state: the steps so far and the devices the RMMs reported.
#[derive(Default)]
pub struct Demo {
    steps: Vec<Step>,
    /// Devices reported by the RMM vendors, for the PSAs to correlate.
    pub devices: Vec<RmmDevice>,
    /// The device that needs attention (VSA X: low on disk space): the PSAs
    /// open their tickets for it.
    pub attention: Option<RmmDevice>,
}

impl Demo {
    /// Starts a step.
    pub fn step(&mut self, vendor: &'static str, what: impl Into<String>) {
        let what = what.into();
        out!();
        out!("== {vendor}: {what}");
        self.steps.push(Step {
            vendor,
            what,
            problems: Vec::new(),
        });
    }

    /// Prints a line of the current step.
    pub fn say(&self, line: impl AsRef<str>) {
        out!("   {}", line.as_ref());
    }

    /// Records `what` as unexpected unless `ok`.
    pub fn expect(&mut self, ok: bool, what: impl Into<String>) {
        if ok {
            return;
        }
        let what = what.into();
        out!("   UNEXPECTED: {what}");
        match self.steps.last_mut() {
            Some(step) => step.problems.push(what),
            None => self.steps.push(Step {
                vendor: "demo",
                what: "setup".into(),
                problems: vec![what],
            }),
        }
    }

    /// Records a call that must have been refused with `is_expected`, with no
    /// request sent for it (`sent` requests were).
    pub fn refused<T>(
        &mut self,
        outcome: Result<T, Error>,
        kind: &str,
        is_expected: impl Fn(&Error) -> bool,
        sent: usize,
    ) {
        match outcome {
            Err(error) => {
                self.say(format!("refused: {error}"));
                self.expect(
                    is_expected(&error),
                    format!("expected {kind}, got: {error}"),
                );
            }
            Ok(_) => self.expect(false, format!("expected {kind}, but the call went through")),
        }
        self.say(format!("requests sent for it: {sent}"));
        self.expect(
            sent == 0,
            format!("{sent} request(s) sent for a refused call"),
        );
    }

    /// Records an error that ended a vendor's part of the demo early.
    pub fn failed(&mut self, error: &Error) {
        self.expect(false, format!("the step failed: {error}"));
    }

    /// The value of `built` (a client, a fake's credentials), or `None` with
    /// the error recorded as unexpected.
    pub fn built<T>(&mut self, built: Result<T, Error>) -> Option<T> {
        built.map_err(|error| self.failed(&error)).ok()
    }

    /// Prints a doctor's report for a credential lacking a permission, and
    /// checks that it fails the way `neo doctor` would (exit 3) and names
    /// `label`, the portal label to tick.
    pub fn doctor_report(&mut self, report: &AccessReport, label: &str) {
        let text = report.to_string();
        for line in text.lines() {
            self.say(line);
        }
        self.say(format!("exit code of `neo doctor`: {}", report.exit_code()));
        self.expect(
            report.exit_code() == i32::from(EXIT_DENIED),
            "the reduced credential's report does not fail",
        );
        self.expect(
            text.contains(&format!("\"{label}\"")),
            format!("the report does not name the label \"{label}\""),
        );
    }

    /// Prints the summary; the exit code: 0 when everything was as expected.
    fn summary(&self, started: Instant) -> u8 {
        out!();
        out!("== Summary ({:.1?})", started.elapsed());
        for step in &self.steps {
            let mark = if step.problems.is_empty() {
                '✓'
            } else {
                '✗'
            };
            out!("   {mark} {}: {}", step.vendor, step.what);
        }
        let problems: Vec<&String> = self.steps.iter().flat_map(|s| &s.problems).collect();
        if problems.is_empty() {
            out!("   everything as expected");
            EXIT_OK
        } else {
            out!("   {} unexpected result(s)", problems.len());
            eprintln!("neo: the demo saw {} unexpected result(s)", problems.len());
            EXIT_OTHER
        }
    }
}

/// Runs the demo: the RMMs report their devices, the PSAs correlate them and
/// work a ticket, the RMM runs the approved clean-up, and the doctor checks a
/// reduced credential of each vendor.
pub async fn run() -> Result<u8, Failure> {
    let started = Instant::now();
    out!(
        "neo demo: ConnectWise Asio, Kaseya VSA X, HaloPSA and ConnectWise Manage, each against its in-process fake"
    );
    let mut demo = Demo::default();
    let asio = asio::inventory(&mut demo).await;
    let vsax = vsax::inventory(&mut demo).await;
    let halo = halopsa::work(&mut demo).await;
    let cwm = cwmanage::work(&mut demo).await;
    vsax::remediate(&mut demo, &vsax).await;
    // Last, the doctor: each vendor's credential without one permission.
    asio::doctor(&mut demo, &asio).await;
    vsax::doctor(&mut demo, &vsax).await;
    halopsa::doctor(&mut demo, &halo).await;
    cwmanage::doctor(&mut demo, &cwm).await;
    Ok(demo.summary(started))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approval_required() -> Error {
        Error::ApprovalRequired {
            operation: "tickets.update".into(),
            area: "tickets".into(),
        }
    }

    fn is_approval(error: &Error) -> bool {
        matches!(error, Error::ApprovalRequired { .. })
    }

    #[test]
    fn anything_not_as_shown_makes_the_demo_fail() {
        let mut demo = Demo::default();
        demo.step("HaloPSA", "a step that goes as shown");
        demo.expect(true, "not recorded");
        demo.refused::<()>(Err(approval_required()), "an approval", is_approval, 0);
        assert_eq!(demo.summary(Instant::now()), EXIT_OK);

        for outcome in [
            // Went through, though it should have been refused.
            (Ok(()), 0),
            // Refused, but a request was sent for it.
            (Err(approval_required()), 1),
            // Refused for another reason.
            (Err(Error::config("x")), 0),
        ] {
            let mut demo = Demo::default();
            demo.step("HaloPSA", "a refused write");
            demo.refused(outcome.0, "an approval", is_approval, outcome.1);
            assert_eq!(demo.summary(Instant::now()), EXIT_OTHER);
        }

        let mut demo = Demo::default();
        assert_eq!(demo.built::<()>(Err(Error::config("no client"))), None);
        assert_eq!(
            demo.summary(Instant::now()),
            EXIT_OTHER,
            "a failure before any step"
        );
    }
}
