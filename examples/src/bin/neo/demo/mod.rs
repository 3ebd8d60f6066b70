//! `neo demo`: a realistic session against every vendor's fake, in process,
//! with no configuration and no network.
//!
//! The flow: authenticate to each vendor; list devices (RMMs: Asio, VSA X)
//! and companies (PSAs: HaloPSA, ConnectWise Manage); correlate a device to
//! its PSA company ([`examples::correlate`]); open a ticket for it; add a note;
//! show a write blocked by the policy until an approval is given; show an
//! under-scoped credential's doctor report naming the portal label.
//!
//! Each vendor is one module: an RMM's `run` adds devices to [`Demo::devices`],
//! a PSA's `run` correlates them and works the ticket. Every step states what
//! it expects; anything else is reported and makes `neo demo` exit 1.

mod halopsa;

use std::time::Instant;

use neo_auth_core::Error;

use crate::failure::{EXIT_OK, EXIT_OTHER, Failure};
use crate::out;

/// A device an RMM reported, with its owner as the RMM names it.
#[derive(Debug, Clone)]
pub struct Device {
    /// The device's name.
    pub name: String,
    /// The organization (or site) that owns it, as the RMM spells it.
    pub owner: String,
    /// An identifier of the owner the MSP recorded in the RMM, if any.
    pub owner_identifier: Option<String>,
    /// Where the device came from (`Asio`, `VSA X`, …).
    pub source: &'static str,
}

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
    pub devices: Vec<Device>,
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

/// Runs the demo: the RMM vendors first (they report devices), then the PSAs.
pub async fn run() -> Result<u8, Failure> {
    let started = Instant::now();
    out!("neo demo: every vendor crate of this workspace against its in-process fake");
    out!(
        "(HaloPSA today; ConnectWise Asio, Kaseya VSA X and ConnectWise Manage join as their crates land)"
    );
    let mut demo = Demo::default();
    // RMMs: `asio::run(&mut demo).await`, `vsax::run(&mut demo).await` go here.
    // PSAs:
    halopsa::run(&mut demo).await;
    Ok(demo.summary(started))
}
