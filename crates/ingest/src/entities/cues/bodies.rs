//! Cue words of bodies named by a place after them: institutions (`Universität Wien`) and a
//! region's bodies (`Museumsverband Nordrhein-Westfalen`).

use super::is_exactly;

/// An institution whose name is the head plus a place or name after it (`Universität Wien`,
/// `Stiftung Warentest`).
pub(crate) fn is_institution(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower
        .strip_suffix('s')
        .filter(|s| !s.ends_with('s'))
        .unwrap_or(&lower);
    let compound = ["gericht", "kammer", "universität", "hochschule", "kommando"]
        .iter()
        .any(|h| lower.ends_with(h) && lower.len() > h.len() + 3);
    compound
        || is_exactly(
            word,
            &[
                "universität",
                "hochschule",
                "akademie",
                "stiftung",
                "museum",
                "institut",
                "klinik",
            ],
        )
}

/// A body of a region, named by the region after it (`Museumsverband Nordrhein-Westfalen`,
/// `Kantonspolizei Zürich`, `Landesregierung Kärnten`, `Staatsanwaltschaft Wien`): a compound
/// that ends in a body's head. Unlike [`is_institution`] only a known place may follow, since
/// before other names the compound is a type noun (`Weltfußballverband Fifa`).
pub(crate) fn is_regional_body(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower
        .strip_suffix('s')
        .filter(|s| !s.ends_with('s'))
        .unwrap_or(&lower);
    [
        "verband",
        "verein",
        "vereinigung",
        "polizei",
        "regierung",
        "anwaltschaft",
    ]
    .iter()
    .any(|h| lower.ends_with(h) && lower.len() > h.len() + 3)
}

/// A player's, coach's or supporter's role after a hyphen (`Köln-Trainer`, `Bayern-Profis`):
/// the town or region before it names its club. Whole words only (`Hollywood-Schauspieler`
/// is no club).
pub(crate) fn is_squad_role(word: &str) -> bool {
    is_exactly(
        word,
        &[
            "profi",
            "profis",
            "spieler",
            "mittelfeldspieler",
            "trainer",
            "trainerin",
            "cheftrainer",
            "coach",
            "goalie",
            "keeper",
            "torhüter",
            "torwart",
            "betreuer",
            "stürmer",
            "verteidiger",
            "innenverteidiger",
            "kapitän",
            "legionär",
            "fans",
            "sportdirektor",
        ],
    )
}
