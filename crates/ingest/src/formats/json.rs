//! JSON (`.json`: one article object, an array of them, or an object holding the array
//! under `articles`, `items`, `data`, ...) and JSON Lines (`.jsonl`, `.ndjson`: one object
//! per line), as news-please, trafilatura and plain exports write them. Field names: see
//! [`super::record`].
//!
//! A file with several records names each `file#n`: n counts records from 1 in JSON, and is
//! the line number in JSON Lines (so a broken line does not renumber the others). Broken JSON
//! names its line; a record with no text is skipped with its name.

use super::record::{self, body_into, fields, get, text_of};
use super::{Article, Format, Input, Kind, Note, Read, TextBuilder};
use crate::corpus::SkipReason;
use serde_json::{Map, Value};

pub const JSON: Format = Format {
    name: "JSON",
    extensions: &["json"],
    read: read_json,
};

pub const JSONL: Format = Format {
    name: "JSON Lines",
    extensions: &["jsonl", "ndjson"],
    read: read_jsonl,
};

/// Keys under which an export object holds its list of records.
const LIST_KEYS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "documents",
    "records",
    "posts",
];

const NO_TEXT: &str = "a JSON record with no text";

fn text(input: &Input<'_>) -> Result<String, SkipReason> {
    let bytes = input
        .bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(input.bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| SkipReason::InvalidEncoding {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// serde_json's message without its " at line N column M" (the line is given apart).
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    full.split(" at line ").next().unwrap_or(&full).to_owned()
}

fn read_json(input: &Input<'_>) -> Result<Read, SkipReason> {
    let text = text(input)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| SkipReason::Broken {
        format: "JSON",
        line: Some(e.line()),
        message: message(&e),
    })?;
    let mut read = Read::default();
    let list = match value {
        Value::Object(o) => match LIST_KEYS.iter().find_map(|k| match o.get(*k) {
            Some(Value::Array(items)) => Some(items.clone()),
            _ => None,
        }) {
            Some(items) => items,
            None => {
                let (article, notes) = article_of(&o, input.file, None);
                read.notes = notes;
                match article {
                    Some(a) => read.articles.push(a),
                    None => return Err(SkipReason::NoText { what: NO_TEXT }),
                }
                return Ok(read);
            }
        },
        Value::Array(items) => items,
        other => {
            return Err(SkipReason::Broken {
                format: "JSON",
                line: Some(1),
                message: format!(
                    "the top level is {}, not an article object or a list of them",
                    type_name(&other)
                ),
            })
        }
    };
    for (i, item) in list.iter().enumerate() {
        let n = i + 1;
        match item {
            Value::Object(o) => {
                let (article, notes) = article_of(o, input.file, None);
                read.notes.extend(notes.into_iter().map(|mut note| {
                    note.message = format!("record #{n}: {}", note.message);
                    note
                }));
                read.add_part(input.file, n, article, NO_TEXT);
            }
            other => read.skipped.push((
                format!("{}#{n}", input.file),
                SkipReason::Broken {
                    format: "JSON",
                    line: None,
                    message: format!("record #{n} is {}, not an object", type_name(other)),
                },
            )),
        }
    }
    Ok(read)
}

fn read_jsonl(input: &Input<'_>) -> Result<Read, SkipReason> {
    let text = text(input)?;
    let mut read = Read::default();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let name = format!("{}#{n}", input.file);
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => {
                let (article, notes) = article_of(&o, input.file, Some(n));
                read.notes.extend(notes);
                read.add_part(input.file, n, article, NO_TEXT);
            }
            Ok(other) => read.skipped.push((
                name,
                SkipReason::Broken {
                    format: "JSON Lines",
                    line: Some(n),
                    message: format!("the line is {}, not an object", type_name(&other)),
                },
            )),
            Err(e) => read.skipped.push((
                name,
                SkipReason::Broken {
                    format: "JSON Lines",
                    line: Some(n),
                    message: message(&e),
                },
            )),
        }
    }
    Ok(read)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The article of one record (named `name`; a part's caller renames it), and notes about
/// odd fields, at `line` when known.
fn article_of(
    o: &Map<String, Value>,
    name: &str,
    line: Option<usize>,
) -> (Option<Article>, Vec<Note>) {
    let f = fields(o);
    let mut notes: Vec<Note> = f
        .odd
        .iter()
        .map(|odd| Note {
            line,
            message: format!("{odd}; ignored"),
        })
        .collect();
    let mut builder = TextBuilder::new();
    if let Some(t) = &f.title {
        builder.push(Kind::Title, t);
    }
    // Body text is a string or a list of paragraphs; a number or an object is no text.
    let body = get(o, record::TEXT).map(|(k, v)| {
        let text = matches!(v, Value::String(_) | Value::Array(_))
            .then(|| text_of(v))
            .flatten();
        (k, text)
    });
    let lead = get(o, record::LEAD).and_then(|(_, v)| text_of(v));
    if let (Some(lead), body) = (&lead, &body) {
        let repeated = body
            .as_ref()
            .and_then(|(_, b)| b.as_deref())
            .is_some_and(|b| b.trim_start().starts_with(lead.trim()));
        if !repeated {
            body_into(lead, Kind::Lead, &mut builder);
        }
    }
    match body {
        Some((_, Some(b))) => body_into(&b, Kind::Paragraph, &mut builder),
        Some((key, None)) => notes.push(Note {
            line,
            message: format!("`{key}` is not text; ignored"),
        }),
        None => {}
    }
    (builder.finish(name, None, f.date, f.meta), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(format: &Format, file: &str, text: &str) -> Result<Read, SkipReason> {
        (format.read)(&Input {
            file,
            bytes: text.as_bytes(),
        })
    }

    #[test]
    fn an_array_gives_numbered_articles_and_names_the_empty_one() {
        let r = read(
            &JSON,
            "export.json",
            r#"[{"title":"Eins","maintext":"Erster Text.\nZweiter Absatz."},
                {"title":"Leer","maintext":""}, 5]"#,
        )
        .unwrap();
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].name, "export.json#1");
        assert_eq!(r.articles[0].text, "Eins\nErster Text.\nZweiter Absatz.");
        assert_eq!(r.skipped[0].0, "export.json#2");
        assert_eq!(r.skipped[1].0, "export.json#3");
    }

    #[test]
    fn broken_json_names_its_line() {
        let e = read(&JSON, "b.json", "{\n\"title\": \"x\",\n\"text\": }").unwrap_err();
        assert!(matches!(e, SkipReason::Broken { line: Some(3), .. }), "{e}");
        let r = read(
            &JSONL,
            "l.jsonl",
            "{\"text\":\"Eins.\"}\n{kaputt\n\n{\"text\":\"Vier.\"}",
        )
        .unwrap();
        let names: Vec<&str> = r.articles.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["l.jsonl#1", "l.jsonl#4"]);
        assert_eq!(r.skipped[0].0, "l.jsonl#2");
        assert_eq!(r.skipped[0].1.line(), Some(2));
    }

    #[test]
    fn a_single_object_and_an_export_wrapper() {
        let r = read(
            &JSON,
            "one.json",
            r#"{"text":"<p>Absatz <b>eins</b>.</p><p>Zwei.</p>"}"#,
        )
        .unwrap();
        assert_eq!(r.articles[0].name, "one.json");
        assert_eq!(r.articles[0].text, "Absatz eins.\nZwei.");
        let r = read(
            &JSON,
            "w.json",
            r#"{"articles":[{"text":"A."},{"text":"B."}]}"#,
        )
        .unwrap();
        assert_eq!(r.articles.len(), 2);
    }
}
