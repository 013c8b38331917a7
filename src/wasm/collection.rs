//! The collection views at the JS boundary: network, timeline, related articles, exports,
//! the collection id and "starred only". A translator like the rest of `wasm/`: options in,
//! [`crate::collection`] called, plain JS objects (or export text) out.

use super::dto::{extends, ArticleDto};
use super::options::JsOptions;
use super::{to_js, JsExplorer};
use crate::collection::export::{format_date, kind_name as entity_kind};
use crate::collection::{Format, GraphOptions, MonthCount};
use crate::{ArticleId, EntityId};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_COLLECTION: &str = r#"
/** `x`, `y`: the node's place in the unit square, `r` its radius there (laid out in the wasm, deterministic). */
export interface GraphNode { id: number; name: string; kind: EntityKind; articles: number; x: number; y: number; r: number; }
/** `source` < `target` (entity ids); `overRepresented`: lift >= 1.5 over >= 2 shared articles. */
export interface GraphEdge { source: number; target: number; articles: number; lift: number; overRepresented: boolean; }
/** `scope`: articles the network was counted over. */
export interface Graph { scope: number; nodes: GraphNode[]; edges: GraphEdge[]; }
export interface GraphOptions extends SearchOptions { query?: string; }
/** `results`: the scope's articles that month (the entity's share is articles / results). */
export interface MonthCount { month: string; articles: number; mentions: number; results: number; }
export interface Timeline { months: MonthCount[]; undated: { articles: number; mentions: number; results: number }; }
export interface RelatedHit extends ArticleSummary { score: number; entities: { id: number; name: string; kind: EntityKind }[]; words: string[]; }
export interface Related { hits: RelatedHit[]; }
export interface ScopedHit extends ArticleSummary { score: number; }
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GraphDto<'a> {
    scope: usize,
    nodes: Vec<NodeDto<'a>>,
    edges: Vec<EdgeDto>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
    articles: u32,
    x: f32,
    y: f32,
    r: f32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EdgeDto {
    source: u32,
    target: u32,
    articles: u32,
    lift: f32,
    over_represented: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MonthDto {
    month: String,
    articles: usize,
    mentions: usize,
    results: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UndatedDto {
    articles: usize,
    mentions: usize,
    results: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TimelineDto {
    months: Vec<MonthDto>,
    undated: UndatedDto,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NamedDto<'a> {
    id: u32,
    name: &'a str,
    kind: &'static str,
}

struct RelatedHitDto<'a> {
    info: ArticleDto<'a>,
    score: f32,
    entities: Vec<NamedDto<'a>>,
    words: Vec<String>,
}

extends!(RelatedHitDto {
    score: "score",
    entities: "entities",
    words: "words",
});

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedDto<'a> {
    hits: Vec<RelatedHitDto<'a>>,
}

struct ScopedHitDto<'a> {
    info: ArticleDto<'a>,
    score: f32,
}

extends!(ScopedHitDto { score: "score" });

/// `options.limit` when given (validated by [`JsOptions::search`]), else `None`.
fn limit_of(raw: &JsValue, options: &JsOptions) -> Result<Option<usize>, JsError> {
    let given = js_sys::Reflect::get(raw, &JsValue::from_str("limit"))
        .is_ok_and(|v| !v.is_undefined() && !v.is_null());
    Ok(if given {
        Some(options.search()?.limit)
    } else {
        None
    })
}

fn format(name: &str) -> Result<Format, JsError> {
    match name {
        "csv" => Ok(Format::Csv),
        "json" => Ok(Format::Json),
        // Quoted by JSON.stringify, not `{:?}`: str's Debug brings Unicode tables along.
        other => Err(JsError::new(&format!(
            "{}format must be \"csv\" or \"json\", got {}",
            super::options::BAD_ARGUMENT,
            super::options::describe(&JsValue::from_str(other))
        ))),
    }
}

