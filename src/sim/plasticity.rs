//! Reward-modulated STDP (SCIENCE.md §3): spike pairs leave eligibility traces that a later
//! reward or punishment turns into weight changes; then clipping, heterosynaptic
//! normalisation, balanced inhibition, and slow homeostatic scaling of each output's target.

use super::network::{N_OUTPUTS, Synapses};
use super::params::PlasticityParams;

/// The longest STDP window the spike-history bit sets can hold, in steps.
pub const MAX_STDP_WINDOW_MS: usize = 8;

/// The STDP changes of one movement cycle, waiting for a reward.
#[derive(Clone, Debug, PartialEq)]
struct Trace {
    /// Change of each synapse, row-major like the weights.
    change: Vec<f32>,
    /// The hidden units (rows) with any change: wake touches few, so only these are read.
    rows: Vec<u16>,
    /// Whether each row is in `rows`.
    touched: Vec<bool>,
}

impl Trace {
    fn new(n_hidden: usize) -> Self {
        Self {
            change: vec![0.0; n_hidden * N_OUTPUTS],
            rows: Vec::new(),
            touched: vec![false; n_hidden],
        }
    }

    /// The changes of row `i`, marking it touched.
    fn row_mut(&mut self, i: usize) -> &mut [f32] {
        if !self.touched[i] {
            self.touched[i] = true;
            self.rows.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        &mut self.change[i * N_OUTPUTS..(i + 1) * N_OUTPUTS]
    }

    fn clear(&mut self) {
        for &i in &self.rows {
            let i = usize::from(i);
            self.touched[i] = false;
            self.change[i * N_OUTPUTS..(i + 1) * N_OUTPUTS].fill(0.0);
        }
        self.rows.clear();
    }
}

/// Spike timing and eligibility traces.
#[derive(Clone, Debug, PartialEq)]
pub struct Stdp {
    /// For each hidden unit, bit k set = it spiked k + 1 steps ago (within the window).
    pre_history: Vec<u8>,
    /// The same for each output neuron.
    post_history: [u8; N_OUTPUTS],
    /// `pair_change[history]`: the summed K·exp(−Δt/τ) of every spike in a history bit set.
    pair_change: [f32; 256],
    window_mask: u8,
    /// One trace per remembered cycle (a ring; `newest` is this cycle's).
    traces: Vec<Trace>,
    newest: usize,
    /// Scratch: the rows any trace touches, and whether each row is listed.
    rows_in_use: Vec<u16>,
    row_listed: Vec<bool>,
    /// The potentiation (sum of positive weight increments, before normalisation) of each
    /// hidden unit's synapses by the last reward: what the replay meter reads.
    pub potentiation: Vec<f32>,
}

impl Stdp {
    /// No spikes and no traces yet.
    pub fn new(n_hidden: usize, params: &PlasticityParams) -> Self {
        let cycles = params.eligibility_cycles.max(1);
        let mut stdp = Self {
            pre_history: vec![0; n_hidden],
            post_history: [0; N_OUTPUTS],
            pair_change: [0.0; 256],
            window_mask: 0,
            traces: vec![Trace::new(n_hidden); cycles],
            newest: 0,
            rows_in_use: Vec::new(),
            row_listed: vec![false; n_hidden],
            potentiation: vec![0.0; n_hidden],
        };
        stdp.set_params(params);
        stdp
    }

    /// Recomputes the pair table after the STDP amplitude, time constant or window changed.
    /// A changed eligibility length takes effect as a fresh set of (empty) traces.
    pub fn set_params(&mut self, params: &PlasticityParams) {
        let window = params.stdp_window_ms.min(MAX_STDP_WINDOW_MS);
        self.window_mask = u8::try_from((1_u16 << window) - 1).unwrap_or(u8::MAX);
        for (history, change) in self.pair_change.iter_mut().enumerate() {
            *change = (0..window)
                .filter(|k| history & (1 << k) != 0)
                .map(|k| {
                    #[allow(clippy::cast_precision_loss)]
                    let delay_ms = (k + 1) as f32;
                    params.stdp_amplitude * (-delay_ms / params.stdp_tau_ms).exp()
                })
                .sum();
        }
        let cycles = params.eligibility_cycles.max(1);
        if cycles != self.traces.len() {
            self.traces = vec![Trace::new(self.row_listed.len()); cycles];
            self.newest = 0;
        }
    }

    /// Forgets spike timing (wake pairs spikes only within one cycle).
    pub fn clear_history(&mut self) {
        self.pre_history.fill(0);
        self.post_history = [0; N_OUTPUTS];
    }

