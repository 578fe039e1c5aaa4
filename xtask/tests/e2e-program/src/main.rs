//! The end-to-end test's user program: built against the `leadhit` crate that `cargo xtask
//! codegen` generated from the test server's maps (and the test's `overrides.toml`), it calls
//! every method and checks each answer.
//!
//! It is compiled in a scratch workspace by `xtask/tests/workflow/e2e.rs`, never by this
//! workspace (`xtask/Cargo.toml` declares its one test target, with `autotests = false`).
//! `LEADHIT_BASE_URL` and `LEADHIT_API_KEY` say where the server is; it exits non-zero with the
//! first failed check.

use leadhit::orders::SetOrderStatusStatus;
use leadhit::reports::TypeOutput;
use leadhit::{Client, Error, Report, ReportFmt, Retry};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

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
    orders(&client, &mut c).await;
    reports(&client, &mut c).await;
    untyped_params(&client, &mut c).await;
    record(&client, &mut c).await;
    clients(&client, &mut c).await;
    errors(&client, &base, &mut c).await;
    batches(&client, &mut c).await;
    http_clients(&base, &key, &mut c).await;
    println!("E2E OK {} checks", c.0);
    print_spec();
}

/// `leadhit::spec`, one line per method after the verdict, for the test to compare with the
/// model it generated the client from: `SPEC <node> <method> <params>`, the params `-` when
/// undocumented, else `name:required|optional:type` joined by spaces.
fn print_spec() {
    for node in leadhit::spec::NODES {
        for method in node.methods {
            let params = match method.params {
                None => "-".to_owned(),
                Some(params) => params
                    .iter()
                    .map(|p| {
                        let required = if p.required { "required" } else { "optional" };
                        format!("{}:{required}:{}", p.name, spec_type(&p.ty))
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            println!("SPEC {} {} {params}", node.name, method.name);
        }
    }
}

/// A `TypeSpec` in a compact form the test writes the model's types in too.
fn spec_type(ty: &leadhit::spec::TypeSpec) -> String {
    use leadhit::spec::TypeSpec;
    let all = |types: &[TypeSpec]| types.iter().map(spec_type).collect::<Vec<_>>().join(",");
    match ty {
        TypeSpec::String => "string".to_owned(),
        TypeSpec::Integer => "integer".to_owned(),
        TypeSpec::Number => "number".to_owned(),
        TypeSpec::Boolean => "boolean".to_owned(),
        TypeSpec::Null => "null".to_owned(),
        TypeSpec::List(item) => format!("list<{}>", spec_type(item)),
        TypeSpec::Map(value) => format!("map<{}>", spec_type(value)),
        TypeSpec::Enum(values) => format!("enum<{}>", values.join(",")),
        TypeSpec::Union(types) => format!("union<{}>", all(types)),
        TypeSpec::Record(record) => format!("record<{}>", record.name),
        TypeSpec::Any => "any".to_owned(),
        other => panic!("a TypeSpec this program does not know: {other:?}"),
    }
}

/// orders: reST with a Literal enum, Google with optional params, no docstring.
async fn orders(client: &Client, c: &mut Checks) {
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
}

/// reports: NumPy (two names on one line), a keyword name whose result the overrides made an
/// open enum, *args/**kwargs.
async fn reports(client: &Client, c: &mut Checks) {
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
    // The overrides list only "daily": "weekly" is a value the maps did not list.
    let kind: TypeOutput = reports.r#type(2).send().await.expect("type");
    c.eq("type(2), a listed value", kind, TypeOutput::Daily);
    c.eq(
        "type(3), an unlisted value lands in Other",
        reports.r#type(3).await.expect("type"),
        TypeOutput::Other("weekly".to_owned()),
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
}

/// A struct of the user's, sent as an untyped param with the user's own serde attributes.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Coupon {
    code: String,
    percent_off: u8,
    expires: Option<String>,
}

/// `reports.echo(value, tag=None)` documents both params without a type: each takes anything
/// serialisable, and the server answers `{"value": value, "tag": tag}` as it decoded them.
async fn untyped_params(client: &Client, c: &mut Checks) {
    let reports = client.reports();
    let got = reports.echo("o9").await.expect("echo &str");
    c.eq(
        "a &str reaches the server as a string",
        got,
        json!({"value": "o9", "tag": null}),
    );
    let got = reports.echo(42).await.expect("echo number");
    c.eq("a number", got, json!({"value": 42, "tag": null}));
    let got = reports.echo(vec![1.5, -2.0]).await.expect("echo Vec");
    c.eq("a Vec", got, json!({"value": [1.5, -2.0], "tag": null}));
    let coupon = Coupon {
        code: "SPRING".to_owned(),
        percent_off: 15,
        expires: None,
    };
    let got = reports.echo(&coupon).await.expect("echo struct");
    c.eq(
        "a user struct deriving Serialize",
        got,
        json!({"value": {"code": "SPRING", "percentOff": 15, "expires": null}, "tag": null}),
    );
    let value = json!({"nested": [1, "two", null, true], "empty": {}});
    let got = reports.echo(value.clone()).await.expect("echo Value");
    c.eq(
        "a serde_json::Value",
        got,
        json!({"value": value, "tag": null}),
    );
    let got = reports
        .echo("o9")
        .tag(("batch", 3))
        .await
        .expect("echo tag");
    c.eq(
        "an untyped optional param's setter takes anything too",
        got,
        json!({"value": "o9", "tag": ["batch", 3]}),
    );
}

/// `getReport` returns the `Report` record the test's `overrides.toml` declares: `report_id`,
/// `fmt` (an open enum listing only "json") and an optional `title` the server never sends; the
/// server's `ready` key is not declared.
async fn record(client: &Client, c: &mut Checks) {
    let sent: Value = client
        .call(
            "reports",
            "getReport",
            json!({"report_id": 7, "fmt": "csv"}),
        )
        .await
        .expect("getReport by name");
    c.eq(
        "getReport's answer",
        sent.clone(),
        json!({"report_id": 7, "fmt": "csv", "ready": true}),
    );
    let report: Report = client
        .reports()
        .get_report(7)
        .fmt("csv")
        .send()
        .await
        .expect("getReport");
    c.eq("a declared field", report.report_id, 7);
    c.eq(
        "an unlisted value of a record's enum",
        report.fmt.clone(),
        ReportFmt::Other("csv".to_owned()),
    );
    c.eq("an absent optional field", report.title.clone(), None);
    c.eq(
        "the undeclared key is kept",
        Value::Object(report.extra.clone()),
        json!({"ready": true}),
    );
    c.eq(
        "the record serialises back to what the server sent",
        serde_json::to_value(&report).expect("serialise the record"),
        sent.clone(),
    );
    c.eq(
        "and deserialises from it the same",
        serde_json::from_value::<Report>(sent).expect("deserialise the answer"),
        report,
    );
    let default = client
        .reports()
        .get_report(8)
        .await
        .expect("getReport json");
    c.eq(
        "a listed value of a record's enum",
        default.fmt,
        ReportFmt::Json,
    );
}

/// clients: Russian docstrings, server-side defaults.
async fn clients(client: &Client, c: &mut Checks) {
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
}

/// Errors: the server's ValidationError, an unknown method, a wrong key.
async fn errors(client: &Client, base: &str, c: &mut Checks) {
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
        .base_url(base)
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
}

/// Batches against the real server: a success and a ValidationError side by side (the server
/// runs each entry on its own), calls to two nodes, `Vec`s of one type.
async fn batches(client: &Client, c: &mut Checks) {
    let (paid, rejected, kind) = client
        .batch((
            client
                .orders()
                .set_order_status("f168148717", SetOrderStatusStatus::Paid),
            // A status the typed API cannot send; `request` is the untyped way in.
            client.request::<Value>(
                "orders",
                "set_order_status",
                json!({"order_id": "f168148718", "status": "lost"}),
            ),
            client.reports().r#type(2),
        ))
        .await
        .expect("a batch");
    c.eq(
        "batch: the success",
        paid.expect("set_order_status in a batch").get("status"),
        Some(&json!("ok")),
    );
    match rejected {
        Err(Error::Rpc(e)) => c.eq(
            "batch: the ValidationError is that entry's own",
            (e.kind(), e.detail()),
            (
                Some("ValidationError"),
                Some("Possible statuses: paid, submitted"),
            ),
        ),
        other => panic!("expected Error::Rpc, got {other:?}"),
    }
    c.eq(
        "batch: a call to another node",
        kind.expect("type in a batch"),
        TypeOutput::Daily,
    );
    let unknown = client
        .batch(vec![
            client.request::<Value>("orders", "ping", ()),
            client.request::<Value>("orders", "ping", json!({"unexpected": 1})),
        ])
        .await
        .expect("a Vec batch");
    c.eq(
        "batch: a Vec, the second entry's params refused",
        unknown
            .iter()
            .map(|r| r.as_ref().map_err(|e| matches!(e, Error::Rpc(rpc) if rpc.code == -32602)))
            .collect::<Vec<_>>(),
        vec![Ok(&json!("pong")), Err(true)],
    );
    let statuses = client
        .batch(vec![
            client.orders().set_order_status("o1", SetOrderStatusStatus::Paid),
            client
                .orders()
                .set_order_status("o2", SetOrderStatusStatus::Submitted),
        ])
        .await
        .expect("a Vec batch");
    c.eq("batch: a Vec", statuses.len(), 2);
    let validation = client
        .batch((
            client.reports().report_daily("2024-01-01", "2024-01-31"),
            client.reports().export().params(json!({"shop": "s1"})),
        ))
        .await
        .expect("a batch");
    c.eq(
        "batch: report.daily",
        validation.0.expect("report.daily")["currency"].clone(),
        json!("RUB"),
    );
    c.eq(
        "batch: export",
        validation.1.expect("export")["kwargs"].clone(),
        json!({"shop": "s1"}),
    );
}

/// Counts the requests a middleware stack sends.
struct Count(Arc<AtomicUsize>);

impl reqwest_middleware::RequestInitialiser for Count {
    fn init(&self, request: reqwest_middleware::RequestBuilder) -> reqwest_middleware::RequestBuilder {
        self.0.fetch_add(1, Ordering::SeqCst);
        request
    }
}

/// Calls through a `reqwest::Client` of the program's own and through a middleware stack.
async fn http_clients(base: &str, key: &str, c: &mut Checks) {
    let http = reqwest::Client::builder()
        .user_agent("e2e-program/1.0")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client");
    let injected = Client::builder()
        .base_url(base)
        .api_key(key)
        .http_client(http.clone())
        .build()
        .expect("client");
    let pong: Value = injected.orders().ping().await.expect("ping, injected");
    c.eq("through an injected client", pong, json!("pong"));
    let seen = Arc::new(AtomicUsize::new(0));
    let stack = reqwest_middleware::ClientBuilder::new(http)
        .with_init(Count(seen.clone()))
        .build();
    let through = Client::builder()
        .base_url(base)
        .api_key(key)
        .middleware_client(stack)
        .retry(Retry::never())
        .build()
        .expect("client");
    let pong: Value = through.orders().ping().await.expect("ping, middleware");
    c.eq("through a middleware client", pong, json!("pong"));
    let (a, b) = through
        .batch((through.orders().ping(), through.orders().ping()))
        .await
        .expect("a batch through middleware");
    c.eq(
        "a batch through a middleware client",
        (a.expect("ping"), b.expect("ping")),
        (json!("pong"), json!("pong")),
    );
    c.eq("the middleware saw each request", seen.load(Ordering::SeqCst), 2);
}