#[wasm_bindgen(js_class = Explorer)]
impl JsExplorer {
    /// The entity network of the results of `{ query, entities, from, to, demonyms }`
    /// (every article when none), `limit` nodes at most (default 40, up to 150).
    #[wasm_bindgen(unchecked_return_type = "Graph")]
    pub fn graph(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GraphOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let js = JsOptions::new("graph()", options.clone())?;
        let query = js.string("query")?.unwrap_or_default();
        let graph_options = GraphOptions {
            search: js.search()?,
            limit: limit_of(&options, &js)?.unwrap_or(crate::collection::graph::DEFAULT_NODES),
        };
        let graph = self.run(|ex| ex.graph(&query, &graph_options))?;
        to_js(&GraphDto {
            scope: graph.scope,
            nodes: graph
                .nodes
                .iter()
                .map(|n| NodeDto {
                    id: n.id.0,
                    name: n.name,
                    kind: entity_kind(n.kind),
                    articles: n.articles,
                    x: n.x,
                    y: n.y,
                    r: n.r,
                })
                .collect(),
            edges: graph
                .edges
                .iter()
                .map(|e| EdgeDto {
                    source: e.source.0,
                    target: e.target.0,
                    articles: e.articles,
                    lift: e.lift,
                    over_represented: e.over_represented,
                })
                .collect(),
        })
    }

