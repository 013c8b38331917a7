//! Plain text (`.txt`): the loose format of exported news text that [`crate::parse`]
//! reads, one article per file.

use super::{Article, Format, Input, Metadata, Note, Read};
use crate::corpus::{decode, SkipReason};
use crate::parse::parse;

pub const FORMAT: Format = Format {
    name: "text",
    extensions: &["txt"],
    read,
};

fn read(input: &Input<'_>) -> Result<Read, SkipReason> {
    let (text, decoding) = decode(input.bytes)?;
    let mut notes: Vec<Note> = decoding
        .map(|message| Note {
            line: None,
            message: message.to_owned(),
        })
        .into_iter()
        .collect();
    let (parsed, warnings) = parse(&text);
    notes.extend(warnings.into_iter().map(|w| Note {
        line: Some(w.line),
        message: w.message,
    }));
    let article = Article {
        name: input.file.to_owned(),
        text,
        blocks: parsed.blocks,
        title: parsed.title,
        title_derived: parsed.title_derived,
        date: parsed.date,
        meta: Metadata::default(),
    };
    Ok(Read::one(article, notes))
}
