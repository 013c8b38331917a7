//! Feeds (`.xml`, `.rss`, `.atom`): RSS 2.0 (and RSS 1.0/RDF) items and Atom entries, one
//! article per item, named `feed.xml#n` in the feed's order.
//!
//! An item's text is `content:encoded` (RSS) or `content` (Atom), else its `description`
//! or `summary`; HTML in it (escaped or CDATA, or Atom's inline XHTML) is read block by
//! block with [`super::html::fragment_into`]: text only. Title, link (http(s) only),
//! `pubDate`/`published`/`updated`/`dc:date`, `author`/`dc:creator`/Atom `author/name`,
//! `category` come from the item; the source and language from the channel or feed. An
//! item without text is skipped by name; an XML error names its line (the items before
//! it are kept).

use super::html::text_only;
use super::record::body_into;
use super::{
    dates, safe_url, split_authors, Format, Input, Kind, Metadata, Note, Read, TextBuilder,
};
use crate::corpus::SkipReason;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

pub const FORMAT: Format = Format {
    name: "RSS/Atom",
    extensions: &["xml", "rss", "atom", "rdf"],
    read,
};

const NO_TEXT: &str = "a feed item with no text";

/// One item's fields, as read.
#[derive(Debug, Default)]
struct Item {
    title: String,
    link: Option<String>,
    summary: String,
    content: String,
    date: String,
    authors: Vec<String>,
    tags: Vec<String>,
}

/// The feed's own fields.
#[derive(Debug, Default)]
struct Channel {
    title: String,
    language: String,
    authors: Vec<String>,
}

fn local(name: &[u8]) -> String {
    let name = name.rsplit(|&b| b == b':').next().unwrap_or(name);
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Elements inside HTML-as-XML content that start a new line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr"
    )
}

