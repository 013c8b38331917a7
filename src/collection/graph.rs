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
    pub fn graph(&self, query: &str, options: &GraphOptions) -> Result<Graph<'a>, IndexError> {
        let scope: Vec<ArticleId> = self
            .scope(query, &options.search)?
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        // Every article's entities once, flat: counted for the nodes, then paired.
        let (mut starts, mut flat, mut buf) = (vec![0usize], Vec::new(), Vec::new());
        let mut counts = vec![0u32; self.index.entity_count() as usize];
        for &a in &scope {
            self.entities_of(a, options.search.demonyms, &mut buf)?;
            for e in &buf {
                if let Some(c) = counts.get_mut(e.0 as usize) {
                    *c += 1;
                }
            }
            flat.extend_from_slice(&buf);
            starts.push(flat.len());
        }
        let mut ranked: Vec<(EntityId, u32, &'a str, EntityKind)> = Vec::new();
        for (i, &c) in counts.iter().enumerate() {
            if c > 0 {
                let id = EntityId(i as u32);
                let (name, kind) = self.index.entity_name(id)?;
                ranked.push((id, c, name, kind));
            }
        }
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(b.2)));
        ranked.truncate(options.limit.clamp(1, MAX_NODES));
        let n = ranked.len();

        // Entity id -> node number; then a triangular matrix of shared articles.
        let mut slot = vec![u32::MAX; counts.len()];
        for (k, r) in ranked.iter().enumerate() {
            if let Some(s) = slot.get_mut(r.0 .0 as usize) {
                *s = k as u32;
            }
        }
        let mut shared = vec![0u32; n * n];
        let mut present: Vec<usize> = Vec::new();
        for w in starts.windows(2) {
            present.clear();
            present.extend(
                flat.get(w[0]..w[1])
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|e| slot.get(e.0 as usize).copied())
                    .filter(|&s| s != u32::MAX)
                    .map(|s| s as usize),
            );
            present.sort_unstable();
            for (i, &p) in present.iter().enumerate() {
                for &q in &present[i + 1..] {
                    if let Some(c) = shared.get_mut(p * n + q) {
                        *c += 1;
                    }
                }
            }
        }
        let total = scope.len().max(1) as f32;
        let mut pairs: Vec<(usize, usize, u32, f32)> = Vec::new();
        for p in 0..n {
            for q in p + 1..n {
                let c = shared[p * n + q];
                if c > 0 {
                    let lift = c as f32 * total / (ranked[p].1 as f32 * ranked[q].1 as f32);
                    pairs.push((p, q, c, lift));
                }
            }
        }
        pairs.sort_unstable_by(|a, b| {
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

        let sizes: Vec<f32> = ranked.iter().map(|r| r.1 as f32).collect();
        let links: Vec<(usize, usize, f32)> =
            pairs.iter().map(|&(p, q, c, _)| (p, q, c as f32)).collect();
        let points = layout::layout(&sizes, &links);
        let largest = sizes.iter().copied().fold(0.0f32, f32::max);
        Ok(Graph {
            scope: scope.len(),
            nodes: ranked
                .iter()
                .zip(points)
                .map(|(&(id, articles, name, kind), (x, y))| GraphNode {
                    id,
                    name,
                    kind,
                    articles,
                    x,
                    y,
                    r: layout::radius(articles as f32, largest),
                })
                .collect(),
            edges: pairs
                .iter()
                .map(|&(p, q, c, lift)| {
                    let (a, b) = (ranked[p].0, ranked[q].0);
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
}
