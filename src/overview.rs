//! The start page's answer: the untouched collection, sorted, with entity counts and dates.
//!
//! Before anyone types, the page shows every article, the entities with the number of
//! articles that mention them (with or without adjective mentions) and the histogram of all
//! dates. This is one call, computed like a search over every article (the same facet
//! counting, date histogram and date order as [`crate::Explorer::search`]), so the page
//! needs no second copy of those rules and no search per entity.

use crate::{
    facets, metadata, search, ArticleId, ArticleSummary, DateCount, Explorer, Facet, IndexError,
    MetaFacet, SearchOptions, Sort, YearMonth,
};

/// What the start page asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewOptions {
    pub sort: Sort,
    /// Count demonym mentions (`nordkoreanische`) as mentions of their country.
    pub demonyms: bool,
    /// The page of articles: skip `offset`, then at most `limit` (every article by default).
    pub offset: usize,
    pub limit: usize,
}

impl Default for OverviewOptions {
    fn default() -> Self {
        OverviewOptions {
            sort: Sort::Relevance,
            demonyms: true,
            offset: 0,
            limit: usize::MAX,
        }
    }
}

/// The collection at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview<'a> {
    /// Every article of the collection.
    pub total: usize,
    /// The requested page of articles: index order (`Sort::Relevance`) or by date, undated
    /// articles last either way.
    pub articles: Vec<ArticleSummary<'a>>,
    /// Every entity mentioned, with the number of articles mentioning it, most first (ties
    /// by name); without demonyms, only mentions by name count.
    pub facets: Vec<Facet<'a>>,
    /// Every source and author, with the number of their articles, most first.
    pub sources: Vec<MetaFacet<'a>>,
    pub authors: Vec<MetaFacet<'a>>,
    /// Articles per month, oldest first.
    pub dates: Vec<DateCount>,
    pub undated: usize,
    /// The first and last month of the collection (`None` when nothing is dated).
    pub first: Option<YearMonth>,
    pub last: Option<YearMonth>,
}

impl<'a> Explorer<'a> {
    /// The start page: every article, their entities counted, their dates.
    pub fn overview(&self, options: &OverviewOptions) -> Result<Overview<'a>, IndexError> {
        // A lazy index counted the figures at build time: read them, not every article.
        #[cfg(feature = "lazy")]
        if let Some(figures) = self.index.start_figures()? {
            return self.overview_counted(figures, options);
        }
        let all = self.dated(self.index.article_ids())?;
        let (dates, undated) = facets::dates(all.iter().map(|(_, d)| *d));
        let ids: Vec<ArticleId> = all.iter().map(|(s, _)| s.article).collect();
        // A lazy engine counts from the matches' rows (from the totals counted at build
        // time in a lazy index: every article matches), naming the entities from their
        // rows of names.
        #[cfg(not(feature = "lazy"))]
        let facets = facets::facets(
            &self.index,
            self.article_entities()?,
            &ids,
            &[],
            options.demonyms,
        )?;
        #[cfg(feature = "lazy")]
        let facets = facets::facets_of_matches(&self.index, &ids, &[], options.demonyms)?;
        let (sources, authors) = metadata::facets(
            &self.index,
            self.meta_table()?,
            &ids,
            &SearchOptions::default(),
        )?;
        Ok(Overview {
            total: all.len(),
            articles: self.page(all, options)?,
            facets,
            sources,
            authors,
            first: dates.first().map(|d| d.date),
            last: dates.last().map(|d| d.date),
            dates,
            undated,
        })
    }

    /// [`Explorer::overview`] from the figures a lazy index's writer counted over every
    /// article with the same rules (`explorer_index::figures`): the months, sources and
    /// authors from STRT, the entities from ETOT (`facets::facets_of_matches` over every
    /// article reads no AENT row). In index order the page reads the heads of its articles
    /// only; a date order still reads every article's date (ARTS).
    #[cfg(feature = "lazy")]
    fn overview_counted(
        &self,
        figures: explorer_index::StartFigures<'a>,
        options: &OverviewOptions,
    ) -> Result<Overview<'a>, IndexError> {
        let ids: Vec<ArticleId> = self.index.article_ids().collect();
        let facets = facets::facets_of_matches(&self.index, &ids, &[], options.demonyms)?;
        let (sources, authors) = metadata::counted(&figures)?;
        let all = match options.sort {
            Sort::Relevance => ids.iter().map(|&a| (unscored(a), None)).collect(),
            Sort::Newest | Sort::Oldest => self.dated(ids.iter().copied())?,
        };
        Ok(Overview {
            total: ids.len(),
            articles: self.page(all, options)?,
            facets,
            sources,
            authors,
            first: figures.dates.first().map(|d| d.date),
            last: figures.dates.last().map(|d| d.date),
            dates: figures.dates,
            undated: figures.undated,
        })
    }

    /// `articles`, each with its date.
    fn dated(
        &self,
        articles: impl Iterator<Item = ArticleId>,
    ) -> Result<Vec<(search::Scored, Option<YearMonth>)>, IndexError> {
        articles
            .map(|article| Ok((unscored(article), self.index.date(article)?)))
            .collect()
    }

    /// The page `options` asks for of `all`, in its order (index order or by date, undated
    /// articles last either way).
    fn page(
        &self,
        mut all: Vec<(search::Scored, Option<YearMonth>)>,
        options: &OverviewOptions,
    ) -> Result<Vec<ArticleSummary<'a>>, IndexError> {
        search::page::sort(&mut all, options.sort);
        all.iter()
            .skip(options.offset)
            .take(options.limit)
            .map(|(s, _)| crate::summary(&self.index, s.article, &self.index.head(s.article)?))
            .collect()
    }
}

