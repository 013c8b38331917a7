//! HTML pages (`.html`, `.htm`, `.xhtml`): the main text of a saved news page, without
//! navigation, cookie banners, teasers, related links, newsletter boxes, comments or footers.
//!
//! 1. The bytes are decoded ([`charset`]: BOM, `<meta charset>`, `http-equiv`, else UTF-8,
//!    else Windows-1252) and parsed into a DOM (`dom_query`, html5ever's parser: any bytes
//!    give a tree).
//! 2. The metadata is read ([`meta`]: `<meta>`, JSON-LD, `<time>`).
//! 3. What is never text is removed: `script`, `style`, `noscript`, `template`, `svg`,
//!    `iframe`, forms, media; then page furniture by element (`nav`, `footer`, `aside`,
//!    ARIA roles) and by class or id (`cookie`, `consent`, `newsletter`, `comments`,
//!    `related`, `teaser`, `share`, `ad`, ...).
//! 4. `dom_smoothie` (readability.js's algorithm) picks the main content.
//! 5. The content is walked into blocks: headings, paragraphs, list items and quotes,
//!    captions; a paragraph classed `lead`/`intro`/`summary` is the lead.
//!
//! Only text leaves this module: no markup, no attribute, no link target. Event handlers,
//! `javascript:` links and frames are gone with their elements; a URL is stored only if
//! it is http(s). A page whose main text is shorter than [`MIN_MAIN_TEXT`] is skipped as
//! "a page without a main text".

mod charset;
mod meta;

pub use meta::{host_of, text_only};

use super::{split_authors, Article, Format, Input, Kind, Note, Read, TextBuilder};
use crate::corpus::SkipReason;
use dom_query::{Document, NodeRef};

pub const FORMAT: Format = Format {
    name: "HTML",
    extensions: &["html", "htm", "xhtml"],
    read,
};

/// Fewest characters of paragraph text a page must have to be an article.
pub const MIN_MAIN_TEXT: usize = 120;

/// Elements whose content is never article text.
const NEVER_TEXT: &str = "script, style, noscript, template, svg, math, iframe, frame, \
    frameset, object, embed, applet, canvas, form, button, input, select, textarea, video, \
    audio, map, dialog, head";

/// Page furniture, by element and ARIA role.
const FURNITURE: &str = "nav, footer, aside, menu, [role=navigation], [role=banner], \
    [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog], \
    [aria-modal=true], [hidden]";

/// Words of a class or id (split at `-`, `_`, spaces) that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "cmp",
    "newsletter",
    "comments",
    "comment",
    "kommentare",
    "related",
    "teaser",
    "teasers",
    "share",
    "sharing",
    "social",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "anzeige",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "paywall",
    "subscribe",
    "signup",
    "sidebar",
    "recommendations",
    "empfehlungen",
    "meistgelesen",
    "outbrain",
    "taboola",
    "footer",
    "nav",
    "navigation",
    "menu",
    "topbar",
];

/// Words of a paragraph's class that mark the lead.
const LEAD_WORDS: &[&str] = &["lead", "intro", "summary", "standfirst", "abstract"];

fn read(input: &Input<'_>) -> Result<Read, SkipReason> {
    let (html, note) = charset::decode(input.bytes);
    let notes: Vec<Note> = note
        .map(|message| Note {
            line: None,
            message,
        })
        .into_iter()
        .collect();
    match article_of(&html, input.file) {
        Some(article) => Ok(Read::one(article, notes)),
        None => Err(SkipReason::NoText {
            what: "a page without a main text",
        }),
    }
}

