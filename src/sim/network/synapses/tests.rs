//! Tests of the hidden→output synapses.

use super::*;
use crate::sim::rng::SimRng;

/// Rows changed at random, some pushed to the cap, each change followed by a
/// normalisation: every output's weights keep summing to its target, none leaves
/// [0, w_max], and the kept column sums stay those of the weights.
#[test]
fn lazy_normalisation_keeps_every_column_on_its_target_and_under_the_cap() {
    let (n, w0, w_max) = (40, 0.25, 1.5);
    let mut synapses = Synapses::new(n, w0);
    let mut rng = SimRng::new(5);
    let mut capped = 0;
    for cycle in 0..5_000 {
        for _ in 0..3 {
            let i = rng.below(n);
            let mut row = synapses.row(i);
            for w in &mut row {
                *w *= 1.0 + 0.5 * rng.symmetric();
            }
            // Now and then a synapse driven far above the cap.
            if cycle % 7 == 0 {
                row[rng.below(N_OUTPUTS)] = 3.0 * w_max;
            }
            synapses.set_row(i, row, w_max);
        }
        synapses.target[cycle % N_OUTPUTS] *= 1.0 + 0.01 * rng.symmetric();
        synapses.normalise(w_max);
        let weights = synapses.weights();
        for j in 0..N_OUTPUTS {
            let column = weights.column(j);
            let sum: f32 = column.sum();
            assert!(
                (sum - synapses.target[j]).abs() < 1e-4 * synapses.target[j],
                "cycle {cycle}, output {j}: {sum} against {}",
                synapses.target[j]
            );
            assert!(
                column.iter().all(|&w| (0.0..=w_max).contains(&w)),
                "cycle {cycle}"
            );
            capped += column.iter().filter(|&&w| w == w_max).count();
        }
    }
    assert!(capped > 0, "the cap was never reached");
}
