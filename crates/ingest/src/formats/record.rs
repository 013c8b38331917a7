//! Records of named fields (a JSON object, Markdown front matter) read as an article's
//! metadata and text, with the field names of news-please, trafilatura and plain exports.
//! The names and their precedence (first present wins) are listed in docs/FORMATS.md and
//! here, in one place.
//!
//! Types are taken leniently: a number where text is expected is its digits, a list of
//! strings where one text is expected is its items (a `maintext` given as paragraphs), an
//! object with a `name` is that name (a JSON-LD `author`); anything else is ignored with a
//! note naming the field.

use super::{clean, dates, safe_url, split_authors, Kind, Metadata, TextBuilder};
use explorer_index::YearMonth;
use serde_json::{Map, Value};

/// Title fields.
pub const TITLE: &[&str] = &["title", "headline"];
/// Date fields: news-please's `date_publish`, trafilatura's `date`, schema.org's
/// `datePublished`, and common export names.
pub const DATE: &[&str] = &[
    "date_publish",
    "datePublished",
    "date_published",
    "published_at",
    "publishedAt",
    "published",
    "pubDate",
    "publish_date",
    "date",
    "created_at",
];
/// Author fields: news-please's `authors` (a list), trafilatura's `author` (a string,
/// `;`-separated).
pub const AUTHORS: &[&str] = &["authors", "author", "byline", "creator"];
/// Source fields: news-please's `source_domain`, trafilatura's `sitename` and `hostname`.
/// (trafilatura's `source` is a URL: it is read as the URL, not the source.)
pub const SOURCE: &[&str] = &[
    "source_domain",
    "sitename",
    "site_name",
    "outlet",
    "publisher",
    "source_name",
    "hostname",
];
/// URL fields (http and https only).
pub const URL: &[&str] = &["url", "link", "source_url", "canonical_url", "source"];
/// Language fields.
pub const LANGUAGE: &[&str] = &["language", "lang", "inLanguage"];
/// Tag fields.
pub const TAGS: &[&str] = &["tags", "keywords", "categories"];
/// Body text fields (JSON only): news-please's `maintext`, trafilatura's `text`.
pub const TEXT: &[&str] = &["maintext", "text", "content", "body", "article", "raw_text"];
/// Lead fields (JSON only): news-please's `description`.
pub const LEAD: &[&str] = &["description", "summary", "excerpt", "lead", "teaser"];

/// A record's metadata and what was odd about it.
#[derive(Debug, Default)]
pub struct Fields {
    pub title: Option<String>,
    pub date: Option<YearMonth>,
    pub meta: Metadata,
    /// Fields of a type that could not be read, e.g. "`title` is an object".
    pub odd: Vec<String>,
}

/// The value of the first of `names` present in `record` (keys compared without case).
pub fn get<'a>(record: &'a Map<String, Value>, names: &[&str]) -> Option<(&'a str, &'a Value)> {
    names.iter().find_map(|name| {
        record
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(name) && !v.is_null())
            .map(|(k, v)| (k.as_str(), v))
    })
}

/// `v` as one text: a string, a number, a list of those joined by newlines, or an object's
/// `name`.
pub fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(text_of).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        Value::Object(o) => o.get("name").and_then(text_of),
        Value::Bool(_) | Value::Null => None,
    }
}

