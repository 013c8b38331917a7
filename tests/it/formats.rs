//! A folder that mixes every input format (HTML pages in the styles of news sites, Markdown
//! with YAML and TOML front matter, news-please and trafilatura JSON, JSON Lines, RSS and
//! Atom): every article has its title, date, source and author, its body is searchable,
//! page furniture is not, nothing from a page can run, and every file is accounted for.

use crate::index_over;
use article_explorer::{Explorer, SearchOptions};
use explorer_index::{ArticleId, Index, YearMonth};
use explorer_ingest::{build_with, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/fixtures/formats";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR)
}

/// One article the folder must yield.
struct Expected {
    name: &'static str,
    title: &'static str,
    date: (u16, u8),
    source: &'static str,
    author: &'static str,
    /// A word of its body that finds it.
    body: &'static str,
}

const EXPECTED: &[Expected] = &[
    Expected {
        name: "nachrichten-hafen.html",
        title: "Hafenerweiterung: Senat gibt grünes Licht für das Containerterminal",
        date: (2024, 3),
        source: "Nordkurier Online",
        author: "Malte Hinrichs",
        body: "Kaimauer",
    },
    Expected {
        name: "wochenblatt-1252.htm",
        title: "Stadtrat beschließt Sanierung der Stadthalle",
        date: (2023, 11),
        source: "Wochenblatt Süd",
        author: "Karl-Heinz Öztürk",
        body: "Großwiesen",
    },
    Expected {
        name: "feindselig.html",
        title: "Bürgerhaushalt: Stadt sammelt Vorschläge im Netz",
        date: (2022, 6),
        source: "Stadtanzeiger Nord",
        author: "Lea Brandt",
        body: "Trinkbrunnen",
    },
    Expected {
        name: "klimakonferenz.md",
        title: "Klimakonferenz endet mit Kompromiss zum Kohleausstieg",
        date: (2023, 12),
        source: "Tageblatt Mitte",
        author: "Tarek Aydın",
        body: "Inselstaaten",
    },
    Expected {
        name: "bahnstreik.md",
        title: "Bahnstreik legt Fernverkehr für zwei Tage lahm",
        date: (2024, 1),
        source: "Rheinpost",
        author: "Jonas Weber",
        body: "Ersatzfahrplan",
    },
    Expected {
        name: "news-please-export.json",
        title: "Fernwärme wird zum Jahreswechsel deutlich teurer",
        date: (2022, 9),
        source: "www.weserbote.example",
        author: "Miriam Hoffmann",
        body: "Sozialtarif",
    },
    Expected {
        name: "trafilatura-export.json#1",
        title: "Museum zeigt verschollene Gemälde",
        date: (2021, 4),
        source: "Kulturspiegel Süd",
        author: "Paul Riedel",
        body: "Landschaftsmalers",
    },
    Expected {
        name: "trafilatura-export.json#2",
        title: "Neue Radbrücke über den Kanal eröffnet",
        date: (2021, 5),
        source: "kulturspiegel-sued.example",
        author: "Hanna Vogt",
        body: "Gewerbegebiet",
    },
    Expected {
        name: "leserbriefe.jsonl#1",
        title: "Schulbau: Elternbeirat fordert schnellere Planung",
        date: (2024, 2),
        source: "Kreisblatt",
        author: "Redaktion Lokales",
        body: "Containerklassen",
    },
    Expected {
        name: "leserbriefe.jsonl#2",
        title: "Freibad öffnet früher",
        date: (2024, 4),
        source: "kreisblatt.example",
        author: "Ole Janssen",
        body: "Freibad",
    },
    Expected {
        name: "landtag-feed.xml#1",
        title: "Landtag beschließt Haushalt mit knapper Mehrheit",
        date: (2023, 12),
        source: "Landeszeitung – Politik",
        author: "Friederike Brandt",
        body: "Doppelhaushalt",
    },
    Expected {
        name: "landtag-feed.xml#2",
        title: "Untersuchungsausschuss vertagt Zeugenbefragung",
        date: (2023, 12),
        source: "Landeszeitung – Politik",
        author: "Ali Kaya",
        body: "Staatssekretärs",
    },
    Expected {
        name: "wissenschaft.atom#1",
        title: "Forschende entdecken Seegraswiesen vor Helgoland",
        date: (2024, 4),
        source: "Wissenschaftsmagazin Nord",
        author: "Merle Sanders",
        body: "Jungfischen",
    },
    Expected {
        name: "wissenschaft.atom#2",
        title: "Sternwarte meldet Rekord bei Besucherzahlen",
        date: (2024, 5),
        source: "Wissenschaftsmagazin Nord",
        author: "Redaktion Wissen",
        body: "Sonnenfinsternis",
    },
];

