//! Authentication: credentials, OAuth2 token sources, the token cache and the
//! token endpoint's HTTP client, and discovery of vendor endpoints.

pub(crate) mod client_credentials;
pub(crate) mod client_grant;
pub(crate) mod credential;
pub(crate) mod discovery;
pub(crate) mod json_token;
pub(crate) mod oauth_credential;
pub(crate) mod static_credential;
pub(crate) mod token;
pub(crate) mod token_cache;
pub(crate) mod token_endpoint;
pub(crate) mod token_response;