/// The metadata fields of `record`.
pub fn fields(record: &Map<String, Value>) -> Fields {
    let mut f = Fields::default();
    let one = |names: &[&str], odd: &mut Vec<String>| -> Option<String> {
        let (key, v) = get(record, names)?;
        let text = text_of(v).and_then(|t| clean(&t));
        if text.is_none() {
            odd.push(format!("`{key}` is {}, not text", kind_of(v)));
        }
        text
    };
    f.title = one(TITLE, &mut f.odd);
    if let Some(d) = one(DATE, &mut f.odd) {
        f.date = dates::year_month(&d);
        if f.date.is_none() {
            f.odd
                .push(format!("date `{d}` is not a date this reader knows"));
        }
    }
    if let Some((key, v)) = get(record, AUTHORS) {
        authors_of(v, &mut f.meta.authors);
        if f.meta.authors.is_empty() && !matches!(v, Value::Array(a) if a.is_empty()) {
            f.odd.push(format!("`{key}` is {}, not names", kind_of(v)));
        }
    }
    f.meta.source = one(SOURCE, &mut f.odd).filter(|s| safe_url(s).is_none());
    f.meta.url = URL
        .iter()
        .filter_map(|n| get(record, &[n]))
        .filter_map(|(_, v)| text_of(v))
        .find_map(|u| safe_url(&u));
    if f.meta.source.is_none() {
        f.meta.source = f.meta.url.as_deref().and_then(super::html::host_of);
    }
    f.meta.language = one(LANGUAGE, &mut f.odd)
        .map(|l| l.replace('_', "-").to_lowercase())
        .filter(|l| l.len() <= 16 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if let Some((_, v)) = get(record, TAGS) {
        let list: Vec<String> = match v {
            Value::Array(items) => items.iter().filter_map(text_of).collect(),
            other => text_of(other)
                .map(|t| t.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
        };
        for tag in list.iter().filter_map(|t| clean(t)) {
            if !f.meta.tags.contains(&tag) {
                f.meta.tags.push(tag);
            }
        }
    }
    f
}

fn authors_of(v: &Value, into: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| authors_of(i, into)),
        other => {
            if let Some(t) = text_of(other) {
                split_authors(&t, into);
            }
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "empty",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Add a body text to `builder`: HTML (it starts with a tag) block by block, else plain
/// text with a paragraph per line.
pub fn body_into(text: &str, kind: Kind, builder: &mut TextBuilder) {
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') && trimmed.contains('>') {
        super::html::fragment_into(text, builder);
    } else {
        for line in text.lines() {
            builder.push(kind, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json).unwrap() {
            Value::Object(o) => o,
            _ => unreachable!(),
        }
    }

    #[test]
    fn news_please_and_trafilatura_names() {
        let np = fields(&record(
            r#"{"title":"T","date_publish":"2019-02-27 10:00:00","authors":["Anna Meier","Ben Schulz"],
                "source_domain":"www.zeitung.example","url":"https://www.zeitung.example/a","language":"de"}"#,
        ));
        assert_eq!(
            np.date,
            Some(YearMonth {
                year: 2019,
                month: 2
            })
        );
        assert_eq!(np.meta.authors, ["Anna Meier", "Ben Schulz"]);
        assert_eq!(np.meta.source.as_deref(), Some("www.zeitung.example"));
        let tr = fields(&record(
            r#"{"title":"T","author":"Anna Meier; Ben Schulz","date":"2020-05-01",
                "hostname":"zeitung.example","source":"https://zeitung.example/b"}"#,
        ));
        assert_eq!(tr.meta.authors, ["Anna Meier", "Ben Schulz"]);
        assert_eq!(tr.meta.source.as_deref(), Some("zeitung.example"));
        assert_eq!(tr.meta.url.as_deref(), Some("https://zeitung.example/b"));
        assert!(np.odd.is_empty() && tr.odd.is_empty());
    }

    #[test]
    fn wrong_types_are_named_not_fatal() {
        let f = fields(&record(
            r#"{"title":{"de":"x"},"date":12,"authors":7,"url":"javascript:alert(1)","tags":"a, b"}"#,
        ));
        assert_eq!(f.title, None);
        assert!(
            f.odd.iter().any(|o| o.contains("`title` is an object")),
            "{:?}",
            f.odd
        );
        assert!(f.meta.authors.is_empty());
        assert!(f.odd.iter().any(|o| o.contains("`authors` is a number")));
        assert_eq!(f.meta.url, None);
        assert_eq!(f.meta.tags, ["a", "b"]);
    }
}