    /// Forgets every trace (at a change between wake and sleep, so that no reward acts on
    /// spikes of the other state).
    pub fn clear_traces(&mut self) {
        for trace in &mut self.traces {
            trace.clear();
        }
    }

    /// Records the pairs made by this step's spikes and moves the spike history on.
    /// Pre-before-post pairs add K·exp(−Δt/τ) to this cycle's trace; post-before-pre pairs
    /// subtract it. Spikes in the same step do not pair.
    pub fn record_step(&mut self, hidden_spikes: &[u16], output_fired: u8) {
        let trace = &mut self.traces[self.newest];
        if output_fired != 0 {
            for (i, &history) in self.pre_history.iter().enumerate() {
                if history == 0 {
                    continue;
                }
                let change = self.pair_change[usize::from(history)];
                for (j, e) in trace.row_mut(i).iter_mut().enumerate() {
                    if output_fired & (1 << j) != 0 {
                        *e += change;
                    }
                }
            }
        }
        if self.post_history.iter().any(|&h| h != 0) {
            for &i in hidden_spikes {
                for (e, &history) in trace.row_mut(usize::from(i)).iter_mut().zip(&self.post_history) {
                    *e -= self.pair_change[usize::from(history)];
                }
            }
        }
        for history in &mut self.pre_history {
            *history = (*history << 1) & self.window_mask;
        }
        for &i in hidden_spikes {
            self.pre_history[usize::from(i)] |= 1;
        }
        for (j, history) in self.post_history.iter_mut().enumerate() {
            *history = ((*history << 1) | ((output_fired >> j) & 1)) & self.window_mask;
        }
    }

    /// Applies a reward or punishment `reward` with learning rate `learning_rate` through
    /// every kept trace: ΔW[i][j] = η·S·min(W_i0/W_i, cap)·Σ traces, then clips,
    /// normalises and recomputes the inhibition. Returns whether any weight changed.
    /// Does not age the traces: call [`Stdp::end_cycle`] for that.
    pub fn apply_reward(
        &mut self,
        synapses: &mut Synapses,
        reward: f32,
        learning_rate: f32,
        params: &PlasticityParams,
    ) -> bool {
        if reward == 0.0 || learning_rate == 0.0 || self.traces.iter().all(|t| t.rows.is_empty()) {
            return false;
        }
        for trace in &self.traces {
            for &i in &trace.rows {
                if !self.row_listed[usize::from(i)] {
                    self.row_listed[usize::from(i)] = true;
                    self.rows_in_use.push(i);
                }
            }
        }
        let w_max = params.max_weight_factor * synapses.initial_weight;
        self.potentiation.fill(0.0);
        for &i in &self.rows_in_use {
            let i = usize::from(i);
            self.row_listed[i] = false;
            let mut sum = [0.0_f32; N_OUTPUTS];
            for trace in &self.traces {
                for (s, e) in sum
                    .iter_mut()
                    .zip(&trace.change[i * N_OUTPUTS..(i + 1) * N_OUTPUTS])
                {
                    *s += e;
                }
            }
            let outgoing = synapses.outgoing_sum[i];
            let gain = if outgoing > 0.0 {
                (synapses.outgoing_start / outgoing).min(params.gain_cap)
            } else {
                params.gain_cap
            };
            let scale = learning_rate * reward * gain;
            let mut grown = 0.0;
            for (w, s) in synapses.weight[i * N_OUTPUTS..(i + 1) * N_OUTPUTS]
                .iter_mut()
                .zip(&sum)
            {
                let change = scale * s;
                *w += change;
                grown += change.max(0.0);
            }
            self.potentiation[i] = grown;
        }
        self.rows_in_use.clear();
        synapses.clip_and_normalise(w_max);
        true
    }

    /// Ends a cycle: the oldest trace expires and becomes the next cycle's empty trace.
    pub fn end_cycle(&mut self) {
        let len = self.traces.len();
        self.newest = (self.newest + 1) % len;
        self.traces[self.newest].clear();
    }

    /// The summed eligibility of synapse (i, j) over all kept traces (for tests and views).
    pub fn eligibility(&self, hidden: usize, output: usize) -> f32 {
        self.traces
            .iter()
            .map(|t| t.change[hidden * N_OUTPUTS + output])
            .sum()
    }
}

/// Slow homeostatic scaling of each output's weight-sum target toward equal firing.
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
            #[allow(clippy::cast_precision_loss)]
            let count = count as f32;
            *rate += (count - *rate) * alpha;
        }
        if params.homeostasis_rate == 0.0 {
            return;
        }
        #[allow(clippy::cast_precision_loss)]
        let mean = self.rate.iter().sum::<f32>() / N_OUTPUTS as f32;
        if mean <= 0.0 {
            return;
        }
        let low = params.homeostasis_min * synapses.target_start;
        let high = params.homeostasis_max * synapses.target_start;
        for (target, rate) in synapses.target.iter_mut().zip(&self.rate) {
            *target = (*target * (params.homeostasis_rate * (mean - rate) / mean).exp()).clamp(low, high);
        }
        #[allow(clippy::cast_precision_loss)]
        let total = synapses.target_start * N_OUTPUTS as f32;
        let scale = total / synapses.target.iter().sum::<f32>();
        for target in &mut synapses.target {
            *target *= scale;
        }
    }
}

