//! The JavaScript boundary: the only module with `#[wasm_bindgen]`.
//!
//! A thin translator: [`options`] reads and validates the JS arguments, [`crate::Explorer`]
//! answers, [`dto`] maps the answers to the shapes of `www/types.d.ts` (plain JS objects
//! with camelCase fields through `serde-wasm-bindgen`, dates as `"YYYY-MM"`, kinds as
//! lowercase strings, absent values as `null`, byte ranges as UTF-16 offsets). Every export
//! returns `Result`; errors become JS `Error`s with the message of the Rust error (argument
//! errors start with `bad argument: `).

mod dto;
mod options;
// The collection views (network, timelines, related articles, exports): issue 19.
mod collection;
// Hosted mode's lazy index (issue 18): opening it and its rounds.
#[cfg(feature = "lazy")]
mod lazy;

use crate::{ArticleId, EntityId};
use dto::*;
use options::JsOptions;
use serde::Serialize;
use wasm_bindgen::prelude::*;

// The contract, declared once: wasm-bindgen copies it into pkg/article_explorer.d.ts.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../../www/types.d.ts");

/// The explorer over the index embedded in this module (or, feature `lazy`, over the
/// files of a lazy index loaded so far: [`lazy`]).
#[wasm_bindgen(js_name = Explorer)]
pub struct JsExplorer {
    inner: Engine,
    /// Lazy mode: the answer the last round of `missingForPage` found complete, taken by the
    /// `search` with its query and options that follows while nothing changed.
    #[cfg(feature = "lazy")]
    answer: std::cell::RefCell<Option<lazy::Answer>>,
}

/// Where the engine's index is. (One per page: the embedded engine is kept unboxed, as it
/// was, so the default build pays nothing for the lazy variant.)
#[allow(clippy::large_enum_variant)]
enum Engine {
    /// Embedded in this module.
    Embedded(crate::Explorer<'static>),
    /// In the files of a lazy index, loaded in rounds.
    #[cfg(feature = "lazy")]
    Lazy(Box<crate::lazy::LazyExplorer>),
}

impl JsExplorer {
    /// Runs `call` on the engine. On a lazy index the call is checked: what it read of the
    /// dictionary must be loaded, or it is an error naming the first file it lacks (the
    /// page runs `missingFor`'s rounds first), never an answer from part of the index.
    fn run<'s, T>(
        &'s self,
        call: impl FnOnce(&'s crate::Explorer<'s>) -> Result<T, crate::IndexError>,
    ) -> Result<T, JsError> {
        match &self.inner {
            Engine::Embedded(ex) => call(ex).map_err(to_js_error),
            #[cfg(feature = "lazy")]
            Engine::Lazy(lazy) => lazy.checked(call).map_err(lazy::to_js_error),
        }
    }

    /// The engine, if it can answer (a lazy index: once its sections are loaded).
    #[cfg(feature = "chunks")]
    fn engine(&self) -> Option<&crate::Explorer<'_>> {
        match &self.inner {
            Engine::Embedded(ex) => Some(ex),
            #[cfg(feature = "lazy")]
            Engine::Lazy(lazy) => lazy.engine(),
        }
    }

    /// Hands text chunk `chunk` to the engine (a lazy one's, assembled first if files came).
    #[cfg(feature = "chunks")]
    fn add_chunk(&mut self, chunk: u32, bytes: Vec<u8>) -> Result<(), JsError> {
        match &mut self.inner {
            Engine::Embedded(ex) => ex.add_text_chunk(chunk, bytes).map_err(to_js_error),
            #[cfg(feature = "lazy")]
            Engine::Lazy(lazy) => lazy.add_text_chunk(chunk, bytes).map_err(lazy::to_js_error),
        }
    }
}

