//! Hosted mode's lazy index at run time (feature `lazy`; docs/HOSTED.md): the engine over
//! the files of `explorer_index::lazy` loaded so far, and the rounds that load what a query
//! needs.
//!
//! The rule of what a query reads is the engine's own: [`LazyExplorer::missing_for_search`]
//! runs the search on what is loaded while [`crate::search::expand::reads`] records every
//! key and range it reads, and the store names the files those reads lack (the shards of
//! each range and key, then the packs of the keys). The page fetches them, hands them over
//! ([`LazyExplorer::supply`]) and asks again, until nothing is missing; then
//! [`LazyExplorer::search`] answers exactly as the whole index would. A search whose reads
//! are not all loaded is an error naming the first file it lacks, never a guess.
//!
//! The engine reads an ordinary index assembled from what is loaded
//! (`LazyIndex::assembled`: the sections where the store keeps them, read in place, and the
//! dictionary's directory and the postings made for it), and owns it: a [`Yoke`] keeps the
//! engine (which borrows the sections) together with them, so installing the next round's
//! engine drops the last one and what only it held. Every answer borrows the `LazyExplorer`
//! it came from, so none outlives its engine. What remains per page is the store (the files
//! loaded) and one assembled dictionary directory and postings.

use crate::search::expand::reads;
use crate::texts::wanted;
use crate::{Explorer, MissingChunk, SearchOptions, SearchResults};
use explorer_index::lazy::reads::{self as row_reads, RowReads};
use explorer_index::lazy::{
    Assembled, LazyError, LazyIndex, META_NAMES, META_ROWS, NAME_ROWS, TEXT_ROWS,
};
use explorer_index::{EntityId, IndexError};
use std::collections::BTreeSet;
use std::fmt;
use std::rc::{Rc, Weak};
use yoke::Yoke;

/// An engine together with the assembled sections it reads in place (dropped with them; an
/// `Rc` only so that [`LazyExplorer::engine_bytes`] can hand out a weak handle, never
/// shared). The sections themselves are shared with the store: the files as they came.
type OwnedEngine = Yoke<Explorer<'static>, Rc<Assembled>>;

/// Why the lazy explorer cannot answer.
#[derive(Debug, Clone, PartialEq)]
pub enum LazyExplorerError {
    /// A file of the lazy index: missing, damaged, foreign, of another version (names it).
    Lazy(LazyError),
    /// The engine's error on what is loaded.
    Index(IndexError),
}

