//! [`Index`]: the read side, over borrowed bytes.

#[cfg(feature = "chunks")]
use crate::chunks::TextChunks;
use crate::container::{self, Sections};
use crate::dictionary::Dictionary;
use crate::entities::{self, EntityId, EntityKind, EntityRecord, Mention};
use crate::{
    articles, postings, ArticleHead, ArticleId, ArticleRecord, IndexError, Metadata, PostingList,
};
use fst::Map;

/// An opened index. Cheap to open (verifies the header and checksum, parses the directory
/// and the fst's header) and never copies the bytes.
pub struct Index<'a> {
    sections: Vec<([u8; 4], usize)>,
    terms: Dictionary<'a>,
    postings: &'a [u8],
    /// An index assembled from a lazy index's files (`lazy::LazyIndex::assemble`): where
    /// each loaded postings pack begins in POST; its term values name a pack, not a place in
    /// POST (see [`Index::list_offset`]). `None` in every index a writer made.
    packs: Option<&'a [u8]>,
    head: &'a [u8],
    /// The texts: the BODY section, or (hosted) none, and a table of text chunks.
    body: Option<&'a [u8]>,
    #[cfg(feature = "chunks")]
    text_chunks: Option<TextChunks<'a>>,
    arts: &'a [u8],
    lens: &'a [u8],
    ents: &'a [u8],
    ment: &'a [u8],
    aent: &'a [u8],
    /// The alias map: ALIA, or (an assembled lazy index) the alias shards loaded (ALIS).
    aliases: Dictionary<'a>,
    metadata: Metadata<'a>,
    /// A lazy index's figures counted at build time (ETOT: `figures.rs`), if it has them.
    #[cfg(feature = "lazy")]
    entity_totals: Option<&'a [u8]>,
    /// A lazy index's start page figures counted at build time (STRT), if it has them.
    #[cfg(feature = "lazy")]
    start_figures: Option<&'a [u8]>,
    /// A lazy index's alias filter (ALKF: `lazy::filter`), if it has one.
    #[cfg(feature = "lazy")]
    alias_filter: Option<&'a [u8]>,
    article_count: u32,
    entity_count: u32,
    avg_len: f32,
}

impl<'a> Index<'a> {
    /// Verify and open `bytes` (see the crate docs for the order of checks).
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>, IndexError> {
        Index::open_with::<true>(bytes)
    }

