//! The workflow tests of `xtask`, in one test binary: each module runs the real `xtask` binary
//! (or, for `compile_fixtures`, the generator and cargo) through one command or story, and
//! `support` holds what they share. The tests run on parallel threads of one process, so none
//! changes the process's environment or working directory: each sets those of the commands it
//! runs.

mod bump;
mod check;
mod cli;
mod compile_fixtures;
mod diff;
mod e2e;
mod fetch;
mod fixtures_fresh;
mod generated_fresh;
mod incremental;
mod maps_workflow;
mod mock;
mod openrpc;
mod package;
mod parse;
mod support;
