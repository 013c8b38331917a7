//! Sources (outlets) and authors over a set of articles: the filters by source and author,
//! and their facet counts.
//!
//! The index stores each article's source and authors as ids into sorted name tables
//! (`explorer_index::Metadata`); [`MetaTable`] decodes them once per explorer, so that
//! filtering and counting over every match of every search read numbers, never strings,
//! like the entity facets of [`crate::facets`].

use crate::model::{MetaFacet, SearchOptions};
use explorer_index::{ArticleId, AuthorId, Index, IndexError, SourceId};

/// Every article's source and authors, decoded once.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    /// Per article: source id + 1, 0 for none.
    sources: Vec<u32>,
    /// Where each article's authors begin in `authors` (one more than there are articles).
    starts: Vec<u32>,
    /// Author ids, per article in the article's order.
    authors: Vec<u32>,
}

impl MetaTable {
    pub fn read(index: &Index<'_>) -> Result<Self, IndexError> {
        let meta = index.metadata();
        let n = index.article_count() as usize;
        let mut out = MetaTable {
            sources: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            authors: Vec::new(),
        };
        let mut buf = Vec::new();
        out.starts.push(0);
        for article in index.article_ids() {
            out.sources
                .push(meta.source(article)?.map_or(0, |s| s.0.saturating_add(1)));
            meta.authors_into(article, &mut buf)?;
            out.authors.extend(buf.iter().map(|a| a.0));
            out.starts.push(out.authors.len() as u32);
        }
        Ok(out)
    }

    /// The source of `article` (none for an unknown id).
    fn source(&self, article: ArticleId) -> Option<u32> {
        self.sources
            .get(article.0 as usize)
            .and_then(|s| s.checked_sub(1))
    }

    /// The authors of `article` (none for an unknown id).
    fn authors(&self, article: ArticleId) -> &[u32] {
        let i = article.0 as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.authors.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The source and author filters of a search, names resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaFilter {
    /// `None`: no source filter; else an article's source must be one of these (an empty
    /// list, when every name was unknown, lets nothing pass).
    sources: Option<Vec<u32>>,
    /// Every one of these must be among an article's authors.
    authors: Vec<u32>,
    /// An author filter named nobody: nothing passes.
    unknown_author: bool,
}

impl MetaFilter {
    /// The filters of `options` over `index`. A name the index does not know matches no
    /// article (the page shows the filter, and no results, rather than dropping it).
    pub fn new(index: &Index<'_>, options: &SearchOptions) -> Self {
        let meta = index.metadata();
        let sources = (!options.sources.is_empty()).then(|| {
            options
                .sources
                .iter()
                .filter_map(|s| meta.source_by_name(s).map(|id| id.0))
                .collect()
        });
        let mut unknown_author = false;
        let mut authors = Vec::new();
        for name in &options.authors {
            match meta.author_by_name(name) {
                Some(id) => authors.push(id.0),
                None => unknown_author = true,
            }
        }
        MetaFilter {
            sources,
            authors,
            unknown_author,
        }
    }

    /// Whether the filter lets everything pass.
    pub fn is_empty(&self) -> bool {
        self.sources.is_none() && self.authors.is_empty() && !self.unknown_author
    }

    /// Whether `article` passes.
    pub fn passes(&self, table: &MetaTable, article: ArticleId) -> bool {
        if self.unknown_author {
            return false;
        }
        if let Some(sources) = &self.sources {
            if !table.source(article).is_some_and(|s| sources.contains(&s)) {
                return false;
            }
        }
        let mine = table.authors(article);
        self.authors.iter().all(|a| mine.contains(a))
    }
}

/// Source and author facets over `articles`: each with the number of those articles from
/// it, most first (ties by name). Sources and authors selected in `options` that the index
/// knows are always included, possibly at 0.
pub fn facets<'a>(
    index: &Index<'a>,
    table: &MetaTable,
    articles: &[ArticleId],
    options: &SearchOptions,
) -> Result<(Vec<MetaFacet<'a>>, Vec<MetaFacet<'a>>), IndexError> {
    let meta = index.metadata();
    let mut sources = vec![0usize; meta.source_count() as usize];
    let mut authors = vec![0usize; meta.author_count() as usize];
    for &article in articles {
        if let Some(c) = table
            .source(article)
            .and_then(|s| sources.get_mut(s as usize))
        {
            *c += 1;
        }
        for &a in table.authors(article) {
            if let Some(c) = authors.get_mut(a as usize) {
                *c += 1;
            }
        }
    }
    let selected_sources: Vec<u32> = options
        .sources
        .iter()
        .filter_map(|s| meta.source_by_name(s).map(|id| id.0))
        .collect();
    let selected_authors: Vec<u32> = options
        .authors
        .iter()
        .filter_map(|a| meta.author_by_name(a).map(|id| id.0))
        .collect();
    let sources = listed(&sources, &selected_sources, |i| {
        meta.source_name(SourceId(i))
    })?;
    let authors = listed(&authors, &selected_authors, |i| {
        meta.author_name(AuthorId(i))
    })?;
    Ok((sources, authors))
}

/// The values counted in `counts` (and the `selected` ones), named, most first.
fn listed<'a>(
    counts: &[usize],
    selected: &[u32],
    name: impl Fn(u32) -> Result<&'a str, IndexError>,
) -> Result<Vec<MetaFacet<'a>>, IndexError> {
    let mut out = counts
        .iter()
        .enumerate()
        .filter(|&(i, &count)| count > 0 || selected.contains(&(i as u32)))
        .map(|(i, &count)| {
            Ok(MetaFacet {
                name: name(i as u32)?,
                count,
            })
        })
        .collect::<Result<Vec<_>, IndexError>>()?;
    crate::order::sort_by(&mut out, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_answer_nothing_for_unknown_articles() {
        let table = MetaTable {
            sources: vec![0, 2],
            starts: vec![0, 0, 2],
            authors: vec![3, 1],
        };
        assert_eq!(table.source(ArticleId(0)), None);
        assert_eq!(table.source(ArticleId(1)), Some(1));
        assert_eq!(table.source(ArticleId(9)), None);
        assert_eq!(table.authors(ArticleId(1)), [3, 1]);
        assert!(table.authors(ArticleId(9)).is_empty());
        let by_both = MetaFilter {
            sources: Some(vec![1]),
            authors: vec![1, 3],
            unknown_author: false,
        };
        assert!(by_both.passes(&table, ArticleId(1)));
        assert!(!by_both.passes(&table, ArticleId(0)));
        let none = MetaFilter {
            sources: Some(Vec::new()),
            ..MetaFilter::default()
        };
        assert!(!none.passes(&table, ArticleId(1)) && !none.is_empty());
        assert!(MetaFilter::default().passes(&table, ArticleId(0)));
    }

    #[test]
    fn facets_are_sorted_by_count_then_name_and_keep_selected_values() {
        let names = ["A", "B", "C"];
        let out = listed(&[1, 0, 3], &[1], |i| Ok(names[i as usize])).unwrap();
        let got: Vec<(&str, usize)> = out.iter().map(|f| (f.name, f.count)).collect();
        assert_eq!(got, [("C", 3), ("A", 1), ("B", 0)]);
    }
}
