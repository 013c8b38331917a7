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
    let accounted: BTreeSet<String> = indexed.union(&skipped).cloned().collect();
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
        ("08-notes.md", |r| *r == SkipReason::NotText),
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
    let errors = build_with(&nasty(), Options { strict: true }).unwrap_err();
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("12-baddate.txt:1:")));
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("07-binary.txt")));
    assert!(build_with(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/german"),
        Options { strict: false }
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
