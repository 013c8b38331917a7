//! Markdown (`.md`, `.markdown`) with YAML (`---`) or TOML (`+++`) front matter, as static
//! site generators keep articles: the front matter gives title, date, author(s), tags and
//! the source URL (the names of [`super::record`]); the body gives the blocks (headings,
//! paragraphs, list items, quotes; image descriptions as captions). Raw HTML in the body
//! is dropped, its text kept.
//!
//! A Markdown file without front matter is not an article (a README, notes); front matter
//! that is never closed, or that does not parse, is broken at the line that opens it or
//! the line of the error.

use super::record::{fields, Fields};
use super::{Format, Input, Kind, Read, TextBuilder};
use crate::corpus::{decode, SkipReason};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

pub const FORMAT: Format = Format {
    name: "Markdown",
    extensions: &["md", "markdown"],
    read,
};

fn read(input: &Input<'_>) -> Result<Read, SkipReason> {
    let (text, _) = decode(input.bytes)?;
    let (record, body) = split(&text)?;
    let Fields {
        title,
        date,
        meta,
        odd,
    } = fields(&record);
    let notes = odd
        .into_iter()
        .map(|message| super::Note {
            line: None,
            message: format!("front matter: {message}; ignored"),
        })
        .collect();
    let mut builder = TextBuilder::new();
    if let Some(t) = &title {
        builder.push(Kind::Title, t);
    }
    blocks_into(body, title.as_deref(), &mut builder);
    match builder.finish(input.file, None, date, meta) {
        Some(article) => Ok(Read::one(article, notes)),
        None => Err(SkipReason::NoText {
            what: "a Markdown file with no text after its front matter",
        }),
    }
}

/// The front matter as a record, and the body after it.
fn split(text: &str) -> Result<(Map<String, Value>, &str), SkipReason> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("").trim_end();
    let (fence, yaml) = match first {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => {
            return Err(SkipReason::NotAnArticle {
                why: "Markdown without front matter",
            })
        }
    };
    let broken = |line: usize, message: String| SkipReason::Broken {
        format: if yaml {
            "YAML front matter"
        } else {
            "TOML front matter"
        },
        line: Some(line),
        message,
    };
    let start = first.len() + 1;
    let mut offset = start.min(text.len());
    let mut end = None;
    for line in text[offset..].split_inclusive('\n') {
        let l = line.trim_end();
        if l == fence || (yaml && l == "...") {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((matter_end, body_start)) = end else {
        return Err(broken(1, format!("`{fence}` is never closed")));
    };
    let matter = &text[start.min(matter_end)..matter_end];
    let record = if yaml {
        yaml_record(matter).map_err(|(line, m)| broken(line + 1, m))?
    } else {
        toml_record(matter).map_err(|(line, m)| broken(line + 1, m))?
    };
    Ok((record, &text[body_start..]))
}

/// YAML front matter as a JSON object (its scalars as strings or numbers).
fn yaml_record(matter: &str) -> Result<Map<String, Value>, (usize, String)> {
    use yaml_rust2::{Yaml, YamlLoader};
    fn value(y: &Yaml) -> Value {
        match y {
            Yaml::String(s) | Yaml::Real(s) => Value::String(s.clone()),
            Yaml::Integer(i) => Value::from(*i),
            Yaml::Boolean(b) => Value::Bool(*b),
            Yaml::Array(items) => Value::Array(items.iter().map(value).collect()),
            Yaml::Hash(h) => Value::Object(
                h.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), value(v))))
                    .collect(),
            ),
            Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
        }
    }
    let docs =
        YamlLoader::load_from_str(matter).map_err(|e| (e.marker().line(), e.info().to_owned()))?;
    match docs.first().map(value) {
        Some(Value::Object(o)) => Ok(o),
        None | Some(Value::Null) => Ok(Map::new()),
        Some(_) => Err((
            1,
            "front matter is not a mapping of names to values".to_owned(),
        )),
    }
}

