//! How much an occurrence weighs: its field's weight, less for a variant, summed per posting
//! (a posting of one kind without reading its occurrences).

use super::super::expand::Form;
use super::super::settings::{
    BODY_WEIGHT, CAPTION_WEIGHT, DERIVED_WEIGHT, LEAD_WEIGHT, TITLE_WEIGHT,
};
use explorer_index::{Field, Kind, PostingList};

/// The weight of one occurrence: its field's, less for a variant.
pub const fn field_weight(kind: Kind) -> f32 {
    let field = match kind.field {
        Field::Title => TITLE_WEIGHT,
        Field::Lead => LEAD_WEIGHT,
        Field::Caption => CAPTION_WEIGHT,
        Field::Body => BODY_WEIGHT,
    };
    if kind.derived {
        field * DERIVED_WEIGHT
    } else {
        field
    }
}

/// The weighted frequency of the `i`-th posting of `list`, and (when `typed`) how its
/// occurrences count towards the form typed, by the [`Form`] of the list's key: the typed
/// spelling's own key ([`Form::Typed`]: `Kims`, `Zürich`, `Museum`) counts every
/// occurrence; where the spelling typed is its term's (`Kim`, `Vertrag`), the term
/// ([`Form::Term`]) counts its own occurrences (not those derived from another token, such
/// as a genitive's base or a hyphenated word's whole) and its other forms' keys
/// ([`Form::OtherForm`]: `Kims`, `Verträge`) count theirs against it. One pass over the
/// occurrences' kinds.
pub(super) fn occurrences(list: &PostingList<'_>, i: usize, form: Form, typed: bool) -> (f32, i64) {
    let n = i64::from(list.count(i));
    match form {
        Form::Term if typed => match list.uniform_kind(i) {
            Some(kind) => (
                weigh_uniform(list, i, kind),
                if kind.derived { 0 } else { n },
            ),
            None => {
                let counts = list.kind_counts(i);
                let own: u32 = counts[..4].iter().sum();
                (weigh_mixed(list, i, &counts), i64::from(own))
            }
        },
        Form::Typed if typed => (weighted(list, i), n),
        Form::OtherForm if typed => (weighted(list, i), -n),
        _ => (weighted(list, i), 0),
    }
}

/// The weighted frequency of the `i`-th posting of `list`.
pub(super) fn weighted(list: &PostingList<'_>, i: usize) -> f32 {
    match list.uniform_kind(i) {
        Some(kind) => weigh_uniform(list, i, kind),
        None => weigh_mixed(list, i, &list.kind_counts(i)),
    }
}

/// Per kind (by [`Kind::index`]): its weight if a multiple of 1/16 below 16, so that sums of
/// fewer than 2^16 of them are exact (see [`exact_sum`]).
const SIXTEENTHS: [Option<f32>; 8] = {
    let mut out = [None; 8];
    let mut k = 0;
    while k < 8 {
        let w = field_weight(Kind::ALL[k]);
        let sixteenths = w * 16.0;
        if sixteenths >= 1.0 && sixteenths < 256.0 && (sixteenths as u32) as f32 == sixteenths {
            out[k] = Some(w);
        }
        k += 1;
    }
    out
};

/// The weights of the `i`-th posting's occurrences, all of `kind`, summed in position order.
fn weigh_uniform(list: &PostingList<'_>, i: usize, kind: Kind) -> f32 {
    let n = list.count(i);
    match SIXTEENTHS[kind.index()] {
        Some(w) if n < 1 << 16 => n as f32 * w,
        _ => list.kinds(i).map(field_weight).sum(),
    }
}

/// The weights of the `i`-th posting's occurrences summed in position order, `counts` its
/// [`PostingList::kind_counts`]: from the counts where that sum is exact, so the same number
/// in any order; else occurrence by occurrence.
fn weigh_mixed(list: &PostingList<'_>, i: usize, counts: &[u32; 8]) -> f32 {
    exact_sum(counts).unwrap_or_else(|| list.kinds(i).map(field_weight).sum())
}

/// `counts[k]` occurrences of each kind `k` weighed and summed, if every partial sum of
/// them, in any order, is exact: every weight present a multiple of 1/16 below 16 (the
/// field weights 3, 1.5 and 1, and their halves for variants: [`SIXTEENTHS`]) and fewer
/// than 2^16 occurrences, so each partial sum is a whole number of sixteenths below 2^24,
/// which an `f32` holds exactly. A frequent word's postings are weighed without reading
/// their occurrences one by one.
fn exact_sum(counts: &[u32; 8]) -> Option<f32> {
    let mut sum = 0.0f32;
    let mut total = 0u64;
    for (&n, w) in counts.iter().zip(SIXTEENTHS) {
        if n > 0 {
            total += u64::from(n);
            sum += n as f32 * w?;
        }
    }
    (total > 0 && total < 1 << 16).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Occurrences weighed from their kinds' counts weigh what they weigh summed one by one
    /// in any order, to the bit: long runs of one kind, mixed kinds in pseudo-random order,
    /// up to the shortcut's bound; the shortcut is taken for every kind but captions.
    #[test]
    fn weights_from_the_counts_are_the_weights_summed_in_order() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut compared = 0;
        for round in 0..400 {
            // Which kinds occur: a few of them, captions only sometimes.
            let kinds: Vec<Kind> = Kind::ALL
                .into_iter()
                .filter(|k| next() % 3 == 0 || (round % 4 == 0 && k.field == Field::Body))
                .collect();
            if kinds.is_empty() {
                continue;
            }
            let len = match round % 5 {
                0 => 1 + next() % 5,
                1 => 60_000 + next() % 6_000,
                _ => 1 + next() % 400,
            };
            let mut counts = [0u32; 8];
            let mut in_order = 0.0f32;
            for _ in 0..len {
                let kind = kinds[(next() % kinds.len() as u64) as usize];
                counts[kind.index()] += 1;
                in_order += field_weight(kind);
            }
            let captions = kinds.iter().any(|k| k.field == Field::Caption);
            match exact_sum(&counts) {
                Some(sum) => {
                    assert_eq!(sum.to_bits(), in_order.to_bits(), "{counts:?}");
                    compared += 1;
                }
                None => assert!(captions || len >= 1 << 16, "{counts:?}"),
            }
        }
        assert!(compared > 100, "{compared}");
    }
}
