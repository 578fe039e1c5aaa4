//! The end-to-end test's user program: built against the `leadhit` crate that `cargo xtask
//! codegen` generated from the test server's maps, it calls every method and checks each answer.
//!
//! It is compiled in a scratch workspace by `xtask/tests/workflow/e2e.rs`, never by this
//! workspace (`xtask/Cargo.toml` declares its one test target, with `autotests = false`).
//! `LEADHIT_BASE_URL` and `LEADHIT_API_KEY` say where the server is; it exits non-zero with the
//! first failed check.

use leadhit::orders::SetOrderStatusStatus;
use leadhit::{Client, Error};
use serde_json::{json, Value};

/// Counts checks, so the test can see that all of them ran.
struct Checks(usize);

impl Checks {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        assert_eq!(got, want, "{what}");
        self.0 += 1;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base = std::env::var("LEADHIT_BASE_URL").expect("LEADHIT_BASE_URL");
    let key = std::env::var("LEADHIT_API_KEY").expect("LEADHIT_API_KEY");
    let client = Client::builder()
        .base_url(&base)
        .api_key(&key)
        .build()
        .expect("client");
    let mut c = Checks(0);

    // orders: reST with a Literal enum, Google with optional params, no docstring.
    let orders = client.orders();
    let r = orders
        .set_order_status("f168148717", SetOrderStatusStatus::Paid)
        .send()
        .await
        .expect("set_order_status");
    c.eq(
        "set_order_status status",
        r.get("status"),
        Some(&json!("ok")),
    );
    c.eq(
        "set_order_status message",
        r.get("message"),
        Some(&json!("Order status changed")),
    );
    let all = orders.list_orders().send().await.expect("list_orders");
    c.eq("unset limit uses the server default", all.len(), 10);
    let page = orders
        .list_orders()
        .limit(2)
        .offset(5)
        .await
        .expect("list_orders page");
    c.eq(
        "limit and offset",
        page.iter()
            .map(|o| o["position"].clone())
            .collect::<Vec<_>>(),
        vec![json!(5), json!(6)],
    );
    let pong: Value = orders.ping().send().await.expect("ping");
    c.eq("ping without docstring", pong, json!("pong"));

    // reports: NumPy (two names on one line), Epytext, a keyword name, *args/**kwargs.
    let reports = client.reports();
    let daily = reports
        .report_daily("2024-01-01", "2024-01-31")
        .send()
        .await
        .expect("report.daily");
    c.eq(
        "report.daily default currency",
        daily.get("currency"),
        Some(&json!("RUB")),
    );
    c.eq(
        "report.daily date_to",
        daily.get("date_to"),
        Some(&json!("2024-01-31")),
    );
    let eur = reports
        .report_daily("2024-01-01", "2024-01-31")
        .currency("EUR")
        .send()
        .await
        .expect("report.daily EUR");
    c.eq(
        "report.daily currency",
        eur.get("currency"),
        Some(&json!("EUR")),
    );
    let report = reports
        .get_report(7)
        .fmt("csv")
        .send()
        .await
        .expect("getReport");
    c.eq(
        "getReport",
        Value::Object(report),
        json!({"report_id": 7, "fmt": "csv"}),
    );
    let kind: String = reports.r#type(2).send().await.expect("type");
    c.eq("type(2)", kind.as_str(), "daily");
    c.eq(
        "type(3)",
        reports.r#type(3).send().await.expect("type").as_str(),
        "weekly",
    );
    let positional = reports
        .export()
        .params(["day", "total"])
        .send()
        .await
        .expect("export args");
    c.eq(
        "export *args",
        Value::Object(positional),
        json!({"args": ["day", "total"], "kwargs": {}}),
    );
    let named = reports
        .export()
        .params(json!({"shop": "s1"}))
        .send()
        .await
        .expect("export kwargs");
    c.eq(
        "export **kwargs",
        Value::Object(named),
        json!({"args": [], "kwargs": {"shop": "s1"}}),
    );

    // clients: Russian docstrings, server-side defaults.
    let clients = client.clients();
    let found = clients
        .find_client("a@example.com")
        .send()
        .await
        .expect("find_client");
    c.eq(
        "find_client without phone",
        found.get("searched_by"),
        Some(&json!("email")),
    );
    let found = clients
        .find_client("a@example.com")
        .phone("+79000000000")
        .send()
        .await
        .expect("find_client phone");
    c.eq(
        "find_client with phone",
        found.get("searched_by"),
        Some(&json!("email+phone")),
    );
    let updated = clients
        .update_client("c1", "Иван")
        .send()
        .await
        .expect("update_client");
    c.eq(
        "update_client defaults",
        Value::Object(updated),
        json!({"client_id": "c1", "name": "Иван", "segment": "новые", "notify": false}),
    );
    let updated = clients
        .update_client("c1", "Иван")
        .segment("vip")
        .notify(true)
        .send()
        .await
        .expect("update_client set");
    c.eq(
        "update_client setters",
        (updated["segment"].clone(), updated["notify"].clone()),
        (json!("vip"), json!(true)),
    );

    // Errors: the server's ValidationError, an unknown method, a wrong key.
    match client
        .call::<Value>(
            "orders",
            "set_order_status",
            json!({"order_id": "1", "status": "lost"}),
        )
        .await
    {
        Err(Error::Rpc(e)) => {
            c.eq("ValidationError code", e.code, -32000);
            c.eq("ValidationError kind", e.kind(), Some("ValidationError"));
            c.eq(
                "ValidationError detail",
                e.detail(),
                Some("Possible statuses: paid, submitted"),
            );
        }
        other => panic!("expected Error::Rpc, got {other:?}"),
    }
    match client
        .call::<Value>("orders", "no_such_method", json!({}))
        .await
    {
        Err(Error::Rpc(e)) => c.eq("unknown method code", e.code, -32601),
        other => panic!("expected Error::Rpc, got {other:?}"),
    }
    let wrong = Client::builder()
        .base_url(&base)
        .api_key("wrong-key")
        .build()
        .expect("client");
    match wrong
        .orders()
        .set_order_status("1", SetOrderStatusStatus::Submitted)
        .send()
        .await
    {
        Err(Error::Unauthorized) => c.0 += 1,
        other => panic!("expected Error::Unauthorized, got {other:?}"),
    }
    println!("E2E OK {} checks", c.0);
}
