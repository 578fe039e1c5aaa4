//! The client the crate builds honours the proxy environment variables, as reqwest's default
//! client does. (It turns reqwest's system-proxy lookup off only when none of them is set; this
//! test binary holds one test because it sets one for the whole process.)

mod support;

use serde_json::{json, Value};
use support::{Answer, Server, KEY};

#[tokio::test]
async fn a_proxy_in_http_proxy_carries_the_calls() {
    let proxy = Server::start([Answer::Result(json!({"status": "ok"}))]).await;
    // Read by `ClientBuilder::build`; the test is this process's only one, so nothing races it.
    std::env::set_var("HTTP_PROXY", format!("http://{}", proxy.addr));
    let client = leadhit::Client::builder()
        .base_url("http://leadhit.invalid/api/v1/")
        .allow_insecure_http(true)
        .api_key(KEY)
        .build()
        .unwrap();
    std::env::remove_var("HTTP_PROXY");

    let answer: Value = client.call("orders", "m", ()).await.unwrap();

    assert_eq!(answer, json!({"status": "ok"}));
    // A request to a proxy names the whole URL (absolute form), not just the path.
    let request = proxy.request();
    assert_eq!(request.path, "http://leadhit.invalid/api/v1/orders/");
    assert_eq!(request.header("api-key"), Some(KEY));
}
