//! Plain text from manual pages (man(7) and the common mdoc(7) requests): section headings and
//! the running text of paragraphs, without groff requests, escapes, option tags or examples.
//!
//! The `NAME`/`BEZEICHNUNG` line (`ls \- Verzeichnisinhalte auflisten`) becomes the document's
//! title. Text in no-fill regions (`.nf`/`.fi`, `.EX`/`.EE`) is dropped: it is code or tables.
//! `.TP` tags (the line after `.TP`, usually an option like `-a, --all`) are dropped too.

use super::{Block, SourceDoc};

pub fn extract(text: &str) -> SourceDoc {
    let mut state = State {
        doc: SourceDoc {
            title: None,
            blocks: Vec::new(),
        },
        paragraph: String::new(),
        section: String::new(),
    };
    let mut in_definition = false;
    let mut no_fill = false;
    let mut skip_next_text = false;
    let mut heading_next = false;
    let mut th_title: Option<String> = None;
    for line in text.lines() {
        if in_definition {
            if line.trim_end() == ".." {
                in_definition = false;
            }
            continue;
        }
        let control = line.starts_with('.') || line.starts_with('\'');
        if control {
            let body = line[1..].trim_start();
            let (name, args) = match body.find(char::is_whitespace) {
                Some(at) => (&body[..at], body[at..].trim()),
                None => (body, ""),
            };
            match name {
                _ if name.starts_with("\\\"") => {}
                "" => {}
                "de" | "de1" | "am" | "ig" => in_definition = true,
                "TH" | "Dt" => {
                    let words = split_args(args);
                    if let Some(first) = words.first() {
                        th_title = Some(unescape(first).to_lowercase());
                    }
                }
                "SH" | "SS" | "Sh" | "Ss" => {
                    state.flush();
                    no_fill = false;
                    if args.is_empty() {
                        heading_next = true;
                    } else {
                        state.heading(&unescape(&split_args(args).join(" ")));
                    }
                }
                "nf" | "EX" | "Bd" => {
                    state.flush();
                    no_fill = true;
                }
                "fi" | "EE" | "Ed" => {
                    no_fill = false;
                }
                "TP" | "TQ" => {
                    state.flush();
                    skip_next_text = true;
                }
                "PP" | "P" | "LP" | "IP" | "HP" | "sp" | "br" | "RS" | "RE" | "in" | "ti"
                | "bp" | "ne" | "Pp" | "It" | "Bl" | "El" => state.flush(),
                "B" | "I" | "SM" | "SB" if !no_fill => {
                    let text = unescape(&split_args(args).join(" "));
                    state.text(&text, &mut heading_next, &mut skip_next_text);
                }
                "BR" | "RB" | "IR" | "RI" | "BI" | "IB" if !no_fill => {
                    let text = unescape(&split_args(args).concat());
                    state.text(&text, &mut heading_next, &mut skip_next_text);
                }
                // mdoc inline macros (`.Fl T`, `.Xr ssh 1`, `.Pa /etc`): their words are
                // part of the sentence.
                _ if is_mdoc_inline(name) && !no_fill => {
                    let text = unescape(&mdoc_words(name, args));
                    state.text(&text, &mut heading_next, &mut skip_next_text);
                }
                // Other requests (URLs, registers, conditionals) carry no running text.
                _ => {}
            }
            continue;
        }
        if no_fill {
            continue;
        }
        let text = unescape(line);
        state.text(&text, &mut heading_next, &mut skip_next_text);
    }
    state.flush();
    if state.doc.title.is_none() {
        state.doc.title = th_title;
    }
    state.doc
}

struct State {
    doc: SourceDoc,
    paragraph: String,
    section: String,
}

impl State {
    fn text(&mut self, text: &str, heading_next: &mut bool, skip_next: &mut bool) {
        let text = text.trim();
        if text.is_empty() {
            // A blank line in running text ends the paragraph.
            self.flush();
            return;
        }
        if std::mem::take(heading_next) {
            self.heading(text);
            return;
        }
        if std::mem::take(skip_next) {
            return;
        }
        if !self.paragraph.is_empty() {
            self.paragraph.push(' ');
        }
        self.paragraph.push_str(text);
    }

    fn heading(&mut self, text: &str) {
        let text = super::extract_html::clean(text);
        self.section = text.to_uppercase();
        if !text.is_empty() {
            self.doc.blocks.push(Block::Heading(text));
        }
    }

