//! Tests of the learned hidden layer.

use super::*;

/// The view cells of `count` random bar placements, plus one random stray cell.
fn random_view(placements: &[Detector], count: usize, rng: &mut SimRng) -> Vec<bool> {
    let mut occupied = vec![false; VIEW_CELLS * VIEW_CELLS];
    for _ in 0..count {
        for (r, c) in placements[rng.below(placements.len())].cells {
            occupied[r * VIEW_CELLS + c] = true;
        }
    }
    let stray = rng.below(occupied.len());
    occupied[stray] = true;
    occupied
}

/// Every unit whose weights on the occupied cells, summed in cell order, reach its
/// frozen threshold: what sensing means, computed the slow way.
fn active_by_sums(layer: &LearnedLayer, occupied: &[bool]) -> Vec<u16> {
    (0..layer.len())
        .filter(|&unit| {
            let drive = layer
                .unit_range(unit)
                .filter(|&k| occupied[usize::from(layer.inputs[k])])
                .fold(0.0_f32, |sum, k| sum + layer.weights[k]);
            layer
                .unit_range(unit)
                .any(|k| occupied[usize::from(layer.inputs[k])])
                && drive >= layer.frozen_threshold[unit]
        })
        .map(|unit| u16::try_from(unit).unwrap_or(u16::MAX))
        .collect()
}

#[test]
fn frozen_sensing_finds_exactly_the_units_whose_sums_reach_their_thresholds() {
    let params = DevelopmentParams {
        units: 300,
        ..DevelopmentParams::default()
    };
    let mut rng = SimRng::new(7);
    let mut layer = LearnedLayer::new(&params, 0.12, &mut rng);
    let placements = all_detectors();
    let mut fired = Vec::new();
    for _ in 0..6_000 {
        let view = random_view(&placements, 1, &mut rng);
        layer.develop(&view, &params, 0.12, &mut rng, &mut fired);
    }
    layer.freeze(params.frozen_threshold_fraction, 0.12);
    let mut active = Vec::new();
    let mut any_active = 0;
    for trial in 0..3_000 {
        let view = random_view(&placements, 1 + trial % 4, &mut rng);
        layer.sense(&view, &mut active);
        assert_eq!(active, active_by_sums(&layer, &view), "trial {trial}");
        any_active += usize::from(!active.is_empty());
    }
    // The comparison means something only if views do activate units.
    assert!(any_active > 1_000, "{any_active} views activated a unit");
}