/// Hosted mode only (the `chunks` feature): a default build has none of these, and the JS API
/// reads their absence as "texts embedded".
#[cfg(feature = "chunks")]
#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Hosted mode: the article texts are not in this module but in text chunks.
    #[wasm_bindgen(js_name = isHosted)]
    pub fn is_hosted(&self) -> bool {
        self.engine().is_some_and(|ex| ex.is_hosted())
    }

    /// Whether the text of article `id` is at hand (always, unless hosted).
    #[wasm_bindgen(js_name = textLoaded)]
    pub fn text_loaded(&self, id: u32) -> bool {
        self.engine()
            .is_some_and(|ex| ex.text_loaded(ArticleId(id)))
    }

    /// The text chunks to fetch before the texts of `ids` can be read, each once.
    #[wasm_bindgen(js_name = missingTexts, unchecked_return_type = "MissingChunk[]")]
    pub fn missing_texts(&self, ids: Vec<u32>) -> Result<JsValue, JsError> {
        let missing = self.run(|ex| ex.missing_texts(ids.into_iter().map(ArticleId)))?;
        to_js(
            &missing
                .iter()
                .map(MissingChunkDto::from)
                .collect::<Vec<_>>(),
        )
    }

    /// Hands over text chunk `chunk`, decompressed; throws (naming the chunk's file) if the
    /// bytes are not that chunk of this build.
    #[wasm_bindgen(js_name = addTextChunk)]
    pub fn add_text_chunk(&mut self, chunk: u32, bytes: Vec<u8>) -> Result<(), JsError> {
        self.add_chunk(chunk, bytes)
    }
}

#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// Open the embedded index. Throws if it is damaged or of another format version.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<JsExplorer, JsError> {
        #[cfg(debug_assertions)]
        install_panic_hook();
        Ok(JsExplorer {
            inner: Engine::Embedded(crate::Explorer::embedded().map_err(to_js_error)?),
            #[cfg(feature = "lazy")]
            answer: Default::default(),
        })
    }

    /// Every article: `[{ id, file, title, titleDerived, date }]`.
    #[wasm_bindgen(unchecked_return_type = "ArticleSummary[]")]
    pub fn articles(&self) -> Result<JsValue, JsError> {
        let list = self.run(|ex| ex.articles())?;
        to_js(&list.iter().map(ArticleDto::from).collect::<Vec<_>>())
    }

    /// Every recognised entity, mentioned in most articles first, each with how a link
    /// writes it (`ref`, as `entityRef()` answers).
    #[wasm_bindgen(unchecked_return_type = "EntityInfo[]")]
    pub fn entities(&self) -> Result<JsValue, JsError> {
        self.run(|ex| {
            let list = ex
                .entities()?
                .iter()
                .map(|e| Ok(EntityDto::new(e, ex.entity_ref(e.id)?)))
                .collect::<Result<Vec<_>, crate::IndexError>>()?;
            Ok(to_js(&list))
        })?
    }

    /// Search with filters, facet counts and a date histogram.
    #[wasm_bindgen(unchecked_return_type = "RawSearchResults")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let query = options::string("search()", "query", &query)?;
        let options = JsOptions::new("search()", options)?.search()?;
        #[cfg(feature = "lazy")]
        if let Some(answer) = self.answered(&query, &options) {
            return Ok(answer);
        }
        search_js(&self.run(|ex| ex.search(&query, &options))?)
    }

    /// The start page: every article (index order or by date), the entities with their
    /// article counts, the date histogram.
    #[wasm_bindgen(unchecked_return_type = "RawOverview")]
    pub fn overview(
        &self,
        #[wasm_bindgen(unchecked_param_type = "OverviewOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = JsOptions::new("overview()", options)?.overview()?;
        let overview = self.run(|ex| ex.overview(&options))?;
        let out = to_js(&OverviewDto::from(&overview))?;
        with_facets(out, &overview.facets)
    }

    /// The entity a reference names (`"12"`, `"Putin"`, `"person:Putin"`, `"staat:Nord"`),
    /// by the query language's rules; `undefined` when it names nobody.
    #[wasm_bindgen(js_name = resolveEntity)]
    pub fn resolve_entity(&self, reference: &str) -> Result<Option<u32>, JsError> {
        let id = self.run(|ex| ex.resolve_entity(reference))?;
        Ok(id.map(|e| e.0))
    }

    /// How a link writes entity `id`: its name when that finds it again, else its id.
    #[wasm_bindgen(js_name = entityRef)]
    pub fn entity_ref(&self, id: u32) -> Result<String, JsError> {
        self.run(|ex| ex.entity_ref(EntityId(id)))
    }

    /// The facet box: ids of the entities whose name or an alias contains `text`, folded as
    /// the search folds words.
    #[wasm_bindgen(js_name = entitiesNamed)]
    pub fn entities_named(&self, text: &str) -> Result<Vec<u32>, JsError> {
        let ids = self.run(|ex| ex.entities_named(text))?;
        Ok(ids.into_iter().map(|e| e.0).collect())
    }

    /// One article for the reader, with entity mentions; with `{ query }`, its matches are
    /// marked.
    #[wasm_bindgen(unchecked_return_type = "Article")]
    pub fn article(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ArticleOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let id = options::id("article()", &id)?;
        let query = JsOptions::new("article()", options)?.string("query")?;
        let query = query.as_deref().filter(|q| !q.trim().is_empty());
        self.run(|ex| {
            let view = ex.article(ArticleId(id), query)?;
            Ok(to_js(&ArticleViewDto::from(&view)))
        })?
    }

    /// One entity within the results of `{ query, entities, from, to }` (all articles when
    /// none): its articles, mentions in context, co-occurring entities, spellings. With
    /// `{ limit, offset }`, only that page of its articles (`articlesTotal` counts them all).
    #[wasm_bindgen(unchecked_return_type = "EntityView")]
    pub fn entity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EntityOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let id = options::id("entity()", &id)?;
        let options = JsOptions::new("entity()", options)?;
        let query = options.string("query")?.unwrap_or_default();
        let page = options.article_page()?;
        let options = options.search()?;
        self.run(|ex| {
            let view = ex.entity_page(EntityId(id), &query, &options, page)?;
            let reference = ex.entity_ref(view.summary.id)?;
            Ok(to_js(&EntityViewDto::new(&view, reference)))
        })?
    }

    /// The build's account of the corpus (articles indexed, files skipped and why).
    #[wasm_bindgen(js_name = buildSummary)]
    pub fn build_summary(&self) -> String {
        crate::BUILD_SUMMARY.to_owned()
    }
}

