//! Article metadata (the AMET section): source, authors, URL and language of each article,
//! with the sources and authors as ids into sorted name tables, so that counting facets
//! by source or author reads numbers, never strings.
//!
//! ```text
//! AMET   offsets u32 LE x 4, relative to the section: SRC, AUT, LNG, PER
//!        per article, fixed 4 bytes: source id + 1 u32 LE (0: no source)   <- facet column
//!        SRC  table of source names, sorted (SourceId = position)
//!        AUT  table of author names, sorted (AuthorId = position)
//!        LNG  table of language tags, sorted
//!        PER  table, per article: language + 1 varint (0: none) | author count varint |
//!             author ids varint | url str ("" when none)
//! ```
//!
//! A table is the one of [`super::table`]: count u32, offsets u32, records (here a string
//! each). Writer and reader are side by side; the writer is behind the `write` feature.

use super::{count, read_u32_le, table_record};
use crate::varint::Cursor;
use crate::{ArticleId, IndexError};

/// A source (outlet) in the index's table of sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// An author in the index's table of authors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AuthorId(pub u32);

/// An article's metadata: what the writer takes, and what [`Metadata::article`] returns
/// (borrowing the index bytes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta<'a> {
    /// The outlet, e.g. `Tagesschau`.
    pub source: Option<&'a str>,
    /// In the order the article gives them.
    pub authors: Vec<&'a str>,
    /// The original URL (the ingest stores only `http`/`https`).
    pub url: Option<&'a str>,
    /// A language tag, e.g. `de`.
    pub language: Option<&'a str>,
}

const HEADER: usize = 16;

/// Encode the AMET section of `metas` (one per article, in id order).
#[cfg(feature = "write")]
pub(crate) fn encode(metas: &[ArticleMeta<'_>]) -> Vec<u8> {
    use crate::varint::{put_str, put_u64};
    use std::collections::BTreeSet;
    let names = |pick: &dyn Fn(&ArticleMeta<'_>) -> Vec<String>| -> Vec<String> {
        let set: BTreeSet<String> = metas.iter().flat_map(pick).collect();
        set.into_iter().collect()
    };
    let sources = names(&|m| m.source.map(str::to_owned).into_iter().collect());
    let authors = names(&|m| m.authors.iter().map(|a| (*a).to_owned()).collect());
    let languages = names(&|m| m.language.map(str::to_owned).into_iter().collect());
    let id_of = |table: &[String], name: &str| -> u64 {
        table
            .binary_search_by(|n| n.as_str().cmp(name))
            .map_or(0, |i| i as u64)
    };
    let strings = |items: &[String]| super::table(items, |out, s| put_str(out, s));
    let src = strings(&sources);
    let aut = strings(&authors);
    let lng = strings(&languages);
    let per = super::table(metas, |out, m| {
        put_u64(out, m.language.map_or(0, |l| id_of(&languages, l) + 1));
        put_u64(out, m.authors.len() as u64);
        for a in &m.authors {
            put_u64(out, id_of(&authors, a));
        }
        put_str(out, m.url.unwrap_or(""));
    });
    let column = HEADER + 4 * metas.len();
    let mut out = Vec::with_capacity(column + src.len() + aut.len() + lng.len() + per.len());
    let mut at = column;
    for part in [&src, &aut, &lng, &per] {
        out.extend_from_slice(&(at as u32).to_le_bytes());
        at += part.len();
    }
    for m in metas {
        let id = m.source.map_or(0, |s| id_of(&sources, s) as u32 + 1);
        out.extend_from_slice(&id.to_le_bytes());
    }
    for part in [src, aut, lng, per] {
        out.extend_from_slice(&part);
    }
    out
}

/// The AMET section, opened: per-article sources, authors, URLs and languages, and the
/// tables of source and author names. Get it with `Index::metadata`.
#[derive(Debug, Clone, Copy)]
pub struct Metadata<'a> {
    column: &'a [u8],
    sources: &'a [u8],
    authors: &'a [u8],
    languages: &'a [u8],
    per: &'a [u8],
    article_count: u32,
    source_count: u32,
    author_count: u32,
}

const SECTION: &str = "AMET";

fn corrupt(offset: usize) -> IndexError {
    IndexError::Corrupt {
        section: SECTION,
        offset,
    }
}

impl<'a> Metadata<'a> {
    /// Open the AMET section of an index of `article_count` articles; its parts are checked
    /// to lie inside it and to count as many articles.
    pub(crate) fn open(section: &'a [u8], article_count: u32) -> Result<Self, IndexError> {
        let offset = |i: usize| read_u32_le(section, 4 * i).map(|v| v as usize);
        let parts = [offset(0), offset(1), offset(2), offset(3)];
        let [Some(src), Some(aut), Some(lng), Some(per)] = parts else {
            return Err(corrupt(0));
        };
        let column_end = HEADER + 4 * article_count as usize;
        if !(column_end <= src && src <= aut && aut <= lng && lng <= per && per <= section.len()) {
            return Err(corrupt(0));
        }
        let meta = Metadata {
            column: &section[HEADER..column_end],
            sources: &section[src..aut],
            authors: &section[aut..lng],
            languages: &section[lng..per],
            per: &section[per..],
            article_count,
            source_count: count(&section[src..aut], SECTION)?,
            author_count: count(&section[aut..lng], SECTION)?,
        };
        count(meta.languages, SECTION)?;
        if count(meta.per, SECTION)? != article_count {
            return Err(corrupt(per));
        }
        Ok(meta)
    }

    /// Number of distinct sources.
    pub fn source_count(&self) -> u32 {
        self.source_count
    }

    /// Number of distinct authors.
    pub fn author_count(&self) -> u32 {
        self.author_count
    }

