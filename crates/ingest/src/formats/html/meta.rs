//! A page's metadata: `<meta>` (Open Graph, `article:*`, `author`, `date`), JSON-LD
//! (`NewsArticle` and the other `*Article` types, also inside `@graph`), `<time datetime>`,
//! `<html lang>`, `<link rel=canonical>`. Precedence, first found wins, in docs/FORMATS.md.

use crate::formats::{clean, dates, safe_url, split_authors, Metadata};
use dom_query::Document;
use explorer_index::YearMonth;
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub date: Option<YearMonth>,
    pub meta: Metadata,
}

/// Read the metadata of `doc` (before scripts are removed: JSON-LD is in one).
pub fn read(doc: &Document) -> PageMeta {
    let ld = json_ld(doc);
    let ld_str = |key: &str| ld.as_ref().and_then(|v| string(v.get(key)?));
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            let sel = format!("meta[property=\"{n}\"], meta[name=\"{n}\"], meta[itemprop=\"{n}\"]");
            doc.select(&sel)
                .iter()
                .find_map(|m| m.attr("content").and_then(|c| text_only(&c)))
        })
    };
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| ld_str("headline"))
        .or_else(|| first_text(doc, "h1"))
        .or_else(|| first_text(doc, "title"));

    let date = [
        meta(&["article:published_time", "og:published_time"]),
        ld_str("datePublished"),
        meta(&[
            "date",
            "dc.date",
            "DC.date.issued",
            "pubdate",
            "publishdate",
            "datePublished",
        ]),
        doc.select("time[datetime]")
            .iter()
            .find_map(|t| t.attr("datetime").map(|d| d.to_string())),
        ld_str("dateCreated"),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| dates::year_month(&d));

    let mut authors = Vec::new();
    if let Some(a) = ld.as_ref().and_then(|v| v.get("author")) {
        names_of(a, &mut authors);
    }
    if authors.is_empty() {
        if let Some(a) = meta(&["author", "article:author", "dc.creator", "sailthru.author"]) {
            if safe_url(&a).is_none() {
                split_authors(&a, &mut authors);
            }
        }
    }

    let url = [
        meta(&["og:url"]),
        doc.select("link[rel=\"canonical\"]")
            .iter()
            .find_map(|l| l.attr("href").map(|h| h.to_string())),
        ld_str("url"),
    ]
    .into_iter()
    .flatten()
    .find_map(|u| safe_url(&u));

    let source = meta(&["og:site_name", "application-name"])
        .or_else(|| {
            let publisher = ld.as_ref()?.get("publisher")?;
            string(publisher).or_else(|| string(publisher.get("name")?))
        })
        .or_else(|| url.as_deref().and_then(host_of));

    let language = ld_str("inLanguage")
        .or_else(|| {
            doc.select("html[lang]")
                .iter()
                .find_map(|h| h.attr("lang").and_then(|l| clean(&l)))
        })
        .or_else(|| meta(&["content-language", "og:locale", "language"]))
        .map(|l| l.replace('_', "-").to_lowercase())
        .filter(|l| l.len() <= 16 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));

    let mut tags = Vec::new();
    for t in [meta(&["keywords", "news_keywords"]), ld_str("keywords")]
        .into_iter()
        .flatten()
    {
        for tag in t.split(',').filter_map(clean) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    PageMeta {
        title,
        date,
        meta: Metadata {
            authors,
            source,
            url,
            language,
            tags,
        },
    }
}

/// The host of an http(s) URL without `www.`: the source when a page names none.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_lowercase())
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|n| text_only(&n.text()))
}

/// `s` with anything that looks like a tag removed and whitespace collapsed: metadata is
/// text, never markup.
pub fn text_only(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    clean(&out)
}

/// A JSON-LD value as a string: a string, or the first string of an array.
fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => text_only(s),
        Value::Array(items) => items.iter().find_map(string),
        _ => None,
    }
}

/// Authors from a JSON-LD `author`: a string, a `Person` object, or an array of them.
fn names_of(v: &Value, into: &mut Vec<String>) {
    match v {
        Value::String(s) => split_authors(&text_only(s).unwrap_or_default(), into),
        Value::Array(items) => items.iter().for_each(|i| names_of(i, into)),
        Value::Object(o) => {
            if let Some(name) = o.get("name").and_then(string) {
                split_authors(&name, into);
            }
        }
        _ => {}
    }
}

/// The first JSON-LD object of an article type (`NewsArticle`, `Article`, `BlogPosting`,
/// ...), at the top, in an array or in `@graph`.
fn json_ld(doc: &Document) -> Option<Value> {
    doc.select("script[type=\"application/ld+json\"]")
        .iter()
        .filter_map(|s| serde_json::from_str::<Value>(s.text().trim()).ok())
        .find_map(|v| find_article(v, 0))
}

fn find_article(v: Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::Array(items) => items.into_iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(mut o) => {
            let is_article = |t: &Value| {
                t.as_str()
                    .is_some_and(|t| t.ends_with("Article") || t == "BlogPosting")
            };
            let typed = match o.get("@type") {
                Some(Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(Value::Object(o));
            }
            o.remove("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_wins_over_meta_and_urls_must_be_http() {
        let html = r#"<html lang="de-DE"><head>
            <meta name="author" content="Meta Autor">
            <meta property="og:url" content="javascript:alert(1)">
            <link rel="canonical" href="https://www.beispiel-zeitung.example/a.html">
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite"},
              {"@type":["NewsArticle"],"headline":"Ein <b>Titel</b>","datePublished":"2021-02-03",
               "author":[{"@type":"Person","name":"Anna Meier"},"Ben Schulz"],
               "publisher":{"name":"Beispiel-Zeitung"}}]}</script>
            </head><body><time datetime="1999-01-01">alt</time></body></html>"#;
        let m = read(&Document::from(html));
        assert_eq!(m.title.as_deref(), Some("Ein Titel"));
        assert_eq!(
            m.date,
            Some(YearMonth {
                year: 2021,
                month: 2
            })
        );
        assert_eq!(m.meta.authors, ["Anna Meier", "Ben Schulz"]);
        assert_eq!(m.meta.source.as_deref(), Some("Beispiel-Zeitung"));
        assert_eq!(
            m.meta.url.as_deref(),
            Some("https://www.beispiel-zeitung.example/a.html")
        );
        assert_eq!(m.meta.language.as_deref(), Some("de-de"));
    }

    #[test]
    fn without_json_ld_meta_time_and_the_host() {
        let html = r#"<html><head><title>T</title>
            <meta name="author" content="Von Carla Roth und Dana Pohl">
            <link rel="canonical" href="https://www.lokalblatt.example/x"></head>
            <body><time datetime="2020-12-24T18:00">Heiligabend</time></body></html>"#;
        let m = read(&Document::from(html));
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(
            m.date,
            Some(YearMonth {
                year: 2020,
                month: 12
            })
        );
        assert_eq!(m.meta.authors, ["Carla Roth", "Dana Pohl"]);
        assert_eq!(m.meta.source.as_deref(), Some("lokalblatt.example"));
        assert_eq!(
            text_only("<img src=x onerror=alert(1)>Lea"),
            Some("Lea".into())
        );
    }
}