/// The article of a page, or `None` if it has no main text.
pub fn article_of(html: &str, name: &str) -> Option<Article> {
    let doc = Document::from(html);
    let page = meta::read(&doc);
    strip(&doc);
    let config = dom_smoothie::Config {
        keep_classes: true,
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(doc, None, Some(config)).ok()?;
    let found = readability.parse().ok()?;
    let mut page_meta = page.meta;
    if page_meta.authors.is_empty() {
        if let Some(byline) = found.byline.as_deref().and_then(text_only) {
            split_authors(&byline, &mut page_meta.authors);
        }
    }
    if page_meta.source.is_none() {
        page_meta.source = found.site_name.as_deref().and_then(text_only);
    }
    let title = page.title.or_else(|| text_only(&found.title));
    let date = page.date.or_else(|| {
        found
            .published_time
            .as_deref()
            .and_then(super::dates::year_month)
    });

    let content = Document::from(found.content.as_ref());
    let mut builder = TextBuilder::new();
    if let Some(t) = &title {
        builder.push(Kind::Title, t);
    }
    if !page_meta.authors.is_empty() {
        builder.push(
            Kind::Byline,
            &format!("Von {}", page_meta.authors.join(", ")),
        );
    }
    let mut walker = Walker {
        builder,
        loose: String::new(),
        title: title.clone(),
        body_chars: 0,
    };
    walker.walk(&content.root());
    walker.flush();
    if walker.body_chars < MIN_MAIN_TEXT {
        return None;
    }
    walker.builder.finish(name, None, date, page_meta)
}

/// Remove what is never text and the page's furniture.
fn strip(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    doc.select(FURNITURE).remove();
    for node in doc.select("[class], [id]").nodes() {
        if is_furniture(node) {
            node.remove_from_parent();
        }
    }
}

/// Whether `node`'s class or id marks page furniture. Never for the page's frame (`html`,
/// `body`, `main`, `article`), paragraphs and headings, or what holds the `h1`.
fn is_furniture(node: &NodeRef<'_>) -> bool {
    let name = node.node_name().map(|n| n.to_ascii_lowercase());
    if matches!(
        name.as_deref(),
        Some("html" | "body" | "main" | "article" | "p" | "h1" | "h2" | "h3")
    ) {
        return false;
    }
    let marks = [node.class(), node.id_attr()]
        .into_iter()
        .flatten()
        .any(|v| has_word(&v, FURNITURE_WORDS));
    marks && !node.descendants_it().any(|d| d.has_name("h1"))
}

fn has_word(value: &str, words: &[&str]) -> bool {
    value
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Turns the extracted content into blocks.
struct Walker {
    builder: TextBuilder,
    /// Text outside any block element (text right in a `div`), until the next block.
    loose: String,
    title: Option<String>,
    body_chars: usize,
}

impl Walker {
    fn walk(&mut self, node: &NodeRef<'_>) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.loose.push_str(&child.text());
                continue;
            }
            let Some(name) = child.node_name() else {
                continue;
            };
            let name = name.to_ascii_lowercase();
            match name.as_str() {
                "p" | "li" | "blockquote" | "pre" | "dd" | "dt" | "td" | "th" | "address" => {
                    self.flush();
                    let lead = child.class().is_some_and(|c| has_word(&c, LEAD_WORDS));
                    self.block(if lead { Kind::Lead } else { Kind::Paragraph }, &child);
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush();
                    self.block(Kind::Heading, &child);
                }
                "figcaption" | "caption" => {
                    self.flush();
                    self.block(Kind::Caption, &child);
                }
                "br" => self.loose.push(' '),
                "a" | "abbr" | "b" | "bdi" | "bdo" | "cite" | "code" | "data" | "del" | "dfn"
                | "em" | "font" | "i" | "ins" | "kbd" | "mark" | "q" | "s" | "samp" | "small"
                | "span" | "strong" | "sub" | "sup" | "time" | "u" | "var" | "wbr" => {
                    self.loose.push_str(&child.text());
                }
                _ => {
                    self.flush();
                    self.walk(&child);
                    self.flush();
                }
            }
        }
    }

    fn block(&mut self, kind: Kind, node: &NodeRef<'_>) {
        let text = node.text();
        let Some(text) = super::clean(&text) else {
            return;
        };
        if kind == Kind::Heading && self.title.as_deref() == Some(text.as_str()) {
            return;
        }
        if matches!(kind, Kind::Paragraph | Kind::Lead) {
            self.body_chars += text.chars().count();
        }
        self.builder.push(kind, &text);
    }

    /// Push the loose text: a paragraph, or a heading when it is short and no sentence (a
    /// kicker like `Containerterminal` over the headline).
    fn flush(&mut self) {
        let loose = std::mem::take(&mut self.loose);
        if let Some(text) = super::clean(&loose) {
            let sentence = text.ends_with(['.', '!', '?', ':', '"', '“', '«', '»']);
            if text.chars().count() <= 60 && !sentence {
                self.builder.push(Kind::Heading, &text);
            } else {
                self.body_chars += text.chars().count();
                self.builder.push(Kind::Paragraph, &text);
            }
        }
    }
}

/// Blocks of an HTML fragment that is all content (a feed item's `content:encoded`, HTML in
/// a JSON export): no main-text extraction, only what is never text and furniture (share
/// buttons, newsletter boxes) removed.
pub fn fragment_into(html: &str, builder: &mut TextBuilder) {
    let doc = Document::from(html);
    strip(&doc);
    let mut walker = Walker {
        builder: std::mem::take(builder),
        loose: String::new(),
        title: builder.title().map(str::to_owned),
        body_chars: 0,
    };
    walker.walk(&doc.root());
    walker.flush();
    *builder = walker.builder;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_of_a_script_or_a_handler_survives() {
        let html = r#"<html><body><nav>Menü</nav><article><h1>Titel</h1>
            <p onclick="alert(1)">Ein Absatz mit genug Text, damit die Seite als Artikel gilt, und noch etwas mehr Text dazu, damit es reicht.</p>
            <script>alert("x")</script><iframe src="https://x.example">Rahmen</iframe>
            <p>Zweiter Absatz <a href="javascript:alert(2)">Link</a> mit <img src=x onerror=alert(3)> Bild.</p>
            </article></body></html>"#;
        let a = article_of(html, "a.html").unwrap();
        assert!(!a.text.contains("alert"), "{}", a.text);
        assert!(!a.text.contains("Rahmen") && !a.text.contains("Menü"));
        assert!(
            a.text.contains("Zweiter Absatz Link mit Bild."),
            "{}",
            a.text
        );
        assert_eq!(a.title, "Titel");
    }

    #[test]
    fn a_fragment_keeps_its_paragraphs_and_loses_its_scripts() {
        let mut b = TextBuilder::new();
        fragment_into(
            "<p>Eins <b>fett</b>.</p><script>böse()</script>Lose Zeile<h2>Zwischen</h2><p>Zwei.</p>",
            &mut b,
        );
        let a = b.finish("f", None, None, Default::default()).unwrap();
        assert_eq!(a.text, "Eins fett.\nLose Zeile\nZwischen\nZwei.");
    }
}
