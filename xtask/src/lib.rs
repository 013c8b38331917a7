//! The tasks of `cargo xtask`, as a library: `main.rs` dispatches the command line to them,
//! and `tools/bench` reuses them (the dist pipeline, the static server, the set-up checks).
//!
//! The plumbing they share is `tools/devkit`, re-exported here as `util`, `sizes` and
//! `wasm_features` so that a task reads `crate::util::...` wherever its helpers live.

pub mod dist;
pub mod serve;
pub mod setup;
pub mod test;

pub use devkit::{sizes, util, wasm_features};
