//! Figures over the whole collection that the engine counts and a lazy index also keeps
//! counted at build time (`lazy`: the sections ETOT and STRT, docs/HOSTED.md): one rule each,
//! here, used by both: every entity's number of articles ([`EntityTotals`]), articles per
//! month ([`month_counts`]), articles per source and author ([`MetaTable::counts`]).
//!
//! ```text
//! ETOT  count u32 | count x u32 articles mentioning entity i by name or demonym
//!                 | count x u32 articles mentioning it by name
//! STRT  undated u32 | months: count u32, per month year u16, month u8, articles u32
//!       | sources: count u32, per source id its name (u32 length, UTF-8) and articles u32
//!       | authors: the same, per author id
//! ```

use crate::{ArticleId, EntityId, Index, IndexError, YearMonth};

/// Per entity id, the number of articles that mention it: by name or demonym (`all`), by
/// name (`named`). What facets over most of the articles start from (they count the
/// others and subtract).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityTotals {
    pub all: Vec<u32>,
    pub named: Vec<u32>,
}

impl EntityTotals {
    /// No article counted yet, for `entity_count` entities.
    pub fn new(entity_count: usize) -> Self {
        EntityTotals {
            all: vec![0; entity_count],
            named: vec![0; entity_count],
        }
    }

    /// Counts one article, its distinct entities as its AENT row gives them (an id beyond
    /// the entities is not counted).
    pub fn add(&mut self, entities: &[(EntityId, bool)]) {
        for &(id, by_name) in entities {
            if let Some(n) = self.all.get_mut(id.0 as usize) {
                *n += 1;
            }
            if let Some(n) = self.named.get_mut(id.0 as usize).filter(|_| by_name) {
                *n += 1;
            }
        }
    }

    /// Every article of `index` counted from its AENT row.
    pub fn count(index: &Index<'_>) -> Result<Self, IndexError> {
        let mut out = EntityTotals::new(index.entity_count() as usize);
        let mut buf = Vec::new();
        for article in index.article_ids() {
            index.article_entities_into(article, &mut buf)?;
            out.add(&buf);
        }
        Ok(out)
    }

    /// The totals by name or demonym (`demonyms`), else by name only.
    pub fn of(&self, demonyms: bool) -> &[u32] {
        if demonyms {
            &self.all
        } else {
            &self.named
        }
    }

    /// The ETOT section's bytes.
    #[cfg(feature = "write")]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 8 * self.all.len());
        out.extend_from_slice(&(self.all.len() as u32).to_le_bytes());
        for n in self.all.iter().chain(&self.named) {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }

    /// An ETOT section (as [`EntityTotals::encode`] writes it).
    #[cfg(feature = "lazy")]
    pub fn decode(bytes: &[u8]) -> Result<Self, IndexError> {
        let corrupt = IndexError::Corrupt {
            section: "ETOT",
            offset: 0,
        };
        let word = |i: usize| -> Option<u32> {
            let b = bytes.get(4 * i..4 * i + 4)?;
            Some(u32::from_le_bytes(b.try_into().ok()?))
        };
        let n = word(0).ok_or(corrupt.clone())? as usize;
        if bytes.len() != 4 + 8 * n {
            return Err(corrupt);
        }
        let column = |from: usize| (from..from + n).filter_map(word).collect();
        Ok(EntityTotals {
            all: column(1),
            named: column(1 + n),
        })
    }
}

/// How many articles fall in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateCount {
    pub date: YearMonth,
    pub count: usize,
}

/// Articles per month over the `dates` of a set of articles, oldest first, and the number
/// without a date.
pub fn month_counts(dates: impl Iterator<Item = Option<YearMonth>>) -> (Vec<DateCount>, usize) {
    // Each month as one number in the months' order: counted in a dense table over the
    // span of months seen (a search's matches span a few hundred), not a map per article.
    let key = |d: YearMonth| u32::from(d.year) << 8 | u32::from(d.month);
    let month = |k: u32| YearMonth {
        year: (k >> 8) as u16,
        month: k as u8,
    };
    let mut undated = 0;
    let mut keys: Vec<u32> = Vec::new();
    for date in dates {
        match date {
            Some(d) => keys.push(key(d)),
            None => undated += 1,
        }
    }
    let (Some(&lo), Some(&hi)) = (keys.iter().min(), keys.iter().max()) else {
        return (Vec::new(), undated);
    };
    let mut out = Vec::new();
    if hi - lo < DENSE_MONTHS {
        let mut counts = vec![0usize; (hi - lo + 1) as usize];
        for &k in &keys {
            if let Some(c) = counts.get_mut((k - lo) as usize) {
                *c += 1;
            }
        }
        for (k, &count) in (lo..).zip(&counts) {
            if count > 0 {
                out.push(DateCount {
                    date: month(k),
                    count,
                });
            }
        }
    } else {
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a == b) {
            out.push(DateCount {
                date: month(run[0]),
                count: run.len(),
            });
        }
    }
    (out, undated)
}

