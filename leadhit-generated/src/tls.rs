//! The TLS backend of the HTTP client this crate builds, chosen by its cargo features.
//!
//! reqwest's `rustls` feature compiles `aws-lc-rs`, a C and assembly library that is most of the
//! build time of a program using this crate. So the `rustls` feature asks reqwest for rustls
//! without a crypto provider (`rustls-no-provider`) and this module hands it a complete rustls
//! configuration: the provider (`ring`, or `aws-lc-rs` with that feature, or whatever the
//! program installed as rustls's process default) and the platform's certificate verifier with
//! the system's roots, which is what reqwest itself sets up. Nothing is installed process-wide,
//! so a program that installs its own default provider later is not refused.
//!
//! With `native-tls` on, reqwest's native TLS is used as is (reqwest also prefers it when both
//! are compiled in). With no TLS feature, the client speaks plain `http://` only.

use crate::Error;

/// A reqwest builder with this crate's TLS backend set; the caller adds everything else.
pub(crate) fn http_builder() -> Result<reqwest::ClientBuilder, Error> {
    let builder = reqwest::Client::builder();
    #[cfg(all(feature = "__rustls", not(feature = "native-tls")))]
    let builder = builder.tls_backend_preconfigured(rustls_config()?);
    Ok(builder)
}

#[cfg(all(feature = "__rustls", not(feature = "native-tls")))]
fn rustls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;

    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| std::sync::Arc::new(default_provider()));
    let failed = |error: rustls::Error| {
        Error::InvalidRequest(format!(
            "TLS could not be set up: {error} (are the system's CA certificates installed?)"
        ))
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(failed)?
        .with_platform_verifier()
        .map_err(failed)?
        .with_no_client_auth();
    // What reqwest offers when it builds the configuration itself: h2 only if it can speak it.
    config.alpn_protocols = vec![
        #[cfg(feature = "http2")]
        b"h2".to_vec(),
        b"http/1.1".to_vec(),
    ];
    Ok(config)
}

#[cfg(all(feature = "__rustls", not(feature = "native-tls")))]
fn default_provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "aws-lc-rs")]
    return rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "aws-lc-rs"))]
    return rustls::crypto::ring::default_provider();
}