    fn flush(&mut self) {
        let text = super::extract_html::clean(&self.paragraph);
        self.paragraph.clear();
        if text.is_empty() {
            return;
        }
        if matches!(self.section.as_str(), "NAME" | "BEZEICHNUNG") {
            if self.doc.title.is_none() {
                self.doc.title = Some(text);
            }
            return;
        }
        self.doc.blocks.push(Block::Para(text));
    }
}

const MDOC_INLINE: &[&str] = &[
    "Nm", "Fl", "Ar", "Pa", "Xr", "Cm", "Ev", "Va", "Dq", "Sq", "Qq", "Em", "Sy", "Li", "Ql", "Ic",
    "Ms", "No", "Dv", "Er", "Fn", "Fa", "Ft", "Vt", "Ad", "An", "Lk", "Mt", "Tn", "Op",
];

fn is_mdoc_inline(name: &str) -> bool {
    MDOC_INLINE.contains(&name)
}

/// The words an mdoc inline macro stands for: `Fl T` -> `-T`, `Xr ssh 1` -> `ssh(1)`,
/// `Dq Wort` -> `„Wort“`; nested macro names and trailing punctuation handled loosely.
fn mdoc_words(name: &str, args: &str) -> String {
    let words: Vec<String> = split_args(args)
        .into_iter()
        .filter(|w| !is_mdoc_inline(w) && w != "Ns")
        .collect();
    let (body, tail): (Vec<&String>, Vec<&String>) = words
        .iter()
        .partition(|w| !(w.len() == 1 && ".,;:)?!".contains(w.as_str())));
    let body: Vec<&str> = body.iter().map(|w| w.as_str()).collect();
    let tail: String = tail.iter().map(|w| w.as_str()).collect();
    let text = match name {
        "Fl" => body
            .iter()
            .map(|w| format!("-{w}"))
            .collect::<Vec<_>>()
            .join(" "),
        "Xr" if body.len() == 2 => format!("{}({})", body[0], body[1]),
        "Dq" | "Qq" => format!("„{}“", body.join(" ")),
        "Sq" => format!("‚{}‘", body.join(" ")),
        "Op" => format!("[{}]", body.join(" ")),
        _ => body.join(" "),
    };
    text + &tail
}

/// The arguments of a request: words, or double-quoted strings with `""` for a quote.
fn split_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = args.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        let mut word = String::new();
        if first == '"' {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        word.push('"');
                    } else {
                        break;
                    }
                } else {
                    word.push(c);
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        out.push(word);
    }
    out
}

