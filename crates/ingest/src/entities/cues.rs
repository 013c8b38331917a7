//! German cue words: the nouns that announce a person (`Präsident`, `Sprecherin`), name the
//! type of an organisation or place (`Nachrichtenagentur`, `Insel`), or end a proper name
//! (`College`, `Palast`, `Krieg`). This is general German vocabulary, not a list of names.
//!
//! A cue matches a word whose last hyphen part equals it or ends in it (`Kremlchef`,
//! `US-Präsident`, `Nordkorea-Experte`, `Grenzregion`), except the short ones marked exact.

use super::EntityKind;

/// Nouns for a person's role or title; a name that follows is a person.
const ROLES: &[&str] = &[
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "minister",
    "ministerin",
    "premier",
    "bürgermeister",
    "bürgermeisterin",
    "machthaber",
    "machthaberin",
    "chef",
    "chefin",
    "diktator",
    "diktatorin",
    "sprecher",
    "sprecherin",
    "experte",
    "expertin",
    "botschafter",
    "botschafterin",
    "könig",
    "königin",
    "prinz",
    "prinzessin",
    "papst",
    "sekretär",
    "sekretärin",
    "vorsitzende",
    "vorsitzender",
    "direktor",
    "direktorin",
    "professor",
    "professorin",
    "gouverneur",
    "gouverneurin",
    "senator",
    "senatorin",
    "abgeordnete",
    "abgeordneter",
    "politiker",
    "politikerin",
    "gastgeber",
    "gastgeberin",
    "analyst",
    "analystin",
    "forscher",
    "forscherin",
    "wissenschaftler",
    "wissenschaftlerin",
    "journalist",
    "journalistin",
    "korrespondent",
    "korrespondentin",
    "leiter",
    "leiterin",
    "gründer",
    "gründerin",
    "trainer",
    "trainerin",
    "anwalt",
    "anwältin",
    "richter",
    "richterin",
    "general",
    "admiral",
    "kommandeur",
    "rektor",
    "rektorin",
    "bischof",
    "kardinal",
    "kollege",
    "kollegin",
    "autor",
    "autorin",
    "schriftsteller",
    "schriftstellerin",
    "sänger",
    "sängerin",
    "schauspieler",
    "schauspielerin",
    "regisseur",
    "regisseurin",
    "ökonom",
    "ökonomin",
    "führer",
    "führerin",
    "aktivist",
    "aktivistin",
    "kandidat",
    "kandidatin",
    "unternehmer",
    "unternehmerin",
    "investor",
    "investorin",
    "manager",
    "managerin",
    "vorstand",
    "vorständin",
    "ehefrau",
    "ehemann",
    "witwe",
    "sohn",
    "tochter",
    "bruder",
    "schwester",
    "herr",
    "frau",
    "dr",
    "prof",
    "ceo",
    "vize",
];

/// Roles matched only as a whole word or hyphen part (as suffixes they end other nouns).
const EXACT_ROLES: &[&str] = &[
    "herr", "frau", "dr", "prof", "ceo", "vize", "sohn", "general",
];

/// Heads that end an organisation's name (`King's College`, `Fernöstliche Universität`,
/// `Universität Wien`): the head is part of the name.
const ORGANISATION_HEADS: &[&str] = &[
    "universität",
    "university",
    "hochschule",
    "college",
    "institut",
    "instituts",
    "institute",
    "akademie",
    "stiftung",
    "museum",
    "theater",
    "oper",
    "orchester",
    "klinik",
    "schule",
    "gymnasium",
    "ministerium",
    "kommission",
    "komitee",
    "komitees",
    "rat",
    "union",
    "allianz",
    "liga",
    "bank",
    "gericht",
    "behörde",
    "amt",
    "news",
    "tv",
    "times",
    "post",
    "agentur",
    "partei",
    "organisation",
    "gewerkschaft",
    "verband",
    "verein",
    "club",
    "klub",
    "konzern",
    "gruppe",
    "group",
    "holding",
    "media",
    "press",
    "agency",
    "foundation",
    "ag",
    "gmbh",
    "inc",
    "ltd",
    "corporation",
    "airlines",
    "bundestag",
    "senat",
    "parlament",
    "kongress",
    "armee",
    "polizei",
    "geheimdienst",
    "rundfunk",
    "sender",
    "bewegung",
    "front",
    "forces",
    "force",
    "party",
    "council",
    "committee",
    "association",
    "army",
    "movement",
    "institute",
    "bureau",
    "office",
    "service",
    "company",
    "court",
    "fund",
    "network",
];