impl Default for Homeostasis {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Stdp, Synapses, PlasticityParams) {
        let params = PlasticityParams::default();
        (Stdp::new(4, &params), Synapses::new(4, 0.25), params)
    }

    /// Hidden unit 0 spikes, output 2 spikes one step later: a causal pair.
    fn causal_pair(stdp: &mut Stdp) {
        stdp.record_step(&[0], 0);
        stdp.record_step(&[], 1 << 2);
    }

    #[test]
    fn pre_before_post_leaves_a_positive_trace_and_post_before_pre_a_negative_one() {
        let (mut stdp, _, params) = setup();
        causal_pair(&mut stdp);
        let expected = params.stdp_amplitude * (-1.0 / params.stdp_tau_ms).exp();
        assert!((stdp.eligibility(0, 2) - expected).abs() < 1e-7);
        stdp.record_step(&[], 1 << 5);
        stdp.record_step(&[], 0);
        stdp.record_step(&[1], 0);
        let expected = params.stdp_amplitude * (-2.0 / params.stdp_tau_ms).exp();
        assert!((stdp.eligibility(1, 5) + expected).abs() < 1e-7);
    }

    #[test]
    fn pairs_further_apart_than_the_window_do_not_count() {
        let (mut stdp, _, params) = setup();
        stdp.record_step(&[0], 0);
        for _ in 0..params.stdp_window_ms {
            stdp.record_step(&[], 0);
        }
        stdp.record_step(&[], 1);
        assert_eq!(stdp.eligibility(0, 0), 0.0);
    }

    #[test]
    fn reward_sign_decides_the_direction_of_change() {
        for (reward, grows) in [(1.0, true), (-1.0, false)] {
            let (mut stdp, mut synapses, params) = setup();
            causal_pair(&mut stdp);
            let before = synapses.w(0, 2);
            assert!(stdp.apply_reward(&mut synapses, reward, params.learning_rate, &params));
            assert_eq!(synapses.w(0, 2) > before, grows, "reward {reward}");
        }
    }

    #[test]
    fn traces_expire_after_the_eligibility_cycles() {
        let (mut stdp, _, params) = setup();
        causal_pair(&mut stdp);
        let fresh = stdp.eligibility(0, 2);
        for cycle in 1..=params.eligibility_cycles {
            // Still kept during the cycle it was made and the following ones...
            assert_eq!(stdp.eligibility(0, 2), fresh, "cycle {cycle}");
            stdp.end_cycle();
        }
        // ...and dropped after `eligibility_cycles` cycles.
        assert_eq!(stdp.eligibility(0, 2), 0.0);
        let (mut synapses, before) = (Synapses::new(4, 0.25), Synapses::new(4, 0.25));
        assert!(!stdp.apply_reward(&mut synapses, 1.0, 2.0, &params));
        assert_eq!(synapses, before);
    }

    #[test]
    fn normalisation_keeps_each_outputs_weight_sum_on_its_target() {
        let (mut stdp, mut synapses, params) = setup();
        causal_pair(&mut stdp);
        stdp.record_step(&[3], 1 << 7);
        stdp.record_step(&[], 1 << 7);
        for _ in 0..50 {
            stdp.apply_reward(&mut synapses, 1.0, 5.0, &params);
        }
        for j in 0..N_OUTPUTS {
            let sum: f32 = (0..4).map(|i| synapses.w(i, j)).sum();
            assert!((sum - synapses.target[j]).abs() < 1e-4, "output {j}: {sum}");
        }
        // Potentiated synapses grew at the expense of their neighbours.
        assert!(synapses.w(0, 2) > 0.25 && synapses.w(1, 2) < 0.25);
        // Balanced inhibition is each hidden unit's mean excitatory weight.
        let mean0: f32 = (0..N_OUTPUTS).map(|j| synapses.w(0, j)).sum::<f32>() / 8.0;
        assert!((synapses.inhibition[0] - mean0).abs() < 1e-6);
    }

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
}
