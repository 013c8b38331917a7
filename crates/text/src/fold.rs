//! Folding spellings together: case, umlauts written either way, `ß`, Latin diacritics.
//!
//! German readers write `Pjöngjang`, `Pjoengjang` or `Pjongjang`; `Straße` or `Strasse`.
//! [`fold`] maps all of them to one key. It runs before the stemmer (see [`crate::stem`]),
//! which expects lowercase input with umlauts intact, so umlauts are *kept* here and the
//! `ae`/`oe`/`ue` transcriptions are turned *into* umlauts (Snowball's "german2" rule);
//! [`strip_diacritics`] then removes them after stemming.

/// Lowercase `word`, turn `ae`, `oe`, `ue` into `ä`, `ö`, `ü` and `ß` into `ss`, and drop
/// apostrophes (`King‘s` → `kings`). As in Snowball's German prelude, a `u` after `q` or
/// between vowels is a consonant, so `Quelle`, `neuen` and `Steuer` keep their `ue`.
/// Digits and other scripts pass through lowercased.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut prev: Option<char> = None;
    for c in lower.chars() {
        if matches!(c, '\'' | '‘' | '’' | 'ʼ') {
            continue;
        }
        let merged = match (prev, c) {
            (Some('a'), 'e') => Some('ä'),
            (Some('o'), 'e') => Some('ö'),
            (Some('u'), 'e') if !u_is_consonant(&out) => Some('ü'),
            _ => None,
        };
        match merged {
            Some(umlaut) => {
                out.pop();
                out.push(umlaut);
                prev = None;
                continue;
            }
            None if c == 'ß' => out.push_str("ss"),
            None => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Whether the `u` that `out` ends with follows `q` or a vowel.
fn u_is_consonant(out: &str) -> bool {
    let mut rev = out.chars().rev();
    rev.next(); // the `u`
    matches!(
        rev.next(),
        Some('q' | 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ä' | 'ö' | 'ü')
    )
}

/// Remove diacritics from Latin letters (`ä` → `a`, `é` → `e`, `ł` → `l`); everything
/// else unchanged. A small table instead of full Unicode decomposition: it covers Latin-1 and
/// Latin Extended-A, which is what German news text contains, at a fraction of the size of
/// the normalisation tables in the .wasm.
pub fn strip_diacritics(word: &str) -> String {
    word.chars().map(base_letter).collect()
}

/// [`strip_diacritics`], but `ä`, `ö`, `ü` stay: compound-part keys tell `güter` from `guter`.
pub fn strip_diacritics_but_umlauts(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'ä' | 'ö' | 'ü' => c,
            _ => base_letter(c),
        })
        .collect()
}

fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_transcriptions_and_sharp_s() {
        let cases = [
            ("Pjöngjang", "pjöngjang"),
            ("Pjoengjang", "pjöngjang"),
            ("Fuehrung", "führung"),
            ("Straße", "strasse"),
            ("STRASSE", "strasse"),
            ("Quelle", "quelle"),
            ("Zuerich", "zürich"),
            ("King‘s", "kings"),
            ("neuen", "neuen"),
            ("Steuer", "steuer"),
            ("Bauer", "bauer"),
            ("Mauer", "mauer"),
            ("15.000", "15.000"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn strips_latin_diacritics_only() {
        assert_eq!(strip_diacritics("pjöngjang"), "pjongjang");
        assert_eq!(strip_diacritics("café łódź"), "cafe lodz");
        assert_eq!(strip_diacritics("김정은"), "김정은");
    }
}
