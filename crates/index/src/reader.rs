//! [`Index`]: the read side, over borrowed bytes.

use crate::container::{self, Sections};
use crate::{articles, postings, ArticleId, ArticleRecord, IndexError, Postings};
use fst::Map;

/// An opened index. Cheap to open (verifies the header and checksum, parses the directory
/// and the fst's header) and never copies the bytes.
pub struct Index<'a> {
    terms: Map<&'a [u8]>,
    postings: &'a [u8],
    docs: &'a [u8],
    article_count: u32,
    avg_len: f32,
}

impl<'a> Index<'a> {
    /// Verify and open `bytes` (see the crate docs for the order of checks).
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>, IndexError> {
        let sections: Sections<'a> = container::open(bytes)?;
        let terms = Map::new(sections.get(*b"TERM")?).map_err(|_| IndexError::Corrupt {
            section: "TERM",
            offset: 0,
        })?;
        let docs = sections.get(*b"DOCS")?;
        let article_count = articles::count(docs)?;
        let meta = sections.get(*b"META")?;
        let avg_len = meta
            .get(0..4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .filter(|v| v.is_finite())
            .ok_or(IndexError::Corrupt {
                section: "META",
                offset: 0,
            })?;
        Ok(Index {
            terms,
            postings: sections.get(*b"POST")?,
            docs,
            article_count,
            avg_len,
        })
    }

    /// Number of articles.
    pub fn article_count(&self) -> u32 {
        self.article_count
    }

    /// All article ids, in order.
    pub fn article_ids(&self) -> impl Iterator<Item = ArticleId> {
        (0..self.article_count).map(ArticleId)
    }

    /// Average indexed length of an article, in tokens (for BM25).
    pub fn avg_len(&self) -> f32 {
        self.avg_len
    }

    /// The term dictionary, for exact, prefix and fuzzy lookups with fst automata.
    pub fn terms(&self) -> &Map<&'a [u8]> {
        &self.terms
    }

    /// The postings of `term`, or `None` if it is not in the index.
    pub fn postings(&self, term: &str) -> Result<Option<Postings>, IndexError> {
        match self.terms.get(term) {
            Some(offset) => self.postings_at(offset).map(Some),
            None => Ok(None),
        }
    }

    /// The postings list at `offset`, a value from [`Index::terms`].
    pub fn postings_at(&self, offset: u64) -> Result<Postings, IndexError> {
        let offset = usize::try_from(offset).map_err(|_| IndexError::Corrupt {
            section: "POST",
            offset: usize::MAX,
        })?;
        postings::decode(self.postings, offset)
    }

    /// The stored article `id`.
    pub fn article(&self, id: ArticleId) -> Result<ArticleRecord<'a>, IndexError> {
        articles::decode(self.docs, id)
    }
}
