//! A deterministic force-directed layout (Fruchterman–Reingold) for the entity network.
//!
//! Computed here rather than with a JS library such as d3-force: no new dependency in the
//! page, the same positions for the same answer on every machine (start positions on a
//! sunflower spiral by rank, a fixed number of steps, no randomness, only `+ - * / sqrt`),
//! and the page only draws. At 150 nodes it is about 150 · 150 · 200 pair steps, a few
//! milliseconds in the wasm.

/// Steps of the simulation.
pub const STEPS: usize = 200;
/// Pull towards the centre, so that separate groups stay near the main one.
pub const GRAVITY: f64 = 0.25;
/// Steps that push overlapping circles apart afterwards.
pub const COLLISION_STEPS: usize = 60;
/// A node's radius in the unit square: `MIN_RADIUS + SIZE_RADIUS * sqrt(size / largest)`
/// (circle area grows with the size); [`radius`] computes it, so the page draws what was
/// laid out.
pub const MIN_RADIUS: f64 = 0.008;
pub const SIZE_RADIUS: f64 = 0.026;
/// Space kept between two circles (room for a label).
pub const GAP: f64 = 0.012;

/// The radius of a node of `size` when the largest is `largest`.
pub fn radius(size: f32, largest: f32) -> f32 {
    let share = if largest > 0.0 {
        (size / largest).max(0.0)
    } else {
        0.0
    };
    (MIN_RADIUS + SIZE_RADIUS * f64::from(share).sqrt()) as f32
}

/// Positions in the unit square (with a margin) for nodes of `sizes` (any positive weight;
/// bigger ones start nearer the centre) joined by `links` (`(a, b, weight)`, node indices).
/// Circles of [`radius`] do not overlap where there is room. The same input gives the same
/// output, bit for bit.
pub fn layout(sizes: &[f32], links: &[(usize, usize, f32)]) -> Vec<(f32, f32)> {
    let n = sizes.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    // Sunflower spiral: node k at radius sqrt(k), turned by the golden angle each step
    // (a rotation by fixed cosine and sine, so no trigonometry that differs by platform).
    const COS_GOLDEN: f64 = -0.737_368_878_078_319_6;
    const SIN_GOLDEN: f64 = 0.675_490_294_261_523_9;
    let (mut dx, mut dy) = (1.0f64, 0.0f64);
    let mut pos: Vec<(f64, f64)> = Vec::with_capacity(n);
    for k in 0..n {
        let r = ((k as f64) + 0.5).sqrt();
        pos.push((r * dx, r * dy));
        (dx, dy) = (
            dx * COS_GOLDEN - dy * SIN_GOLDEN,
            dx * SIN_GOLDEN + dy * COS_GOLDEN,
        );
    }
    let max_weight = links.iter().map(|l| l.2).fold(1.0f32, f32::max) as f64;
    let mut degree = vec![0usize; n];
    for &(a, b, _) in links {
        if a < n && b < n {
            degree[a] += 1;
            degree[b] += 1;
        }
    }
    let k = 1.0f64;
    let k2 = k * k;
    let mut temp = (n as f64).sqrt();
    let cool = temp / (STEPS as f64 + 1.0);
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..STEPS {
        for d in disp.iter_mut() {
            *d = (0.0, 0.0);
        }
        // Repulsion between every pair.
        for i in 0..n {
            let (xi, yi) = pos[i];
            for j in i + 1..n {
                let (mut ddx, mut ddy) = (xi - pos[j].0, yi - pos[j].1);
                let mut d2 = ddx * ddx + ddy * ddy;
                if d2 < 1e-9 {
                    // Coincident: push apart along a fixed direction.
                    (ddx, ddy, d2) = (0.01, 0.0, 1e-4);
                }
                let f = k2 / d2;
                disp[i].0 += ddx * f;
                disp[i].1 += ddy * f;
                disp[j].0 -= ddx * f;
                disp[j].1 -= ddy * f;
            }
        }
        // Attraction along links, stronger for more shared articles, weaker for nodes with
        // many links (a dense group would otherwise collapse into a point).
        for &(a, b, w) in links {
            if a >= n || b >= n || a == b {
                continue;
            }
            let (ddx, ddy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (ddx * ddx + ddy * ddy).sqrt();
            let spread = ((degree[a].max(degree[b])) as f64).sqrt();
            let f = d / k * (0.3 + 0.7 * f64::from(w) / max_weight) / spread;
            disp[a].0 -= ddx * f;
            disp[a].1 -= ddy * f;
            disp[b].0 += ddx * f;
            disp[b].1 += ddy * f;
        }
        // Gravity keeps separate groups in view; then move, at most `temp`.
        for i in 0..n {
            disp[i].0 -= pos[i].0 * GRAVITY;
            disp[i].1 -= pos[i].1 * GRAVITY;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 {
                let step = len.min(temp) / len;
                pos[i].0 += disp[i].0 * step;
                pos[i].1 += disp[i].1 * step;
            }
        }
        temp = (temp - cool).max(0.01);
    }
    let mut out = fit(&pos, 0.06);
    // Circles apart: each overlapping pair pushed apart, half each, a few rounds.
    let largest = sizes.iter().copied().fold(0.0f32, f32::max);
    let radii: Vec<f64> = sizes
        .iter()
        .map(|&s| f64::from(radius(s, largest)))
        .collect();
    for _ in 0..COLLISION_STEPS {
        let mut moved = false;
        for i in 0..n {
            for j in i + 1..n {
                let (ddx, ddy) = (out[j].0 - out[i].0, out[j].1 - out[i].1);
                let d = (ddx * ddx + ddy * ddy).sqrt();
                let want = radii[i] + radii[j] + GAP;
                if d >= want {
                    continue;
                }
                let (ux, uy) = if d > 1e-9 {
                    (ddx / d, ddy / d)
                } else {
                    (1.0, 0.0)
                };
                let push = (want - d) / 2.0;
                out[i].0 -= ux * push;
                out[i].1 -= uy * push;
                out[j].0 += ux * push;
                out[j].1 += uy * push;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    fit(&out, 0.05)
        .into_iter()
        .map(|(x, y)| (x as f32, y as f32))
        .collect()
}

/// `pos` scaled and centred into `[margin, 1 - margin]²`, keeping the aspect ratio.
fn fit(pos: &[(f64, f64)], margin: f64) -> Vec<(f64, f64)> {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pos {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let span = (x1 - x0).max(y1 - y0).max(1e-9);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let scale = (1.0 - 2.0 * margin) / span;
    pos.iter()
        .map(|&(x, y)| (0.5 + (x - cx) * scale, 0.5 + (y - cy) * scale))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_stay_in_the_unit_square() {
        let sizes = vec![5.0; 30];
        let links: Vec<_> = (0..29).map(|i| (i, i + 1, 1.0)).collect();
        for (x, y) in layout(&sizes, &links) {
            assert!(
                (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y),
                "{x} {y}"
            );
        }
    }

    #[test]
    fn linked_nodes_end_nearer_than_unlinked_ones() {
        let p = layout(&[3.0, 3.0, 3.0, 3.0], &[(0, 1, 5.0), (2, 3, 5.0)]);
        let d = |a: (f32, f32), b: (f32, f32)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        assert!(d(p[0], p[1]) < d(p[0], p[2]));
    }
}
