//! Hidden-unit dropout at test (Golden et al. 2022, S2): a share of the hidden units is
//! removed from a copy of the trained network, which is then tested on both tasks. The
//! paper finds scores hold until about 70% of the hidden units are gone: the code is
//! redundant.

use crate::sim::rng::{SimRng, derive_seed};
use crate::sim::{Mode, Score, Simulation, Task};

/// The stream of the draw of which units are removed (see [`derive_seed`]).
const DROPOUT_STREAM: u64 = 0xD20F;
/// Dropout tests use test numbers from here on: their streams (twice the number, plus the
/// task) lie apart from the schedule's tests, the probes and manual tests.
const DROPOUT_TESTS: u64 = 1 << 60;

/// The hidden units in the order they are removed: a seeded shuffle, so a larger share
/// removes the units of every smaller share and more.
pub fn removal_order(n_hidden: usize, seed: u64) -> Vec<usize> {
    let mut rng = SimRng::new(derive_seed(seed, DROPOUT_STREAM));
    let mut order: Vec<usize> = (0..n_hidden).collect();
    for i in (1..n_hidden).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

/// Both tasks' scores of `sim` over `cycles` frozen cycles each with the first
/// `fraction` of `order` removed (their outgoing weights, and so their inhibition, set to
/// 0). Every fraction is tested in the same worlds with the same random stream, so the
/// scores differ only by what was removed. `sim` itself is not changed.
pub fn scores_without(sim: &Simulation, order: &[usize], fraction: f64, cycles: u64) -> [Score; 2] {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a share of the unit count, clamped to 0..=1"
    )]
    let removed = ((order.len() as f64 * fraction.clamp(0.0, 1.0)).round() as usize).min(order.len());
    Task::ALL.map(|task| {
        let mut copy = sim.test_copy(task, DROPOUT_TESTS);
        {
            let mut weights = copy.synapses.weights_mut();
            for &unit in &order[..removed] {
                weights.row_mut(unit).fill(0.0);
            }
        }
        let mut score = Score::default();
        let mode = Mode::Wake { task, plastic: false };
        for _ in 0..cycles {
            score.add(task, copy.run_cycle(mode).eaten);
        }
        score
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_removal_order_is_a_seeded_permutation() {
        let order = removal_order(50, 3);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_eq!(order, removal_order(50, 3));
        assert_ne!(order, removal_order(50, 4));
    }
}
