//! [`send_chunked`]: many records in chunks, and [`BatchError`], which says
//! which records were applied, which may have been, and which were never sent.

use std::fmt;
use std::future::Future;
use std::ops::Range;

use crate::error::Error;

/// A batch that stopped part-way. Records are named by their index in the
/// slice given to [`send_chunked`]; the four ranges are adjacent and cover it
/// all: `applied`, then the failed chunk (`uncertain` or `not_applied`, the
/// other one empty), then `not_sent`.
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchError<T> {
    /// What the server confirmed, one per record of `applied`, in order.
    pub saved: Vec<T>,
    /// Records per chunk.
    pub chunk_size: usize,
    /// Records in chunks the server confirmed.
    pub applied: Range<usize>,
    /// The failed chunk, when it may have been applied (its error is
    /// [`Error::WriteUncertain`], or its reply did not account for every
    /// record): read these back before sending them again. Empty otherwise.
    pub uncertain: Range<usize>,
    /// The failed chunk, when the server definitely did not apply it (refused
    /// before sending, a 4xx, a 429). Empty otherwise.
    pub not_applied: Range<usize>,
    /// Records after the failed chunk: never sent.
    pub not_sent: Range<usize>,
    /// Why the chunk failed.
    pub error: Error,
}

impl<T> BatchError<T> {
    /// A batch of `total` records refused before anything was sent (a record
    /// the vendor cannot take, say): every record `not_sent`.
    ///
    /// ```
    /// use neo_auth_core::{BatchError, Error};
    /// let error = BatchError::<()>::refused(150, 100, Error::config("record 3 has an id"));
    /// assert_eq!(error.safe_to_resend(), 0..150);
    /// assert_eq!((error.applied, error.not_sent), (0..0, 0..150));
    /// ```
    pub fn refused(total: usize, chunk_size: usize, error: Error) -> Self {
        BatchError {
            saved: Vec::new(),
            chunk_size,
            applied: 0..0,
            uncertain: 0..0,
            not_applied: 0..0,
            not_sent: 0..total,
            error,
        }
    }

    /// The index of the failed chunk.
    pub fn failed_chunk(&self) -> usize {
        self.applied.end / self.chunk_size.max(1)
    }

    /// Records that are certainly not saved: the refused chunk and the unsent rest.
    pub fn safe_to_resend(&self) -> Range<usize> {
        if self.uncertain.is_empty() {
            self.not_applied.start..self.not_sent.end
        } else {
            self.not_sent.clone()
        }
    }
}

impl<T> fmt::Display for BatchError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "batch stopped at chunk {} (records {:?}): records {:?} applied, ",
            self.failed_chunk(),
            self.uncertain.start.min(self.not_applied.start)
                ..self.uncertain.end.max(self.not_applied.end),
            self.applied,
        )?;
        if self.uncertain.is_empty() {
            write!(f, "records {:?} not applied, ", self.not_applied)?;
        } else {
            write!(f, "records {:?} may have been applied, ", self.uncertain)?;
        }
        write!(f, "records {:?} never sent: {}", self.not_sent, self.error)
    }
}

impl<T: fmt::Debug> std::error::Error for BatchError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Sends `records` in chunks of `chunk_size`, in order, one `send` per chunk,
/// stopping at the first chunk that fails. `send` gets the chunk's index and
/// records and returns what the server saved, one per record (a
/// [`WriteCall`](crate::WriteCall) whose reply is a `Vec`, typically). A failed
/// chunk is never retried here; a chunk whose reply holds a different number of
/// records counts as uncertain ([`Error::UnexpectedReply`]).
///
/// A `chunk_size` of 0 or an empty `records` is refused with [`Error::Config`]
/// (everything `not_sent`).
///
/// ```
/// use neo_auth_core::{Error, send_chunked};
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let records: Vec<u32> = (0..5).collect();
/// let error = send_chunked(&records, 2, |index, chunk: &[u32]| {
///     let chunk = chunk.to_vec();
///     async move {
///         if index == 1 {
///             Err(Error::config("refused"))
///         } else {
///             Ok(chunk)
///         }
///     }
/// })
/// .await
/// .unwrap_err();
/// assert_eq!((error.applied, error.not_applied, error.not_sent), (0..2, 2..4, 4..5));
/// assert!(error.uncertain.is_empty());
/// # });
/// ```
pub async fn send_chunked<T, R, F, Fut>(
    records: &[T],
    chunk_size: usize,
    mut send: F,
) -> std::result::Result<Vec<R>, BatchError<R>>
where
    F: FnMut(usize, &[T]) -> Fut,
    Fut: Future<Output = crate::error::Result<Vec<R>>>,
{
    let total = records.len();
    let refuse = |message: &str| BatchError::refused(total, chunk_size, Error::config(message));
    if chunk_size == 0 {
        return Err(refuse(
            "the chunk size of a batch must be greater than zero",
        ));
    }
    if records.is_empty() {
        return Err(refuse("nothing to send: the batch has no records"));
    }
    let mut saved = Vec::with_capacity(total);
    for (index, chunk) in records.chunks(chunk_size).enumerate() {
        let start = index * chunk_size;
        let end = start + chunk.len();
        // Whether the failed chunk may have been applied, and why it failed.
        let (maybe_applied, error) = match send(index, chunk).await {
            Ok(mut chunk_saved) if chunk_saved.len() == chunk.len() => {
                saved.append(&mut chunk_saved);
                continue;
            }
            Ok(chunk_saved) => (
                true,
                Error::unexpected_reply(
                    format!("batch chunk {index} (records {start}..{end})"),
                    format!(
                        "the reply holds {} record(s) for {} sent, so which were saved is unknown",
                        chunk_saved.len(),
                        chunk.len()
                    ),
                    b"",
                ),
            ),
            Err(error) => (error.is_write_uncertain(), error),
        };
        let (uncertain, not_applied) = if maybe_applied {
            (start..end, end..end)
        } else {
            (start..start, start..end)
        };
        return Err(BatchError {
            saved,
            chunk_size,
            applied: 0..start,
            uncertain,
            not_applied,
            not_sent: end..total,
            error,
        });
    }
    Ok(saved)
}
