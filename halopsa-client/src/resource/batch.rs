//! Batches: [`SaveRequest::send_batch`] and its [`BatchError`].

use std::fmt;

use neo_auth_core::Error;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::SaveRequest;

/// Halo accepts at most this many records in one POST.
pub const MAX_BATCH: usize = 100;

/// A batch that stopped part-way: what was saved, and the error of the first POST
/// that did not succeed.
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchError<T> {
    /// Records the server confirmed, in order.
    pub saved: Vec<T>,
    /// Index (into the submitted records) of the first record not confirmed.
    /// Records from here on were not saved — or, if `error.is_write_uncertain()`,
    /// the failed chunk (up to 100 records from here) may have been.
    pub first_unconfirmed: usize,
    /// Why the batch stopped.
    pub error: Error,
}

impl<T> BatchError<T> {
    /// A batch error: `saved` records confirmed, the first unconfirmed record at
    /// `first_unconfirmed`, stopped by `error` (for callers' own batch drivers and
    /// test doubles).
    pub fn new(saved: Vec<T>, first_unconfirmed: usize, error: Error) -> Self {
        BatchError {
            saved,
            first_unconfirmed,
            error,
        }
    }
}

impl<T: fmt::Debug> fmt::Display for BatchError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "batch stopped at record {} after {} saved: {}",
            self.first_unconfirmed,
            self.saved.len(),
            self.error
        )
    }
}

impl<T: fmt::Debug> std::error::Error for BatchError<T> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl<T> SaveRequest<T>
where
    T: Serialize + DeserializeOwned,
{
    /// Sends all records in POSTs of up to 100, in order, stopping at the first
    /// failure (see [`BatchError`]). A failed POST is never retried blindly. Each
    /// POST's reply must hold exactly as many records as were sent; anything else
    /// stops the batch with [`Error::WriteUncertain`] for that chunk.
    pub async fn send_batch(self) -> std::result::Result<Vec<T>, BatchError<T>> {
        let records = match self.validated() {
            Ok(records) => records,
            Err(error) => {
                return Err(BatchError {
                    saved: Vec::new(),
                    first_unconfirmed: 0,
                    error,
                });
            }
        };
        let mut saved = Vec::with_capacity(records.len());
        for (chunk_index, chunk) in records.chunks(MAX_BATCH).enumerate() {
            match self.post_chunk(chunk).await {
                Ok(mut chunk_saved) => saved.append(&mut chunk_saved),
                Err(error) => {
                    return Err(BatchError {
                        saved,
                        first_unconfirmed: chunk_index * MAX_BATCH,
                        error,
                    });
                }
            }
        }
        Ok(saved)
    }
}