    /// The source of article `id`. Constant time, no string read: for facet counts.
    pub fn source(&self, id: ArticleId) -> Result<Option<SourceId>, IndexError> {
        let at = id.0 as usize * 4;
        let v = read_u32_le(self.column, at).ok_or(IndexError::NoSuchArticle {
            id: id.0,
            count: self.article_count,
        })?;
        Ok(v.checked_sub(1).map(SourceId))
    }

    /// The name of source `id`.
    pub fn source_name(&self, id: SourceId) -> Result<&'a str, IndexError> {
        name(self.sources, id.0)
    }

    /// The name of author `id`.
    pub fn author_name(&self, id: AuthorId) -> Result<&'a str, IndexError> {
        name(self.authors, id.0)
    }

    /// The source named exactly `name`, if any (binary search of the sorted table).
    pub fn source_by_name(&self, name: &str) -> Option<SourceId> {
        find(self.sources, self.source_count, name).map(SourceId)
    }

    /// The author named exactly `name`, if any.
    pub fn author_by_name(&self, name: &str) -> Option<AuthorId> {
        find(self.authors, self.author_count, name).map(AuthorId)
    }

    /// The authors of article `id`, in the article's order.
    pub fn authors(&self, id: ArticleId) -> Result<Vec<AuthorId>, IndexError> {
        let mut out = Vec::new();
        self.authors_into(id, &mut out)?;
        Ok(out)
    }

    /// [`Metadata::authors`] into `out` (cleared first), for loops over many articles.
    pub fn authors_into(&self, id: ArticleId, out: &mut Vec<AuthorId>) -> Result<(), IndexError> {
        out.clear();
        let mut c = table_record(self.per, SECTION, id.0)?;
        let bad = |c: &Cursor<'_>| corrupt(c.pos());
        c.u64().ok_or_else(|| bad(&c))?;
        let n = c.u32().ok_or_else(|| bad(&c))?;
        for _ in 0..n {
            let a = c.u32().ok_or_else(|| bad(&c))?;
            if a >= self.author_count {
                return Err(bad(&c));
            }
            out.push(AuthorId(a));
        }
        Ok(())
    }

    /// Everything about article `id`, names resolved.
    pub fn article(&self, id: ArticleId) -> Result<ArticleMeta<'a>, IndexError> {
        let source = match self.source(id)? {
            Some(s) => Some(self.source_name(s)?),
            None => None,
        };
        let mut c = table_record(self.per, SECTION, id.0)?;
        let bad = |c: &Cursor<'_>| corrupt(c.pos());
        let language = match c.u32().ok_or_else(|| bad(&c))? {
            0 => None,
            l => Some(name(self.languages, l - 1)?),
        };
        let n = c.u32().ok_or_else(|| bad(&c))?;
        let mut authors = Vec::with_capacity(n.min(64) as usize);
        for _ in 0..n {
            authors.push(name(self.authors, c.u32().ok_or_else(|| bad(&c))?)?);
        }
        let url = c.str().ok_or_else(|| bad(&c))?;
        Ok(ArticleMeta {
            source,
            authors,
            url: (!url.is_empty()).then_some(url),
            language,
        })
    }
}

/// Non-zero counts by index, most first, ties by index.
/// String `i` of a name table.
fn name(table: &[u8], i: u32) -> Result<&str, IndexError> {
    let mut c = table_record(table, SECTION, i).map_err(|_| corrupt(0))?;
    c.str().ok_or_else(|| corrupt(c.pos()))
}

/// The position of `wanted` in a sorted name table of `n` strings.
fn find(table: &[u8], n: u32, wanted: &str) -> Option<u32> {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match name(table, mid).ok()?.cmp(wanted) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(all(test, feature = "write"))]
mod tests {
    use super::*;

    #[test]
    fn round_trips_metadata_with_shared_name_tables() {
        let metas = vec![
            ArticleMeta {
                source: Some("Tagesschau"),
                authors: vec!["Ben Schulz", "Anna Meier"],
                url: Some("https://www.tagesschau.de/a"),
                language: Some("de"),
            },
            ArticleMeta::default(),
            ArticleMeta {
                source: Some("Der Spiegel"),
                authors: vec!["Anna Meier"],
                url: None,
                language: Some("de"),
            },
        ];
        let bytes = encode(&metas);
        let m = Metadata::open(&bytes, 3).unwrap();
        for (i, want) in metas.iter().enumerate() {
            assert_eq!(&m.article(ArticleId(i as u32)).unwrap(), want);
        }
        assert_eq!((m.source_count(), m.author_count()), (2, 2));
        let tagesschau = m.source(ArticleId(0)).unwrap().unwrap();
        assert_eq!(m.source_name(tagesschau).unwrap(), "Tagesschau");
        assert_eq!(m.source(ArticleId(1)).unwrap(), None);
        assert_eq!(m.source_by_name("Der Spiegel"), Some(SourceId(0)));
        assert_eq!(m.source_by_name("Bild"), None);
        let anna = m.author_by_name("Anna Meier").unwrap();
        assert_eq!(m.authors(ArticleId(2)).unwrap(), [anna]);
        assert_eq!(m.authors(ArticleId(0)).unwrap().len(), 2);
        assert!(matches!(
            m.source(ArticleId(3)),
            Err(IndexError::NoSuchArticle { id: 3, count: 3 })
        ));
        assert!(Metadata::open(&bytes, 4).is_err());
        assert_eq!(m.source(ArticleId(2)).unwrap(), Some(SourceId(0)));
        assert!(m.authors(ArticleId(0)).unwrap().contains(&anna));
        for cut in 0..bytes.len() {
            if let Ok(m) = Metadata::open(&bytes[..cut], 3) {
                let _ = m.article(ArticleId(2));
            }
        }
    }
}