/// Attaches the facets as `facetCounts`, `[id, count, ...]` in one typed array (the page
/// names them from its entity list).
#[cfg(not(feature = "lazy"))]
fn with_facets(out: JsValue, facets: &[crate::Facet<'_>]) -> Result<JsValue, JsError> {
    let flat = dto::facet_counts(facets);
    attach(
        &out,
        "facetCounts",
        &js_sys::Uint32Array::from(flat.as_slice()),
    )?;
    Ok(out)
}

/// Attaches the facets as `facets`, `[{ id, name, kind, count }, ...]`, named by the engine
/// (from the rows of names its search read): a lazy page has no entity list to name them
/// from, and loading one is the whole entity table.
#[cfg(feature = "lazy")]
fn with_facets(out: JsValue, facets: &[crate::Facet<'_>]) -> Result<JsValue, JsError> {
    let named = dto::named_facets(facets);
    attach(&out, "facets", &to_js(&named)?)?;
    Ok(out)
}

fn attach(out: &JsValue, key: &str, value: &JsValue) -> Result<(), JsError> {
    js_sys::Reflect::set(out, &JsValue::from_str(key), value)
        .map(drop)
        .map_err(|_| JsError::new("could not attach the facets"))
}

/// In debug builds, a panic prints its message to the console before the module traps
/// (release builds abort without formatting, to stay small; nothing there should panic).
#[cfg(debug_assertions)]
fn install_panic_hook() {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn console_error(message: &str);
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("article-explorer panicked: {info}"))
        }));
    });
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `search()`'s answer as the page gets it.
fn search_js(results: &crate::SearchResults<'_>) -> Result<JsValue, JsError> {
    let out = to_js(&SearchResultsDto::from(results))?;
    with_facets(out, &results.facets)
}

/// The engine's error as a JS `Error`; a text that is not loaded yet (hosted mode) starts
/// with `text not loaded: `, which explorer.js reads as code `"text"`.
fn to_js_error(e: crate::IndexError) -> JsError {
    #[cfg(feature = "chunks")]
    if matches!(e, crate::IndexError::TextNotLoaded { .. }) {
        return JsError::new(&format!("text not loaded: {e}"));
    }
    JsError::new(&e.to_string())
}