/// Article `article` as a match of no query (every article of the start page).
fn unscored(article: ArticleId) -> search::Scored {
    search::Scored {
        article,
        tier: 0,
        score: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_lists_every_article_and_counts_like_a_filtered_search() {
        let ex = Explorer::embedded().unwrap();
        let all = ex.overview(&OverviewOptions::default()).unwrap();
        assert_eq!(all.total, ex.articles().unwrap().len());
        assert_eq!(all.articles.len(), all.total);
        let dated: usize = all.dates.iter().map(|d| d.count).sum();
        assert_eq!(dated + all.undated, all.total);
        for demonyms in [true, false] {
            let o = ex
                .overview(&OverviewOptions {
                    demonyms,
                    ..OverviewOptions::default()
                })
                .unwrap();
            assert!(!o.facets.is_empty());
            for f in o.facets.iter().take(20) {
                let filtered = crate::SearchOptions {
                    entities: vec![f.id],
                    demonyms,
                    limit: 0,
                    ..crate::SearchOptions::default()
                };
                assert_eq!(
                    ex.search("", &filtered).unwrap().total,
                    f.count,
                    "{}",
                    f.name
                );
            }
        }
    }

    #[test]
    fn newest_first_puts_undated_articles_last() {
        let ex = Explorer::embedded().unwrap();
        for sort in [Sort::Newest, Sort::Oldest] {
            let o = ex
                .overview(&OverviewOptions {
                    sort,
                    ..OverviewOptions::default()
                })
                .unwrap();
            let dates: Vec<Option<YearMonth>> = o.articles.iter().map(|a| a.date).collect();
            let first_undated = dates
                .iter()
                .position(Option::is_none)
                .unwrap_or(dates.len());
            assert!(dates[first_undated..].iter().all(Option::is_none));
            let dated = &dates[..first_undated];
            assert!(dated.windows(2).all(|w| match sort {
                Sort::Newest => w[0] >= w[1],
                _ => w[0] <= w[1],
            }));
        }
        let page = ex
            .overview(&OverviewOptions {
                offset: 1,
                limit: 2,
                ..OverviewOptions::default()
            })
            .unwrap();
        assert_eq!(page.articles.len(), 2.min(page.total.saturating_sub(1)));
    }
}
