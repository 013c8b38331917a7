//! The character encoding of an HTML file, as a browser would find it without HTTP headers:
//! a byte order mark, else `<meta charset>` or `<meta http-equiv="Content-Type">` in the
//! first 1024 bytes, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what
//! browsers assume for legacy pages, and a superset of ISO-8859-1).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The decoded text and, when it was not plain UTF-8 as declared, a note saying how it was
/// decoded.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), None);
    }
    let declared = declared(bytes);
    let encoding = match declared {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    let note = if had_errors {
        Some(format!(
            "not valid {}: undecodable bytes replaced by U+FFFD",
            encoding.name()
        ))
    } else if declared.is_none() && encoding != UTF_8 {
        Some("no charset declared and not UTF-8: decoded as windows-1252".to_owned())
    } else {
        None
    };
    (text.into_owned(), note)
}

/// The encoding a `<meta>` in the first 1024 bytes declares. (UTF-16 declared in a file
/// read as ASCII is UTF-8, as browsers do.)
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(label) = charset_in(tag) {
            let encoding = Encoding::for_label(label.as_bytes())?;
            return Some(if encoding.name().starts_with("UTF-16") {
                UTF_8
            } else {
                encoding
            });
        }
    }
    None
}

/// The value after `charset=` in a meta tag's attributes (`charset="x"`, or `content="text/html;
/// charset=x"`).
fn charset_in(tag: &str) -> Option<&str> {
    let at = tag.find("charset")?;
    let value = tag[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_meta_charset_http_equiv_and_fallback() {
        assert_eq!(decode(b"\xEF\xBB\xBF<p>\xC3\xA4</p>").0, "<p>ä</p>");
        let meta = b"<meta charset=\"windows-1252\"><p>Stra\xdfe \x84x\x93</p>";
        assert_eq!(
            decode(meta),
            (
                "<meta charset=\"windows-1252\"><p>Straße „x“</p>".into(),
                None
            )
        );
        let equiv =
            b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\"><p>\xe4</p>";
        assert!(decode(equiv).0.ends_with("<p>ä</p>"));
        let (text, note) = decode(b"<p>\xe4 ohne Angabe</p>");
        assert_eq!(text, "<p>ä ohne Angabe</p>");
        assert!(note.is_some());
        assert_eq!(decode("<p>ä</p>".as_bytes()), ("<p>ä</p>".into(), None));
        let utf16 = b"<meta charset=utf-16><p>\xC3\xA4</p>";
        assert!(decode(utf16).0.ends_with("<p>ä</p>"));
    }
}
