//! Hosted mode's lazy index at the boundary (feature `lazy`; docs/HOSTED.md): open it from
//! its root, hand over the files the engine names, one round at a time. Which files a call
//! needs is decided in Rust (`crate::lazy`); `www/runtime/lazy.js` only fetches and caches.

use super::dto::MissingChunkDto;
use super::options::{self, JsOptions};
use super::{Engine, JsExplorer};
use crate::lazy::{LazyExplorer, LazyExplorerError};
use crate::{ArticleId, EntityId, Explorer, IndexError, SearchOptions};
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
            answer: Default::default(),
        })
    }

    /// Whether the index is lazy (its dictionary in files loaded per query).
    #[wasm_bindgen(js_name = isLazy)]
    pub fn is_lazy(&self) -> bool {
        matches!(self.inner, Engine::Lazy(_))
    }

    /// The files to hand over before the page answers, those not yet: the sections every
    /// answer needs. The rows of the per-article tables (HEAD, MENT) come in the rounds of
    /// the calls that read them (`missingFor`, `missingForArticle`, `missingForEntity`,
    /// `missingForOverview`; docs/HOSTED.md).
    #[wasm_bindgen(js_name = missingToOpen)]
    pub fn missing_to_open(&self) -> Vec<String> {
        match &self.inner {
            Engine::Lazy(lazy) => lazy.missing_to_open(),
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
        // The module names the facets (`facets`, from the rows of names the search reads):
        // no entity table is fetched for them.
        self.rounds(|ex| ex.search(&query, &options).map(drop))
    }

    /// [`missingFor`](JsExplorer::missing_for) with the text chunks of the page's hits, named
    /// as soon as only the page's heads and names are still to come (lazy format 9): the
    /// page fetches them in the same round, and hands the texts over after the index files.
    /// Empty both: `search` gives the page with its snippets.
    #[wasm_bindgen(js_name = missingForPage, unchecked_return_type = "PageRound")]
    pub fn missing_for_page(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let query = options::string("fetchFor()", "query", &query)?;
        let options = JsOptions::new("fetchFor()", options)?.search()?;
        let Engine::Lazy(lazy) = &mut self.inner else {
            return super::to_js(&PageRound::default());
        };
        // The answer of a round whose page has its snippets (the others are not the last:
        // they name texts), kept from the last round for the `search` that follows: the
        // page is not searched twice.
        let (files, texts, answer) = lazy
            .missing_for_page(|ex| {
                let found = ex.search(&query, &options)?;
                let complete = found.hits.iter().all(|h| h.snippet.is_some());
                Ok(complete.then(|| super::search_js(&found)))
            })
            .map_err(to_js_error)?;
        *self.answer.borrow_mut() = match answer {
            Some(Some(Ok(value))) => Some(Answer {
                query,
                options,
                generation: lazy.generation(),
                value,
            }),
            _ => None,
        };
        super::to_js(&PageRound {
            texts: texts.iter().map(MissingChunkDto::from).collect(),
            files,
        })
    }

    /// One round of the files `article(id, options)` needs that are not loaded (the head
    /// and mentions of its row chunks; its text is `loadText`'s). Empty: `article` answers.
    #[wasm_bindgen(js_name = missingForArticle)]
    pub fn missing_for_article(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArticleOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let id = ArticleId(options::id("fetchForArticle()", &id)?);
        let query = JsOptions::new("fetchForArticle()", options)?.string("query")?;
        let query = query.filter(|q| !q.trim().is_empty());
        self.rounds(|ex| match ex.article(id, query.as_deref()) {
            // The text comes with `loadText`; what the rounds fetch is the rest it reads.
            Err(IndexError::TextNotLoaded { .. }) => Ok(()),
            answer => answer.map(drop),
        })
    }

    /// One round of the files `entity(id, options)` needs that are not loaded (the rows of
    /// the articles it (its page of them, with `{ limit, offset }`) and its timeline read, and what its query reads of the dictionary).
    #[wasm_bindgen(js_name = missingForEntity)]
    pub fn missing_for_entity(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EntityOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let id = EntityId(options::id("fetchForEntity()", &id)?);
        let options = JsOptions::new("fetchForEntity()", options)?;
        let query = options.string("query")?.unwrap_or_default();
        let page = options.article_page()?;
        let options = options.search()?;
        // explorer.js's `entity()` adds the entity's `timeline()` (www/collection.js).
        self.rounds(|ex| {
            ex.entity_page(id, &query, &options, page)?;
            ex.timeline(id, &query, &options)?;
            ex.entity_ref(id).map(drop)
        })
    }

    /// One round of the files `overview(options)` needs that are not loaded (the heads of
    /// its page of articles).
    #[wasm_bindgen(js_name = missingForOverview)]
    pub fn missing_for_overview(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "OverviewOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let options = JsOptions::new("fetchForOverview()", options)?.overview()?;
        self.rounds(|ex| ex.overview(&options).map(drop))
    }

    /// One round of the files `entities()` needs that are not loaded (every entity's record
    /// and what its reference reads).
    #[wasm_bindgen(js_name = missingForEntities)]
    pub fn missing_for_entities(&mut self) -> Result<Vec<String>, JsError> {
        self.rounds(|ex| {
            for e in ex.entities()? {
                ex.entity_ref(e.id)?;
            }
            Ok(())
        })
    }

    /// One round of the files `entitiesNamed(text)` needs that are not loaded (the names and
    /// aliases it folds).
    #[wasm_bindgen(js_name = missingForEntitiesNamed)]
    pub fn missing_for_entities_named(&mut self, text: &str) -> Result<Vec<String>, JsError> {
        self.rounds(|ex| ex.entities_named(text).map(drop))
    }

    /// One round of the files `resolveEntity(reference)` needs, for each of `references`.
    #[wasm_bindgen(js_name = missingForResolve)]
    pub fn missing_for_resolve(&mut self, references: Vec<String>) -> Result<Vec<String>, JsError> {
        self.rounds(|ex| {
            for reference in &references {
                ex.resolve_entity(reference)?;
            }
            Ok(())
        })
    }

    /// One round of the files `entityRef(id)` needs for each of `ids` (the names' rows of
    /// those entities and the alias map): the page asks an entity's reference when it needs
    /// one (a selected or opened entity going into the URL), not every entity's at start.
    #[wasm_bindgen(js_name = missingForEntityRefs)]
    pub fn missing_for_entity_refs(&mut self, ids: Vec<u32>) -> Result<Vec<String>, JsError> {
        let ids: Vec<EntityId> = ids.into_iter().map(EntityId).collect();
        match &mut self.inner {
            Engine::Lazy(lazy) => lazy.missing_for_entity_refs(&ids).map_err(to_js_error),
            Engine::Embedded(_) => Ok(Vec::new()),
        }
    }

    /// One round of the index files `missingTexts(ids)` reads (the table of text chunks), so
    /// that `loadText` can name the chunks.
    #[wasm_bindgen(js_name = missingForTexts)]
    pub fn missing_for_texts(&mut self, ids: Vec<u32>) -> Result<Vec<String>, JsError> {
        self.rounds(|ex| {
            ex.missing_texts(ids.iter().copied().map(ArticleId))
                .map(drop)
        })
    }

    /// The engine over every index file handed over so far (`LazyExplorer::assemble`), for a
    /// call that named a file another call's rounds had already brought.
    pub fn assemble(&mut self) -> Result<(), JsError> {
        match &mut self.inner {
            Engine::Lazy(lazy) => lazy.assemble().map_err(to_js_error),
            Engine::Embedded(_) => Ok(()),
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

/// `PageRound`: one round of `missingForPage`.
#[derive(serde::Serialize, Default)]
struct PageRound<'a> {
    files: Vec<String>,
    texts: Vec<MissingChunkDto<'a>>,
}

/// `search(query, options)`'s answer, made by the last round of `missingForPage` at
/// `generation` (`LazyExplorer::generation`).
pub(super) struct Answer {
    query: String,
    options: SearchOptions,
    generation: u64,
    value: JsValue,
}

impl JsExplorer {
    /// The answer kept for `search(query, options)`, once: the last round of
    /// `missingForPage` made it with these arguments, and nothing changed since (no file
    /// handed over, no engine, no text chunk). Any other search drops it.
    pub(super) fn answered(&self, query: &str, options: &SearchOptions) -> Option<JsValue> {
        let answer = self.answer.borrow_mut().take()?;
        let Engine::Lazy(lazy) = &self.inner else {
            return None;
        };
        let same = answer.query == query
            && answer.options == *options
            && answer.generation == lazy.generation();
        same.then_some(answer.value)
    }

    /// One round of `call`'s files not loaded (`LazyExplorer::missing_for`); none for an
    /// embedded index.
    pub(super) fn rounds(
        &mut self,
        call: impl Fn(&Explorer<'_>) -> Result<(), IndexError>,
    ) -> Result<Vec<String>, JsError> {
        match &mut self.inner {
            Engine::Lazy(lazy) => lazy.missing_for(call).map_err(to_js_error),
            Engine::Embedded(_) => Ok(Vec::new()),
        }
    }
}
