//! Entities in the index: filters, facets, the query language, aliases and curation, for any
//! corpus (properties, not the samples' names).

use crate::explorer_over;
use article_explorer::{EntityKind, Explorer, Loosened, SearchOptions};
use std::collections::BTreeSet;
use std::path::Path;

fn all() -> SearchOptions {
    SearchOptions::first(1_000)
}

#[test]
fn every_mention_lies_in_its_paragraph_and_counts_add_up() {
    let ex = explorer_over("seeds");
    let entities = ex.entities().unwrap();
    assert!(!entities.is_empty(), "the samples name people and places");
    let mut seen = std::collections::BTreeMap::new();
    for a in ex.articles().unwrap() {
        let view = ex.article(a.id, None).unwrap();
        for p in &view.paragraphs {
            for m in &p.mentions {
                assert!(p
                    .text
                    .get(m.range.clone())
                    .is_some_and(|s| !s.trim().is_empty()));
            }
        }
        for e in &view.entities {
            *seen.entry(e.id).or_insert(0u32) += 1;
        }
    }
    for e in &entities {
        assert_eq!(
            seen.get(&e.id).copied().unwrap_or(0),
            e.articles,
            "{}",
            e.name
        );
        assert!(e.mentions >= e.articles);
    }
}

#[test]
fn filtering_by_entities_keeps_only_articles_that_mention_all_of_them() {
    let ex = explorer_over("seeds");
    let entities = ex.entities().unwrap();
    let a = &entities[0];
    let b = entities
        .iter()
        .find(|e| e.articles < a.articles)
        .unwrap_or(&entities[1]);
    let opts = SearchOptions {
        entities: vec![a.id, b.id],
        ..all()
    };
    let results = ex.search("", &opts).unwrap();
    assert!(results.total <= b.articles as usize);
    for hit in &results.hits {
        let ids: BTreeSet<_> = ex
            .article(hit.article.id, None)
            .unwrap()
            .entities
            .iter()
            .map(|e| e.id)
            .collect();
        assert!(
            ids.contains(&a.id) && ids.contains(&b.id),
            "{}",
            hit.article.file
        );
    }
    for id in [a.id, b.id] {
        let facet = results
            .facets
            .iter()
            .find(|f| f.id == id)
            .expect("selected facets stay visible");
        assert_eq!(facet.count, results.total);
    }
    for f in &results.facets {
        assert!(f.count <= results.total);
    }
    assert!(
        results.facets.windows(2).all(|w| w[0].count >= w[1].count),
        "sorted by count"
    );
}

#[test]
fn kind_filters_in_the_query_find_the_entitys_articles() {
    let ex = explorer_over("seeds");
    for e in ex.entities().unwrap().iter().take(8) {
        let prefix = match e.kind {
            EntityKind::Person => "person",
            EntityKind::Country => "land",
            EntityKind::Place => "ort",
            EntityKind::Organization => "org",
            EntityKind::Event => "ereignis",
        };
        let results = ex
            .search(&format!("{prefix}:\"{}\"", e.name), &all())
            .unwrap();
        assert_eq!(results.total, e.articles as usize, "{prefix}:{}", e.name);
        assert!(results.loosened.is_empty());
    }
    let unknown = ex.search("person:Niemandvonnirgendwo", &all()).unwrap();
    assert!(matches!(
        unknown.loosened.as_slice(),
        [Loosened::UnknownEntity { .. }]
    ));
}

#[test]
fn an_alias_that_no_article_spells_still_finds_the_entitys_articles() {
    let ex = explorer_over("seeds");
    let texts: String = ex
        .articles()
        .unwrap()
        .iter()
        .flat_map(|a| {
            ex.article(a.id, None)
                .unwrap()
                .paragraphs
                .into_iter()
                .map(|p| p.text.to_lowercase())
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut tried = 0;
    for e in ex.entities().unwrap() {
        let alias = e.aliases.iter().find(|a| {
            a.chars().all(char::is_alphabetic)
                && a.chars().count() >= 4
                && !texts.contains(&a.to_lowercase())
        });
        let (Some(alias), true) = (alias, e.name.chars().all(char::is_alphabetic)) else {
            continue;
        };
        tried += 1;
        let found = ex.search(&format!("{alias} "), &all()).unwrap();
        assert!(
            found.total >= 1,
            "{alias} (alias of {}) finds nothing",
            e.name
        );
    }
    assert!(tried > 0, "no foreign-spelling alias to try");
}

#[test]
fn the_curation_file_adds_renames_and_ignores_entities() {
    let dir = std::env::temp_dir().join(format!("explorer-curation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "Treffen in Graz\nDie Bürgermeisterin Elke Kahr empfing den Verein Grazer Kulturfreunde im Rathaus von Graz.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("entities.toml"),
        "ignore = [\"Rathaus\"]\n\n[[entity]]\nname = \"Grazer Kulturfreunde\"\nkind = \"organization\"\naliases = [\"GKF\"]\n",
    )
    .unwrap();
    let build = explorer_ingest::build(&dir).unwrap();
    let bytes: &'static [u8] = Box::leak(build.index.into_boxed_slice());
    let ex = Explorer::open(bytes).unwrap();
    let names: Vec<&str> = ex.entities().unwrap().iter().map(|e| e.name).collect();
    assert!(names.contains(&"Grazer Kulturfreunde"), "{names:?}");
    assert!(!names.contains(&"Rathaus"), "{names:?}");
    assert_eq!(ex.search("org:GKF", &all()).unwrap().total, 1);

    std::fs::write(
        dir.join("entities.toml"),
        "[[entity]]\nname = \"X\"\nkind = \"persn\"\n",
    )
    .unwrap();
    let errors = explorer_ingest::build(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    let message = errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(message.contains("entities.toml:3:"), "{message}");
    assert!(Path::new(&dir)
        .join("entities.toml")
        .to_string_lossy()
        .ends_with("entities.toml"));
}
