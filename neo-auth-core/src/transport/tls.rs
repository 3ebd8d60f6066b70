//! TLS set-up: rustls with the ring provider, installed once, never a panic;
//! one TLS configuration (the platform's root store, loaded once) shared by
//! every HTTP client the SDK builds in a process.

use std::sync::{Arc, Once, OnceLock};

/// Installs rustls' ring crypto provider as the process default, once. If the
/// application installed a provider already, that one stays.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // An Err means another provider is already installed: keep it.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The TLS configuration every client shares: the process's crypto provider,
/// the platform's certificate verifier (the system root store, read once per
/// process instead of once per client), TLS 1.2 and 1.3, ALPN `h2` then
/// `http/1.1` — what reqwest would build for each client itself.
///
/// `None` when it cannot be built (no root certificate on the system): each
/// client then builds its own, and reports the same problem as its error.
fn shared_tls_config() -> Option<&'static rustls::ClientConfig> {
    static CONFIG: OnceLock<Option<rustls::ClientConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            install_crypto_provider();
            let provider = rustls::crypto::CryptoProvider::get_default()?.clone();
            let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).ok()?;
            let mut config = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .ok()?
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth();
            config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
            Some(config)
        })
        .as_ref()
}

/// A reqwest client builder with the crypto provider installed and the SDK's
/// baseline settings (rustls, TCP_NODELAY), on the process's shared TLS
/// configuration: building a client no longer reads the system root store.
///
/// The TLS configuration is preconfigured, so reqwest's own TLS settings
/// (`add_root_certificate`, `tls_certs_only`, `min_tls_version`, …) do not
/// apply to a builder from here, and ALPN always offers `h2` then `http/1.1`
/// (so `http1_only` does not go with it): a client that needs them starts from
/// `reqwest::Client::builder()` (after [`install_crypto_provider`]).
///
/// ```
/// let client = neo_auth_core::http_client_builder().build().unwrap();
/// # let _ = client;
/// ```
pub fn http_client_builder() -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder().tcp_nodelay(true);
    match shared_tls_config() {
        Some(config) => builder.tls_backend_preconfigured(config.clone()),
        None => {
            install_crypto_provider();
            builder
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tls_configuration_is_built_once_and_shared() {
        let first = shared_tls_config().map(std::ptr::from_ref);
        let second = shared_tls_config().map(std::ptr::from_ref);
        assert_eq!(first, second);
        if let Some(config) = shared_tls_config() {
            assert_eq!(
                config.alpn_protocols,
                [b"h2".to_vec(), b"http/1.1".to_vec()]
            );
        }
        assert!(http_client_builder().build().is_ok());
    }
}
