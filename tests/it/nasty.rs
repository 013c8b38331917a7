//! Messy and hostile input folders: nothing breaks the build, nothing is lost silently.

use article_explorer::{Explorer, SearchOptions};
use explorer_ingest::corpus::SkipReason;
use explorer_ingest::{build, build_with, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn nasty() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nasty")
}

/// A file name and a test of the reason it was skipped for.
type SkipCase = (&'static str, fn(&SkipReason) -> bool);

fn reason_of<'a>(b: &'a explorer_ingest::Build, file: &str) -> Option<&'a SkipReason> {
    b.skipped.iter().find(|(f, _)| f == file).map(|(_, r)| r)
}

#[test]
fn every_input_file_is_either_indexed_or_reported() {
    let b = build(&nasty()).unwrap();
    let all: BTreeSet<String> = std::fs::read_dir(nasty())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let indexed: BTreeSet<String> = b.indexed.iter().cloned().collect();
    let skipped: BTreeSet<String> = b.skipped.iter().map(|(f, _)| f.clone()).collect();
    assert!(indexed.is_disjoint(&skipped));
    // A file with several articles is accounted for by its parts, `file#n`.
    let file_of = |name: &String| name.split('#').next().unwrap_or(name).to_owned();
    let accounted: BTreeSet<String> = indexed.union(&skipped).map(file_of).collect();
    assert_eq!(accounted, all);
    for file in &skipped {
        assert!(
            b.summary.contains(file.as_str()),
            "{file} is not named in the summary"
        );
    }
}

#[test]
fn each_kind_of_bad_file_gets_its_defined_treatment() {
    let b = build(&nasty()).unwrap();
    let cases: &[SkipCase] = &[
        ("05-empty.txt", |r| *r == SkipReason::Empty),
        ("06-whitespace.txt", |r| *r == SkipReason::Empty),
        ("07-binary.txt", |r| *r == SkipReason::Binary),
        ("08-notes.md", |r| {
            matches!(r, SkipReason::NotAnArticle { .. })
        }),
        (
            "25-tabelle.csv",
            |r| matches!(r, SkipReason::UnknownFormat { extension } if extension == "csv"),
        ),
        ("22-binary.html", |r| *r == SkipReason::Binary),
        ("21-no-fence.md", |r| {
            matches!(r, SkipReason::Broken { line: Some(1), .. })
        }),
        ("24-broken.json", |r| {
            matches!(
                r,
                SkipReason::Broken {
                    format: "JSON",
                    line: Some(5),
                    ..
                }
            )
        }),
        ("23-broken.jsonl#2", |r| {
            matches!(r, SkipReason::Broken { line: Some(2), .. })
        }),
        ("20-wrong-types.json#2", |r| {
            matches!(r, SkipReason::NoText { .. })
        }),
        ("20-wrong-types.json#3", |r| {
            matches!(r, SkipReason::Broken { .. })
        }),
        ("20-wrong-types.json#4", |r| {
            matches!(r, SkipReason::Broken { .. })
        }),
        (".hidden.txt", |r| *r == SkipReason::Hidden),
        (
            "11-dup-b.txt",
            |r| matches!(r, SkipReason::DuplicateOf { file } if file == "10-dup-a.txt"),
        ),
        ("18-undecodable.txt", |r| {
            matches!(r, SkipReason::InvalidEncoding { .. })
        }),
    ];
    for (file, ok) in cases {
        let reason = reason_of(&b, file).unwrap_or_else(|| panic!("{file} was not skipped"));
        assert!(ok(reason), "{file}: {reason}");
    }
    for file in [
        "01-latin1.txt",
        "02-bom.txt",
        "03-crlf.txt",
        "04-cr.txt",
        "09-longword.txt",
        "10-dup-a.txt",
        "12-baddate.txt",
        "13-datesoon.txt",
        "14-html.txt",
        "15-control.txt",
        "16-rtl.txt",
        "17-emoji.txt",
        "19-malformed.html",
        "20-wrong-types.json#1",
        "23-broken.jsonl#1",
        "23-broken.jsonl#3",
    ] {
        assert!(b.indexed.iter().any(|f| f == file), "{file} is not indexed");
    }
    let warned = |file: &str, line: Option<usize>| {
        b.warnings
            .iter()
            .any(|w| w.path.ends_with(file) && (line.is_none() || w.line == line))
    };
    assert!(
        warned("01-latin1.txt", None),
        "fallback decoding is reported"
    );
    assert!(
        warned("12-baddate.txt", Some(1)),
        "a malformed date names its line"
    );
    assert!(warned("13-datesoon.txt", Some(1)));
    assert!(
        warned("20-wrong-types.json", None),
        "fields of the wrong type are named"
    );
    assert!(
        warned("23-broken.jsonl", Some(2)),
        "a broken line of JSON Lines names its line"
    );
}

