//! The project's one HTML scanner: a page as a list of start tags (with attributes), end
//! tags and text, by byte range; plus edits applied by byte range and escaping.
//!
//! Two readers use it: `cargo xtask dist` rewrites our own `index.html` into the single file
//! ([`start_tags`], [`apply_edits`]), and the corpus tool reads headings and paragraphs out of
//! documentation pages and DocBook files ([`tokens`], [`decode_entities`]). It is tolerant
//! and never fails: comments, doctype and `<?...?>` are skipped, a `<` that starts no tag is
//! text, the contents of `<script>` and `<style>` are raw text (not scanned for tags),
//! character references are decoded in attribute values and by [`decode_entities`].

use std::ops::Range;

/// One start tag: `<name attr="value" ...>` at `range` in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Lower case.
    pub name: String,
    /// From `<` to just after `>`.
    pub range: Range<usize>,
    /// Names in lower case, values with `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` decoded.
    pub attrs: Vec<(String, Option<String>)>,
    /// For `script` and `style`: the element's text, and the range up to the end of `</name>`.
    pub text: Option<RawText>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawText {
    pub content: Range<usize>,
    /// From the start tag's `<` to just after the end tag's `>`.
    pub element: Range<usize>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }

    /// Whether a space-separated attribute (like `rel`) contains `token`, ignoring case.
    pub fn attr_has_token(&self, name: &str, token: &str) -> bool {
        self.attr(name).is_some_and(|value| {
            value
                .split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(token))
        })
    }

    /// The whole element for `script`/`style`, otherwise the start tag.
    pub fn element(&self) -> Range<usize> {
        match &self.text {
            Some(text) => text.element.clone(),
            None => self.range.clone(),
        }
    }
}

/// An end tag: `</name ...>` at `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndTag {
    /// Lower case.
    pub name: String,
    pub range: Range<usize>,
}

/// What a page is made of, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// A start tag; for `script` and `style` with its raw text (no end tag follows).
    Start(Tag),
    End(EndTag),
    /// Text between tags, character references not yet decoded.
    Text(Range<usize>),
}

/// Every start tag of `html`, in document order.
pub fn start_tags(html: &str) -> Vec<Tag> {
    tokens(html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Start(tag) => Some(tag),
            _ => None,
        })
        .collect()
}

/// The page as start tags, end tags and text, in document order (comments and declarations
/// left out).
pub fn tokens(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut text_from = 0;
    let mut i = 0;
    let text = |out: &mut Vec<Token>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(from..to));
        }
    };
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if rest.starts_with("<!--") {
            text(&mut out, text_from, start);
            i = rest
                .find("-->")
                .map_or(html.len(), |end| start + end + "-->".len());
            text_from = i;
            continue;
        }
        if matches!(next, b'/' | b'!' | b'?') {
            // `</end>`, `<!doctype ...>`, `<![CDATA[...]]>` or `<?xml ...?>`.
            text(&mut out, text_from, start);
            let end = rest.find('>').map_or(html.len(), |end| start + end + 1);
            if next == b'/' {
                let name: String = html[start + 2..end]
                    .chars()
                    .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, '>' | '/'))
                    .collect();
                if !name.is_empty() {
                    out.push(Token::End(EndTag {
                        name: name.to_ascii_lowercase(),
                        range: start..end,
                    }));
                }
            }
            i = end;
            text_from = i;
            continue;
        }
        if !next.is_ascii_alphabetic() {
            // A stray `<` in text.
            i = start + 1;
            continue;
        }
        text(&mut out, text_from, start);
        let (mut tag, after) = parse_start_tag(html, start);
        if tag.name == "script" || tag.name == "style" {
            let closing = format!("</{}", tag.name);
            let content_end = find_ignore_case(html, after, &closing).unwrap_or(html.len());
            let element_end = html[content_end..]
                .find('>')
                .map_or(html.len(), |end| content_end + end + 1);
            tag.text = Some(RawText {
                content: after..content_end,
                element: start..element_end,
            });
            i = element_end;
        } else {
            i = after;
        }
        text_from = i;
        out.push(Token::Start(tag));
    }
    text(&mut out, text_from, html.len());
    out
}

/// Parses the start tag at `start` (which is `<` followed by a letter); returns it and the
/// offset just after its `>`.
fn parse_start_tag(html: &str, start: usize) -> (Tag, usize) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let name_start = i;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'/') {
        i += 1;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let attr_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'>' | b'=' | b'/')
        {
            i += 1;
        }
        let attr_name = html[attr_start..i].to_ascii_lowercase();
        if i == attr_start {
            // A lone `=`: skip it.
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = None;
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let (raw, after) = match bytes.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[j + 1..]
                        .find(quote as char)
                        .map_or(html.len(), |e| j + 1 + e);
                    (&html[(j + 1).min(end)..end], (end + 1).min(html.len()))
                }
                _ => {
                    let mut end = j;
                    while end < bytes.len()
                        && !bytes[end].is_ascii_whitespace()
                        && bytes[end] != b'>'
                    {
                        end += 1;
                    }
                    (&html[j..end], end)
                }
            };
            value = Some(decode_entities(raw));
            i = after;
        }
        attrs.push((attr_name, value));
    }
    let after = (i + 1).min(html.len());
    let tag = Tag {
        name,
        range: start..after,
        attrs,
        text: None,
    };
    (tag, after)
}

fn find_ignore_case(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let lower = needle.as_bytes();
    haystack.as_bytes()[from..]
        .windows(lower.len())
        .position(|w| w.eq_ignore_ascii_case(lower))
        .map(|p| from + p)
}

