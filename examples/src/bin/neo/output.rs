//! Everything `neo` prints on stdout goes through here: a closed pipe
//! (`neo … | head`) ends the program quietly instead of panicking.

use std::fmt;
use std::io::{self, IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use crate::cli::OutputFormat;

/// Prints `neo`'s standard output.
#[macro_export]
macro_rules! out {
    () => { $crate::output::emit(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::emit(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Writes to stdout; when the reader went away (EPIPE) the program ends
/// quietly with status 0, on any other write error with status 1.
pub fn emit(args: fmt::Arguments<'_>) {
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("neo: cannot write the output: {error}");
        std::process::exit(1);
    }
}

/// Where listed records go: JSON Lines or a table on stdout, a progress
/// indicator on stderr when stderr is a terminal.
pub struct RecordSink {
    format: OutputFormat,
    columns: Vec<&'static str>,
    limit: Option<u64>,
    written: u64,
    progress: Option<ProgressBar>,
}

/// The width of one table column.
const COLUMN_WIDTH: usize = 32;

impl RecordSink {
    /// A sink printing in `format` (a table shows `columns`), stopping after `limit`.
    pub fn new(format: OutputFormat, columns: &[&'static str], limit: Option<u64>) -> Self {
        let progress = io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} record(s) {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        });
        let sink = RecordSink {
            format,
            columns: columns.to_vec(),
            limit,
            written: 0,
            progress,
        };
        if format == OutputFormat::Table {
            let header: Vec<String> = sink.columns.iter().map(|c| cell(c)).collect();
            out!("{}", header.join(" ").trim_end());
        }
        sink
    }

    /// Whether the limit is reached (no more records wanted).
    pub fn is_full(&self) -> bool {
        self.limit.is_some_and(|limit| self.written >= limit)
    }

    /// Prints one record; returns whether more are wanted.
    pub fn push(&mut self, record: &Value) -> bool {
        if self.is_full() {
            return false;
        }
        let line = match self.format {
            OutputFormat::Json => record.to_string(),
            OutputFormat::Table => {
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| cell(&plain(record.get(*c))))
                    .collect();
                cells.join(" ").trim_end().to_owned()
            }
        };
        match &self.progress {
            Some(bar) => bar.suspend(|| out!("{line}")),
            None => out!("{line}"),
        }
        self.written += 1;
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        !self.is_full()
    }

    /// Clears the progress indicator; returns how many records were printed.
    pub fn finish(self) -> u64 {
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
        self.written
    }
}

/// A JSON value as a table shows it.
fn plain(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// `text` cut or padded to the column width, on one line.
fn cell(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let count = flat.chars().count();
    if count > COLUMN_WIDTH {
        let cut: String = flat.chars().take(COLUMN_WIDTH - 1).collect();
        format!("{cut}…")
    } else {
        format!("{flat:<COLUMN_WIDTH$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_one_line_and_of_one_width() {
        assert_eq!(cell("a\nb").trim_end(), "a b");
        assert_eq!(cell("x").chars().count(), COLUMN_WIDTH);
        let long = "y".repeat(100);
        assert_eq!(cell(&long).chars().count(), COLUMN_WIDTH);
        assert!(cell(&long).ends_with('…'));
        assert_eq!(plain(Some(&serde_json::json!(7))), "7");
        assert_eq!(plain(Some(&serde_json::json!("s"))), "s");
        assert_eq!(plain(None), "");
    }
}