    /// Entity `id` per month within the results of `{ query, entities, from, to }`.
    #[wasm_bindgen(unchecked_return_type = "Timeline")]
    pub fn timeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EntityOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = JsOptions::new("timeline()", options)?;
        let query = options.string("query")?.unwrap_or_default();
        let id = EntityId(super::options::id("timeline()", &id)?);
        let options = options.search()?;
        let t = self.run(|ex| ex.timeline(id, &query, &options))?;
        let month = |(d, m): &(crate::YearMonth, MonthCount)| MonthDto {
            month: format_date(*d),
            articles: m.articles,
            mentions: m.mentions,
            results: m.results,
        };
        to_js(&TimelineDto {
            months: t.months.iter().map(month).collect(),
            undated: UndatedDto {
                articles: t.undated.articles,
                mentions: t.undated.mentions,
                results: t.undated.results,
            },
        })
    }

    /// Articles like article `id` (`{ limit }`, default 5, up to 50), best first.
    #[wasm_bindgen(unchecked_return_type = "Related")]
    pub fn related(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ limit?: number } | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let js = JsOptions::new("related()", options.clone())?;
        let limit = limit_of(&options, &js)?.unwrap_or(crate::collection::related::DEFAULT_RELATED);
        let id = ArticleId(super::options::id("related()", &id)?);
        let related = self.run(|ex| ex.related(id, limit))?;
        let mut hits = Vec::with_capacity(related.hits.len());
        for h in &related.hits {
            let mut entities = Vec::with_capacity(h.entities.len());
            for &e in &h.entities {
                let summary = self.run(|ex| ex.entity_name(e))?;
                entities.push(NamedDto {
                    id: e.0,
                    name: summary.0,
                    kind: entity_kind(summary.1),
                });
            }
            hits.push(RelatedHitDto {
                info: ArticleDto::from(&h.article),
                score: h.score,
                entities,
                words: h.words.clone(),
            });
        }
        to_js(&RelatedDto { hits })
    }

    /// Lazy hosted mode: one round of the files `related(id, options)` needs that are not
    /// loaded (the rows of the article and of its candidates; `fetchForRelated`).
    #[cfg(feature = "lazy")]
    #[wasm_bindgen(js_name = missingForRelated)]
    pub fn missing_for_related(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ limit?: number } | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let js = JsOptions::new("fetchForRelated()", options.clone())?;
        let limit = limit_of(&options, &js)?.unwrap_or(crate::collection::related::DEFAULT_RELATED);
        let id = ArticleId(super::options::id("fetchForRelated()", &id)?);
        self.rounds(|ex| ex.related(id, limit).map(drop))
    }

    /// Lazy hosted mode: one round of the files `timeline(id, options)` needs that are not
    /// loaded (without demonyms, the mentions of the entity's articles in scope).
    #[cfg(feature = "lazy")]
    #[wasm_bindgen(js_name = missingForTimeline)]
    pub fn missing_for_timeline(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EntityOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let options = JsOptions::new("fetchForTimeline()", options)?;
        let query = options.string("query")?.unwrap_or_default();
        let id = EntityId(super::options::id("fetchForTimeline()", &id)?);
        let options = options.search()?;
        self.rounds(|ex| ex.timeline(id, &query, &options).map(drop))
    }

    /// Lazy hosted mode: one round of the files `exportResults(query, options)` (`what`:
    /// `"results"`: the heads of every result) or `exportEntities` (`"entities"`: the
    /// mentions in scope) needs that are not loaded; the format reads nothing more.
    #[cfg(feature = "lazy")]
    #[wasm_bindgen(js_name = missingForExport)]
    pub fn missing_for_export(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"results\" | \"entities\"")] what: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<Vec<String>, JsError> {
        let what = super::options::string("fetchForExport()", "what", &what)?;
        let js = JsOptions::new("fetchForExport()", options.clone())?;
        let limit = limit_of(&options, &js)?;
        let query = super::options::string("fetchForExport()", "query", &query)?;
        let options = js.search()?;
        match what.as_str() {
            "results" => self.rounds(|ex| ex.export_results(&query, &options, limit, Format::Csv).map(drop)),
            "entities" => self.rounds(|ex| ex.export_entities(&query, &options, Format::Csv).map(drop)),
            _ => Err(JsError::new(&format!(
                "bad argument: fetchForExport(): what must be \"results\" or \"entities\", got {what:?}"
            ))),
        }
    }

    /// The results of `query` and `{ entities, from, to, sort, demonyms, limit }` (all of
    /// them unless `limit`) as `"csv"` or `"json"` text.
    #[wasm_bindgen(js_name = exportResults)]
    pub fn export_results(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"csv\" | \"json\"")] format_name: JsValue,
    ) -> Result<String, JsError> {
        let format_name = super::options::string("exportResults()", "format", &format_name)?;
        let js = JsOptions::new("exportResults()", options.clone())?;
        let limit = limit_of(&options, &js)?;
        let query = super::options::string("exportResults()", "query", &query)?;
        let (options, format) = (js.search()?, format(&format_name)?);
        self.run(|ex| ex.export_results(&query, &options, limit, format))
    }

    /// The entity table of those results (name, kind, articles, mentions) as text.
    #[wasm_bindgen(js_name = exportEntities)]
    pub fn export_entities(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"csv\" | \"json\"")] format_name: JsValue,
    ) -> Result<String, JsError> {
        let format_name = super::options::string("exportEntities()", "format", &format_name)?;
        let options = JsOptions::new("exportEntities()", options)?;
        let query = super::options::string("exportEntities()", "query", &query)?;
        let (options, format) = (options.search()?, format(&format_name)?);
        self.run(|ex| ex.export_entities(&query, &options, format))
    }

    /// A fingerprint of the collection: where a page keeps what belongs to it.
    #[wasm_bindgen(js_name = collectionId)]
    pub fn collection_id(&self) -> Result<String, JsError> {
        self.run(|ex| ex.collection_id())
    }

    /// Of `ids`, those among the results of `query` and `options`, in answer order.
    #[wasm_bindgen(unchecked_return_type = "ScopedHit[]")]
    pub fn within(
        &self,
        ids: Vec<u32>,
        query: &str,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let options = JsOptions::new("within()", options)?.search()?;
        let ids: Vec<ArticleId> = ids.into_iter().map(ArticleId).collect();
        let found = self.run(|ex| ex.within(&ids, query, &options))?;
        let mut out = Vec::with_capacity(found.len());
        for (a, score) in found {
            let summary = self.run(|ex| ex.summary_of(a))?;
            out.push(ScopedHitDto {
                info: ArticleDto::from(&summary),
                score,
            });
        }
        to_js(&out)
    }
}