/// Words that begin the name of a place in other languages (`Plaza de Cibeles`, `Rue de
/// Rivoli`, `Lake Tahoe`).
const FOREIGN_PLACE_WORDS: &[&str] = &[
    "plaza",
    "piazza",
    "place",
    "rue",
    "calle",
    "avenida",
    "via",
    "street",
    "avenue",
    "square",
    "lake",
    "mount",
    "sierra",
    "rio",
    "río",
    "lago",
    "monte",
    "puerta",
    "porta",
    "isla",
    "cabo",
    "bahía",
    "praça",
    "boulevard",
    "strait",
    "bay",
    "cape",
    "port",
    "fort",
    "playa",
    "campo",
];

/// Heads that say what kind of organisation the *following* name is (`Nachrichtenagentur
/// Xinhua`, `Umweltorganisation Greenpeace`): the cue is not part of the name.
const ORGANISATION_TYPES: &[&str] = &[
    "agentur",
    "organisation",
    "partei",
    "zeitung",
    "zeitschrift",
    "magazin",
    "sender",
    "konzern",
    "unternehmen",
    "firma",
    "hersteller",
    "gewerkschaft",
    "verband",
    "verein",
    "gruppe",
    "band",
    "fluggesellschaft",
    "airline",
    "plattform",
    "portal",
    "dienst",
    "netzwerk",
    "miliz",
    "bewegung",
    "stiftung",
    "bündnis",
    "allianz",
    "klub",
    "club",
    "team",
    "mannschaft",
    "rennstall",
    "fußballklub",
    "fußballverein",
    "händler",
    "autobauer",
    "versicherer",
    "discounter",
    "reederei",
    "verlag",
    "label",
];

/// Heads that end a place's name (`Victoria Park`, `Elysée-Palast`, `Große Halle des Volkes`).
const PLACE_HEADS: &[&str] = &[
    "platz",
    "palast",
    "halle",
    "park",
    "stadion",
    "flughafen",
    "bahnhof",
    "tor",
    "brücke",
    "kirche",
    "dom",
    "kathedrale",
    "schloss",
    "burg",
    "turm",
    "haus",
    "garten",
    "straße",
    "allee",
    "meer",
    "see",
    "ozean",
    "gebirge",
    "berg",
    "berge",
    "tal",
    "insel",
    "inseln",
    "halbinsel",
    "osten",
    "westen",
    "norden",
    "süden",
    "kanal",
    "wüste",
    "tempel",
    "moschee",
    "zone",
];

/// Heads that say what kind of place the *following* name is (`Insel Russki`, `Stadt Wien`).
const PLACE_TYPES: &[&str] = &[
    "stadt",
    "hauptstadt",
    "metropole",
    "insel",
    "region",
    "provinz",
    "bundesstaat",
    "bundesland",
    "kanton",
    "bezirk",
    "stadtteil",
    "viertel",
    "dorf",
    "gemeinde",
    "landkreis",
    "halbinsel",
    "fluss",
    "oblast",
    "präfektur",
    "distrikt",
    "grafschaft",
    "hafenstadt",
    "küstenstadt",
    "grenzstadt",
    "ort",
    "ortschaft",
    "kleinstadt",
    "großstadt",
];

/// Heads that end an event's name (`Zweiter Weltkrieg`, `Olympische Spiele`, `Korea-Krieg`).
const EVENT_HEADS: &[&str] = &[
    "krieg",
    "kriegs",
    "kriege",
    "weltkrieg",
    "weltkriegs",
    "spiele",
    "spielen",
    "festspiele",
    "festspielen",
    "games",
    "open",
    "cup",
    "league",
    "trophy",
    "olympiade",
    "weltmeisterschaft",
    "meisterschaft",
    "revolution",
    "gespräche",
    "konferenz",
    "festival",
    "kreuzzug",
    "aufstand",
    "schlacht",
];

/// Words that join the parts of a name (`Lula da Silva`, `Halle des Volkes`).
pub(crate) const PARTICLES: &[&str] = &[
    "von", "van", "de", "da", "di", "del", "della", "der", "den", "du", "dos", "la", "le", "bin",
    "ibn", "al", "el", "zu", "ter", "ten", "y",
];

/// Words that make a following name a country's long form (`Volksrepublik China`).
pub(crate) const DESIGNATORS: &[&str] = &[
    "Volksrepublik",
    "Republik",
    "Bundesrepublik",
    "Königreich",
    "Fürstentum",
    "Emirat",
    "Sultanat",
    "Großherzogtum",
    "Inselstaat",
    "Staat",
];

/// Prepositions after which a doubtful place form (`Essen`, `Halle`) is taken as a place.
pub(crate) const LOCATIVES: &[&str] = &[
    "in", "im", "nach", "aus", "von", "vom", "bei", "bis", "nahe", "über", "zwischen",
];

/// Where the cue is found in a word.
fn ends_with_cue(word: &str, cues: &[&str], exact: &[&str]) -> bool {
    let last = word.rsplit(super::tokens::is_hyphen).next().unwrap_or(word);
    let lower = last.to_lowercase();
    cues.iter().any(|c| {
        lower == *c
            || (!exact.contains(c)
                && lower.ends_with(c)
                && lower.chars().count() >= c.chars().count() + 3)
    })
}

