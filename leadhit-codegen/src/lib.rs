//! Turns LeadHit's JSON-RPC `/map` pages into a typed model and emits a Rust client from it.
//!
//! The pipeline: [`scrape`] a page into entries, parse each [`docstring`] (with [`types`]),
//! [`lower`] everything into the [`model`], then [`emit`] Rust. Problems are collected as
//! [`diagnostics`] rather than raised one at a time, and nothing here panics on input.

pub mod cache;
pub mod diagnostics;
pub mod diff;
pub mod docstring;
pub mod emit;
pub mod generate;
pub mod lower;
pub mod model;
pub mod names;
pub mod overrides;
mod parallel;
pub mod pipeline;
pub mod scrape;
pub mod types;