/// Text with groff escapes resolved: fonts and sizes dropped, special characters and strings
/// replaced by the characters they stand for, `\"` comments cut.
pub fn unescape(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = chars.get(i + 1) else { break };
        i += 2;
        match e {
            '"' | '#' => break,
            '-' => out.push('-'),
            ' ' | '~' | '0' => out.push(' '),
            'e' | '\\' => out.push('\\'),
            '.' => out.push('.'),
            '`' => out.push('`'),
            '\'' => out.push('´'),
            't' => out.push(' '),
            '&' | '|' | '^' | ')' | ',' | '/' | ':' | '%' | '{' | '}' | 'c' | 'd' | 'u' | 'p'
            | 'a' | 'r' => {}
            'f' | 'F' | 'g' | 'k' | 'n' | 's' | 'm' | 'M' | 'V' | 'Y' | '$' => {
                // One-character, (xx or [name] argument; sizes may carry a sign.
                if e == 's' && matches!(chars.get(i), Some('+' | '-')) {
                    i += 1;
                }
                let (_, next) = name_arg(&chars, i);
                i = next;
                if e == 's' {
                    while chars.get(i).is_some_and(char::is_ascii_digit) {
                        i += 1;
                    }
                }
            }
            '(' => {
                let name: String = chars.get(i..i + 2).unwrap_or(&[]).iter().collect();
                i += 2;
                out.push_str(special(&name));
            }
            '[' => {
                let (name, next) = name_arg(&chars, i - 1);
                i = next;
                out.push_str(&special_long(&name));
            }
            '*' => {
                let (name, next) = name_arg(&chars, i);
                i = next;
                out.push_str(match name.as_str() {
                    "lq" | "L\"" => "“",
                    "rq" | "R\"" => "”",
                    "R" => "®",
                    "Tm" => "™",
                    _ => "",
                });
            }
            'h' | 'v' | 'w' | 'o' | 'Z' | 'X' | 'D' | 'l' | 'L' | 'b' | 'x' | 'R' | 'A' | 'B'
            | 'N' | 'S' | 'H' => {
                // A quoted argument: skip to the matching delimiter.
                if let Some(&delim) = chars.get(i) {
                    i += 1;
                    while i < chars.len() && chars[i] != delim {
                        i += 1;
                    }
                    i += 1;
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The name after an escape: one character, `(xx`, or `[name]`; and the index after it.
fn name_arg(chars: &[char], i: usize) -> (String, usize) {
    match chars.get(i) {
        Some('(') => (
            chars.get(i + 1..i + 3).unwrap_or(&[]).iter().collect(),
            i + 3,
        ),
        Some('[') => {
            let end = chars[i..]
                .iter()
                .position(|&c| c == ']')
                .map_or(chars.len(), |n| i + n);
            (chars[i + 1..end].iter().collect(), end + 1)
        }
        Some(&c) => (c.to_string(), i + 1),
        None => (String::new(), i),
    }
}

fn special(name: &str) -> &'static str {
    match name {
        "em" => "—",
        "en" => "–",
        "hy" | "mi" => "-",
        "aq" => "'",
        "dq" => "\"",
        "lq" => "“",
        "rq" => "”",
        "Bq" => "„",
        "bq" => "‚",
        "oq" => "‘",
        "cq" => "’",
        "Fo" => "«",
        "Fc" => "»",
        "fo" => "‹",
        "fc" => "›",
        "bu" => "•",
        "co" => "©",
        "rg" => "®",
        "tm" => "™",
        "mu" => "×",
        "de" => "°",
        "ga" => "`",
        "aa" => "´",
        ":a" => "ä",
        ":o" => "ö",
        ":u" => "ü",
        ":A" => "Ä",
        ":O" => "Ö",
        ":U" => "Ü",
        "ss" => "ß",
        "ti" => "~",
        "ha" => "^",
        "sl" => "/",
        "rs" => "\\",
        ">=" => "≥",
        "<=" => "≤",
        "!=" => "≠",
        "->" => "→",
        "<-" => "←",
        "+-" => "±",
        "Eu" | "eu" => "€",
        "sc" => "§",
        _ => "",
    }
}

fn special_long(name: &str) -> String {
    if let Some(hex) = name.strip_prefix('u') {
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            return c.to_string();
        }
    }
    special(name).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_resolve_to_plain_text() {
        assert_eq!(
            unescape(r"Mit \fB\-l\fP den \(lqAutor\(rq ausgeben\(em fertig"),
            "Mit -l den “Autor” ausgeben— fertig"
        );
        assert_eq!(
            unescape(r"\s-1GNU\s0 und \*(lqx\*(rq \[u00E4]"),
            "GNU und “x” ä"
        );
        assert_eq!(unescape(r#"Text \" Kommentar"#), "Text ");
    }

    #[test]
    fn a_page_gives_title_headings_and_paragraphs_without_tags_or_examples() {
        let page = r#".\" comment
.TH LS 1 "2022"
.SH BEZEICHNUNG
ls \- Verzeichnisinhalte auflisten
.SH BESCHREIBUNG
.PP
Auflistung von Informationen über die
.B DATEIen
im Verzeichnis.
.TP
\fB\-a\fP, \fB\-\-all\fP
Einträge nicht ignorieren.
.nf
$ ls -l
.fi
.SH "SIEHE AUCH"
"#;
        let doc = extract(page);
        assert_eq!(
            doc.title.as_deref(),
            Some("ls - Verzeichnisinhalte auflisten")
        );
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading("BEZEICHNUNG".into()),
                Block::Heading("BESCHREIBUNG".into()),
                Block::Para("Auflistung von Informationen über die DATEIen im Verzeichnis.".into()),
                Block::Para("Einträge nicht ignorieren.".into()),
                Block::Heading("SIEHE AUCH".into()),
            ]
        );
    }

    #[test]
    fn mdoc_inline_macros_keep_their_words() {
        let page =
            ".Sh BESCHREIBUNG\nDies kann mit der Option\n.Fl T\nerfolgen, siehe\n.Xr ssh 1 .\n";
        let doc = extract(page);
        assert_eq!(
            doc.blocks,
            vec![
                Block::Heading("BESCHREIBUNG".into()),
                Block::Para("Dies kann mit der Option -T erfolgen, siehe ssh(1).".into()),
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "\\",
            "\\(",
            "\\[",
            "\\f",
            "\\s+",
            ".de x",
            ".B \"unclosed",
            "\\h'",
        ] {
            let _ = extract(text);
        }
    }
}
