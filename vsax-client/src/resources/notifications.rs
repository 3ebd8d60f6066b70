//! Notifications and notification webhooks (area Notifications): reads need
//! "Notifications: Read", writes "Notifications: Read/Write".

use http::Method;
use neo_auth_core::{DeleteCall, IdKind, Result, Verb, WriteCall, collection_path};
use secrecy::SecretString;
use serde_json::Value;

use crate::calls::{GetRecord, Save, list_call, odata_list, requirement, segment, write};
use crate::client::{Client, WebhookUpdate};
use crate::endpoints::{NOTIFICATIONS_EP, WEBHOOKS};
use crate::models::{CreateNotification, Notification, SecretKey, Webhook, WebhookSettings};
use crate::resources::devices::NotificationList;

odata_list! {
    /// `GET /notifications/webhooks`.
    WebhookList => Webhook
}

/// Notifications of the tenant.
#[derive(Clone, Copy, Debug)]
pub struct Notifications<'a> {
    client: &'a Client,
}

/// Notification webhooks.
#[derive(Clone, Copy, Debug)]
pub struct Webhooks<'a> {
    client: &'a Client,
}

impl Client {
    /// Notifications: list, get, create, delete.
    pub fn notifications(&self) -> Notifications<'_> {
        Notifications { client: self }
    }

    /// Notification webhooks: list, get, create, update, delete, regenerate secret.
    pub fn webhooks(&self) -> Webhooks<'_> {
        Webhooks { client: self }
    }
}

impl Notifications<'_> {
    /// `GET /notifications` (paged).
    pub fn list(&self) -> NotificationList {
        NotificationList::from(list_call(self.client, &NOTIFICATIONS_EP))
    }

    /// `GET /notifications/{id}`.
    pub fn get(&self, id: &str) -> GetRecord<Notification> {
        GetRecord::record(self.client, &NOTIFICATIONS_EP, id)
    }

    /// `POST /notifications`.
    ///
    /// ```no_run
    /// use vsax_client::models::{CreateNotification, Priority};
    /// # async fn run(client: vsax_client::Client) -> vsax_client::Result<()> {
    /// let raised = client
    ///     .notifications()
    ///     .create(&CreateNotification::new("psa-bridge", "Backup failed", Priority::Critical))
    ///     .send()
    ///     .await?;
    /// println!("{:?}", raised.identifier);
    /// # Ok(()) }
    /// ```
    pub fn create(&self, notification: &CreateNotification) -> Save<Notification> {
        Save::new(
            write(self.client, &NOTIFICATIONS_EP, Verb::Create, Method::POST).json(notification),
        )
    }

    /// `DELETE /notifications/{id}` (not retried unless asked).
    pub fn delete(&self, id: &str) -> DeleteCall {
        DeleteCall::new(self.client.transport().clone(), &NOTIFICATIONS_EP, id)
    }
}

impl Webhooks<'_> {
    /// `GET /notifications/webhooks` (paged).
    pub fn list(&self) -> WebhookList {
        WebhookList::from(list_call(self.client, &WEBHOOKS))
    }

    /// `GET /notifications/webhooks/{id}`.
    pub fn get(&self, id: &str) -> GetRecord<Webhook> {
        GetRecord::record(self.client, &WEBHOOKS, id)
    }

    /// `POST /notifications/webhooks`; the reply carries the new `SecretKey`
    /// (keep it for the [`WebhookVerifier`](crate::WebhookVerifier)).
    pub fn create(&self, settings: &WebhookSettings) -> Save<Webhook> {
        Save::new(write(self.client, &WEBHOOKS, Verb::Create, Method::POST).json(settings))
    }

    /// Updates a webhook: `PUT` (default) or `PATCH`
    /// ([`ClientBuilder::webhook_update`](crate::ClientBuilder::webhook_update)).
    pub fn update(&self, id: &str, settings: &WebhookSettings) -> Save<Webhook> {
        let method = match self.client.quirks().webhook_update {
            WebhookUpdate::Patch => Method::PATCH,
            _ => Method::PUT,
        };
        Save::new(
            write(self.client, &WEBHOOKS, Verb::Update, method)
                .record(id)
                .json(settings),
        )
    }

    /// `DELETE /notifications/webhooks/{id}` (not retried unless asked).
    pub fn delete(&self, id: &str) -> DeleteCall {
        DeleteCall::new(self.client.transport().clone(), &WEBHOOKS, id)
    }

    /// `POST /notifications/webhooks/{id}/regenerateSecretKey`: the old secret
    /// stops verifying; the new one is returned.
    pub async fn regenerate_secret(&self, id: &str) -> Result<SecretKey> {
        let path = collection_path(&WEBHOOKS, None).and_then(|base| {
            Ok(format!(
                "{base}/{}/regenerateSecretKey",
                segment(&WEBHOOKS, id, IdKind::Text)?
            ))
        })?;
        let needs =
            requirement(&WEBHOOKS, Verb::Update)?.for_operation("webhooks.regenerate_secret");
        let reply: Value = WriteCall::raw(
            self.client.transport().clone(),
            Method::POST,
            path.clone(),
            needs,
        )
        .send()
        .await?;
        secret_of(&reply).ok_or_else(|| {
            neo_auth_core::Error::write_uncertain(
                Method::POST,
                path,
                neo_auth_core::Error::config(
                    "VSA X regenerated the secret but its reply does not show it: regenerate it again to learn the new one",
                ),
            )
        })
    }
}

/// The secret in a regenerate reply: `Data.SecretKey`, `SecretKey`, or `Data` itself.
fn secret_of(reply: &Value) -> Option<SecretKey> {
    let data = reply.get("Data").unwrap_or(reply);
    let text = data
        .get("SecretKey")
        .or_else(|| data.get("secretKey"))
        .unwrap_or(data)
        .as_str()
        .filter(|s| !s.is_empty())?;
    Some(SecretKey::new(SecretString::from(text.to_owned())))
}