impl fmt::Display for LazyExplorerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LazyExplorerError::Lazy(e) => e.fmt(f),
            LazyExplorerError::Index(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LazyExplorerError {}

impl From<LazyError> for LazyExplorerError {
    fn from(e: LazyError) -> Self {
        LazyExplorerError::Lazy(e)
    }
}

impl From<IndexError> for LazyExplorerError {
    fn from(e: IndexError) -> Self {
        LazyExplorerError::Index(e)
    }
}

/// The explorer over a lazy index: its store and the engine over what is loaded.
pub struct LazyExplorer {
    store: LazyIndex,
    /// The engine over the index assembled when it was last needed (`None` before the
    /// sections are loaded).
    explorer: Option<OwnedEngine>,
    /// Whether files were supplied since `explorer` was assembled.
    stale: bool,
    /// The files supplied since `explorer` was assembled: its index lists their terms
    /// (if their shard was loaded) with empty lists, so a call that reads them must wait
    /// for the next round's engine.
    since: BTreeSet<String>,
    /// Counts the changes of what a call can read (a file handed over, an engine installed,
    /// a text chunk added): an answer kept for the next call holds while it is unchanged.
    generation: u64,
}

impl LazyExplorer {
    /// Opens the root file `name` (checked: hash, magic, version, checksum).
    pub fn open(name: &str, root: &[u8]) -> Result<LazyExplorer, LazyError> {
        Ok(LazyExplorer {
            store: LazyIndex::open(name, root)?,
            explorer: None,
            stale: true,
            since: BTreeSet::new(),
            generation: 0,
        })
    }

    /// The store (for figures and tests).
    pub fn store(&self) -> &LazyIndex {
        &self.store
    }

    /// The files to load before anything can be answered: the sections every answer needs
    /// (all but the tables kept in row chunks and the alias fst: docs/HOSTED.md), those not
    /// supplied yet. The rows of HEAD, MENT, AENT and ENTS a call reads, and the alias fst
    /// if it reads it, come in its rounds.
    pub fn missing_to_open(&self) -> Vec<String> {
        self.store
            .ready_sections()
            .map(|(_, f)| f.name())
            .filter(|name| !self.store.has(name))
            .collect()
    }

    /// [`LazyExplorer::missing_to_open`], and the tables kept in row chunks (HEAD, MENT,
    /// AENT, ENTS) and the alias fst whole: what a page needs that reads them without
    /// rounds. Today's element lists every article's title when it opens (`articles()`),
    /// every entity (`entities()`), and calls `article()` and `entity()` without rounds, so
    /// its page loads these (docs/HOSTED.md).
    pub fn missing_to_open_whole(&self) -> Vec<String> {
        let mut names = self.missing_to_open();
        names.extend(
            self.store
                .deferred_sections()
                .map(|(_, f)| f.name())
                .filter(|name| !self.store.has(name)),
        );
        names
    }

    /// Hands over file `name` (fetched because a call named it); refused, naming it, when
    /// the bytes are not that file of this index.
    pub fn supply(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), LazyError> {
        if self.store.has(name) {
            return Ok(());
        }
        self.store.supply(name, bytes)?;
        self.stale = true;
        self.generation += 1;
        let section = self.store.sections().iter().any(|(_, f)| f.is_named(name));
        // A section loaded whole while others a page loads whole are still to come: the
        // engine waits for the last of them (one assembly at open, not one per file, each a
        // copy of the sections), and a call that reads it meanwhile is told it is missing.
        let more_to_come =
            section && self.missing_to_open_whole().len() > self.missing_to_open().len();
        if self.explorer.is_some() && (!section || more_to_come) {
            self.since.insert(name.to_owned());
        } else if self.missing_to_open().is_empty() {
            // The last section every answer needs: the page is ready (the engine answers
            // what needs no term). Or the last of the tables and sections a page loads whole
            // after it (it reads them without rounds): at once in the engine, since the
            // calls that read them run no rounds to assemble it.
            self.explorer().map_err(|e| match e {
                LazyExplorerError::Lazy(e) => e,
                LazyExplorerError::Index(_) => LazyError::Corrupt {
                    name: name.to_owned(),
                    what: "the index of its sections",
                },
            })?;
        }
        Ok(())
    }

    /// The engine over every file handed over so far, assembled again if files came since its
    /// last round: for a call that named a file another call's rounds had already brought
    /// (it is loaded, not yet in the engine). Nothing to do before ready.
    pub fn assemble(&mut self) -> Result<(), LazyExplorerError> {
        if self.missing_to_open().is_empty() {
            self.refresh()?;
        }
        Ok(())
    }

    /// Assembles the engine again if files came since (nothing to do if none came).
    fn refresh(&mut self) -> Result<(), LazyExplorerError> {
        if self.stale || self.explorer.is_none() {
            let assembled = self.store.assembled()?;
            self.install(Rc::new(assembled))?;
        }
        Ok(())
    }

    /// The engine over what is loaded, assembled again if files came since.
    pub fn explorer(&mut self) -> Result<&Explorer<'_>, LazyExplorerError> {
        self.refresh()?;
        match self.engine() {
            Some(explorer) => Ok(explorer),
            None => Err(LazyError::Missing {
                name: self.store.root_name().to_owned(),
            }
            .into()),
        }
    }

    /// [`Explorer::add_text_chunk`] on the engine (assembled first if files came since). A
    /// text file that carries its article's head and TXTC entry (lazy format 10,
    /// `explorer_index::chunks::carried`) is checked against that entry, and hands the head
    /// and entry to the store: the next round's engine reads them (no assembly per text).
    pub fn add_text_chunk(&mut self, chunk: u32, bytes: Vec<u8>) -> Result<(), LazyExplorerError> {
        if let Some(carried) = explorer_index::chunks::carried(&bytes) {
            if self.explorer.is_none() {
                self.refresh()?;
            }
            return self.add_carried(chunk, &carried);
        }
        self.refresh()?;
        self.generation += 1;
        match self.explorer.as_mut() {
            Some(engine) => Ok(engine.with_mut_return(move |ex| ex.add_text_chunk(chunk, bytes))?),
            None => Err(LazyError::Missing {
                name: self.store.root_name().to_owned(),
            }
            .into()),
        }
    }

    /// [`LazyExplorer::add_text_chunk`] of a text file that carries its head (`carried`, its
    /// parts): its text checked against the entry it carries (which must be the engine's, if
    /// the engine has the real one), its head and entry to the store, its text to the
    /// engine. A file that is not the text of article `chunk` is refused, naming it.
    fn add_carried(
        &mut self,
        chunk: u32,
        carried: &explorer_index::chunks::Carried<'_>,
    ) -> Result<(), LazyExplorerError> {
        use explorer_index::chunks::check_as;
        use explorer_index::{ChunkProblem, IndexError::BadChunk};
        let engine = self.engine().ok_or_else(|| LazyError::Missing {
            name: self.store.root_name().to_owned(),
        })?;
        let table = engine.index.text_chunks();
        let own = table.ok_or(IndexError::MissingSection { tag: TEXT_ROWS })?;
        let own = own.info(chunk)?;
        let file = own.file_name(chunk);
        let bad = |problem| BadChunk {
            chunk,
            file: file.clone(),
            problem,
        };
        if carried.article != chunk {
            return Err(bad(ChunkProblem::Corrupt { offset: 8 }).into());
        }
        let info = carried.info(own.head);
        // An entry of no bytes is a placeholder: its HEAD chunk is not in this engine.
        if own.len != 0 && own != info {
            let problem = ChunkProblem::Checksum {
                expected: own.crc,
                got: info.crc,
            };
            return Err(bad(problem).into());
        }
        let loaded = check_as(chunk, info, carried.text.to_vec())?;
        self.store.supply_carried(&file, carried)?;
        self.stale = true;
        self.generation += 1;
        self.since.insert(file);
        if let Some(engine) = self.explorer.as_mut() {
            engine.with_mut(move |ex| ex.texts.put(chunk, loaded));
        }
        Ok(())
    }

    /// Makes the index `assembled` from everything the store holds now the page's engine;
    /// the last engine and what only it held are dropped (the text chunks it loaded move).
    fn install(&mut self, assembled: Rc<Assembled>) -> Result<(), IndexError> {
        let mut engine = OwnedEngine::try_attach_to_cart(assembled, |assembled| {
            assembled.index().map(Explorer::over)
        })?;
        if let Some(mut old) = self.explorer.take() {
            // The same text chunks, so what was loaded stays (a chunk is loaded only against
            // its real entry, which every later engine has: the store keeps what came).
            let chunks = |ex: &Explorer<'_>| ex.index.text_chunk_count();
            if chunks(old.get()) == chunks(engine.get()) {
                let texts = old.with_mut_return(|ex| std::mem::take(&mut ex.texts));
                engine.with_mut(move |ex| ex.texts = texts);
            }
        }
        self.explorer = Some(engine);
        self.stale = false;
        self.generation += 1;
        self.since.clear();
        Ok(())
    }

    /// Changes with what a call can read: an answer computed at one generation is the
    /// answer of the same call at the same generation.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The engine over what was loaded when it was last assembled (at the last section,
    /// then after each query's last round); `None` before the sections are loaded.
    pub fn engine(&self) -> Option<&Explorer<'_>> {
        self.explorer.as_ref().map(|engine| engine.get())
    }

    /// A weak handle on the assembled index the engine reads (for tests: it upgrades while
    /// it is alive, so a test can see that installing the next engine freed it).
    pub fn engine_bytes(&self) -> Option<Weak<Assembled>> {
        self.explorer
            .as_ref()
            .map(|engine| Rc::downgrade(engine.backing_cart()))
    }

    /// The files `query` with `options` still needs, in the order to fetch them (one round:
    /// fetch, supply, ask again until it is empty; the last round assembles the engine).
    pub fn missing_for_search(
        &mut self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<String>, LazyExplorerError> {
        self.missing_for(|ex| ex.search(query, options).map(drop))
    }

    /// The files `entity_ref(id)` for each of `ids` still needs (the names' rows of those
    /// entities, and the alias map their names are looked up in): the page asks a reference
    /// when it needs one (an entity selected or opened, going into the URL), not every
    /// entity's at start.
    pub fn missing_for_entity_refs(
        &mut self,
        ids: &[EntityId],
    ) -> Result<Vec<String>, LazyExplorerError> {
        self.missing_for(|ex| ids.iter().try_for_each(|&id| ex.entity_ref(id).map(drop)))
    }

    /// The files `call` still needs: it runs on what is loaded while its reads of the
    /// dictionary and of the per-article rows are recorded, and the store names the files
    /// they lack (the sections first, if they are not loaded). Empty: `call` can run
    /// ([`LazyExplorer::checked`]). Each round installs an engine over what is loaded.
    pub fn missing_for(
        &mut self,
        call: impl Fn(&Explorer<'_>) -> Result<(), IndexError>,
    ) -> Result<Vec<String>, LazyExplorerError> {
        Ok(self.round(call, false)?.0)
    }

    /// [`LazyExplorer::missing_for`], and the text chunks `call` read and lacks (a page's
    /// snippets), which are named before their entries have come (lazy format 9: by the
    /// HEAD chunk that carries the entry, which the same round brings), so that the page
    /// fetches its hits' heads and texts at once. A text is handed over
    /// ([`LazyExplorer::add_text_chunk`]) after the round's index files. Empty both: `call`
    /// ran on everything it reads, and its answer is the third (the answer of the same call
    /// made next, while [`LazyExplorer::generation`] is unchanged).
    pub fn missing_for_page<T>(
        &mut self,
        call: impl Fn(&Explorer<'_>) -> Result<T, IndexError>,
    ) -> Result<PageRound<T>, LazyExplorerError> {
        self.round(call, true)
    }

    /// One round of `call`: the index files it lacks, with `texts` the text chunks, and its
    /// answer when it lacks nothing.
    fn round<T>(
        &mut self,
        call: impl Fn(&Explorer<'_>) -> Result<T, IndexError>,
        texts: bool,
    ) -> Result<PageRound<T>, LazyExplorerError> {
        let sections = self.missing_to_open();
        if !sections.is_empty() {
            return Ok((sections, Vec::new(), None));
        }
        // Each round's engine over everything loaded so far (assembled again if files came
        // since); it keeps the text chunks loaded, which the reader and the entity view read.
        self.refresh()?;
        let explorer = self.engine().ok_or_else(|| LazyError::Missing {
            name: self.store.root_name().to_owned(),
        })?;
        let ((answer, read), wanted) = wanted::recording(|| record(|| call(explorer)));
        // The texts the call read and lacks. Each brings its article's head and entry (lazy
        // format 10; one article a chunk, numbered as its article): no HEAD chunk is named
        // for those alone.
        let mut chunks = match texts {
            true => explorer.missing_texts(wanted)?,
            false => Vec::new(),
        };
        let coming: BTreeSet<u32> = chunks.iter().map(|c| c.chunk).collect();
        let mut need = self.missing_in(&read, &|article| coming.contains(&article))?;
        // Only once what decides the page is loaded (the files still to come only show it:
        // its heads, metadata and names) are the texts named its hits'. Until then the rows
        // that only show the hits wait too: the hits may still change, and the round that
        // names their texts brings their heads.
        if !need.iter().all(|name| self.only_shows(name)) {
            chunks.clear();
            if texts {
                need.retain(|name| !self.only_shows_rows(name));
            }
        }
        if need.is_empty() && chunks.is_empty() {
            return Ok((need, chunks, Some(answer?)));
        }
        Ok((need, chunks, None))
    }

    /// `call`'s answer, when every file it reads is loaded; otherwise [`LazyError::Missing`]
    /// naming the first file it lacks (run the rounds of [`LazyExplorer::missing_for`]
    /// first). Never an answer from part of what it reads.
    pub fn checked<'s, T>(
        &'s self,
        call: impl FnOnce(&'s Explorer<'s>) -> Result<T, IndexError>,
    ) -> Result<T, LazyExplorerError> {
        let Some(explorer) = self.engine() else {
            let name = self.missing_to_open().into_iter().next();
            let name = name.unwrap_or_else(|| self.store.root_name().to_owned());
            return Err(LazyError::Missing { name }.into());
        };
        let (answer, (read, rows)) = record(|| call(explorer));
        // Every file it read must be in the engine's index: loaded, and before it was
        // assembled. Checked before the answer: a row not loaded reads as empty.
        let mut files = dictionary_files(&self.store, &read)?;
        // The rows as the engine read them: from the files it was assembled from (a section
        // loaded whole since does not stand for rows it read from their chunks).
        let assembled = |name: &str| self.store.has(name) && !self.since.contains(name);
        files.extend(self.store.files_read_as(&rows, &assembled));
        match files.into_iter().find(|f| !assembled(f)) {
            Some(name) => Err(LazyError::Missing { name }.into()),
            None => Ok(answer?),
        }
    }

    /// [`Explorer::search`], [`LazyExplorer::checked`] (assembled first if files came since).
    pub fn search(
        &mut self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<SearchResults<'_>, LazyExplorerError> {
        if self.missing_to_open().is_empty() {
            self.refresh()?;
        }
        self.checked(|ex| ex.search(query, options))
    }

    /// Whether file `name` only shows a page of hits (heads with their text chunks' entries,
    /// metadata, entity names, alias shards) and decides none of them.
    fn only_shows(&self, name: &str) -> bool {
        self.only_shows_rows(name) || self.store.is_alias_shard(name)
    }

    /// Whether file `name` is rows (or a section) of a table that only shows a page of
    /// hits: heads, metadata, entity names (the alias shards, which the expansion of a
    /// word also reads, are not among them).
    fn only_shows_rows(&self, name: &str) -> bool {
        const SHOWN: [[u8; 4]; 5] = [*b"HEAD", META_ROWS, NAME_ROWS, META_NAMES, TEXT_ROWS];
        let store = &self.store;
        store
            .rows_table_of(name)
            .is_some_and(|t| SHOWN.contains(&t))
            || store
                .sections()
                .iter()
                .any(|(t, f)| SHOWN.contains(t) && f.is_named(name))
    }

    /// The files `read` lacks, as if the texts of the articles `coming` says came too.
    fn missing_in(
        &self,
        (read, rows): &Recorded,
        coming: &dyn Fn(u32) -> bool,
    ) -> Result<Vec<String>, LazyError> {
        let mut need = dictionary_files(&self.store, read)?;
        need.retain(|name| !self.store.has(name));
        need.extend(
            self.store
                .files_read_coming(rows, coming)
                .into_iter()
                .filter(|name| !self.store.has(name)),
        );
        Ok(need)
    }
}

/// Every dictionary file that `read` reads, loaded or not, each once, in the order first
/// read: the shards of its prefixes and keys and the packs of its keys whose shards are
/// loaded ([`LazyIndex::files_for`]), and the shards of the keys it only asked whether the
/// index has (their packs are not read).
pub fn dictionary_files(store: &LazyIndex, read: &reads::Reads) -> Result<Vec<String>, LazyError> {
    let mut files = store.files_for(
        read.keys.iter().map(String::as_str),
        read.prefixes.iter().map(String::as_str),
    )?;
    for name in store.shards_of_keys(read.present.iter().map(String::as_str)) {
        if !files.contains(&name) {
            files.push(name);
        }
    }
    Ok(files)
}

/// One round of [`LazyExplorer::missing_for_page`]: the index files and text chunks still
/// to come, and, when there are none, the call's answer.
pub type PageRound<T> = (Vec<String>, Vec<MissingChunk>, Option<T>);

/// What a call read: of the dictionary (keys, prefixes), and rows of HEAD and MENT.
type Recorded = (reads::Reads, RowReads);

/// Runs `call` while recording what it reads of the dictionary (the engine's
/// `search::expand::reads`) and of the per-article tables (the index's reader).
fn record<T>(call: impl FnOnce() -> T) -> (T, Recorded) {
    let ((answer, read), rows) = row_reads::recording(|| reads::recording(call));
    (answer, (read, rows))
}