/// Widest span of month keys (`year << 8 | month`) [`month_counts`] counts in a dense table.
const DENSE_MONTHS: u32 = 1 << 16;

/// Every article's source and authors, decoded once (from AMET), so that filtering and
/// counting over every match of every search read numbers, never strings.
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

    /// A table of these columns (per article its source id + 1 or 0; where each article's
    /// authors begin, one more than there are articles; the author ids), for tests.
    pub fn from_columns(sources: Vec<u32>, starts: Vec<u32>, authors: Vec<u32>) -> Self {
        MetaTable {
            sources,
            starts,
            authors,
        }
    }

    /// The source of `article` (none for an unknown id).
    pub fn source(&self, article: ArticleId) -> Option<u32> {
        self.sources
            .get(article.0 as usize)
            .and_then(|s| s.checked_sub(1))
    }

    /// The authors of `article` (none for an unknown id).
    pub fn authors(&self, article: ArticleId) -> &[u32] {
        let i = article.0 as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.authors.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// How many of `articles` come from each source (per source id, `sources` of them) and
    /// are by each author (per author id).
    pub fn counts(
        &self,
        articles: &[ArticleId],
        sources: usize,
        authors: usize,
    ) -> (Vec<usize>, Vec<usize>) {
        let mut counts = MetaCounts::new(sources, authors);
        for &article in articles {
            counts.add(self.source(article), self.authors(article).iter().copied());
        }
        (counts.by_source, counts.by_author)
    }
}

/// Articles counted per source id and per author id (what [`MetaTable::counts`] counts,
/// and the lazy engine from each article's own row): ids beyond the tables are not counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaCounts {
    pub by_source: Vec<usize>,
    pub by_author: Vec<usize>,
}

impl MetaCounts {
    /// Nothing counted yet, for `sources` sources and `authors` authors.
    pub fn new(sources: usize, authors: usize) -> Self {
        MetaCounts {
            by_source: vec![0; sources],
            by_author: vec![0; authors],
        }
    }

    /// One more article, from `source` and by `authors`.
    pub fn add(&mut self, source: Option<u32>, authors: impl IntoIterator<Item = u32>) {
        if let Some(c) = source.and_then(|s| self.by_source.get_mut(s as usize)) {
            *c += 1;
        }
        for a in authors {
            if let Some(c) = self.by_author.get_mut(a as usize) {
                *c += 1;
            }
        }
    }
}

/// The start page's figures over every article, counted at build time (STRT): the months,
/// the undated articles, and per source and author id its name and number of articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartFigures<'a> {
    pub dates: Vec<DateCount>,
    pub undated: usize,
    pub sources: Vec<(&'a str, usize)>,
    pub authors: Vec<(&'a str, usize)>,
}

impl StartFigures<'_> {
    /// Every article of `index` counted: [`month_counts`] of their dates, and
    /// [`MetaTable::counts`] with the sources' and authors' names.
    #[cfg(feature = "write")]
    pub fn count<'i>(index: &Index<'i>) -> Result<StartFigures<'i>, IndexError> {
        let dates = index
            .article_ids()
            .map(|a| index.date(a))
            .collect::<Result<Vec<_>, IndexError>>()?;
        let (dates, undated) = month_counts(dates.into_iter());
        let meta = index.metadata();
        let ids: Vec<ArticleId> = index.article_ids().collect();
        let (sources, authors) = MetaTable::read(index)?.counts(
            &ids,
            meta.source_count() as usize,
            meta.author_count() as usize,
        );
        let named = |counts: Vec<usize>, name: &dyn Fn(u32) -> Result<&'i str, IndexError>| {
            (0u32..)
                .zip(counts)
                .map(|(i, n)| Ok((name(i)?, n)))
                .collect::<Result<Vec<_>, IndexError>>()
        };
        Ok(StartFigures {
            dates,
            undated,
            sources: named(sources, &|i| meta.source_name(crate::SourceId(i)))?,
            authors: named(authors, &|i| meta.author_name(crate::AuthorId(i)))?,
        })
    }

    /// The STRT section's bytes.
    #[cfg(feature = "write")]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let u32le = |out: &mut Vec<u8>, n: usize| {
            out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes())
        };
        u32le(&mut out, self.undated);
        u32le(&mut out, self.dates.len());
        for d in &self.dates {
            out.extend_from_slice(&d.date.year.to_le_bytes());
            out.push(d.date.month);
            u32le(&mut out, d.count);
        }
        for list in [&self.sources, &self.authors] {
            u32le(&mut out, list.len());
            for (name, n) in list {
                u32le(&mut out, name.len());
                out.extend_from_slice(name.as_bytes());
                u32le(&mut out, *n);
            }
        }
        out
    }
}

