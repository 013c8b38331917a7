//! Sources (outlets) and authors over a set of articles: the filters by source and author,
//! and their facet counts.
//!
//! The index stores each article's source and authors as ids into sorted name tables
//! (`explorer_index::Metadata`); [`MetaTable`] decodes them once per explorer, so that
//! filtering and counting over every match of every search read numbers, never strings,
//! like the entity facets of [`crate::facets`].

use crate::model::{MetaFacet, SearchOptions};
use explorer_index::{ArticleId, AuthorId, Index, IndexError, SourceId};

/// Every article's source and authors, decoded once (`explorer_index::figures`, where the
/// counting is, which a lazy index's writer counts the start page's with too).
pub use explorer_index::MetaTable;

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
        if options.sources.is_empty() && options.authors.is_empty() {
            // No name to resolve: the name tables are not read (in lazy hosted mode that
            // read would fetch AMET whole for every search).
            return MetaFilter::default();
        }
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
    let meta = index.metadata_names();
    let counts = table.counts(
        articles,
        meta.source_count() as usize,
        meta.author_count() as usize,
    );
    named(index, counts, options)
}

/// [`facets`] counted from each article's own row (`Index::article_source_authors`), not
/// from every article's (`MetaTable`): in lazy hosted mode the table is AMET whole (258 KiB
/// gzip at 100k) while a word in a few articles needs their rows, and no match needs none.
#[cfg(feature = "lazy")]
pub fn facets_of_matches<'a>(
    index: &Index<'a>,
    articles: &[ArticleId],
    options: &SearchOptions,
) -> Result<(Vec<MetaFacet<'a>>, Vec<MetaFacet<'a>>), IndexError> {
    let meta = index.metadata_names();
    let mut counts =
        explorer_index::MetaCounts::new(meta.source_count() as usize, meta.author_count() as usize);
    let mut authors = Vec::new();
    for &article in articles {
        let source = index.article_source_authors(article, &mut authors)?;
        counts.add(source.map(|s| s.0), authors.iter().map(|a| a.0));
    }
    named(index, (counts.by_source, counts.by_author), options)
}

/// The counted sources and authors (per id) named, with the selected ones of `options`.
fn named<'a>(
    index: &Index<'a>,
    (sources, authors): (Vec<usize>, Vec<usize>),
    options: &SearchOptions,
) -> Result<(Vec<MetaFacet<'a>>, Vec<MetaFacet<'a>>), IndexError> {
    let meta = index.metadata_names();
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

/// Source and author facets over every article, from the counts a lazy index's writer
/// kept (`explorer_index::StartFigures`): what [`facets`] gives over every article.
#[cfg(feature = "lazy")]
pub fn counted<'a>(
    figures: &explorer_index::StartFigures<'a>,
) -> Result<(Vec<MetaFacet<'a>>, Vec<MetaFacet<'a>>), IndexError> {
    let list = |named: &[(&'a str, usize)]| {
        let counts: Vec<usize> = named.iter().map(|&(_, n)| n).collect();
        listed(&counts, &[], |i| {
            named
                .get(i as usize)
                .map(|&(name, _)| name)
                .ok_or(IndexError::Corrupt {
                    section: "STRT",
                    offset: 0,
                })
        })
    };
    Ok((list(&figures.sources)?, list(&figures.authors)?))
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
    fn filters_pass_by_source_and_every_author() {
        let table = MetaTable::from_columns(vec![0, 2], vec![0, 0, 2], vec![3, 1]);
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
