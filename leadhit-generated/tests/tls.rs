//! HTTPS with the default TLS backend: the handshake runs (so a crypto provider is in place
//! without the program installing one) and the server's certificate is checked.
//!
//! The server is a rustls listener on loopback with a self-signed certificate made for these
//! tests (`tests/tls/`, `openssl req -x509` for `localhost` and `127.0.0.1`, not a CA; the key protects
//! nothing else). No system root trusts it, so a client that verifies certificates must refuse
//! it, and one that offers HTTP/2 says so in its ClientHello.
#![cfg(all(feature = "rustls", not(feature = "native-tls")))]

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio_rustls::LazyConfigAcceptor;

const CERT: &[u8] = include_bytes!("tls/self-signed.cert.pem");
const KEY: &[u8] = include_bytes!("tls/self-signed.key.pem");

/// The ALPN protocols the client offered, read from its ClientHello before the handshake goes
/// on; the handshake itself then fails on the client's side.
async fn serve_one(listener: TcpListener) -> Vec<Vec<u8>> {
    let (stream, _) = listener.accept().await.expect("a connection");
    let acceptor = LazyConfigAcceptor::new(rustls::server::Acceptor::default(), stream);
    let start = acceptor.await.expect("a ClientHello");
    let offered = start
        .client_hello()
        .alpn()
        .map(|protocols| protocols.map(<[u8]>::to_vec).collect())
        .unwrap_or_default();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from_pem_slice(CERT).expect("the test certificate")],
            PrivateKeyDer::from_pem_slice(KEY).expect("the test key"),
        )
        .expect("a server configuration");
    // The client aborts the handshake when it sees the certificate.
    let _ = start.into_stream(Arc::new(config)).await;
    offered
}

#[tokio::test]
async fn https_refuses_a_certificate_no_root_trusts() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("an address").port();
    let server = tokio::spawn(serve_one(listener));
    let client = leadhit::Client::builder()
        .base_url(format!("https://localhost:{port}/api/v1/"))
        .api_key("lh-tls-test-key")
        // A failed handshake is retried by default (the call cannot have run); one is enough.
        .retry(leadhit::Retry::never())
        .build()
        .expect("a client with the default TLS backend");

    let error = client
        .call::<serde_json::Value>("orders", "list_orders", ())
        .await
        .expect_err("a self-signed certificate must be refused");

    let leadhit::Error::Transport { source, .. } = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    let mut chain = String::new();
    let mut cause: Option<&dyn std::error::Error> = Some(source);
    while let Some(error) = cause {
        chain.push_str(&format!("{error}; "));
        cause = error.source();
    }
    assert!(
        chain.contains("invalid peer certificate: UnknownIssuer"),
        "the error should be about the certificate: {chain}"
    );
    let offered = server.await.expect("the server task");
    let expected: Vec<&[u8]> = if cfg!(feature = "http2") {
        vec![b"h2", b"http/1.1"]
    } else {
        vec![b"http/1.1"]
    };
    assert_eq!(offered, expected, "the ALPN protocols offered");
}