impl<'a> StartFigures<'a> {
    /// A STRT section (as [`StartFigures::encode`] writes it).
    #[cfg(feature = "lazy")]
    pub fn decode(bytes: &'a [u8]) -> Result<Self, IndexError> {
        let mut r = Reader { bytes, at: 0 };
        let undated = r.u32()?;
        let months = r.u32()?;
        let mut dates = Vec::with_capacity(months.min(bytes.len() / 7));
        for _ in 0..months {
            let b = r.take(3)?;
            let date = YearMonth {
                year: u16::from_le_bytes([b[0], b[1]]),
                month: b[2],
            };
            dates.push(DateCount {
                date,
                count: r.u32()?,
            });
        }
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = r.u32()?;
            list.reserve(n.min(bytes.len() / 8));
            for _ in 0..n {
                let len = r.u32()?;
                let at = r.at;
                let name = std::str::from_utf8(r.take(len)?).map_err(|_| r.corrupt(at))?;
                list.push((name, r.u32()?));
            }
        }
        if r.at != bytes.len() {
            return Err(r.corrupt(r.at));
        }
        let [sources, authors] = lists;
        Ok(StartFigures {
            dates,
            undated,
            sources,
            authors,
        })
    }
}

/// The bytes of a STRT section, read in order.
#[cfg(feature = "lazy")]
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

#[cfg(feature = "lazy")]
impl<'a> Reader<'a> {
    fn corrupt(&self, offset: usize) -> IndexError {
        IndexError::Corrupt {
            section: "STRT",
            offset,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        let end = self.at.checked_add(n).ok_or(self.corrupt(self.at))?;
        let b = self.bytes.get(self.at..end).ok_or(self.corrupt(self.at))?;
        self.at = end;
        Ok(b)
    }

    fn u32(&mut self) -> Result<usize, IndexError> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn totals_count_each_article_once_per_entity_and_round_trip() {
        let mut t = EntityTotals::new(3);
        t.add(&[(EntityId(0), true), (EntityId(2), false)]);
        t.add(&[(EntityId(0), false), (EntityId(9), true)]);
        assert_eq!((t.of(true), t.of(false)), (&[2, 0, 1][..], &[1, 0, 0][..]));
        assert_eq!(EntityTotals::decode(&t.encode()).unwrap(), t);
        let bytes = t.encode();
        assert!(EntityTotals::decode(&bytes[..bytes.len() - 1]).is_err());
        assert!(EntityTotals::decode(&[]).is_err());
        assert_eq!(
            EntityTotals::decode(&0u32.to_le_bytes()).unwrap(),
            EntityTotals::default()
        );
    }

    #[test]
    fn start_figures_round_trip_and_refuse_a_cut_section() {
        let ym = |year, month| YearMonth { year, month };
        let (dates, undated) = month_counts(
            [
                Some(ym(2019, 3)),
                None,
                Some(ym(2019, 3)),
                Some(ym(2020, 1)),
            ]
            .into_iter(),
        );
        let figures = StartFigures {
            dates,
            undated,
            sources: vec![("heise", 2), ("Zeit", 0)],
            authors: vec![("Ä. Müller", 1)],
        };
        let bytes = figures.encode();
        assert_eq!(StartFigures::decode(&bytes).unwrap(), figures);
        for cut in [1, 5, bytes.len() - 1] {
            assert!(StartFigures::decode(&bytes[..cut]).is_err(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(StartFigures::decode(&longer).is_err());
        assert_eq!(
            StartFigures::decode(&[0; 16]).unwrap(),
            StartFigures::default()
        );
    }

    #[test]
    fn meta_tables_count_sources_and_authors_and_answer_nothing_for_unknown_articles() {
        let table = MetaTable::from_columns(vec![0, 2, 2], vec![0, 0, 2, 3], vec![3, 1, 1]);
        assert_eq!(table.source(ArticleId(0)), None);
        assert_eq!(table.source(ArticleId(1)), Some(1));
        assert_eq!(table.source(ArticleId(9)), None);
        assert_eq!(table.authors(ArticleId(1)), [3, 1]);
        assert!(table.authors(ArticleId(9)).is_empty());
        let ids = [ArticleId(0), ArticleId(1), ArticleId(2), ArticleId(9)];
        let (sources, authors) = table.counts(&ids, 2, 4);
        assert_eq!((sources, authors), (vec![0, 2], vec![0, 2, 0, 1]));
    }
}
