//! Attachments on tickets and actions (`/Attachment`, schema `Attachment`), and
//! the validated body that uploads one.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use neo_auth_core::lenient::opt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The largest attachment [`AttachmentUploadBuilder::build`] accepts by default: 20 MiB of file content.
///
/// Halo takes the file base64-encoded inside the JSON body (a third larger than the
/// file, and held in memory whole on both sides), and a tenant's own limit is a
/// setting the API does not expose. This is the SDK's ceiling, not Halo's: raise or
/// lower it per upload with [`AttachmentUploadBuilder::max_bytes`].
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment as Halo lists it (`/Attachment?ticket_id=…`, spec schema `Attachment`; list key `attachments`).
///
/// All fields optional, lenient numbers, dates as text, unknown fields in `extra`:
/// see [the module conventions](crate::models#conventions). To upload a file use
/// [`AttachmentUpload`], which checks the content before anything is sent.
///
/// The list carries these records; `GET /Attachment/{id}` answers with the file itself
/// (HaloAPI reads that answer as raw bytes), not with this record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    /// The attachment id.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// File name.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Id of the ticket it is attached to.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// Number of the action it is attached to (actions are numbered per ticket).
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub action_id: Option<i64>,
    /// Size in bytes.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub filesize: Option<i64>,
    /// MIME type.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Whether the file is an image.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub isimage: Option<bool>,
    /// Attachment type code.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<i64>,
    /// Unique id of the stored file.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub unique_id: Option<i64>,
    /// Description.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// Note.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was attached. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub datecreated: Option<String>,
    /// When it was last updated. Date text as Halo sends it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    /// Whether end users see it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub showforusers: Option<bool>,
    /// Id of the user (contact) who attached it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Id of the agent who attached it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<i64>,
    /// Where to download it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub download_url: Option<String>,
    /// The record GUID.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    /// Id of the attachment this one is a version of.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i64>,
    /// Number of versions.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub version_count: Option<i64>,
    /// The content, base64-encoded, when Halo includes it.
    #[serde(deserialize_with = "opt", skip_serializing_if = "Option::is_none")]
    pub data_base64: Option<String>,
    /// Fields not modelled above, kept as sent so nothing is lost on a round trip.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Attachment {
    /// The content carried in `data_base64`, decoded: `Ok(None)` when Halo sent none,
    /// [`AttachmentError::InvalidBase64`] when the text is no standard base64.
    pub fn content(&self) -> Result<Option<Vec<u8>>, AttachmentError> {
        self.data_base64
            .as_deref()
            .map(|text| {
                STANDARD
                    .decode(text.trim())
                    .map_err(|e| AttachmentError::InvalidBase64 {
                        reason: e.to_string(),
                    })
            })
            .transpose()
    }
}

/// Why an attachment upload was refused before sending, or its content could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttachmentError {
    /// The file has no content: Halo would store an empty attachment.
    Empty,
    /// The file is larger than the limit of the upload.
    TooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes ([`MAX_ATTACHMENT_BYTES`] unless changed).
        limit: usize,
    },
    /// The file name is empty or blank.
    MissingFilename,
    /// No ticket was named: every attachment belongs to a ticket (and optionally one of its actions).
    MissingTicket,
    /// `data_base64` of a downloaded attachment is not valid base64.
    InvalidBase64 {
        /// What the decoder reported.
        reason: String,
    },
}

impl fmt::Display for AttachmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttachmentError::Empty => f.write_str("the attachment is empty (0 bytes)"),
            AttachmentError::TooLarge { size, limit } => write!(
                f,
                "the attachment is {size} bytes, more than the limit of {limit} bytes"
            ),
            AttachmentError::MissingFilename => f.write_str("the attachment has no file name"),
            AttachmentError::MissingTicket => {
                f.write_str("the attachment names no ticket (set `ticket(id)`)")
            }
            AttachmentError::InvalidBase64 { reason } => {
                write!(
                    f,
                    "the attachment's data_base64 is not valid base64: {reason}"
                )
            }
        }
    }
}

impl std::error::Error for AttachmentError {}

/// The body of `POST /Attachment`: one file for a ticket or one of its actions, its
/// content base64-encoded in `data_base64` as the spec's `Attachment` schema has it.
///
/// Built with [`AttachmentUpload::builder`], which refuses an empty file, a file
/// over the limit and a missing ticket or file name with an [`AttachmentError`]:
///
/// ```
/// use halopsa_client::models::{AttachmentError, AttachmentUpload};
///
/// let upload = AttachmentUpload::builder("spooler.log", b"restarted at 09:12".to_vec())
///     .ticket(1042)
///     .action(3)
///     .note("log from the print server")
///     .build()?;
/// assert_eq!(upload.size(), 18);
/// let body = serde_json::to_value(&upload).unwrap();
/// assert_eq!(body["data_base64"], "cmVzdGFydGVkIGF0IDA5OjEy");
/// assert_eq!((body["ticket_id"].as_i64(), body["action_id"].as_i64()), (Some(1042), Some(3)));
///
/// let too_big = AttachmentUpload::builder("dump.bin", vec![0; 2048])
///     .ticket(1042)
///     .max_bytes(1024)
///     .build();
/// assert_eq!(too_big, Err(AttachmentError::TooLarge { size: 2048, limit: 1024 }));
/// # Ok::<(), AttachmentError>(())
/// ```
#[derive(Clone, PartialEq, Serialize)]
pub struct AttachmentUpload {
    ticket_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    action_id: Option<i64>,
    filename: String,
    data_base64: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    desc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    showforusers: Option<bool>,
    #[serde(skip)]
    size: usize,
}

