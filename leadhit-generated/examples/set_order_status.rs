//! Marks order `f168148717` as paid, the one call the LeadHit documentation shows.
//!
//! ```text
//! LEADHIT_API_KEY=... cargo run -p leadhit --example set_order_status
//! LEADHIT_API_KEY=... LEADHIT_BASE_URL=http://127.0.0.1:8000/api/v1/ cargo run -p leadhit --example set_order_status
//! ```

use std::process::ExitCode;

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

    match client
        .orders()
        .set_order_status("f168148717", "paid")
        .send()
        .await
    {
        Ok(answer) => println!("{answer:?}"),
        // The server's validation failure, e.g. a status other than `paid` or `submitted`.
        Err(leadhit::Error::Rpc(rpc)) if rpc.kind() == Some("ValidationError") => {
            return Err(format!("rejected: {}", rpc.detail().unwrap_or(&rpc.message)).into())
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
