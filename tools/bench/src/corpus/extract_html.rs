//! Plain text from HTML help pages and DocBook/Mallard XML: headings and paragraphs, without
//! tags, scripts or code.
//!
//! Reads the tokens of the project's one HTML scanner (`devkit::html`), which never fails.
//! Block-level tags end a block; in HTML `h1`-`h6` give headings and `<title>` the document title, in XML `<title>`
//! gives headings (the first one is the document title). The contents of `script`, `style`,
//! `pre`, `screen`, `programlisting` and the like are dropped (code listings are not prose).
//! Entities are decoded; whitespace is collapsed.

use devkit::html::{self, Token};

use super::{Block, SourceDoc};

/// Elements whose whole content is skipped.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "pre",
    "svg",
    "math",
    "noscript",
    "textarea",
    "select",
    "object",
    "template",
    // DocBook and Mallard
    "screen",
    "programlisting",
    "synopsis",
    "literallayout",
    "indexterm",
    "info",
    "bookinfo",
    "articleinfo",
];

/// XML elements (DocBook, Mallard) that start or end a block, besides the HTML ones.
const XML_BLOCK: &[&str] = &[
    "para",
    "simpara",
    "formalpara",
    "listitem",
    "item",
    "entry",
    "row",
    "note",
    "tip",
    "warning",
    "important",
    "caution",
    "chapter",
    "sect1",
    "sect2",
    "sect3",
    "sect4",
    "sect5",
    "example",
    "itemizedlist",
    "orderedlist",
    "variablelist",
    "varlistentry",
    "term",
    "page",
    "links",
    "terms",
    "list",
    "steps",
    "tree",
    "media",
    "desc",
];

/// Elements that start or end a block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "caption",
    "hr",
    "body",
    "html",
    "head",
    "form",
    "main",
    "center",
    "address",
    "fieldset",
    "legend",
    "details",
    "summary",
    "img",
];

/// Headings and paragraphs of one HTML page (`xml`: a DocBook or Mallard file).
pub fn extract(text: &str, xml: bool) -> SourceDoc {
    let mut doc = SourceDoc {
        title: None,
        blocks: Vec::new(),
    };
    let mut pending = String::new();
    let mut in_heading = false;
    let mut in_title = false;
    let mut title = String::new();
    // The element being skipped, up to its first end tag.
    let mut skipping: Option<String> = None;
    for token in html::tokens(text) {
        let (name, closing) = match &token {
            Token::Text(range) => {
                if skipping.is_none() {
                    let target = if in_title { &mut title } else { &mut pending };
                    target.push_str(&text[range.clone()]);
                }
                continue;
            }
            Token::Start(tag) => (tag.name.as_str(), false),
            Token::End(tag) => (tag.name.as_str(), true),
        };
        match &skipping {
            Some(skipped) if closing && skipped == name => skipping = None,
            Some(_) => continue,
            None => {}
        }
        if !closing && SKIPPED.contains(&name) {
            // `script` and `style` come with their text already jumped over.
            if !matches!(&token, Token::Start(tag) if tag.text.is_some()) {
                skipping = Some(name.to_string());
            }
            continue;
        }
        if name == "title" && !xml {
            in_title = !closing;
            continue;
        }
        let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (xml && matches!(name, "title" | "subtitle"));
        if heading || BLOCK.contains(&name) || (xml && XML_BLOCK.contains(&name)) {
            flush(&mut doc, &mut pending, in_heading);
            if heading {
                in_heading = !closing;
            }
        }
    }
    flush(&mut doc, &mut pending, in_heading);
    let title = clean(&title);
    if !title.is_empty() {
        doc.title = Some(title);
    } else if xml {
        doc.title = doc.blocks.iter().find_map(|b| match b {
            Block::Heading(h) => Some(h.clone()),
            Block::Para(_) => None,
        });
    }
    doc
}

fn flush(doc: &mut SourceDoc, pending: &mut String, heading: bool) {
    let text = clean(pending);
    pending.clear();
    if text.is_empty() {
        return;
    }
    doc.blocks.push(if heading {
        Block::Heading(text)
    } else {
        Block::Para(text)
    });
}

/// Entities decoded, whitespace collapsed, trimmed.
pub fn clean(raw: &str) -> String {
    let decoded = html::decode_entities(raw);
    let mut out = String::with_capacity(decoded.len());
    // Soft hyphens and zero-width characters would split words for the reader's eye only.
    let decoded = decoded.replace(
        ['\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}'],
        "",
    );
    for word in decoded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_title_come_out_as_text() {
        let html = "<html><head><title>Über &amp; mehr</title><style>p{x:1}</style></head>\
            <body><h2>1.2. Die Einleitung</h2><p>Ein <b>kurzer</b> Satz&nbsp;über\n  Dinge.</p>\
            <pre>$ ls -l</pre><div>Noch &#252;brig &lt;x&gt;</div><script>if (a<b) {}</script></body></html>";
        let doc = extract(html, false);
        assert_eq!(doc.title.as_deref(), Some("Über & mehr"));
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading("1.2. Die Einleitung".into()),
                Block::Para("Ein kurzer Satz über Dinge.".into()),
                Block::Para("Noch übrig <x>".into()),
            ]
        );
    }

    #[test]
    fn docbook_titles_are_headings_and_paras_are_paragraphs() {
        let xml = "<chapter><title>Konten</title><para>Ein Konto ist <emphasis>hier</emphasis>.</para>\
            <screen>$ gnucash</screen><sect1><title>Arten</title><para>Mehr.</para></sect1></chapter>";
        let doc = extract(xml, true);
        assert_eq!(doc.title.as_deref(), Some("Konten"));
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading("Konten".into()),
                Block::Para("Ein Konto ist hier.".into()),
                Block::Heading("Arten".into()),
                Block::Para("Mehr.".into()),
            ]
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "<",
            "<p",
            "a < b",
            "&",
            "&#xZZ;",
            "<!-- x",
            "<pre>never closed",
            "<a href='>",
        ] {
            let _ = extract(html, false);
        }
    }
}
