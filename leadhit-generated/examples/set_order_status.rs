//! Marks order `f168148717` as paid, the one call the LeadHit documentation shows.
//!
//! ```text
//! LEADHIT_API_KEY=... cargo run -p leadhit --example set_order_status
//! LEADHIT_API_KEY=... LEADHIT_BASE_URL=http://127.0.0.1:8000/api/v1/ cargo run -p leadhit --example set_order_status
//! ```

use std::process::ExitCode;

use serde_json::json;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Display, then the chain of causes: what a person needs to fix the problem.
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&*error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("LEADHIT_API_KEY")
        .map_err(|_| "set LEADHIT_API_KEY to the API key a LeadHit manager issued")?;
    let mut builder = leadhit::Client::builder().api_key(api_key);
    if let Ok(base_url) = std::env::var("LEADHIT_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = builder.build()?;

    // The generated `client.orders().set_order_status("f168148717", "paid").send().await` does
    // the same; `call` reaches the method by name until the generated API covers it.
    let answer: serde_json::Value = client
        .call(
            "orders",
            "set_order_status",
            json!({"order_id": "f168148717", "status": "paid"}),
        )
        .await?;
    println!("{answer}");
    Ok(())
}