#[test]
fn decoded_and_odd_articles_are_searchable_and_keep_their_text_as_text() {
    let b = build(&nasty()).unwrap();
    let bytes: &'static [u8] = Box::leak(b.index.into_boxed_slice());
    let ex = Explorer::open(bytes).unwrap();
    let find = |q: &str| {
        ex.search(q, &SearchOptions::default())
            .unwrap()
            .hits
            .iter()
            .map(|h| h.article.file.to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(find("Düsseldorf "), ["01-latin1.txt"]);
    assert_eq!(find("Fernsehturm "), ["02-bom.txt"]);
    assert_eq!(find("Wagenrücklauf "), ["04-cr.txt"]);
    assert_eq!(find("Windows-Zeilenenden "), ["03-crlf.txt"]);
    assert_eq!(find("Marktbeschicker "), ["19-malformed.html"]);
    assert_eq!(find("Deichbau "), ["20-wrong-types.json#1"]);
    assert_eq!(find("Leuchtturmwärterin "), ["23-broken.jsonl#3"]);
    assert!(
        find("Zaun ").is_empty(),
        "unclosed front matter is not indexed"
    );
    let articles = ex.articles().unwrap();
    let crlf = articles.iter().find(|a| a.file == "03-crlf.txt").unwrap();
    assert_eq!(crlf.title, "Zeilen mit CRLF");
    let baddate = articles
        .iter()
        .find(|a| a.file == "12-baddate.txt")
        .unwrap();
    assert_eq!(baddate.date, None);
    let html = articles.iter().find(|a| a.file == "14-html.txt").unwrap();
    let view = ex.article(html.id, None).unwrap();
    assert!(view.paragraphs.iter().any(|p| p.text.contains("<script>")));
    for a in &articles {
        for p in ex.article(a.id, Some("Wort")).unwrap().paragraphs {
            assert!(!p.text.contains('\r'), "{}: CR left in the text", a.file);
        }
    }
}

#[test]
fn strict_mode_turns_warnings_into_errors_that_name_the_file() {
    let errors = build_with(
        &nasty(),
        Options {
            strict: true,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("12-baddate.txt:1:")));
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("07-binary.txt")));
    assert!(errors.iter().any(|e| e
        .to_string()
        .contains("24-broken.json:5: broken JSON at line 5")));
    assert!(errors.iter().any(|e| e
        .to_string()
        .contains("23-broken.jsonl:2: item #2: broken JSON Lines")));
    assert!(build_with(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/german"),
        Options::default()
    )
    .is_ok());
}

#[test]
fn an_unreadable_folder_and_an_oversized_file_are_reported_by_name() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/does-not-exist");
    let errors = build(&missing).unwrap_err();
    assert!(errors[0].to_string().contains("does-not-exist"));

    let dir = std::env::temp_dir().join(format!("explorer-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ok.txt"), "Ein kurzer Artikel.\n").unwrap();
    let big = vec![b'a'; (explorer_ingest::corpus::MAX_FILE_BYTES + 1) as usize];
    std::fs::write(dir.join("big.txt"), big).unwrap();
    let b = build(&dir).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(matches!(
        reason_of(&b, "big.txt"),
        Some(SkipReason::TooLarge { .. })
    ));
    assert_eq!(b.indexed, ["ok.txt"]);
}

#[test]
fn a_huge_feed_gives_every_item_its_numbered_name() {
    let dir = std::env::temp_dir().join(format!("explorer-feed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut feed = String::from("<rss version=\"2.0\"><channel><title>Massenblatt</title>");
    const ITEMS: usize = 3000;
    for i in 1..=ITEMS {
        feed.push_str(&format!(
            "<item><title>Meldung {i}</title><description>&lt;p&gt;Kurzmeldung Nummer m{i}x \
             aus dem Ticker, mit einem Satz.&lt;/p&gt;</description></item>"
        ));
    }
    feed.push_str("<item><title>Ohne Text</title></item></channel></rss>");
    std::fs::write(dir.join("ticker.xml"), feed).unwrap();
    let b = build(&dir).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(b.indexed.len(), ITEMS);
    assert_eq!(b.indexed[0], "ticker.xml#1");
    let last = format!("ticker.xml#{}", ITEMS + 1);
    assert!(matches!(
        reason_of(&b, &last),
        Some(SkipReason::NoText { .. })
    ));
    let bytes: &'static [u8] = Box::leak(b.index.into_boxed_slice());
    let ex = Explorer::open(bytes).unwrap();
    let hits = ex
        .search("m2718x ", &SearchOptions::default())
        .unwrap()
        .hits;
    assert_eq!(
        hits.first().map(|h| h.article.file),
        Some("ticker.xml#2718")
    );
}