/// TOML front matter as a JSON object.
fn toml_record(matter: &str) -> Result<Map<String, Value>, (usize, String)> {
    fn value(t: &toml::Value) -> Value {
        match t {
            toml::Value::String(s) => Value::String(s.clone()),
            toml::Value::Integer(i) => Value::from(*i),
            toml::Value::Float(f) => Value::String(f.to_string()),
            toml::Value::Boolean(b) => Value::Bool(*b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(items) => Value::Array(items.iter().map(value).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.iter().map(|(k, v)| (k.clone(), value(v))).collect())
            }
        }
    }
    let table: toml::Table = matter.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(0, |s| {
            matter[..s.start.min(matter.len())].matches('\n').count()
        });
        (line + 1, e.message().to_owned())
    })?;
    Ok(table.iter().map(|(k, v)| (k.clone(), value(v))).collect())
}

/// The blocks of a Markdown body.
fn blocks_into(body: &str, title: Option<&str>, builder: &mut TextBuilder) {
    let mut text = String::new();
    let mut captions: Vec<String> = Vec::new();
    let mut in_image = 0usize;
    let mut heading: Option<u8> = None;
    let mut finish = |kind: Kind, text: &mut String, captions: &mut Vec<String>| {
        let t = std::mem::take(text);
        if !(kind == Kind::Heading && Some(t.trim()) == title) {
            builder.push(kind, &t);
        }
        for c in captions.drain(..) {
            builder.push(Kind::Caption, &c);
        }
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                captions.push(String::new());
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => match (in_image > 0, captions.last_mut()) {
                (true, Some(c)) => c.push_str(&t),
                _ => text.push_str(&t),
            },
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Heading { level, .. }) => {
                finish(Kind::Paragraph, &mut text, &mut captions);
                heading = Some(level as u8);
            }
            Event::End(TagEnd::Heading(_)) => {
                let kind = match heading.take() {
                    Some(1) if title.is_none() => Kind::Title,
                    _ => Kind::Heading,
                };
                finish(kind, &mut text, &mut captions);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => finish(Kind::Paragraph, &mut text, &mut captions),
            // Raw HTML, footnote markers, rules: no text of the article.
            _ => {}
        }
    }
    finish(Kind::Paragraph, &mut text, &mut captions);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_md(text: &str) -> Result<Read, SkipReason> {
        read(&Input {
            file: "a.md",
            bytes: text.as_bytes(),
        })
    }

    #[test]
    fn yaml_front_matter_and_a_body_of_blocks() {
        let r = read_md(
            "---\ntitle: \"Der Titel\"\ndate: 2023-04-01\nauthor: Anna Meier\ntags: [a, b]\nsource: https://x.example/a\n---\n\n# Der Titel\n\nErster *Absatz*\nzweite Zeile.\n\n## Zwischen\n\n- Punkt eins\n- Punkt zwei\n\n![Ein Bild vom Hafen](h.jpg)\n\n<script>alert(1)</script>\n",
        )
        .unwrap();
        let a = &r.articles[0];
        assert_eq!(a.title, "Der Titel");
        assert_eq!(a.meta.authors, ["Anna Meier"]);
        assert_eq!(a.meta.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(
            a.text,
            "Der Titel\nErster Absatz zweite Zeile.\nZwischen\nPunkt eins\nPunkt zwei\nEin Bild vom Hafen"
        );
    }

    #[test]
    fn toml_front_matter_unclosed_fences_and_plain_markdown() {
        let r = read_md("+++\ntitle = \"T\"\ndate = 2022-01-05\n+++\nText.\n").unwrap();
        assert_eq!(r.articles[0].date.map(|d| d.month), Some(1));
        let e = read_md("---\ntitle: T\nText ohne Ende.\n").unwrap_err();
        assert!(matches!(e, SkipReason::Broken { line: Some(1), .. }), "{e}");
        let e = read_md("# Nur Notizen\n").unwrap_err();
        assert!(matches!(e, SkipReason::NotAnArticle { .. }));
        let e = read_md("---\ntitle: [unclosed\n---\nText.\n").unwrap_err();
        assert!(matches!(e, SkipReason::Broken { .. }), "{e}");
    }
}
