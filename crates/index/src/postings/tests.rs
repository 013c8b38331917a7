//! The postings codec's properties: what is written is read, kinds counted as read, garbage
//! an error.

use super::*;
use proptest::prelude::*;

fn arb_postings() -> impl Strategy<Value = Vec<Posting>> {
    arb_postings_of(20)
}

/// Postings of fewer than `most` occurrences each.
fn arb_postings_of(most: usize) -> impl Strategy<Value = Vec<Posting>> {
    proptest::collection::btree_map(
        0u32..10_000,
        proptest::collection::btree_map(0u32..100_000, (0u8..4, any::<bool>()), 1..most),
        0..30,
    )
    .prop_map(|m| {
        m.into_iter()
            .map(|(article, occs)| Posting {
                article: ArticleId(article),
                occurrences: occs
                    .into_iter()
                    .map(|(position, (f, derived))| Occurrence {
                        position,
                        field: Field::from_bits(f),
                        derived,
                    })
                    .collect(),
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn round_trips(postings in arb_postings()) {
        let mut out = vec![0xAA];
        encode(&mut out, &postings, PositionsKept::Stored);
        prop_assert_eq!(decode(&out, 1).unwrap().to_postings().unwrap(), postings);
    }

    #[test]
    fn keeps_kinds_without_positions(postings in arb_postings(), in_text: bool) {
        let mut out = vec![0xAA];
        let kept = if in_text { PositionsKept::InText } else { PositionsKept::None };
        encode(&mut out, &postings, kept);
        let list = decode(&out, 1).unwrap();
        prop_assert!(!list.has_positions());
        prop_assert_eq!(list.positions_kept(), kept);
        let without: Vec<Posting> = postings
            .iter()
            .map(|p| Posting {
                article: p.article,
                occurrences: p
                    .occurrences
                    .iter()
                    .map(|o| Occurrence { position: 0, ..*o })
                    .collect(),
            })
            .collect();
        prop_assert_eq!(list.to_postings().unwrap(), without);
    }

    #[test]
    fn counts_kinds_as_they_are_read_one_by_one(postings in arb_postings_of(70), stored: bool) {
        let mut out = vec![0xAA];
        let kept = if stored { PositionsKept::Stored } else { PositionsKept::None };
        encode(&mut out, &postings, kept);
        let list = decode(&out, 1).unwrap();
        for (i, p) in postings.iter().enumerate() {
            let mut expected = [0u32; 8];
            for o in &p.occurrences {
                expected[o.kind().index()] += 1;
            }
            prop_assert_eq!(list.kind_counts(i), expected);
            let uniform = p.occurrences.iter().all(|o| o.kind() == p.occurrences[0].kind());
            prop_assert_eq!(list.uniform_kind(i), uniform.then(|| p.occurrences[0].kind()));
        }
        for (k, kind) in Kind::ALL.into_iter().enumerate() {
            prop_assert_eq!(kind.index(), k);
            prop_assert_eq!(Kind::from_bits(k as u8), kind);
        }
    }

    #[test]
    fn never_panics_on_garbage(bytes in proptest::collection::vec(any::<u8>(), 0..200), at in 0usize..210) {
        if let Ok(list) = decode(&bytes, at) {
            let _ = list.to_postings();
        }
    }
}