fn is_exactly(word: &str, cues: &[&str]) -> bool {
    let lower = word.to_lowercase();
    cues.contains(&lower.as_str())
}

/// A role noun that announces a person (`Kremlchef`, `Greenpeace-Sprecherin`).
pub(crate) fn is_role(word: &str) -> bool {
    ends_with_cue(word, ROLES, EXACT_ROLES)
}

/// A type noun that announces the name of an organisation or place after it, with the kind.
pub(crate) fn type_cue(word: &str) -> Option<EntityKind> {
    type_cue_of(word).or_else(|| {
        // `des Unternehmens Alstom`, `des Konzerns Bosch`: a type noun in the genitive.
        let stem = ["es", "s"].iter().find_map(|e| word.strip_suffix(e))?;
        let ok = stem.chars().count() >= 4 && !word.ends_with("ss");
        ok.then(|| type_cue_of(stem)).flatten()
    })
}

/// A type noun only in the genitive (`Verbandes`): before a given name it is the body a person
/// works for (`die Vorsitzende des Verbandes Doreen Mölders`), not a name's type.
pub(crate) fn is_genitive_type_cue(word: &str) -> bool {
    type_cue_of(word).is_none() && type_cue(word).is_some()
}

fn type_cue_of(word: &str) -> Option<EntityKind> {
    if ends_with_cue(word, ORGANISATION_TYPES, &["band", "dienst", "portal"]) {
        Some(EntityKind::Organization)
    } else if ends_with_cue(word, PLACE_TYPES, &["ort", "insel", "stadt"])
        || is_place_type_compound(word)
    {
        Some(EntityKind::Place)
    } else {
        None
    }
}

/// `Grenzregion`, `Hafenstadt`: compounds of a place type are place types too.
fn is_place_type_compound(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["region", "stadt", "insel", "provinz"]
        .iter()
        .any(|c| lower.ends_with(c) && lower.len() > c.len() + 3 && !lower.ends_with("werkstadt"))
}

/// The kind of name a head noun ends (`Universität` → organisation, `Palast` → place), as a
/// whole word or the last part of a hyphenated word.
pub(crate) fn head_kind(word: &str) -> Option<EntityKind> {
    let last = word.rsplit(super::tokens::is_hyphen).next().unwrap_or(word);
    if is_exactly(last, EVENT_HEADS) || ends_with_cue(last, &["weltkrieg", "weltkriegs"], &[]) {
        Some(EntityKind::Event)
    } else if is_exactly(last, ORGANISATION_HEADS) || is_exactly(last, NEWSPAPER_HEADS) {
        Some(EntityKind::Organization)
    } else if is_exactly(last, PLACE_HEADS) {
        Some(EntityKind::Place)
    } else {
        None
    }
}

/// A currency (`Australischer Dollar` is no organisation).
pub(crate) fn is_currency(word: &str) -> bool {
    is_exactly(
        word,
        &[
            "dollar",
            "dollars",
            "euro",
            "euros",
            "franken",
            "pfund",
            "rubel",
            "yuan",
            "yen",
            "krone",
            "kronen",
            "peso",
            "pesos",
            "rupie",
            "rupien",
            "lira",
            "real",
            "won",
            "rand",
            "zloty",
            "forint",
            "dinar",
            "schilling",
            "mark",
        ],
    )
}

/// The head of a newspaper's name after a town's adjective (`Berliner Zeitung`,
/// `Salzburger Nachrichten`, `Hamburger Abendblatt`).
pub(crate) fn is_newspaper_head(word: &str) -> bool {
    is_exactly(word, NEWSPAPER_HEADS) || is_exactly(word, &["post", "allgemeine"])
}

/// Heads of newspapers' names (`… Zeitung`, `… Nachrichten`): also organisation heads.
const NEWSPAPER_HEADS: &[&str] = &[
    "zeitung",
    "tageszeitung",
    "rundschau",
    "nachrichten",
    "kurier",
    "anzeiger",
    "tagblatt",
    "morgenpost",
    "abendblatt",
    "volksblatt",
];

/// A word that begins a foreign place name (`Plaza`, `Lake`).
pub(crate) fn is_foreign_place_word(word: &str) -> bool {
    is_exactly(word, FOREIGN_PLACE_WORDS)
}

/// Compounds that end in an event noun after a place name (`Koreakrieg`): the event head.
pub(crate) fn event_suffix(word: &str) -> Option<usize> {
    let lower = word.to_lowercase();
    ["krieg", "kriegs"]
        .iter()
        .filter(|s| lower.ends_with(*s) && lower.len() > s.len())
        .map(|s| word.len() - s.len())
        .next()
}

mod bodies;
pub(crate) use bodies::{is_institution, is_regional_body, is_squad_role};

#[cfg(test)]
mod tests;