fn read(input: &Input<'_>) -> Result<Read, SkipReason> {
    let (text, _) = crate::corpus::decode(input.bytes)?;
    let mut reader = Reader::from_str(&text);
    let line_at = |pos: u64| text[..(pos as usize).min(text.len())].matches('\n').count() + 1;
    let mut stack: Vec<String> = Vec::new();
    let mut channel = Channel::default();
    let mut items: Vec<Item> = Vec::new();
    let mut item: Option<(usize, Item)> = None;
    // The field being read: its name, the depth of its element, and its text so far.
    let mut capture: Option<(String, usize, String)> = None;
    let mut skip_depth: Option<usize> = None;
    let mut root_seen = false;
    let mut error = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                error = Some((line_at(reader.error_position()), e.to_string()));
                break;
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local(e.name().as_ref());
                if !root_seen {
                    root_seen = true;
                    if !matches!(name.as_str(), "rss" | "feed" | "rdf") {
                        return Err(SkipReason::NotAnArticle {
                            why: "XML that is not an RSS or Atom feed",
                        });
                    }
                    channel.language = attr(e, b"xml:lang").unwrap_or_default();
                }
                let depth = stack.len() + 1;
                if let Some((_, _, buf)) = &mut capture {
                    if matches!(name.as_str(), "email" | "uri") && skip_depth.is_none() && !empty {
                        skip_depth = Some(depth);
                    } else if is_block(&name) {
                        buf.push('\n');
                    }
                } else if let Some((item_depth, it)) = &mut item {
                    if depth == *item_depth + 1 {
                        match name.as_str() {
                            "link" => {
                                let rel = attr(e, b"rel");
                                if let Some(href) = attr(e, b"href") {
                                    if rel.is_none_or(|r| r == "alternate") && it.link.is_none() {
                                        it.link = safe_url(&href);
                                    }
                                }
                            }
                            "category" => {
                                if let Some(term) = attr(e, b"term") {
                                    it.tags.push(term);
                                }
                            }
                            _ => {}
                        }
                        if !empty {
                            capture = Some((name.clone(), depth, String::new()));
                        }
                    }
                } else if matches!(name.as_str(), "item" | "entry") && !empty {
                    item = Some((depth, Item::default()));
                } else if !empty
                    && matches!(name.as_str(), "title" | "language" | "author")
                    && matches!(stack.last().map(String::as_str), Some("channel" | "feed"))
                {
                    capture = Some((format!("channel:{name}"), depth, String::new()));
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::Text(t) => {
                if let (Some((_, _, buf)), None) = (&mut capture, skip_depth) {
                    buf.push_str(&t.decode().unwrap_or_default());
                }
            }
            Event::CData(t) => {
                if let (Some((_, _, buf)), None) = (&mut capture, skip_depth) {
                    buf.push_str(&t.decode().unwrap_or_default());
                }
            }
            Event::GeneralRef(r) => {
                if let (Some((_, _, buf)), None) = (&mut capture, skip_depth) {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => buf.push(c),
                        _ => {
                            let name = r.decode().unwrap_or_default();
                            buf.push_str(match name.as_ref() {
                                "amp" => "&",
                                "lt" => "<",
                                "gt" => ">",
                                "quot" => "\"",
                                "apos" => "'",
                                _ => "",
                            });
                        }
                    }
                }
            }
            Event::End(_) => {
                let depth = stack.len();
                stack.pop();
                if skip_depth == Some(depth) {
                    skip_depth = None;
                }
                if capture.as_ref().is_some_and(|(_, d, _)| *d == depth) {
                    if let Some((field, _, buf)) = capture.take() {
                        store(&field, buf, &mut item, &mut channel);
                    }
                } else if item.as_ref().is_some_and(|(d, _)| *d == depth) {
                    if let Some((_, it)) = item.take() {
                        items.push(it);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(match error {
            Some((line, message)) => SkipReason::Broken {
                format: "XML",
                line: Some(line),
                message,
            },
            None => SkipReason::NotAnArticle {
                why: "XML that is not an RSS or Atom feed",
            },
        });
    }
    let mut read = Read::default();
    if let Some((line, message)) = error {
        if items.is_empty() {
            return Err(SkipReason::Broken {
                format: "XML",
                line: Some(line),
                message,
            });
        }
        read.notes.push(Note {
            line: Some(line),
            message: format!("broken XML: {message}; the items after it are not read"),
        });
    }
    for (i, it) in items.into_iter().enumerate() {
        let article = article_of(it, &channel, input.file);
        read.add_part(input.file, i + 1, article, NO_TEXT);
    }
    Ok(read)
}

fn store(field: &str, text: String, item: &mut Option<(usize, Item)>, channel: &mut Channel) {
    match (field, item) {
        ("channel:title", _) => channel.title = text,
        ("channel:language", _) => channel.language = text,
        ("channel:author", _) => author_into(&text, &mut channel.authors),
        (_, Some((_, it))) => match field {
            "title" => it.title = text,
            "link" if it.link.is_none() => it.link = safe_url(&text),
            "description" | "summary" => it.summary = text,
            "encoded" | "content" => it.content = text,
            "pubdate" | "published" | "date" | "issued" => it.date = text,
            "updated" | "modified" if it.date.is_empty() => it.date = text,
            "author" | "creator" => author_into(&text, &mut it.authors),
            "category" | "subject" => it.tags.push(text),
            _ => {}
        },
        _ => {}
    }
}

/// RSS's `author` is an e-mail address with the name in parentheses (`x@y.de (Anna
/// Meier)`); a bare address is no name.
fn author_into(text: &str, into: &mut Vec<String>) {
    let text = text.trim();
    let name = match (text.find('('), text.rfind(')')) {
        (Some(a), Some(b)) if a < b => &text[a + 1..b],
        _ if text.contains('@') => return,
        _ => text,
    };
    split_authors(name, into);
}

fn article_of(it: Item, channel: &Channel, file: &str) -> Option<super::Article> {
    let mut builder = TextBuilder::new();
    if let Some(t) = text_only(&it.title) {
        builder.push(Kind::Title, &t);
    }
    let (body, lead) = if it.content.trim().is_empty() {
        (&it.summary, None)
    } else {
        (&it.content, Some(&it.summary))
    };
    if let Some(lead) = lead.and_then(|l| text_only(l)) {
        let body_text = text_only(body).unwrap_or_default();
        let head: String = lead.chars().take(40).collect();
        if !body_text.contains(&head) {
            builder.push(Kind::Lead, &lead);
        }
    }
    body_into(body, Kind::Paragraph, &mut builder);
    let mut authors = it.authors;
    if authors.is_empty() {
        authors.clone_from(&channel.authors);
    }
    let mut tags: Vec<String> = Vec::new();
    for t in it.tags.iter().filter_map(|t| text_only(t)) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let language = text_only(&channel.language).map(|l| l.to_lowercase());
    let meta = Metadata {
        authors,
        source: text_only(&channel.title),
        url: it.link,
        language,
        tags,
    };
    builder.finish(file, None, dates::year_month(&it.date), meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_feed(text: &str) -> Result<Read, SkipReason> {
        read(&Input {
            file: "feed.xml",
            bytes: text.as_bytes(),
        })
    }

    #[test]
    fn rss_items_with_content_encoded_and_an_empty_one() {
        let r = read_feed(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Rundschau</title><language>de</language>
            <item><title>Erster &amp; bester</title><link>https://r.example/1</link>
              <description>Kurz.</description>
              <content:encoded><![CDATA[<p>Absatz <b>eins</b>.</p><script>x()</script><p>Zwei.</p>]]></content:encoded>
              <pubDate>Tue, 05 Mar 2024 10:00:00 +0100</pubDate><dc:creator>Anna Meier</dc:creator></item>
            <item><title>Nur Titel</title><link>javascript:alert(1)</link></item>
            </channel></rss>"#,
        )
        .unwrap();
        let a = &r.articles[0];
        assert_eq!(a.name, "feed.xml#1");
        assert_eq!(a.text, "Erster & bester\nKurz.\nAbsatz eins.\nZwei.");
        assert_eq!(a.meta.source.as_deref(), Some("Rundschau"));
        assert_eq!(a.meta.authors, ["Anna Meier"]);
        assert_eq!(a.date.map(|d| (d.year, d.month)), Some((2024, 3)));
        assert_eq!(r.skipped[0].0, "feed.xml#2");
    }

    #[test]
    fn atom_entries_with_xhtml_and_authors() {
        let r = read_feed(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blatt</title>
            <entry><title type="html">Eintrag</title><link rel="alternate" href="https://b.example/e"/>
              <author><name>Ben Schulz</name><email>b@b.example</email></author>
              <published>2021-07-01T00:00:00Z</published>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Eins.</p><p>Zwei.</p></div></content>
            </entry></feed>"#,
        )
        .unwrap();
        let a = &r.articles[0];
        assert_eq!(a.text, "Eintrag\nEins.\nZwei.");
        assert_eq!(a.meta.authors, ["Ben Schulz"]);
        assert_eq!(a.meta.url.as_deref(), Some("https://b.example/e"));
    }

    #[test]
    fn broken_xml_names_its_line_and_other_xml_is_no_feed() {
        let e = read_feed("<rss><channel>\n<item><title>a</title>\n</channel></rss>").unwrap_err();
        assert!(matches!(e, SkipReason::Broken { line: Some(3), .. }), "{e}");
        let e = read_feed("<urlset><url>x</url></urlset>").unwrap_err();
        assert!(matches!(e, SkipReason::NotAnArticle { .. }));
    }
}
