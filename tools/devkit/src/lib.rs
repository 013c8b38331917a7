//! Building blocks of `cargo xtask` (the task runner) and `tools/bench` (corpora, benchmark).
//!
//! Nothing here decides *when* something runs; the tasks do. What is here:
//!
//! - [`util`]: the error type, the repository context, timed steps, running commands;
//! - [`html`]: the one HTML scanner (start and end tags, attributes, text, raw-text elements),
//!   used to rewrite our own pages and to read text out of documentation pages;
//! - [`bundle`], [`single_file`], [`service_worker`]: what `cargo xtask dist` makes out of the
//!   built files (the element's bundle, `explorer.html`, `sw.js`);
//! - [`sizes`]: size tables (raw, gzip; brotli where asked for), [`gzip`]: gzip of large files
//!   on every core, and [`wasm_features`]: the
//!   target features a module declares, for wasm-opt; [`wasm_data`]: where the embedded index
//!   sits in a module (wasm-opt works on the module without it).

pub mod bundle;
pub mod cli;
pub mod gzip;
pub mod html;
pub mod service_worker;
pub mod single_file;
pub mod sizes;
pub mod util;
pub mod wasm_data;
pub mod wasm_features;

/// wasm-bindgen's `--out-name`: dist/pkg/article_explorer.js and article_explorer_bg.wasm.
pub const OUT_NAME: &str = "article_explorer";
/// esbuild as npm installs it (package.json pins it).
pub const ESBUILD: &str = "node_modules/.bin/esbuild";
