//! TLS set-up: rustls with the ring provider, installed once, never a panic.

use std::sync::Once;

/// Installs rustls' ring crypto provider as the process default, once. If the
/// application installed a provider already, that one stays.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An Err means another provider is already installed: keep it.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// A reqwest client builder with the crypto provider installed and the SDK's
/// baseline settings (rustls, TCP_NODELAY).
pub fn http_client_builder() -> reqwest::ClientBuilder {
    install_crypto_provider();
    reqwest::Client::builder().tcp_nodelay(true)
}
