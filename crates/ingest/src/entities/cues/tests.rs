use super::*;

#[test]
fn roles_types_and_heads() {
    let roles = [
        "Kremlchef",
        "US-Präsident",
        "Nordkorea-Experte",
        "Sprecherin",
        "Frau",
    ];
    for w in roles {
        assert!(is_role(w), "{w}");
    }
    for w in ["Gipfeltreffen", "Frauen", "Apparat", "Besuch"] {
        assert!(!is_role(w), "{w}");
    }
    let types = [
        ("Nachrichtenagentur", Some(EntityKind::Organization)),
        ("Umweltorganisation", Some(EntityKind::Organization)),
        ("Grenzregion", Some(EntityKind::Place)),
        ("Insel", Some(EntityKind::Place)),
        ("Führung", None),
    ];
    for (w, kind) in types {
        assert_eq!(type_cue(w), kind, "{w}");
    }
    let heads = [
        ("College", Some(EntityKind::Organization)),
        ("Elysée-Palast", Some(EntityKind::Place)),
        ("Weltkriegs", Some(EntityKind::Event)),
        ("Korea-Krieg", Some(EntityKind::Event)),
        ("Halbinsel", Some(EntityKind::Place)),
        ("Führung", None),
    ];
    for (w, kind) in heads {
        assert_eq!(head_kind(w), kind, "{w}");
    }
}
