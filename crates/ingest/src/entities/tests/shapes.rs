//! Table-driven tests of issue 15's fourth round: clubs, events, bodies and quoted names by
//! their shape, with invented names (people and bodies) in real towns.

use super::check;

/// Before a player's or coach's role a town or region names its club; before other words,
/// and a country before a coach (a national team), they stay what they are.
#[test]
fn a_town_before_a_players_role_is_its_club() {
    check(&[
        (
            "Die Bayern-Profis jubelten, Köln-Trainer Ulf Bramsted schwieg.",
            &[
                ("Bayern", "organization"),
                ("Köln", "organization"),
                ("Ulf Bramsted", "person"),
            ],
        ),
        (
            "Ein Köln-Besucher traf Deutschland-Trainer Ulf Bramsted.",
            &[
                ("Köln", "place"),
                ("Deutschland", "country"),
                ("Ulf Bramsted", "person"),
            ],
        ),
    ]);
}

/// A title in quotes that starts with an event's noun is the event; a quote of other words,
/// or the noun without quotes, is not.
#[test]
fn a_quoted_title_that_starts_with_an_event_noun_is_an_event() {
    check(&[
        (
            "Zum Abschluss lud die Partei zum „Fest der Nachbarn“ in Villach.",
            &[("Fest der Nachbarn", "event"), ("Villach", "place")],
        ),
        (
            "Der Verein plant die \"Nacht der offenen Ateliers\" und ein Fest für Kinder.",
            &[("Nacht der offenen Ateliers", "event")],
        ),
        ("Er nannte es „Haus der Freude“.", &[]),
    ]);
}

/// One word before its abbreviation in brackets is the body the abbreviation names; not a
/// word before a common abbreviation, nor before letters that are not its initials.
#[test]
fn a_word_before_its_abbreviation_names_a_body() {
    check(&[
        (
            "Die Akten gingen an den Oberlandesprüfer (OLP) in Graz.",
            &[
                ("Oberlandesprüfer", "organization"),
                ("OLP", "organization"),
                ("Graz", "place"),
            ],
        ),
        ("Das Bruttoinlandsprodukt (BIP) stieg.", &[]),
        (
            "Der Oberlandesprüfer (XQZ) schwieg.",
            &[("XQZ", "organization")],
        ),
    ]);
}

/// A quote inside a sentence that holds just a capitalised adjective and a noun is a name;
/// a quoted sentence is not.
#[test]
fn a_quoted_name_inside_a_sentence_is_a_name() {
    check(&[
        (
            "Zweitstärkste Kraft blieb die „Liberale Bauernpartei“ mit zehn Prozent.",
            &[("Liberale Bauernpartei", "organization")],
        ),
        ("Er sagte „Große Worte helfen nicht“ und ging.", &[]),
    ]);
}

/// A body named by an adjective and a compound is named by the compound alone later in the
/// same article.
#[test]
fn a_bodys_compound_alone_is_the_body_named_in_full() {
    check(&[(
        "Die Steirische Blitzversicherung zahlt. Laut Blitzversicherung fehlt Geld.",
        &[
            ("Steirische Blitzversicherung", "organization"),
            ("Blitzversicherung", "organization"),
        ],
    )]);
}

/// The name shown is the full form even where the short form is mentioned more often.
#[test]
fn a_short_form_is_never_the_name_shown() {
    let text = "Die Steirische Blitzversicherung zahlt. Laut Blitzversicherung fehlt Geld. \
                Die Blitzversicherung prüft.";
    let found = super::found_with(&[text], None);
    let shown: Vec<&str> = found[0].iter().map(|m| m.3.as_str()).collect();
    assert_eq!(shown, ["Steirische Blitzversicherung"; 3]);
}
