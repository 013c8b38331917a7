//! Plain text from HTML help pages and DocBook/Mallard XML: headings and paragraphs, without
//! tags, scripts or code.
//!
//! Deliberately tolerant and small: a byte scanner that never fails. Block-level tags end a
//! block; in HTML `h1`-`h6` give headings and `<title>` the document title, in XML `<title>`
//! gives headings (the first one is the document title). The contents of `script`, `style`,
//! `pre`, `screen`, `programlisting` and the like are dropped (code listings are not prose).
//! Entities are decoded; whitespace is collapsed.

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
    let bytes = text.as_bytes();
    let mut pending = String::new();
    let mut in_heading = false;
    let mut in_title = false;
    let mut title = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let next = memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            let chunk = &text[i..next];
            if in_title {
                title.push_str(chunk);
            } else {
                pending.push_str(chunk);
            }
            i = next;
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |n| i + n + 3);
            continue;
        }
        let Some((tag, end)) = parse_tag(rest) else {
            // A lone `<`: text.
            pending.push('<');
            i += 1;
            continue;
        };
        i += end;
        let name = tag.name.as_str();
        if !tag.closing && SKIPPED.contains(&name) {
            let close = format!("</{name}");
            let lower_rest = &text[i..];
            i = find_ascii_ci(lower_rest, &close).map_or(bytes.len(), |n| i + n);
            continue;
        }
        if name == "title" && !xml {
            in_title = !tag.closing;
            continue;
        }
        let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (xml && matches!(name, "title" | "subtitle"));
        if heading || BLOCK.contains(&name) || (xml && XML_BLOCK.contains(&name)) {
            flush(&mut doc, &mut pending, in_heading);
            if heading {
                in_heading = !tag.closing;
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

struct Tag {
    name: String,
    closing: bool,
}

/// A tag at the start of `text` (which starts with `<`): its lowercase name and the length up
/// to and including its `>`, quoted attribute values respected. `None` if it is no tag.
fn parse_tag(text: &str) -> Option<(Tag, usize)> {
    let bytes = text.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let special = matches!(bytes.get(i), Some(b'!' | b'?'));
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b':') {
        i += 1;
    }
    if i == start && !special {
        return None;
    }
    let name = text[start..i].to_ascii_lowercase();
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some((Tag { name, closing }, i + 1)),
            None => {}
        }
        i += 1;
    }
    Some((Tag { name, closing }, bytes.len()))
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
    let decoded = decode_entities(raw);
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

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|n| n + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(|c| if c == '\u{a0}' { ' ' } else { c });
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "bdquo" => '„',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "rarr" => '→',
        "larr" => '←',
        "times" => '×',
        "euro" => '€',
        "sect" => '§',
        "para" => '¶',
        "shy" | "zwnj" | "zwj" => '\u{ad}',
        _ => return None,
    })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// The offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
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
