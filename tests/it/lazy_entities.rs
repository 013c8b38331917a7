//! The lazy index's entity tables (AENT, ENTS and the names' rows ENAM) and per-article
//! columns (LENS, ARTS, AMET, TXTC) out of ready, fetched in the rounds of the calls that read
//! them (the rounds of `lazy::rounds`, whose helpers it uses).

use crate::index_over;
use crate::lazy::rounds::{self, rounds_for, ROWS_APART};
use article_explorer::lazy::{LazyExplorer, LazyExplorerError};
use article_explorer::{Explorer, SearchOptions};
use explorer_index::chunks::split_text;
use explorer_index::lazy::{split, LazyError};

#[test]
fn ready_takes_no_entity_table_nor_a_per_article_column_and_the_entity_calls_load_theirs_in_rounds()
{
    let whole_bytes = index_over("seeds");
    let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let whole = Explorer::open(&hosted.index).unwrap();
    let mut page = rounds::page(&files);
    let section = |page: &LazyExplorer, tag: &[u8; 4]| {
        let (_, f) = page
            .store()
            .sections()
            .iter()
            .find(|(t, _)| t == tag)
            .unwrap();
        f.name()
    };
    for tag in [
        b"ENTS", b"AENT", b"ALIA", b"LENS", b"ARTS", b"AMET", b"TXTC",
    ] {
        assert!(!page.store().has(&section(&page, tag)), "ready without it");
    }
    // Every entity: before its rounds an error naming an ENTS file, then the whole list.
    match page.checked(|ex| ex.entities()) {
        Err(LazyExplorerError::Lazy(LazyError::Missing { name })) => assert!(
            name == section(&page, b"ENTS") || page.store().rows_table_of(&name) == Some(*b"ENTS"),
            "{name}"
        ),
        other => panic!("entities() before its rounds: {:?}", other.is_ok()),
    }
    rounds_for(&mut page, &files, |ex| ex.entities().map(drop));
    let listed = page.checked(|ex| ex.entities()).unwrap();
    assert_eq!(listed, whole.entities().unwrap());
    // A name looked up (the alias shards of its key and prefix) and a search filtered by
    // an entity of a few articles: the whole index's answers.
    let named = listed
        .iter()
        .filter(|e| e.articles >= 2)
        .min_by_key(|e| e.articles);
    let named = named.unwrap();
    let mut fresh = rounds::page(&files);
    let fetched = rounds_for(&mut fresh, &files, |ex| {
        ex.resolve_entity(named.name).map(drop)
    });
    // Of the alias map, the shard of its key and those of its prefix's range, not ALIA whole.
    assert!(!fetched.contains(&section(&fresh, b"ALIA")), "{fetched:?}");
    assert!(
        fetched.iter().any(|n| fresh.store().is_alias_shard(n)),
        "{fetched:?}"
    );
    let resolved = fresh.checked(|ex| ex.resolve_entity(named.name)).unwrap();
    assert_eq!(resolved, whole.resolve_entity(named.name).unwrap());
    let options = SearchOptions {
        entities: vec![named.id],
        ..SearchOptions::default()
    };
    rounds_for(&mut fresh, &files, |ex| ex.search("", &options).map(drop));
    let a = whole.search("", &options).unwrap();
    let b = fresh.checked(|ex| ex.search("", &options)).unwrap();
    assert_eq!(a.total, named.articles as usize);
    assert_eq!((a.total, &a.hits, &a.facets), (b.total, &b.hits, &b.facets));
}

