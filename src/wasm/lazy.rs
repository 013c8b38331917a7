//! Hosted mode's lazy index at the boundary (feature `lazy`; docs/HOSTED.md): open it from
//! its root, hand over the files the engine names, one round at a time. Which files a call
//! needs is decided in Rust (`crate::lazy`); `www/runtime/lazy.js` only fetches and caches.

use super::options::{self, JsOptions};
use super::{Engine, JsExplorer};
use crate::lazy::{LazyExplorer, LazyExplorerError};
use wasm_bindgen::prelude::*;

/// A lazy index's error as a JS `Error` starting with `index file: ` (explorer.js reads it
/// as code `"index"`); the message names the file. The engine's own errors as always.
pub(super) fn to_js_error(e: LazyExplorerError) -> JsError {
    match e {
        LazyExplorerError::Lazy(e) => JsError::new(&format!("index file: {e}")),
        LazyExplorerError::Index(e) => super::to_js_error(e),
    }
}

#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Opens the lazy index whose root file is `name` (its bytes `root`: checked against the
    /// name's hash, magic, version, checksum). Nothing answers until the files of
    /// `missingToOpen()` are handed over.
    #[wasm_bindgen(js_name = openLazy)]
    pub fn open_lazy(name: &str, root: &[u8]) -> Result<JsExplorer, JsError> {
        let lazy =
            LazyExplorer::open(name, root).map_err(|e| to_js_error(LazyExplorerError::Lazy(e)))?;
        Ok(JsExplorer {
            inner: Engine::Lazy(Box::new(lazy)),
        })
    }

    /// Whether the index is lazy (its dictionary in files loaded per query).
    #[wasm_bindgen(js_name = isLazy)]
    pub fn is_lazy(&self) -> bool {
        matches!(self.inner, Engine::Lazy(_))
    }

    /// The files to hand over before the page answers, those not yet: the sections, and
    /// the per-article tables (HEAD, MENT) whole, since the page lists every article when
    /// it opens and calls `article()`/`entity()` without rounds (docs/HOSTED.md).
    #[wasm_bindgen(js_name = missingToOpen)]
    pub fn missing_to_open(&self) -> Vec<String> {
        match &self.inner {
            Engine::Lazy(lazy) => lazy.missing_to_open_whole(),
            Engine::Embedded(_) => Vec::new(),
        }
    }

    /// One round of the files `search(query, options)` needs that are not loaded (the
    /// names of the lazy index's files, to fetch next to its root). Empty: `search` and the
    /// other calls with this query answer from what is loaded.
    #[wasm_bindgen(js_name = missingFor)]
    pub fn missing_for(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let query = options::string("fetchFor()", "query", &query)?;
        let options = JsOptions::new("fetchFor()", options)?.search()?;
        match &mut self.inner {
            Engine::Lazy(lazy) => lazy
                .missing_for_search(&query, &options)
                .map_err(to_js_error),
            Engine::Embedded(_) => Ok(Vec::new()),
        }
    }

    /// Hands over the lazy index file `name`; throws, naming it, when the bytes are not
    /// that file of this index (damaged, of another build, not asked for).
    #[wasm_bindgen(js_name = addIndexFile)]
    pub fn add_index_file(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), JsError> {
        match &mut self.inner {
            Engine::Lazy(lazy) => lazy
                .supply(name, bytes)
                .map_err(|e| to_js_error(LazyExplorerError::Lazy(e))),
            Engine::Embedded(_) => Err(JsError::new(&format!(
                "index file: {name}: this explorer's index is embedded, not lazy"
            ))),
        }
    }
}
