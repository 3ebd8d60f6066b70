//! Attachments (`/Attachment`, tickets area): the attachments of a ticket or an
//! action, one attachment's file, and uploads.
//!
//! `GET /Attachment/{id}` answers with the **file itself**, not with a JSON
//! record, so [`Attachments::download`] returns its bytes, read up to a size
//! limit ([`MAX_ATTACHMENT_BYTES`] unless set): a longer file fails with
//! [`Error::ResponseTooLarge`] naming
//! the limit, before the whole body is held in memory.
//!
//! An upload is a `POST /Attachment` of a one-element array carrying the file
//! base64-encoded ([`AttachmentUpload`], whose builder enforces the same limit).
//! It is a write of the tickets area, never retried.

use http::Method;
use neo_auth_core::{ApiRequest, Approval, Error, RequestOptions, Result, Verb};

use crate::endpoints::ATTACHMENTS;
use crate::list::AttachmentList;
use crate::models::{Attachment, AttachmentUpload, MAX_ATTACHMENT_BYTES};
use crate::resource::Resource;

/// The attachments handler: `client.attachments()`.
#[derive(Debug)]
pub struct Attachments {
    inner: Resource<Attachment>,
}

impl crate::Client {
    /// Attachments of tickets and actions (tickets area).
    pub fn attachments(&self) -> Attachments {
        Attachments {
            inner: Resource::new(self, &ATTACHMENTS),
        }
    }
}

impl Attachments {
    /// What the SDK knows of `/Attachment`.
    pub fn definition(&self) -> &'static neo_auth_core::EndpointSpec {
        self.inner.definition()
    }

    /// The attachments of one ticket (`GET /Attachment?ticket_id=…`, one GET;
    /// narrow to one action with [`AttachmentList::action_id`]).
    pub fn list(&self, ticket_id: i64) -> AttachmentList {
        self.inner.list().param("ticket_id", ticket_id)
    }

    /// The file of one attachment (`GET /Attachment/{id}`), read up to
    /// [`MAX_ATTACHMENT_BYTES`]. Ends in [`DownloadRequest::send`].
    pub fn download(&self, id: i64) -> DownloadRequest {
        DownloadRequest {
            client: self.inner.client().clone(),
            id,
            max_bytes: MAX_ATTACHMENT_BYTES as u64,
            options: RequestOptions::new(),
        }
    }

    /// Uploads one file to a ticket or an action (`POST /Attachment`). Ends in
    /// [`UploadRequest::send`], which returns the stored attachment.
    pub fn upload(&self, upload: &AttachmentUpload) -> UploadRequest {
        UploadRequest {
            client: self.inner.client().clone(),
            upload: upload.clone(),
            approval: None,
        }
    }

    /// Deletes one attachment (`DELETE /Attachment/{id}`).
    pub fn delete(&self, id: i64) -> crate::DeleteRequest {
        self.inner.delete(id)
    }
}

/// Reads one attachment's file. Ends in [`DownloadRequest::send`].
#[must_use]
#[derive(Debug)]
pub struct DownloadRequest {
    client: crate::Client,
    id: i64,
    max_bytes: u64,
    options: RequestOptions,
}

impl DownloadRequest {
    /// The largest file accepted, in bytes (default [`MAX_ATTACHMENT_BYTES`]).
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Per-request overrides (timeouts, attempts); the size limit is
    /// [`max_bytes`](Self::max_bytes).
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the request: the file's bytes exactly as Halo sent them.
    ///
    /// # Errors
    ///
    /// [`Error::ResponseTooLarge`]
    /// when the file is longer than the limit; a configuration error for an id
    /// below 1, raised before sending.
    pub async fn send(self) -> Result<Vec<u8>> {
        if self.id < 1 {
            return Err(Error::config(format!(
                "attachment id {} is not a Halo id (ids start at 1)",
                self.id
            )));
        }
        let requirement = requirement(Verb::Get)?;
        let request = ApiRequest::get(format!("{}/{}", ATTACHMENTS.path, self.id))
            .requirement(requirement)
            .options(self.options.max_response_body(self.max_bytes));
        let response = self.client.transport().send(request).await?;
        Ok(response.body().to_vec())
    }
}

/// Uploads one attachment. Ends in [`UploadRequest::send`].
#[must_use]
#[derive(Debug)]
pub struct UploadRequest {
    client: crate::Client,
    upload: AttachmentUpload,
    approval: Option<Approval>,
}

impl UploadRequest {
    /// Attaches an explicit approval (when the policy asks for one).
    pub fn approval(mut self, approval: Approval) -> Self {
        self.approval = Some(approval);
        self
    }

    /// Sends the upload; returns the attachment Halo stored.
    ///
    /// # Errors
    ///
    /// A policy error when the tickets area is not writable; after the request
    /// may have reached Halo, a failure or a reply that does not show the
    /// stored attachment is [`Error::WriteUncertain`]
    /// (never retried).
    pub async fn send(self) -> Result<Attachment> {
        let request = ApiRequest::post(ATTACHMENTS.path)
            .json(std::slice::from_ref(&self.upload))?
            .requirement(requirement(Verb::Create)?)
            .approval(self.approval);
        let response = self.client.transport().send(request).await?;
        let body = response.body();
        let stored: Vec<Attachment> = response.json().or_else(|_| {
            response
                .json::<Attachment>()
                .map(|one| vec![one])
                .map_err(|e| Error::write_uncertain(Method::POST, ATTACHMENTS.path, e))
        })?;
        match stored.as_slice() {
            [one] if one.id.is_some() => Ok(one.clone()),
            _ => Err(Error::unconfirmed_write(
                Method::POST,
                ATTACHMENTS.path,
                "the reply does not hold the one stored attachment with its id",
                body,
            )),
        }
    }
}

/// What one verb of `/Attachment` needs.
fn requirement(verb: Verb) -> Result<neo_auth_core::Requirement> {
    ATTACHMENTS
        .requirements
        .requirement(ATTACHMENTS.name, verb)
        .ok_or_else(|| Error::config("the attachments endpoint offers no such verb"))
}
