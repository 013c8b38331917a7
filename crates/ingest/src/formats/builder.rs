//! [`TextBuilder`]: how a format writes an article's text, one block per line, so that
//! every block is a span of the text and highlights map back exactly.

use super::{clean, Article, Metadata};
use crate::parse::{derive_title, Span};
use explorer_index::{BlockKind, YearMonth};

/// What a block of an article is, as a format sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    /// The teaser paragraph under the title.
    Lead,
    Heading,
    Paragraph,
    /// A photo caption or credit.
    Caption,
    /// `Von Anna Meier`: who wrote it.
    Byline,
    /// Shown, never indexed (a disclaimer, a copyright line).
    Boilerplate,
}

impl Kind {
    /// The kind the index stores. The index has no lead or byline kinds (yet): a lead is a
    /// paragraph (the first paragraph is indexed as the lead anyway) and a byline a caption
    /// (not body text).
    pub fn stored(self) -> BlockKind {
        match self {
            Kind::Title => BlockKind::Title,
            Kind::Lead | Kind::Paragraph => BlockKind::Paragraph,
            Kind::Heading => BlockKind::Heading,
            Kind::Caption | Kind::Byline => BlockKind::Caption,
            Kind::Boilerplate => BlockKind::Boilerplate,
        }
    }
}

/// An article's text being written block by block.
#[derive(Debug, Default, Clone)]
pub struct TextBuilder {
    text: String,
    blocks: Vec<Span>,
    title: Option<String>,
}

/// Longest block kept, in bytes: one absurd paragraph (a minified blob in a `<p>`) is cut
/// at a character boundary rather than bloating the index.
const MAX_BLOCK_BYTES: usize = 64 * 1024;

impl TextBuilder {
    pub fn new() -> Self {
        TextBuilder::default()
    }

    /// Add a block of `kind`, its whitespace collapsed; nothing if it is empty. The first
    /// title block is the article's title.
    pub fn push(&mut self, kind: Kind, text: &str) {
        let Some(mut text) = clean(text) else { return };
        if text.len() > MAX_BLOCK_BYTES {
            let mut cut = MAX_BLOCK_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        if kind == Kind::Title {
            if self.title.is_some() {
                return self.push(Kind::Heading, &text);
            }
            self.title = Some(text.clone());
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(&text);
        self.blocks.push(Span {
            kind: kind.stored(),
            start,
            end: self.text.len(),
        });
    }

    /// The title pushed so far.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Whether any block other than a title or boilerplate has text.
    pub fn has_body(&self) -> bool {
        self.blocks
            .iter()
            .any(|b| !matches!(b.kind, BlockKind::Title | BlockKind::Boilerplate))
    }

    /// The article, or `None` if it has no body text. `title` is used when no title block
    /// was pushed (it is put first); without either, the title is derived from the first
    /// paragraph.
    pub fn finish(
        self,
        name: &str,
        title: Option<&str>,
        date: Option<YearMonth>,
        meta: Metadata,
    ) -> Option<Article> {
        if !self.has_body() {
            return None;
        }
        let mut builder = self;
        if builder.title.is_none() {
            if let Some(title) = title.and_then(clean) {
                let mut with_title = TextBuilder::new();
                with_title.push(Kind::Title, &title);
                let shift = with_title.text.len() + 1;
                with_title.text.push('\n');
                with_title.text.push_str(&builder.text);
                with_title
                    .blocks
                    .extend(builder.blocks.iter().map(|b| Span {
                        start: b.start + shift,
                        end: b.end + shift,
                        ..*b
                    }));
                builder = with_title;
            }
        }
        let (title, title_derived) = match builder.title.clone() {
            Some(t) => (t, false),
            None => {
                let first = builder
                    .blocks
                    .iter()
                    .find(|b| b.kind == BlockKind::Paragraph)
                    .or_else(|| builder.blocks.first());
                let derived = first
                    .map(|b| derive_title(&builder.text[b.start..b.end]))
                    .unwrap_or_default();
                (derived, true)
            }
        };
        Some(Article {
            name: name.to_owned(),
            text: builder.text,
            blocks: builder.blocks,
            title,
            title_derived,
            date,
            meta,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_spans_of_the_text_and_a_late_title_goes_first() {
        let mut b = TextBuilder::new();
        b.push(Kind::Lead, "  Ein   Vorspann.\n");
        b.push(Kind::Paragraph, "");
        b.push(Kind::Paragraph, "Zweiter Absatz.");
        let a = b
            .finish("a.html", Some(" Der  Titel "), None, Metadata::default())
            .unwrap();
        assert_eq!(a.text, "Der Titel\nEin Vorspann.\nZweiter Absatz.");
        let texts: Vec<&str> = a.blocks.iter().map(|s| &a.text[s.start..s.end]).collect();
        assert_eq!(texts, ["Der Titel", "Ein Vorspann.", "Zweiter Absatz."]);
        assert_eq!(a.blocks[0].kind, BlockKind::Title);
        assert!(!a.title_derived);
    }

    #[test]
    fn no_body_no_article_and_no_title_a_derived_one() {
        let mut b = TextBuilder::new();
        b.push(Kind::Title, "Nur ein Titel");
        assert!(b.finish("x", None, None, Metadata::default()).is_none());
        let mut b = TextBuilder::new();
        b.push(Kind::Paragraph, "Erster Satz. Zweiter Satz.");
        let a = b.finish("x", None, None, Metadata::default()).unwrap();
        assert_eq!(a.title, "Erster Satz.");
        assert!(a.title_derived);
    }
}