#[test]
fn a_table_the_engine_made_from_rows_not_loaded_is_never_an_answer_on_a_later_call() {
    let whole_bytes = index_over("seeds");
    let hosted = split_text(whole_bytes, explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let whole = Explorer::open(&hosted.index).unwrap();
    let mut page = rounds::page(&files);
    let options = article_explorer::overview::OverviewOptions::default();
    // The overview and the facet box keep tables made from every row of AENT and ENTS;
    // made from empty rows by a first call, a second call on the same engine that finds
    // them made must still name what they lack.
    for _ in 0..2 {
        assert!(matches!(
            page.checked(|ex| ex.overview(&options)),
            Err(LazyExplorerError::Lazy(LazyError::Missing { .. }))
        ));
        assert!(matches!(
            page.checked(|ex| ex.entities_named("a")),
            Err(LazyExplorerError::Lazy(LazyError::Missing { .. }))
        ));
    }
    let need = page
        .missing_for(|ex| ex.overview(&options).map(drop))
        .unwrap();
    assert!(!need.is_empty());
    assert!(matches!(
        page.checked(|ex| ex.overview(&options)),
        Err(LazyExplorerError::Lazy(LazyError::Missing { .. }))
    ));
    rounds_for(&mut page, &files, |ex| ex.overview(&options).map(drop));
    rounds_for(&mut page, &files, |ex| ex.entities_named("a").map(drop));
    let a = page.checked(|ex| ex.overview(&options)).unwrap();
    assert_eq!(a, whole.overview(&options).unwrap());
    let named = page.checked(|ex| ex.entities_named("a")).unwrap();
    assert_eq!(named, whole.entities_named("a").unwrap());
}

/// Two calls' rounds side by side (the page runs them at once): one call's rows came in their
/// chunks and its last round assembled the engine; then the other call's whole section of
/// the same table comes. The first call still answers from the engine it was assembled for:
/// the section loaded since does not stand for the rows it read (it failed naming the
/// section before, and the page could not start).
#[test]
fn a_section_loaded_after_an_engine_read_its_rows_from_chunks_does_not_make_that_call_missing() {
    let hosted = split_text(index_over("seeds"), explorer_index::chunks::LAZY_CHUNK_TEXT).unwrap();
    let files = split(&hosted.index, ROWS_APART).unwrap();
    let whole = Explorer::open(&hosted.index).unwrap();
    let mut page = rounds::page(&files);
    let options = SearchOptions {
        entities: vec![whole.entities().unwrap()[0].id],
        ..SearchOptions::default()
    };
    let total = |ex: &Explorer<'_>| ex.search("", &options).map(|r| r.total);
    let fetched = rounds_for(&mut page, &files, |ex| total(ex).map(drop));
    // A table whose rows the call read from their chunks, and that has a whole section.
    let section_of = |tag| {
        let sections = page.store().sections().iter();
        sections
            .clone()
            .find(|(t, _)| *t == tag)
            .map(|(_, f)| f.name())
    };
    let section = fetched
        .iter()
        .filter_map(|name| page.store().rows_table_of(name))
        .find_map(section_of)
        .unwrap_or_else(|| panic!("rows read from chunks: {fetched:?}"));
    assert!(!fetched.contains(&section), "{fetched:?}");
    // An entity filter reads its entity's ENTS row first (the table the checks below read whole).
    assert_eq!(section_of(*b"ENTS").as_ref(), Some(&section), "{fetched:?}");
    page.supply(&section, crate::lazy::bytes_of(&files, &section).to_vec())
        .unwrap();
    let answer = page.checked(total);
    assert_eq!(answer.ok(), Some(total(&whole).unwrap()));
    // A call that reads the whole table is told it lacks the section (loaded, not in the
    // engine) until the engine is assembled again: what the page does when a call names it.
    assert!(page.checked(|ex| ex.entities().map(|l| l.len())).is_err());
    page.assemble().unwrap();
    assert_eq!(page.checked(total).ok(), Some(total(&whole).unwrap()));
    let listed = page.checked(|ex| ex.entities().map(|l| l.len()));
    assert_eq!(listed.ok(), Some(whole.entities().unwrap().len()));
    // The rounds of any call assemble the engine again, with the section.
    rounds_for(&mut page, &files, |ex| total(ex).map(drop));
    assert_eq!(page.checked(total).ok(), Some(total(&whole).unwrap()));
}
