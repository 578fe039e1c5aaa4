//! `cargo xtask bench fetch`: `cargo xtask fetch` of many nodes from a loopback server that
//! answers each map only after a delay, so the figure shows how well requests overlap.
//!
//! The server is in-process (std threads, one per connection, HTTP/1.1 with keep-alive) and
//! binds `127.0.0.1:0`; nothing leaves the machine. The fetch itself is this binary run as a
//! user runs it, with `XTASK_WORKSPACE` pointing at a scratch workspace.

use super::measure::{ms, run_child, Sample};
use super::synth;
use crate::paths;
use anyhow::{bail, Context};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Nodes to fetch.
    #[arg(long, default_value_t = 50)]
    nodes: usize,
    /// How long the server waits before answering each map, in milliseconds.
    #[arg(long, default_value_t = 200)]
    delay_ms: u64,
    /// Runs; the median is reported.
    #[arg(long, default_value_t = 5)]
    runs: usize,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let nodes = args.nodes.max(1);
    let root = super::scratch("fetch");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    let cache = root.join("maps-cache");
    std::fs::create_dir_all(&cache)?;
    let pages: Vec<(String, Vec<u8>)> = (0..nodes)
        .map(|n| (synth::node_name(n), synth::page(n, 20).into_bytes()))
        .collect();
    let requests = Arc::new(AtomicUsize::new(0));
    let port = serve(
        pages.clone(),
        Duration::from_millis(args.delay_ms),
        Arc::clone(&requests),
    )?;
    let exe = std::env::current_exe().context("finding the xtask binary")?;
    let mut times = Vec::new();
    for _ in 0..args.runs.max(1) {
        // An empty page per node: every run fetches all of them and writes them all.
        for (node, _) in &pages {
            std::fs::write(cache.join(format!("{node}.html")), "")?;
        }
        let mut command = Command::new(&exe);
        command
            .args(["fetch", "--base-url", &format!("http://127.0.0.1:{port}/")])
            .env(paths::WORKSPACE_ENV, &root)
            .env_remove("LEADHIT_API_KEY");
        let child = run_child(command, &root.join("time.out"))?;
        if !child.output.status.success() {
            bail!(
                "`xtask fetch` failed:\n{}",
                String::from_utf8_lossy(&child.output.stderr)
            );
        }
        for (node, bytes) in &pages {
            if std::fs::read(cache.join(format!("{node}.html")))? != *bytes {
                bail!("node {node} was not stored");
            }
        }
        times.push(child.wall);
    }
    let sample = Sample::of(times);
    println!(
        "fetch of {nodes} nodes, each answered after {} ms (loopback; the binary end to end, \
         process start included), median of {}: wall {} (min {}, max {}); {} requests served",
        args.delay_ms,
        args.runs,
        ms(sample.median),
        ms(sample.min),
        ms(sample.max),
        requests.load(Ordering::Relaxed)
    );
    Ok(ExitCode::SUCCESS)
}

/// Serves `/<node>/map` for every page, each after `delay`; anything else is a 404. Returns
/// the port. The threads end with the process.
fn serve(
    pages: Vec<(String, Vec<u8>)>,
    delay: Duration,
    requests: Arc<AtomicUsize>,
) -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let pages = Arc::new(pages);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let pages = Arc::clone(&pages);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                let _ = serve_connection(stream, &pages, delay, &requests);
            });
        }
    });
    Ok(port)
}

fn serve_connection(
    stream: TcpStream,
    pages: &[(String, Vec<u8>)],
    delay: Duration,
    requests: &AtomicUsize,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // GETs carry no body, so the head ends at the first empty line.
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
                break;
            }
        }
        requests.fetch_add(1, Ordering::Relaxed);
        let path = request_line.split_whitespace().nth(1).unwrap_or("");
        let page = pages
            .iter()
            .find(|(node, _)| path == format!("/{node}/map"))
            .map(|(_, bytes)| bytes.as_slice());
        std::thread::sleep(delay);
        let (status, body) = match page {
            Some(body) => ("200 OK", body),
            None => ("404 Not Found", &b"not found"[..]),
        };
        write!(
            writer,
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )?;
        writer.write_all(body)?;
        writer.flush()?;
    }
}
