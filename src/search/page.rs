//! Selecting and paging: the ranked matches narrowed by entity and date filters (from the
//! options and from the query) and by source and author, sorted as asked; the date
//! histogram on the way.

use super::{plan, Ranking, Scored};
use crate::model::{DateCount, Loosened, SearchOptions, Sort};
use crate::query::{self, Query};
use crate::{facets, metadata, Explorer};
use explorer_index::{ArticleId, EntityId, IndexError, YearMonth};
use std::collections::BTreeSet;

/// The articles a query and options select, ranked and sorted, with what the answer reports
/// about them; no snippets, facets or pages yet.
pub struct Selection<'a> {
    pub parsed: Query,
    pub ranking: Ranking<'a>,
    /// Entity filters from the options and the query that articles must mention.
    pub selected: Vec<EntityId>,
    /// Loosenings so far (unknown entity filters, unreadable filters).
    pub loosened: Vec<Loosened>,
    /// Matching articles in answer order, with their dates (each `None` when the answer
    /// needs none: no facets, no date filter, no date order).
    pub matching: Vec<(Scored, Option<YearMonth>)>,
    /// The date histogram before the date filter, and the undated count (empty and 0
    /// without the facets, [`SearchOptions::facets`]).
    pub dates: Vec<DateCount>,
    pub undated: usize,
}

/// Run `query` with `options` over `ex`'s index: plan, match, rank, filter, sort.
pub fn select<'a>(
    ex: &Explorer<'a>,
    query: &str,
    options: &SearchOptions,
) -> Result<Selection<'a>, IndexError> {
    let index = &ex.index;
    let parsed = query::parse(query);
    let filters = plan::filters(index, &parsed, &options.entities)?;
    let mut loosened: Vec<Loosened> = filters
        .unknown
        .iter()
        .chain(&parsed.unreadable)
        .map(|f| Loosened::UnknownEntity { filter: f.clone() })
        .collect();
    loosened.dedup();
    let has_dates = options.from.is_some() || options.to.is_some() || !parsed.dates.is_empty();
    let by_meta = metadata::MetaFilter::new(index, options);
    let filtered = !filters.required.is_empty()
        || !filters.excluded.is_empty()
        || has_dates
        || !by_meta.is_empty();
    // Only a page's articles need to be in exact order.
    let needed = options
        .offset
        .saturating_add(options.limit.min(super::MAX_LIMIT));
    // Filters and other orders than relevance: the matches are ordered (and their scores
    // made the relevance shown) after they are filtered, below.
    let unordered = filtered || options.sort != Sort::Relevance;
    let words = !parsed.clauses.is_empty() || !parsed.excluded.is_empty();
    let ranking = if words && unordered {
        super::run_unordered(index, &parsed)?
    } else if words {
        super::run_for(index, &parsed, needed)?
    } else if filtered {
        super::browse(index, &filters.required, &BTreeSet::new())?
    } else {
        Ranking::default()
    };
    let restrict = facets::articles_mentioning_all(index, &filters.required, options.demonyms)?;
    let mut banned: BTreeSet<ArticleId> = BTreeSet::new();
    for &id in &filters.excluded {
        if let Some(set) = facets::articles_mentioning_all(index, &[id], options.demonyms)? {
            banned.extend(set);
        }
    }
    let meta = if by_meta.is_empty() {
        None
    } else {
        Some(ex.meta_table()?)
    };
    // The histogram is counted with the facets: an answer without them reads the matches'
    // dates only to filter or order by them (in lazy hosted mode every article's date is a
    // section of its own, which a page's first answer then does not fetch).
    let dated = options.facets || has_dates || options.sort != Sort::Relevance;
    let mut matching = Vec::with_capacity(ranking.ranked.len());
    for scored in &ranking.ranked {
        let outside = restrict
            .as_ref()
            .is_some_and(|r| !r.contains(&scored.article))
            || meta.is_some_and(|t| !by_meta.passes(t, scored.article));
        if outside || banned.contains(&scored.article) {
            continue;
        }
        let date = if dated {
            index.date(scored.article)?
        } else {
            None
        };
        matching.push((*scored, date));
    }
    // The histogram shows the results before the date filter, so the range stays visible.
    let (dates, undated) = if options.facets {
        facets::dates(matching.iter().map(|(_, d)| *d))
    } else {
        (Vec::new(), 0)
    };
    if has_dates {
        matching.retain(|(_, date)| in_dates(*date, options, &parsed));
    }
    if words && unordered {
        if options.sort == Sort::Relevance {
            let needed = needed.max(super::MIN_ORDERED);
            let better = |(a, _): &(Scored, _), (b, _): &(Scored, _)| super::rank::better(a, b);
            if needed < matching.len() {
                matching.select_nth_unstable_by(needed, better);
                matching[..needed].sort_unstable_by(better);
            } else {
                matching.sort_unstable_by(better);
            }
        }
        for (scored, _) in &mut matching {
            super::rank::shown(scored);
        }
    }
    sort(&mut matching, options.sort);
    Ok(Selection {
        parsed,
        ranking,
        selected: filters.required,
        loosened,
        matching,
        dates,
        undated,
    })
}