/// Words of page furniture and of what never is text (scripts, styles, templates, frames,
/// forms): none may be found, nor stored.
const FURNITURE: &[&str] = &[
    "Zustimmungsverwaltung",
    "Ressortübersicht",
    "Weiterlesenempfehlung",
    "Newsletterabonnement",
    "Leserkommentar",
    "Leserkommentare",
    "Impressum",
    "Datenschutzerklärung",
    "Anzeigenmarkt",
    "Veranstaltungskalender",
    "Autohaus",
    "Trackingskriptwort",
    "Stilregelwort",
    "Skriptausgabewort",
    "Noscripthinweiswort",
    "Vorlagentextwort",
    "Menüknopfwort",
    "Iframeinhaltswort",
    "Rahmenwort",
    "Svgtextwort",
    "Formularwort",
    "Plattformwort",
];

fn index() -> &'static [u8] {
    index_over(DIR)
}

fn find(ex: &Explorer<'_>, q: &str) -> Vec<String> {
    ex.search(q, &SearchOptions::default())
        .unwrap()
        .hits
        .iter()
        .map(|h| h.article.file.to_owned())
        .collect()
}

#[test]
fn every_article_of_every_format_has_its_title_date_source_author_and_body() {
    let bytes = index();
    let ex = Explorer::open(bytes).unwrap();
    let index = Index::open(bytes).unwrap();
    let meta = index.metadata();
    let articles = ex.articles().unwrap();
    for e in EXPECTED {
        let a = articles
            .iter()
            .find(|a| a.file == e.name)
            .unwrap_or_else(|| panic!("{} is not indexed", e.name));
        assert_eq!(a.title, e.title, "{}", e.name);
        assert!(!a.title_derived, "{}", e.name);
        let (year, month) = e.date;
        assert_eq!(a.date, Some(YearMonth { year, month }), "{}", e.name);
        let m = meta.article(a.id).unwrap();
        assert_eq!(m.source, Some(e.source), "{}", e.name);
        assert!(m.authors.contains(&e.author), "{}: {:?}", e.name, m.authors);
        assert!(
            find(&ex, &format!("{} ", e.body)).contains(&e.name.to_owned()),
            "{}: `{}` does not find it",
            e.name,
            e.body
        );
    }
}

#[test]
fn page_furniture_and_what_is_never_text_are_neither_searchable_nor_stored() {
    let bytes = index();
    let ex = Explorer::open(bytes).unwrap();
    let index = Index::open(bytes).unwrap();
    for word in FURNITURE {
        let term = explorer_text::term_of(word);
        assert!(
            index.postings(&term).unwrap().is_none(),
            "`{word}` ({term}) is in the index"
        );
        for a in ex.articles().unwrap() {
            for p in ex.article(a.id, None).unwrap().paragraphs {
                assert!(!p.text.contains(word), "{}: `{word}` is stored", a.file);
            }
        }
    }
}

#[test]
fn nothing_from_a_page_can_run_text_only_and_http_links_only() {
    let bytes = index();
    let ex = Explorer::open(bytes).unwrap();
    let index = Index::open(bytes).unwrap();
    for a in ex.articles().unwrap() {
        let texts: Vec<&str> = std::iter::once(a.title)
            .chain(
                ex.article(a.id, None)
                    .unwrap()
                    .paragraphs
                    .iter()
                    .map(|p| p.text),
            )
            .collect();
        for t in texts {
            for bad in ["<", "alert(", "onerror", "onclick", "javascript:"] {
                assert!(!t.contains(bad), "{}: `{bad}` in {t:?}", a.file);
            }
        }
        let m = index.metadata().article(a.id).unwrap();
        if let Some(url) = m.url {
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{url}"
            );
        }
        for s in m.authors.iter().chain(m.source.iter()) {
            assert!(!s.contains('<'), "{}: markup in metadata {s:?}", a.file);
        }
    }
    let hostile = ex
        .articles()
        .unwrap()
        .into_iter()
        .find(|a| a.file == "feindselig.html")
        .unwrap();
    let m = index.metadata().article(hostile.id).unwrap();
    assert_eq!(
        m.url,
        Some("https://www.stadtanzeiger.example/buergerhaushalt"),
        "the javascript: og:url is refused, the canonical link kept"
    );
}