    /// Open the index a program embeds from its own build (`include_bytes!` of the file its
    /// build script wrote): every check but the checksum pass, which guards bytes that come
    /// from elsewhere (a file, a download) and costs a pass over all of them on every page
    /// load. The module carrying the bytes was itself checked by the browser.
    pub fn open_embedded(bytes: &'a [u8]) -> Result<Index<'a>, IndexError> {
        Index::open_with::<false>(bytes)
    }

    /// `VERIFY` is a constant, not an argument, so that a program which only opens its
    /// embedded index links no checksum code: fst's CRC-32C tables and the container's CRC-32
    /// table were 21 KiB of the .wasm that gzip cannot shrink.
    fn open_with<const VERIFY: bool>(bytes: &'a [u8]) -> Result<Index<'a>, IndexError> {
        Index::of_sections::<VERIFY>(container::open_with::<VERIFY>(bytes)?)
    }

    /// Open an index of `sections` (tag and bytes, each where it already is): what a lazy
    /// index assembles each round (`lazy::Assembled`), read in place instead of copied into
    /// one container. The same checks as [`Index::open_embedded`] (no checksum: the files
    /// were each checked against their names when they came).
    #[cfg(feature = "lazy")]
    pub fn open_sections(
        sections: Vec<(container::Tag, &'a [u8])>,
    ) -> Result<Index<'a>, IndexError> {
        Index::of_sections::<false>(Sections::of(sections))
    }

    fn of_sections<const VERIFY: bool>(sections: Sections<'a>) -> Result<Index<'a>, IndexError> {
        let sizes = sections.sizes();
        let terms = Map::new(sections.get(*b"TERM")?).map_err(|_| IndexError::Corrupt {
            section: "TERM",
            offset: 0,
        })?;
        // An fst carries its own checksum: with the outer CRC it keeps a consistent but
        // crafted container (found by the index_reader fuzz target) from reaching `fst`'s
        // traversal, which trusts its root address.
        if VERIFY && terms.as_fst().verify().is_err() {
            return Err(IndexError::Corrupt {
                section: "TERM",
                offset: 0,
            });
        }
        // An index assembled from a lazy index's files: the loaded shards' fsts as they came.
        let terms = match sections.get(*b"TRMS") {
            Ok(parts) => Dictionary::parts::<VERIFY>(parts)?,
            Err(_) => Dictionary::single(terms),
        };
        let head = sections.get(*b"HEAD")?;
        let arts = sections.get(*b"ARTS")?;
        let lens = sections.get(*b"LENS")?;
        let aent = sections.get(*b"AENT")?;
        let article_count = articles::count(head, "HEAD")?;
        // The texts are in BODY, or (a hosted index) in chunks listed by TXTC.
        #[cfg(feature = "chunks")]
        let (body, text_chunks) = match sections.get(*b"TXTC") {
            Ok(t) => (None, Some(TextChunks::of(t, article_count, &sections)?)),
            Err(_) => (Some(sections.get(*b"BODY")?), None),
        };
        #[cfg(not(feature = "chunks"))]
        let body = Some(sections.get(*b"BODY")?);
        if body.map_or(Ok(article_count), |b| articles::count(b, "BODY"))? != article_count
            || arts.len() != article_count as usize * articles::ARTS_RECORD
            || lens.len() != article_count as usize
            || articles::count(aent, "AENT")? != article_count
        {
            return Err(IndexError::Corrupt {
                section: "ARTS/LENS/BODY/AENT (article counts disagree)",
                offset: 0,
            });
        }
        let ents = sections.get(*b"ENTS")?;
        let ment = sections.get(*b"MENT")?;
        let entity_count = entities::entity_count(ents)?;
        let aliases = Map::new(sections.get(*b"ALIA")?).map_err(|_| IndexError::Corrupt {
            section: "ALIA",
            offset: 0,
        })?;
        if VERIFY && aliases.as_fst().verify().is_err() {
            return Err(IndexError::Corrupt {
                section: "ALIA",
                offset: 0,
            });
        }
        // An index assembled from a lazy index's files: the alias shards loaded, as they came.
        let aliases = match sections.get(*b"ALIS") {
            Ok(parts) => Dictionary::alias_parts::<VERIFY>(parts)?,
            Err(_) => Dictionary::single(aliases),
        };
        let meta = sections.get(*b"META")?;
        let avg_len = meta
            .get(0..4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .filter(|v| v.is_finite())
            .ok_or(IndexError::Corrupt {
                section: "META",
                offset: 0,
            })?;
        let metadata = Metadata::open(sections.get(*b"AMET")?, article_count)?;
        Ok(Index {
            sections: sizes,
            terms,
            postings: sections.get(*b"POST")?,
            packs: sections.get(*b"PDIR").ok(),
            head,
            body,
            #[cfg(feature = "chunks")]
            text_chunks,
            arts,
            lens,
            ents,
            ment,
            aent,
            aliases,
            metadata,
            #[cfg(feature = "lazy")]
            entity_totals: sections.get(*b"ETOT").ok(),
            #[cfg(feature = "lazy")]
            start_figures: sections.get(*b"STRT").ok(),
            #[cfg(feature = "lazy")]
            alias_filter: sections.get(crate::lazy::ALIAS_FILTER).ok(),
            article_count,
            entity_count,
            avg_len,
        })
    }

    /// Size report: the columns of every postings list, summed by `class(term)` (for example
    /// words, variants and exact-spelling keys). Lists that do not decode are left out.
    pub fn postings_columns<K: Ord>(
        &self,
        mut class: impl FnMut(&[u8]) -> K,
    ) -> std::collections::BTreeMap<K, postings::ColumnBytes> {
        let mut out = std::collections::BTreeMap::<K, postings::ColumnBytes>::new();
        self.terms.for_each(|term, offset| {
            let columns = self
                .list_offset(offset)
                .and_then(|offset| postings::column_bytes(self.postings, offset));
            if let Some(columns) = columns {
                out.entry(class(term)).or_default().add(&columns);
            }
            true
        });
        out
    }

    /// A size report: every section, and the postings by column for words, variants (terms
    /// only ever derived from tokens) and the keys `is_exact` says are exact-spelling keys.
    pub fn size_report(&self, total: usize, is_exact: impl Fn(&str) -> bool) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let mib = |n: usize| n as f64 / 1_048_576.0;
        let _ = writeln!(out, "index: {total} bytes ({:.2} MiB)", mib(total));
        for (tag, len) in &self.sections {
            let name = String::from_utf8_lossy(tag);
            let share = 100.0 * *len as f64 / total.max(1) as f64;
            let _ = writeln!(out, "  {name}  {len:>10}  {share:5.1} %");
        }
        let columns = self.postings_columns(|term| {
            let term = std::str::from_utf8(term).unwrap_or("");
            if is_exact(term) {
                "exact-spelling keys"
            } else if self
                .postings(term)
                .ok()
                .flatten()
                .is_some_and(|list| (0..list.len()).all(|i| list.kinds(i).all(|k| k.derived)))
            {
                "variants"
            } else {
                "words"
            }
        });
        let _ = writeln!(
            out,
            "  POST by column: {:>20} {:>7} {:>9} {:>10} {:>9} {:>9} {:>8} {:>10}",
            "", "lists", "postings", "occurr.", "ids", "heads", "mixed", "positions"
        );
        for (class, c) in &columns {
            let _ = writeln!(
                out,
                "    {class:>34} {:>7} {:>9} {:>10} {:>9} {:>9} {:>8} {:>10}",
                c.lists, c.postings, c.occurrences, c.ids, c.heads, c.mixed_kinds, c.positions
            );
        }
        out
    }

    /// The first term (in term order) whose positions are left to the texts (see
    /// [`crate::PositionsKept::InText`]), if any: such an index cannot lose its texts.
    pub fn first_term_with_positions_in_text(&self) -> Result<Option<String>, IndexError> {
        let mut out = Ok(None);
        self.terms
            .for_each(|term, offset| match self.postings_at(offset) {
                Ok(list) if !list.positions_in_text() => true,
                Ok(_) => {
                    out = Ok(Some(String::from_utf8_lossy(term).into_owned()));
                    false
                }
                Err(e) => {
                    out = Err(e);
                    false
                }
            });
        out
    }

    /// Each section's tag and size in bytes, in file order (for reports).
    pub fn section_sizes(&self) -> &[([u8; 4], usize)] {
        &self.sections
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
    pub fn terms(&self) -> &Dictionary<'a> {
        &self.terms
    }

    /// The postings of `term`, or `None` if it is not in the index.
    pub fn postings(&self, term: &str) -> Result<Option<PostingList<'a>>, IndexError> {
        match self.terms.get(term) {
            Some(offset) => self.postings_at(offset).map(Some),
            None => Ok(None),
        }
    }

    /// The postings list at `offset`, a value from [`Index::terms`].
    pub fn postings_at(&self, offset: u64) -> Result<PostingList<'a>, IndexError> {
        let offset = self.list_offset(offset).ok_or(IndexError::Corrupt {
            section: "POST",
            offset: usize::MAX,
        })?;
        postings::decode(self.postings, offset)
    }

    /// Where in POST the list of a term whose value is `value` begins. In an index a writer
    /// made, the value is that place. In one assembled from a lazy index's files it is
    /// `pack << 32 | offset in the pack` (`pack`: the shard's number << 16 | the pack's
    /// number in its shard, the same in every round), and PDIR lists each loaded pack's
    /// (pack, start in POST) as little-endian `u32` pairs in ascending pack order; a pack
    /// not loaded reads the empty list at 0 (never taken for an answer: the recorded reads).
    /// So the assembled term dictionary does not change when packs come, only when shards do.
    fn list_offset(&self, value: u64) -> Option<usize> {
        let Some(packs) = self.packs else {
            return usize::try_from(value).ok();
        };
        let pack = u32::try_from(value >> 32).ok()?;
        let entry = |i: usize| -> Option<(u32, u32)> {
            let b = packs.get(i * 8..i * 8 + 8)?;
            Some((
                u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            ))
        };
        let (mut lo, mut hi) = (0, packs.len() / 8);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (key, start) = entry(mid)?;
            match key.cmp(&pack) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    return usize::try_from(u64::from(start) + (value & 0xffff_ffff)).ok();
                }
            }
        }
        Some(0)
    }

    /// Number of entities.
    pub fn entity_count(&self) -> u32 {
        self.entity_count
    }

    /// Entity `id` with its aliases and articles.
    pub fn entity(&self, id: EntityId) -> Result<EntityRecord<'a>, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_row(*b"ENTS", id.0);
        entities::decode_entity(self.ents, id)
    }

    /// The name and kind of entity `id` (cheaper than [`Index::entity`]).
    pub fn entity_name(&self, id: EntityId) -> Result<(&'a str, EntityKind), IndexError> {
        // Of its record only the name and kind: in a lazy index, the names' rows.
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_row(crate::lazy::NAME_ROWS, id.0);
        entities::decode_entity_name(self.ents, id)
    }

    /// The entity a folded name or alias stands for, if exactly one.
    pub fn entity_by_alias(&self, folded: &str) -> Option<EntityId> {
        #[cfg(feature = "lazy")]
        if crate::lazy::filter::rules_out(self.alias_filter, folded) {
            return None;
        }
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_alias_key(folded);
        self.aliases
            .get(folded)
            .and_then(|v| u32::try_from(v).ok())
            .map(EntityId)
    }

    /// Whether `folded` is a name or alias of the index (of one entity or of several).
    pub fn is_alias(&self, folded: &str) -> bool {
        #[cfg(feature = "lazy")]
        if crate::lazy::filter::rules_out(self.alias_filter, folded) {
            return false;
        }
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_alias_key(folded);
        self.aliases.contains_key(folded)
    }

    /// Calls `found` with every folded name or alias that begins with `prefix` and its
    /// value (an entity id; above `u32::MAX`: the name of several), in key order, until it
    /// returns `false`. Under `lazy` it notes the prefix: a lazy index reads the alias
    /// shards of its range.
    pub fn aliases_with_prefix(&self, prefix: &str, found: &mut dyn FnMut(&[u8], u64) -> bool) {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_alias_prefix(prefix);
        use fst::Automaton as _;
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        self.aliases
            .walk(automaton, prefix.as_bytes(), None, |key, v| found(key, v));
    }

    /// The whole alias map (folded alias -> entity id), for reports and tests: under `lazy`
    /// it notes ALIA whole.
    pub fn aliases(&self) -> &Dictionary<'a> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(*b"ALIA");
        &self.aliases
    }

    /// A lazy index's entity totals, counted at build time over every article's AENT row
    /// ([`crate::EntityTotals`]); `None` in an index without them (every index but a lazy
    /// one's). Decoded on each call (8 bytes per entity).
    #[cfg(feature = "lazy")]
    pub fn entity_totals(&self) -> Result<Option<crate::EntityTotals>, IndexError> {
        crate::lazy::reads::note_section(*b"ETOT");
        self.entity_totals
            .map(crate::EntityTotals::decode)
            .transpose()
    }

    /// A lazy index's start page figures, counted at build time over every article's date,
    /// source and authors ([`crate::StartFigures`]); `None` in an index without them (every
    /// index but a lazy one's).
    #[cfg(feature = "lazy")]
    pub fn start_figures(&self) -> Result<Option<crate::StartFigures<'a>>, IndexError> {
        crate::lazy::reads::note_section(*b"STRT");
        self.start_figures
            .map(crate::StartFigures::decode)
            .transpose()
    }

    /// The distinct entities article `id` mentions, each with whether by name (else only by
    /// demonym), sorted by id.
    pub fn article_entities(&self, id: ArticleId) -> Result<Vec<(EntityId, bool)>, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note(*b"AENT", id);
        let mut out = Vec::new();
        entities::decode_article_entities(self.aent, id, &mut out)?;
        Ok(out)
    }

    /// [`Index::article_entities`] into `out` (cleared first), for loops over many articles.
    pub fn article_entities_into(
        &self,
        id: ArticleId,
        out: &mut Vec<(EntityId, bool)>,
    ) -> Result<(), IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note(*b"AENT", id);
        entities::decode_article_entities(self.aent, id, out)
    }

    /// Indexed length of article `id`, in tokens, as ranking reads it (BM25): quantized to
    /// within 3.2 % ([`articles::lengths`]; the exact one is in its head). Constant time.
    pub fn length(&self, id: ArticleId) -> Result<u32, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(*b"LENS");
        articles::decode_lens(self.lens, id)
    }

    /// The date of article `id`. Constant time.
    pub fn date(&self, id: ArticleId) -> Result<Option<crate::YearMonth>, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(*b"ARTS");
        articles::decode_arts(self.arts, id)
    }

    /// Article `id`'s source, authors, URL and language (what a list shows of it). Under
    /// `lazy` it notes its row of AMET apart and the names, not AMET whole.
    pub fn article_meta(&self, id: ArticleId) -> Result<crate::ArticleMeta<'a>, IndexError> {
        #[cfg(feature = "lazy")]
        {
            crate::lazy::reads::note(crate::lazy::META_ROWS, id);
            crate::lazy::reads::note_section(crate::lazy::META_NAMES);
        }
        self.metadata.article(id)
    }

    /// Article `id`'s source and (into `authors`, cleared first) its authors, as ids: what
    /// the source and author facets count. Under `lazy` it notes its row of AMET apart and
    /// the names, not AMET whole.
    pub fn article_source_authors(
        &self,
        id: ArticleId,
        authors: &mut Vec<crate::AuthorId>,
    ) -> Result<Option<crate::SourceId>, IndexError> {
        #[cfg(feature = "lazy")]
        {
            crate::lazy::reads::note(crate::lazy::META_ROWS, id);
            crate::lazy::reads::note_section(crate::lazy::META_NAMES);
        }
        self.metadata.authors_into(id, authors)?;
        self.metadata.source(id)
    }

    /// The tables of source and author names (their counts, names and ids by name). Under
    /// `lazy` it notes the names alone, not AMET whole: read no article's source or authors
    /// through it ([`Index::article_source_authors`], [`Index::article_meta`] note their
    /// rows).
    pub fn metadata_names(&self) -> &Metadata<'a> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(crate::lazy::META_NAMES);
        &self.metadata
    }

    /// Each article's source, authors, URL and language, and the tables of source and
    /// author names (ids for facets).
    pub fn metadata(&self) -> &Metadata<'a> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(*b"AMET");
        &self.metadata
    }

    /// The entity mentions of article `id`, sorted by position.
    pub fn mentions(&self, id: ArticleId) -> Result<Vec<Mention>, IndexError> {
        #[cfg(feature = "lazy")]
        {
            // Its mentions name their entities by place among the article's (AENT).
            crate::lazy::reads::note(*b"MENT", id);
            crate::lazy::reads::note(*b"AENT", id);
        }
        entities::decode_mentions(self.ment, self.aent, id)
    }

    /// What it takes to list and rank article `id`, without its text.
    pub fn head(&self, id: ArticleId) -> Result<ArticleHead<'a>, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note(*b"HEAD", id);
        articles::decode_head(self.head, self.body, id)
    }

    /// The stored article `id`, with its text. A hosted index has no texts: for it this is
    /// `IndexError::TextNotLoaded` (the caller loads the chunk, see `Index::text_chunks`).
    pub fn article(&self, id: ArticleId) -> Result<ArticleRecord<'a>, IndexError> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note(*b"HEAD", id);
        let Some(body) = self.body else {
            #[cfg(feature = "chunks")]
            if let Some(chunks) = &self.text_chunks {
                self.head(id)?;
                // The entry of its text chunk (a lazy index: carried by its HEAD chunk).
                #[cfg(feature = "lazy")]
                crate::lazy::reads::note(*b"TXTC", id);
                return Err(chunks.not_loaded(id));
            }
            return Err(IndexError::MissingSection { tag: *b"BODY" });
        };
        articles::decode(self.head, body, id)
    }

    /// Hosted mode: the table of the text chunks that hold the articles' texts, whole (under
    /// `lazy` it notes TXTC whole: a caller that reads one article's entry asks
    /// [`Index::text_chunk_of`]); `None` when the texts are in the index itself (the
    /// default).
    #[cfg(feature = "chunks")]
    pub fn text_chunks(&self) -> Option<&TextChunks<'a>> {
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note_section(*b"TXTC");
        self.text_chunks.as_ref()
    }

    /// Hosted mode: the number of text chunks (`None`: the texts are in the index). It
    /// reads no entry (a lazy index knows it from its root).
    #[cfg(feature = "chunks")]
    pub fn text_chunk_count(&self) -> Option<u32> {
        self.text_chunks.as_ref().map(TextChunks::count)
    }

    /// Hosted mode: the text chunk that holds article `id`, by number, and its entry
    /// (`None`: the texts are in the index). Under `lazy` it notes TXTC's row of `id`,
    /// which a lazy index keeps in the HEAD chunk of the article (lazy format 6).
    #[cfg(feature = "chunks")]
    pub fn text_chunk_of(
        &self,
        id: ArticleId,
    ) -> Option<Result<(u32, crate::ChunkInfo), IndexError>> {
        let table = self.text_chunks.as_ref()?;
        #[cfg(feature = "lazy")]
        crate::lazy::reads::note(*b"TXTC", id);
        Some(
            table
                .chunk_of(id)
                .and_then(|chunk| Ok((chunk, table.info(chunk)?))),
        )
    }

    /// Hosted mode: `bytes` (decompressed) checked as text chunk `chunk` against its entry
    /// ([`TextChunks::check`]); an index that keeps its texts has no chunk
    /// (`MissingSection` TXTC). Under `lazy` it notes the row of the chunk's first article
    /// (whose HEAD chunk carries the entry).
    #[cfg(feature = "chunks")]
    pub fn check_text_chunk(
        &self,
        chunk: u32,
        bytes: Vec<u8>,
    ) -> Result<crate::LoadedChunk, IndexError> {
        let table = self
            .text_chunks
            .as_ref()
            .ok_or(IndexError::MissingSection { tag: *b"TXTC" })?;
        #[cfg(feature = "lazy")]
        if let Ok(info) = table.info(chunk) {
            crate::lazy::reads::note(*b"TXTC", info.first);
        }
        table.check(chunk, bytes)
    }
}