/// Whether an article dated `date` passes the options' range and the query's `datum:`
/// filters (all of them; a negated one must not hold). Undated articles pass only negated
/// filters (`-datum:2019`: not dated 2019).
pub fn in_dates(date: Option<YearMonth>, options: &SearchOptions, query: &Query) -> bool {
    let Some(d) = date else {
        return options.from.is_none()
            && options.to.is_none()
            && query.dates.iter().all(|r| r.negated);
    };
    options.from.is_none_or(|f| d >= f)
        && options.to.is_none_or(|t| d <= t)
        && query
            .dates
            .iter()
            .all(|r| (r.from <= d && d <= r.to) != r.negated)
}

/// Order the matches as asked: relevance keeps the ranking; by date, dated before undated,
/// ties by article id, so the order is deterministic.
pub fn sort(matching: &mut [(Scored, Option<YearMonth>)], order: Sort) {
    let newest = match order {
        Sort::Relevance => return,
        Sort::Oldest => false,
        Sort::Newest => true,
    };
    // One comparison for both orders: each sort_unstable_by is its own copy of the sort.
    matching.sort_unstable_by(|(sa, a), (sb, b)| {
        let by_date = match (a, b) {
            (Some(a), Some(b)) if newest => b.cmp(a),
            _ => (a.is_none(), *a).cmp(&(b.is_none(), *b)),
        };
        by_date.then_with(|| sa.article.cmp(&sb.article))
    });
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Matches filtered or sorted by date, ordered after the filters, are in the order of
    /// the whole ranking and have its scores.
    #[test]
    fn filtered_matches_keep_the_whole_rankings_order_and_scores() {
        let dir = std::env::temp_dir().join(format!("explorer-filtered-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let filler = ["Wald", "Weg", "Bach", "Wiese", "Feld", "Hang"];
        for i in 0..400usize {
            let mut words: Vec<&str> = vec!["Ahorn"; i * 7 % 11 + 1];
            words.extend((0..i * 3 % 17).map(|k| filler[(i + k) % filler.len()]));
            if i % 5 < 2 {
                words.push("Birke");
            }
            let text = format!(
                " date {}-{:02}\nTitel {i}\n\n{}.\n",
                2010 + i % 10,
                1 + i % 12,
                words.join(" ")
            );
            std::fs::write(dir.join(format!("{i:03}.txt")), text).expect("an article");
        }
        let built = explorer_ingest::build(&dir).expect("builds");
        std::fs::remove_dir_all(&dir).expect("cleaned up");
        let ex = Explorer::open(&built.index).expect("opens");
        let since = Some(YearMonth {
            year: 2012,
            month: 6,
        });
        let mut compared = 0;
        for (q, from, sort) in [
            ("Ahorn -datum:2013 ", None, Sort::Relevance),
            ("Ahorn -datum:2010..2014 ", None, Sort::Relevance),
            ("Ahorn datum:2011..2016 ", None, Sort::Relevance),
            ("Ahorn Birke ", since, Sort::Relevance),
            ("Ahorn ", since, Sort::Relevance),
            ("Ahorn ", None, Sort::Newest),
            ("Ahorn Wald ", since, Sort::Oldest),
        ] {
            let options = SearchOptions {
                limit: 5,
                from,
                sort,
                ..SearchOptions::default()
            };
            let selection = select(&ex, q, &options).expect("selects");
            let whole = super::super::run(&ex.index, &selection.parsed).expect("ranks");
            let kept: BTreeSet<ArticleId> =
                selection.matching.iter().map(|(s, _)| s.article).collect();
            let expected: Vec<Scored> = whole
                .ranked
                .into_iter()
                .filter(|s| kept.contains(&s.article))
                .collect();
            assert!(
                expected.len() > super::super::MIN_ORDERED,
                "{q}: enough matches"
            );
            let mut got: Vec<Scored> = selection.matching.iter().map(|(s, _)| *s).collect();
            if sort == Sort::Relevance {
                let first = super::super::MIN_ORDERED;
                assert_eq!(got[..first], expected[..first], "{q}: the first in order");
            }
            got.sort_by_key(|s| s.article);
            let mut expected = expected;
            expected.sort_by_key(|s| s.article);
            assert_eq!(got, expected, "{q}: the same scores");
            compared += got.len();
        }
        assert!(compared > 1000, "{compared}");
    }
}
