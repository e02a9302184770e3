//! Slow homeostatic scaling of each output's weight-sum target (docs/model.md §3): outputs
//! that fire less than average get a larger share of a fixed total, within bounds.

use super::network::{N_OUTPUTS, Synapses};
use super::params::PlasticityParams;

/// Each output's smoothed firing rate, which moves the targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Homeostasis {
    /// Smoothed spikes per cycle of each output.
    pub rate: [f32; N_OUTPUTS],
}

impl Homeostasis {
    /// No activity seen yet.
    pub fn new() -> Self {
        Self {
            rate: [0.0; N_OUTPUTS],
        }
    }

    /// Takes one waking cycle's spike counts and moves the targets: outputs that fire less
    /// than average get a larger share of the fixed total, within bounds.
    pub fn update(&mut self, spikes: &[u32; N_OUTPUTS], synapses: &mut Synapses, params: &PlasticityParams) {
        let alpha = params.homeostasis_smoothing;
        for (rate, &count) in self.rate.iter_mut().zip(spikes) {
            let count = count as f32;
            *rate += (count - *rate) * alpha;
        }
        if params.homeostasis_rate == 0.0 {
            return;
        }
        let mean = self.rate.iter().sum::<f32>() / N_OUTPUTS as f32;
        if mean <= 0.0 {
            return;
        }
        let low = params.homeostasis_min * synapses.target_start;
        let high = params.homeostasis_max * synapses.target_start;
        for (target, rate) in synapses.target.iter_mut().zip(&self.rate) {
            *target = (*target * (params.homeostasis_rate * (mean - rate) / mean).exp()).clamp(low, high);
        }
        let total = synapses.target_start * N_OUTPUTS as f32;
        let scale = total / synapses.target.iter().sum::<f32>();
        for target in &mut synapses.target {
            *target *= scale;
        }
        if synapses.target.iter().any(|&t| t < low || t > high) {
            // Rescaling pushed a clamped target back out of its bounds: share the total
            // among the targets that are not at a bound instead.
            share_within_bounds(&mut synapses.target, total, low, high);
        }
    }
}

impl Default for Homeostasis {
    fn default() -> Self {
        Self::new()
    }
}

/// Makes `targets` sum to `total` with every one in [`low`, `high`], keeping their ratios
/// among those not held at a bound (possible whenever 8·low ≤ total ≤ 8·high).
fn share_within_bounds(targets: &mut [f32; N_OUTPUTS], total: f32, low: f32, high: f32) {
    for target in targets.iter_mut() {
        *target = target.clamp(low, high);
    }
    // Each pass holds at least one more target at a bound, so N_OUTPUTS passes suffice.
    for _ in 0..N_OUTPUTS {
        let sum: f32 = targets.iter().sum();
        let grow = sum < total;
        let at_bound = |t: f32| if grow { t >= high } else { t <= low };
        let held: f32 = targets.iter().filter(|&&t| at_bound(t)).sum();
        let free = sum - held;
        if free <= 0.0 || (sum - total).abs() <= total * 1e-6 {
            return;
        }
        let scale = (total - held) / free;
        let mut clamped = false;
        for target in targets.iter_mut().filter(|t| !at_bound(**t)) {
            let scaled = *target * scale;
            *target = scaled.clamp(low, high);
            clamped |= *target != scaled;
        }
        if !clamped {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homeostasis_moves_targets_toward_quiet_outputs_within_bounds_and_keeps_the_total() {
        let params = PlasticityParams::default();
        let mut synapses = Synapses::new(4, 0.25);
        let mut homeostasis = Homeostasis::new();
        let mut spikes = [1_u32; N_OUTPUTS];
        spikes[0] = 10;
        for _ in 0..100_000 {
            homeostasis.update(&spikes, &mut synapses, &params);
        }
        let start = synapses.target_start;
        assert!(synapses.target[0] < synapses.target[1]);
        assert!(synapses.target[0] >= params.homeostasis_min * start * 0.99);
        let total: f32 = synapses.target.iter().sum();
        assert!((total - start * 8.0).abs() < 1e-3);
    }

    #[test]
    fn targets_stay_inside_their_bounds_after_the_total_is_restored() {
        let params = PlasticityParams::default();
        let mut synapses = Synapses::new(4, 0.25);
        let mut homeostasis = Homeostasis::new();
        // Two silent outputs push against the upper bound while the others share the rest.
        let spikes = [0, 0, 9, 9, 9, 9, 9, 9];
        let start = synapses.target_start;
        for _ in 0..200_000 {
            homeostasis.update(&spikes, &mut synapses, &params);
            for &t in &synapses.target {
                assert!(
                    t <= params.homeostasis_max * start * (1.0 + 1e-6),
                    "{t} over the bound"
                );
                assert!(
                    t >= params.homeostasis_min * start * (1.0 - 1e-6),
                    "{t} under the bound"
                );
            }
        }
        let total: f32 = synapses.target.iter().sum();
        assert!((total - start * 8.0).abs() < 1e-3 * start);
        assert!((synapses.target[0] - params.homeostasis_max * start).abs() < 1e-3 * start);
    }

    #[test]
    fn sharing_fills_the_free_targets_and_holds_the_bound() {
        let mut targets = [2.0, 2.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
        share_within_bounds(&mut targets, 8.0, 0.25, 1.75);
        let sum: f32 = targets.iter().sum();
        assert!((sum - 8.0).abs() < 1e-5, "{targets:?}");
        assert!(targets.iter().all(|&t| (0.25..=1.75).contains(&t)), "{targets:?}");
        assert_eq!(targets[0], 1.75);
    }
}
