//! The entity network of a scope: which entities occur together, how often, and how much
//! more often than chance (lift).
//!
//! Nodes are the entities mentioned in the most articles of the scope (ties by name); an
//! edge joins two of them when at least one article mentions both. Its *lift* is
//! `shared · N / (articles(a) · articles(b))` over the scope's `N` articles: 1 is what
//! chance would give, above [`OVER_REPRESENTED_LIFT`] (with at least
//! [`OVER_REPRESENTED_MIN`] shared articles) the page marks it. So a reader sees at once
//! who appears with whom, and which pairs are more than two frequent names.

use super::layout;
use crate::{ArticleId, EntityId, EntityKind, Explorer, IndexError, SearchOptions};

/// Default and largest number of nodes.
pub const DEFAULT_NODES: usize = 40;
pub const MAX_NODES: usize = 150;
/// Edges kept per node, on average: the strongest first (readable at 80 nodes).
pub const EDGES_PER_NODE: usize = 3;
/// An edge is over-represented from this lift on ...
pub const OVER_REPRESENTED_LIFT: f32 = 1.5;
/// ... with at least this many shared articles (one shared article is no pattern).
pub const OVER_REPRESENTED_MIN: u32 = 2;

/// What to draw: the scope and the number of nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphOptions {
    pub search: SearchOptions,
    /// Nodes at most (clamped to 1..=[`MAX_NODES`]).
    pub limit: usize,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions {
            search: SearchOptions::default(),
            limit: DEFAULT_NODES,
        }
    }
}

/// An entity in the network.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphNode<'a> {
    pub id: EntityId,
    pub name: &'a str,
    pub kind: EntityKind,
    /// Articles of the scope that mention it.
    pub articles: u32,
    /// Position in the unit square, from [`layout::layout`].
    pub x: f32,
    pub y: f32,
    /// Radius in the unit square ([`layout::radius`]): the area grows with `articles`.
    pub r: f32,
}

/// Two entities mentioned together; `source` and `target` are entity ids, `source < target`.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphEdge {
    pub source: EntityId,
    pub target: EntityId,
    /// Articles of the scope that mention both.
    pub articles: u32,
    pub lift: f32,
    /// Lift at least [`OVER_REPRESENTED_LIFT`] over at least [`OVER_REPRESENTED_MIN`]
    /// shared articles.
    pub over_represented: bool,
}

/// The network: nodes by articles (most first, ties by name), edges by shared articles
/// (most first, then lift, then ids).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph<'a> {
    /// Articles in the scope.
    pub scope: usize,
    pub nodes: Vec<GraphNode<'a>>,
    pub edges: Vec<GraphEdge>,
}

impl<'a> Explorer<'a> {
    /// The entity network of the articles `query` and `options.search` select.
    ///
    /// The nodes are the scope's most frequent entities, counted as the search's facets
    /// count them (the same table, so the numbers agree); each node's articles in the scope
    /// are a bit set, and two nodes share `popcount(a & b)` articles: at 10,000 articles and
    /// 80 nodes that is 3,160 pairs of 157 words, instead of every pair in every article.
    pub fn graph(&self, query: &str, options: &GraphOptions) -> Result<Graph<'a>, IndexError> {
        let demonyms = options.search.demonyms;
        let scope: Vec<ArticleId> = self
            .scope(query, &options.search)?
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let total = self.index.article_count() as usize;
        let words = total.div_ceil(64);
        let mut in_scope = vec![0u64; words];
        for a in &scope {
            if let Some(w) = in_scope.get_mut(a.0 as usize / 64) {
                *w |= 1 << (a.0 % 64);
            }
        }
        let table = self.article_entities()?;
        let mut ranked = crate::facets::facets(&self.index, table, &scope, &[], demonyms)?;
        ranked.retain(|f| f.count > 0);
        ranked.truncate(options.limit.clamp(1, MAX_NODES));
        let n = ranked.len();

        // Each node's articles in the scope, as bits.
        let mut bits = vec![0u64; n * words];
        for (k, f) in ranked.iter().enumerate() {
            let row = &mut bits[k * words..(k + 1) * words];
            for (a, _) in self.index.entity(f.id)?.articles {
                let (w, bit) = (a.0 as usize / 64, 1u64 << (a.0 % 64));
                if in_scope.get(w).is_some_and(|s| s & bit != 0) {
                    if !demonyms && !self.named_in(a, f.id)? {
                        continue;
                    }
                    if let Some(x) = row.get_mut(w) {
                        *x |= bit;
                    }
                }
            }
        }
        let scope_len = scope.len().max(1) as f32;
        let mut pairs: Vec<(usize, usize, u32, f32)> = Vec::new();
        for p in 0..n {
            let a = &bits[p * words..(p + 1) * words];
            for q in p + 1..n {
                let b = &bits[q * words..(q + 1) * words];
                let c: u32 = a.iter().zip(b).map(|(x, y)| (x & y).count_ones()).sum();
                if c > 0 {
                    let lift =
                        c as f32 * scope_len / (ranked[p].count as f32 * ranked[q].count as f32);
                    pairs.push((p, q, c, lift));
                }
            }
        }
        crate::order::sort_by(&mut pairs, |a, b| {
            b.2.cmp(&a.2)
                .then_with(|| b.3.total_cmp(&a.3))
                .then_with(|| (a.0, a.1).cmp(&(b.0, b.1)))
        });
        // The strongest edges, plus each node's strongest, so none is left hanging alone
        // when it does occur with another.
        let budget = (n * EDGES_PER_NODE).max(12);
        let mut keep = vec![false; pairs.len()];
        let mut has_edge = vec![false; n];
        for (k, pair) in pairs.iter().enumerate() {
            if k < budget || !has_edge[pair.0] || !has_edge[pair.1] {
                keep[k] = true;
                has_edge[pair.0] = true;
                has_edge[pair.1] = true;
            }
        }
        let pairs: Vec<_> = pairs
            .into_iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(p))
            .collect();

        let sizes: Vec<f32> = ranked.iter().map(|f| f.count as f32).collect();
        let links: Vec<(usize, usize, f32)> =
            pairs.iter().map(|&(p, q, c, _)| (p, q, c as f32)).collect();
        let points = layout::layout(&sizes, &links);
        let largest = sizes.iter().copied().fold(0.0f32, f32::max);
        Ok(Graph {
            scope: scope.len(),
            nodes: ranked
                .iter()
                .zip(points)
                .map(|(f, (x, y))| GraphNode {
                    id: f.id,
                    name: f.name,
                    kind: f.kind,
                    articles: f.count as u32,
                    x,
                    y,
                    r: layout::radius(f.count as f32, largest),
                })
                .collect(),
            edges: pairs
                .iter()
                .map(|&(p, q, c, lift)| {
                    let (a, b) = (ranked[p].id, ranked[q].id);
                    GraphEdge {
                        source: a.min(b),
                        target: a.max(b),
                        articles: c,
                        lift,
                        over_represented: lift >= OVER_REPRESENTED_LIFT
                            && c >= OVER_REPRESENTED_MIN,
                    }
                })
                .collect(),
        })
    }

    /// Whether article `a` mentions entity `e` by name (not only by demonym).
    fn named_in(&self, a: ArticleId, e: EntityId) -> Result<bool, IndexError> {
        Ok(self
            .index
            .article_entities(a)?
            .iter()
            .any(|&(id, by_name)| id == e && by_name))
    }
}