/// Character references decoded: numeric ones and the named ones German documentation uses
/// (no-break and other spaces become a space; an unknown or unterminated one stays as it is).
pub fn decode_entities(text: &str) -> String {
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

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Replaces byte ranges of `html`; the ranges must not overlap. An empty range inserts.
pub fn apply_edits(html: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out =
        String::with_capacity(html.len() + edits.iter().map(|(_, s)| s.len()).sum::<usize>());
    let mut at = 0;
    for (range, replacement) in edits {
        let start = range.start.max(at);
        out.push_str(&html[at..start]);
        out.push_str(&replacement);
        at = range.end.max(start);
    }
    out.push_str(&html[at..]);
    out
}

/// Makes script text safe inside `<script>…</script>`: no `</script` (which would end the
/// element) and no `<!--` (which would enter the "escaped" parsing states). The replacements
/// mean the same in JS strings, template literals, regular expressions and comments.
pub fn escape_script(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let bytes = tail.as_bytes();
        if bytes.len() >= 8 && bytes[..8].eq_ignore_ascii_case(b"</script") {
            out.push_str("<\\/");
            rest = &tail[2..];
        } else if let Some(after) = tail.strip_prefix("<!--") {
            out.push_str("\\x3C!--");
            rest = after;
        } else {
            out.push('<');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The targets of `url(...)` and `@import "..."` in CSS.
pub fn css_urls(css: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let lower = css.to_ascii_lowercase();
    for (pos, _) in lower.match_indices("url(") {
        let rest = &css[pos + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        urls.push(rest[..end].trim().trim_matches(['"', '\'']).to_string());
    }
    for (pos, _) in lower.match_indices("@import") {
        let rest = css[pos + 7..].trim_start();
        if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            let end = rest[1..].find(quote).map_or(rest.len(), |e| e + 1);
            urls.push(rest[1..end].to_string());
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <!-- <script src="commented.js"></script> -->
  <link rel="icon" href="data:,">
  <link REL="stylesheet" href='./style.css' media=screen>
  <script type="module" src="./article-explorer.js" onerror="x()"></script>
  <script>if (a < b && "</p>") {}</SCRIPT >
  <style>p > a { color: red }</style>
</head>
<body><a href="./?a=1&amp;b=2" hidden>x</a></body>
</html>"#;

    fn names(tags: &[Tag]) -> Vec<&str> {
        tags.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn start_tags_skip_comments_and_end_tags() {
        let tags = start_tags(PAGE);
        assert_eq!(
            names(&tags),
            ["html", "head", "meta", "link", "link", "script", "script", "style", "body", "a"]
        );
    }

    #[test]
    fn attributes_are_lower_cased_decoded_and_quoted_any_way() {
        let tags = start_tags(PAGE);
        let css = &tags[4];
        assert!(css.attr_has_token("rel", "STYLESHEET"));
        assert_eq!(css.attr("href"), Some("./style.css"));
        assert_eq!(css.attr("media"), Some("screen"));
        let link = tags.iter().find(|t| t.name == "a").unwrap();
        assert_eq!(link.attr("href"), Some("./?a=1&b=2"));
        assert!(link.has_attr("hidden"));
        assert_eq!(link.attr("hidden"), Some(""));
    }

    #[test]
    fn script_and_style_text_is_raw_and_ends_at_its_end_tag() {
        let tags = start_tags(PAGE);
        let inline = &tags[6];
        let text = inline.text.as_ref().unwrap();
        assert_eq!(&PAGE[text.content.clone()], r#"if (a < b && "</p>") {}"#);
        assert!(PAGE[inline.element()].ends_with("</SCRIPT >"));
        let style = &tags[7];
        assert_eq!(
            &PAGE[style.text.as_ref().unwrap().content.clone()],
            "p > a { color: red }"
        );
        let module = &tags[5];
        assert_eq!(module.attr("src"), Some("./article-explorer.js"));
        assert_eq!(&PAGE[module.text.as_ref().unwrap().content.clone()], "");
    }

    #[test]
    fn unterminated_markup_does_not_panic() {
        for page in [
            "<",
            "<a",
            "<a href=\"x",
            "<script>never ends",
            "<!-- open",
            "<a b=>",
            "<p =x>",
        ] {
            let _ = start_tags(page);
        }
        assert_eq!(start_tags("<a href=\"x")[0].attr("href"), Some("x"));
    }

    #[test]
    fn edits_replace_and_insert_in_order() {
        let out = apply_edits(
            "abcdef",
            vec![(4..5, "E".into()), (0..0, "<".into()), (1..3, "".into())],
        );
        assert_eq!(out, "<adEf");
    }

    #[test]
    fn script_text_cannot_close_its_element() {
        let code = r#"a="</script>";b=/<\/SCRIPT/i;c=`<!-- x`;d=1<2"#;
        let escaped = escape_script(code);
        assert!(
            !escaped.to_ascii_lowercase().contains("</script"),
            "{escaped}"
        );
        assert!(!escaped.contains("<!--"), "{escaped}");
        assert_eq!(
            escaped,
            r#"a="<\/script>";b=/<\/SCRIPT/i;c=`\x3C!-- x`;d=1<2"#
        );
    }

    #[test]
    fn css_urls_are_found_quoted_or_not() {
        let css = r#"@import "a.css"; p { background: URL( 'b.png' ) } q { src: url(data:,x) }"#;
        assert_eq!(css_urls(css), ["b.png", "data:,x", "a.css"]);
    }
}
