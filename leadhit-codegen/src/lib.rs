//! Turns LeadHit's JSON-RPC `/map` pages into a typed model and emits a Rust client from it.
//!
//! The pipeline, each stage in its own private module: [`scrape`] a page into entries, parse
//! each docstring ([`parse_docstring`], types with [`parse_type`]), lower everything into the
//! model ([`Api`]), apply the [`Overrides`], [`resolve`] every Rust name (and check them all),
//! then [`generate`] the files and [`sync_files`] them to disk. [`build_api`] runs the stages up
//! to `resolve` for every command; [`build_nodes`] and [`assemble`] do the same one node at a time,
//! so a run can build again only what changed; [`diff`] compares two resolved APIs. Problems are collected
//! as [`Diagnostic`]s rather than raised one at a time, and nothing here panics on input.
//! `ARCHITECTURE.md` says what each stage guarantees.

mod atomic;
mod by_node;
mod cache;
mod diagnostics;
mod diff;
mod docstring;
mod emit;
mod generate;
mod lower;
mod model;
mod names;
mod overrides;
mod parallel;
mod pipeline;
mod resolve;
mod scrape;
mod type_text;

pub use atomic::write_atomic;
pub use by_node::{assemble, build_nodes, prepare, Assembled, NodeBuild, NodeSummary, Prepared};
pub use cache::{check_node_name, map_path, read_pages, NodeNameError, MAP_EXTENSION};
pub use diagnostics::{has_errors, report, Diagnosed, Diagnostic, Severity};
pub use diff::{changelog, diff, render, ApiDiff, Change, Class, Kind, Summary};
pub use docstring::{parse_docstring, DocParam, DocProblem, ParsedDoc};
pub use emit::{GeneratedFile, NodeOutline, DEFAULT_BASE_URL, GENERATED_DIR};
pub use emit::{OPENRPC_DIR, OPENRPC_VERSION};
pub use generate::{generate, generate_nodes, generate_shared, generated_on_disk, sync_files};
pub use generate::{generate_synced, remove_stale, sync_file, sync_nodes, Synced};
pub use generate::{FileChange, GENERATED_DIRS};
pub use model::{
    Api, DocStyle, Field, Method, Node, Optionality, Param, Raise, Record, Returns, Type,
};
pub use overrides::{FieldOverride, Overrides, OverridesError, OVERRIDES_FILE};
pub use pipeline::{
    build_api, build_model, build_node, load_cache, load_overrides, parse_overrides, LoadError,
};
pub use resolve::{
    resolve, EnumOf, LiteralEnum, Marker, Name, ResolvedApi, ResolvedField, ResolvedMethod,
    ResolvedNode, ResolvedParam, ResolvedRecord, RustType, RUNTIME_MODULES, RUNTIME_TYPES,
};
pub use scrape::{scrape, Entry, ScrapeError, Scraped};
pub use type_text::parse_type;
