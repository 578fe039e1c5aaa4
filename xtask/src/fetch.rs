//! `cargo xtask fetch`: download `<base>/<node>/map` pages into `maps-cache/`, keeping only
//! pages that are real maps.
//!
//! The network is untrusted, so a node's cached page is replaced only by a page that scrapes
//! and lowers without errors, only when its bytes changed, and only atomically: whatever goes
//! wrong, a failing node keeps its old file byte for byte and the other nodes carry on. The
//! request side (timeouts, retries, redirects, size cap, API key) lives in [`http`]; what the
//! user sees lives in [`report`].
//!
//! Settings beyond the command line, all read from the environment:
//! - `LEADHIT_API_KEY`: sent as the `API-KEY` header; never printed.
//! - `LEADHIT_FETCH_TIMEOUT_SECS` (default 30): the whole of one attempt, body included.
//! - `LEADHIT_FETCH_RETRIES` (default 2): further attempts after a transient failure.
//! - `LEADHIT_FETCH_BACKOFF_MS` (default 200): the first retry's delay, doubled each time.
//! - `LEADHIT_FETCH_MAX_BYTES` (default 8 MiB): the largest page accepted.

mod http;
mod report;

use crate::paths;
use anyhow::{bail, Context};
use leadhit_codegen::{build_api, map_path, read_pages, scrape, write_atomic};
use leadhit_codegen::{Diagnostic, Overrides};
use reqwest::Url;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How many pages are in flight at once. High enough that a few dozen nodes take a couple of
/// round trips, low enough not to look like a flood to the server.
const CONCURRENCY: usize = 32;

/// One node: its name, its URL, and the bytes cached for it today (`None` for a new node).
struct Target {
    node: String,
    url: Url,
    cached: Option<Vec<u8>>,
}

/// What happened to one node.
pub struct Outcome {
    pub node: String,
    pub url: Url,
    pub result: Result<Stored, String>,
    /// Warnings about the fetched page; printed, but they do not stop it being stored.
    pub warnings: Vec<Diagnostic>,
}

/// A page that was accepted.
pub struct Stored {
    /// The entries the map lists.
    pub methods: usize,
    pub change: Change,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Unchanged,
}

impl Change {
    pub fn word(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Changed => "changed",
            Change::Unchanged => "unchanged",
        }
    }
}