#[test]
fn every_file_is_indexed_or_named_with_its_reason_and_strict_mode_fails_on_any() {
    let b = explorer_ingest::build(&dir()).unwrap();
    let files: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let file_of = |name: &str| name.split('#').next().unwrap_or(name).to_owned();
    let accounted: BTreeSet<String> = b
        .indexed
        .iter()
        .chain(b.skipped.iter().map(|(n, _)| n))
        .map(|n| file_of(n))
        .collect();
    assert_eq!(accounted, files);
    assert!(
        b.summary.contains(&format!(
            "metadata: {n} with a source, {n} with authors",
            n = EXPECTED.len()
        )),
        "{}",
        b.summary
    );
    for (name, why) in &b.skipped {
        assert!(
            b.summary.contains(name.as_str()),
            "{name} not in the summary"
        );
        let expected = match name.as_str() {
            "nur-navigation.html" => "a page without a main text",
            "landtag-feed.xml#3" => "a feed item with no text",
            other => panic!("{other} skipped: {why}"),
        };
        assert!(why.to_string().contains(expected), "{name}: {why}");
    }
    let errors = build_with(
        &dir(),
        Options {
            strict: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("nur-navigation.html")));
}

#[test]
fn facets_by_source_and_author_read_ids_and_name_tables() {
    let bytes = index();
    let index = Index::open(bytes).unwrap();
    let meta = index.metadata();
    let nordkurier = meta.source_by_name("Nordkurier Online").unwrap();
    let vogt = meta.author_by_name("Hanna Vogt").unwrap();
    let (mut by_source, mut by_author) = (0, 0);
    let mut authors = Vec::new();
    for id in index.article_ids() {
        by_source += usize::from(meta.source(id).unwrap() == Some(nordkurier));
        meta.authors_into(id, &mut authors).unwrap();
        by_author += usize::from(authors.contains(&vogt));
    }
    assert_eq!((by_source, by_author), (1, 2));
    // The counts a reader sees: the engine's facets over every article.
    let ex = Explorer::open(bytes).unwrap();
    let all = ex
        .overview(&article_explorer::overview::OverviewOptions::default())
        .unwrap();
    let wissen = all
        .sources
        .iter()
        .find(|f| f.name == "Wissenschaftsmagazin Nord");
    assert_eq!(wissen.map(|f| f.count), Some(2), "{:?}", all.sources);
    let first = all.authors.first().map(|f| (f.name, f.count));
    assert_eq!(
        first,
        Some(("Hanna Vogt", 2)),
        "the most frequent author first"
    );
    assert_eq!(meta.source_name(nordkurier).unwrap(), "Nordkurier Online");
    assert!(meta.author_count() >= EXPECTED.len() as u32 - 2);
    assert!(meta.source(ArticleId(u32::MAX)).is_err());
}

#[test]
fn the_results_export_carries_each_articles_source_and_url() {
    let ex = Explorer::open(index()).unwrap();
    let rows = ex.result_rows("", &SearchOptions::default(), None).unwrap();
    assert!(!rows.is_empty());
    let hafen = rows
        .iter()
        .find(|r| r.file == "nachrichten-hafen.html")
        .expect("the HTML page is exported");
    assert_eq!(hafen.source, Some("Nordkurier Online"));
    assert!(
        hafen.url.is_some_and(|u| u.starts_with("https://")),
        "{:?}",
        hafen.url
    );
    let csv = ex
        .export_results(
            "",
            &SearchOptions::default(),
            None,
            article_explorer::collection::Format::Csv,
        )
        .unwrap();
    assert!(csv.contains("Nordkurier Online"), "{csv}");
}