/// The file's content is customer data and may be large: `Debug` shows its size only.
impl fmt::Debug for AttachmentUpload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentUpload")
            .field("ticket_id", &self.ticket_id)
            .field("action_id", &self.action_id)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// The file's content is customer data and may be large: `Debug` shows its size only.
impl fmt::Debug for AttachmentUploadBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentUploadBuilder")
            .field("filename", &self.filename)
            .field("ticket_id", &self.ticket_id)
            .field("action_id", &self.action_id)
            .field("size", &self.content.len())
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

impl AttachmentUpload {
    /// Starts an upload of `content` under `filename`; name the ticket with
    /// [`ticket`](AttachmentUploadBuilder::ticket) before [`build`](AttachmentUploadBuilder::build).
    pub fn builder(
        filename: impl Into<String>,
        content: impl Into<Vec<u8>>,
    ) -> AttachmentUploadBuilder {
        AttachmentUploadBuilder {
            filename: filename.into(),
            content: content.into(),
            ticket_id: None,
            action_id: None,
            content_type: None,
            note: None,
            desc: None,
            showforusers: None,
            max_bytes: MAX_ATTACHMENT_BYTES,
        }
    }

    /// The ticket the file is attached to.
    pub fn ticket_id(&self) -> i64 {
        self.ticket_id
    }

    /// The action (number within the ticket) the file is attached to, if any.
    pub fn action_id(&self) -> Option<i64> {
        self.action_id
    }

    /// The file name.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The file's size in bytes (before encoding).
    pub fn size(&self) -> usize {
        self.size
    }

    /// The content as sent: standard base64 with padding.
    pub fn data_base64(&self) -> &str {
        &self.data_base64
    }
}

/// Collects an [`AttachmentUpload`]; [`build`](Self::build) validates it.
#[derive(Clone)]
pub struct AttachmentUploadBuilder {
    filename: String,
    content: Vec<u8>,
    ticket_id: Option<i64>,
    action_id: Option<i64>,
    content_type: Option<String>,
    note: Option<String>,
    desc: Option<String>,
    showforusers: Option<bool>,
    max_bytes: usize,
}

impl AttachmentUploadBuilder {
    /// The ticket to attach the file to (required).
    pub fn ticket(mut self, ticket_id: i64) -> Self {
        self.ticket_id = Some(ticket_id);
        self
    }

    /// Attaches the file to this action of the ticket (its number within the ticket).
    pub fn action(mut self, action_id: i64) -> Self {
        self.action_id = Some(action_id);
        self
    }

    /// The MIME type (`content_type`), e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// A note stored with the attachment (`note`).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// A description (`desc`).
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.desc = Some(description.into());
        self
    }

    /// Whether end users see the attachment (`showforusers`); Halo's default when unset.
    pub fn visible_to_users(mut self, visible: bool) -> Self {
        self.showforusers = Some(visible);
        self
    }

    /// The largest content accepted, in bytes ([`MAX_ATTACHMENT_BYTES`] by default).
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Checks the upload and encodes the content.
    ///
    /// # Errors
    ///
    /// [`AttachmentError::MissingFilename`] for a blank file name,
    /// [`AttachmentError::MissingTicket`] without [`ticket`](Self::ticket),
    /// [`AttachmentError::Empty`] for no content and [`AttachmentError::TooLarge`]
    /// for content over [`max_bytes`](Self::max_bytes).
    pub fn build(self) -> Result<AttachmentUpload, AttachmentError> {
        if self.filename.trim().is_empty() {
            return Err(AttachmentError::MissingFilename);
        }
        let ticket_id = self.ticket_id.ok_or(AttachmentError::MissingTicket)?;
        let size = self.content.len();
        if size == 0 {
            return Err(AttachmentError::Empty);
        }
        if size > self.max_bytes {
            return Err(AttachmentError::TooLarge {
                size,
                limit: self.max_bytes,
            });
        }
        Ok(AttachmentUpload {
            ticket_id,
            action_id: self.action_id,
            filename: self.filename,
            data_base64: STANDARD.encode(&self.content),
            content_type: self.content_type,
            note: self.note,
            desc: self.desc,
            showforusers: self.showforusers,
            size,
        })
    }
}