pub fn run(args: &crate::FetchArgs) -> anyhow::Result<ExitCode> {
    let base = base_url(&args.base_url)?;
    let cache = paths::maps_cache();
    let targets = targets(&cache, &base, &args.nodes)?;
    let fetcher = http::Fetcher::new(&base, http::Settings::from_env()?)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let outcomes = runtime.block_on(fetch_all(fetcher, targets, &cache))?;
    Ok(if report::print(&outcomes) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Parses the API root and makes it end with `/`, so joining `orders/map` appends rather than
/// replacing the last segment.
fn base_url(raw: &str) -> anyhow::Result<Url> {
    let mut text = raw.trim().to_owned();
    if !text.ends_with('/') {
        text.push('/');
    }
    let url = Url::parse(&text).with_context(|| format!("--base-url {raw:?} is not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("--base-url {raw:?} must be an http or https URL");
    }
    // The URL is printed with every failure, so it must not hold a secret (and not quote it).
    if !url.username().is_empty() || url.password().is_some() {
        bail!("--base-url must not hold credentials; the API key goes in LEADHIT_API_KEY");
    }
    Ok(url)
}

/// The nodes to fetch, sorted by name: the ones named with `--node`, else every cached one.
/// Every name is checked before any request is made.
fn targets(cache: &Path, base: &Url, named: &[String]) -> anyhow::Result<Vec<Target>> {
    let pages: Vec<(String, Option<Vec<u8>>)> = if named.is_empty() {
        let pages = match read_pages(cache) {
            Ok(pages) => pages,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e).with_context(|| format!("reading {}", cache.display())),
        };
        if pages.is_empty() {
            bail!(
                "no nodes to fetch: {} holds no <node>.html pages; name the nodes with `--node NAME` (repeatable)",
                cache.display()
            );
        }
        // Cached names come from file names, which anyone can create: they are checked too.
        for (node, _) in &pages {
            check_node_name(node)
                .with_context(|| format!("in {}", map_path(cache, node).display()))?;
        }
        pages
            .into_iter()
            .map(|(node, bytes)| (node, Some(bytes)))
            .collect()
    } else {
        for node in named {
            check_node_name(node)?;
        }
        let unique: BTreeSet<&String> = named.iter().collect();
        let mut pages = Vec::new();
        for node in unique {
            let path = map_path(cache, node);
            let cached = match std::fs::read(&path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
            };
            pages.push((node.clone(), cached));
        }
        pages
    };
    pages
        .into_iter()
        .map(|(node, cached)| {
            let url = base
                .join(&format!("{node}/map"))
                .with_context(|| format!("building the URL of node `{node}`"))?;
            Ok(Target { node, url, cached })
        })
        .collect()
}

/// A node name becomes both a URL path segment and a file name, so it must not be able to
/// climb out of either; the rule is `leadhit_codegen::check_node_name`, the one
/// `codegen` applies to cached file names, so fetch never stores a page codegen refuses.
fn check_node_name(node: &str) -> anyhow::Result<()> {
    Ok(leadhit_codegen::check_node_name(node)?)
}

/// Fetches every target with bounded concurrency and stores each page as it arrives, so one
/// node's failure cannot hold up or undo another's. Outcomes come back sorted by node name.
async fn fetch_all(
    fetcher: http::Fetcher,
    targets: Vec<Target>,
    cache: &Path,
) -> anyhow::Result<Vec<Outcome>> {
    let progress = report::Progress::new(targets.len());
    let fetcher = Arc::new(fetcher);
    let permits = Arc::new(Semaphore::new(CONCURRENCY));
    let mut tasks = JoinSet::new();
    for target in targets {
        let fetcher = Arc::clone(&fetcher);
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            // The semaphore is never closed, so acquiring cannot fail.
            let _permit = permits
                .acquire_owned()
                .await
                .expect("semaphore is never closed");
            let page = fetcher.get(&target.url).await;
            (target, page)
        });
    }
    let mut outcomes = BTreeMap::new();
    while let Some(joined) = tasks.join_next().await {
        let (target, page) = joined.context("a fetch task panicked")?;
        progress.finished(&target.node);
        let outcome = store(&target, page.map_err(|e| e.to_string()), cache);
        outcomes.insert(target.node.clone(), outcome);
    }
    progress.done();
    Ok(outcomes.into_values().collect())
}

/// Validates a fetched page and writes it when it differs from the cached one.
fn store(target: &Target, page: Result<Vec<u8>, String>, cache: &Path) -> Outcome {
    let mut warnings = Vec::new();
    let result = page.and_then(|page| {
        let methods = validate(&target.node, &page, &mut warnings)?;
        let change = match &target.cached {
            None => Change::New,
            Some(old) if *old == page => {
                return Ok(Stored {
                    methods,
                    change: Change::Unchanged,
                })
            }
            Some(_) => Change::Changed,
        };
        let path = map_path(cache, &target.node);
        std::fs::create_dir_all(cache)
            .and_then(|()| write_atomic(&path, &page))
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        Ok(Stored { methods, change })
    });
    Outcome {
        node: target.node.clone(),
        url: target.url.clone(),
        result,
        warnings,
    }
}

/// Accepts a page only if it is a method map: a login or error page served with 200 is a
/// failure, never an empty node. Problems in the map itself (say, two methods whose Rust names
/// clash) do not stop it being stored: the cache records what the API says, `codegen` reports
/// those problems, and `overrides.toml` is how they are fixed. They are printed as warnings here.
/// Returns how many methods the map lists.
fn validate(node: &str, page: &[u8], warnings: &mut Vec<Diagnostic>) -> Result<usize, String> {
    let scraped = scrape(page).map_err(|e| format!("not a JSON-RPC map: {e}"))?;
    let built = build_api(&[(node.to_owned(), page.to_vec())], &Overrides::default());
    warnings.extend(built.diagnostics.into_iter().map(|d| Diagnostic {
        severity: leadhit_codegen::Severity::Warning,
        ..d
    }));
    Ok(scraped.entries.len())
}
