//! The output layer and the hidden→output synapses (SCIENCE.md §2): eight leaky
//! integrate-and-fire neurons, one per direction of movement, driven through plastic
//! excitatory weights and balanced inhibition, with release noise and background kicks.

use ndarray::{ArrayView2, ArrayViewMut2, aview_mut2, aview2};

use super::params::NetworkParams;
use super::rng::SimRng;

/// Number of output neurons: one per direction of movement.
pub const N_OUTPUTS: usize = 8;

/// The move of each output, (row, column) step: N, NE, E, SE, S, SW, W, NW.
pub const DIRECTIONS: [(isize, isize); N_OUTPUTS] = [
    (-1, 0),
    (-1, 1),
    (0, 1),
    (1, 1),
    (1, 0),
    (1, -1),
    (0, -1),
    (-1, -1),
];

/// Names of the outputs' directions, in the order of [`DIRECTIONS`].
pub const DIRECTION_NAMES: [&str; N_OUTPUTS] = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];

/// The hidden→output synapses.
#[derive(Clone, Debug, PartialEq)]
pub struct Synapses {
    /// Number of hidden units (rows).
    pub n_hidden: usize,
    /// Excitatory weights W, one row of eight per hidden unit (hidden unit i's outgoing
    /// weights are contiguous, which is what spike delivery and the normalisation loops
    /// want); seen from outside as the matrix [`Synapses::weights`].
    weight: Vec<[f32; N_OUTPUTS]>,
    /// W_j0: the sum each output's incoming weights are normalised to.
    pub target: [f32; N_OUTPUTS],
    /// The starting value of every target (n_hidden × W0).
    pub target_start: f32,
    /// W_i0: every hidden unit's starting outgoing sum (8 × W0).
    pub outgoing_start: f32,
    /// W0: the starting value of every weight.
    pub initial_weight: f32,
    /// Synapses held fixed by a freeze block (rows like the weights); empty when none is
    /// frozen. Seen from outside as [`Synapses::frozen`].
    frozen: Vec<[bool; N_OUTPUTS]>,
}

impl Synapses {
    /// All weights equal to `w0`.
    pub fn new(n_hidden: usize, w0: f32) -> Self {
        let target_start = n_hidden as f32 * w0;
        let outgoing_start = N_OUTPUTS as f32 * w0;
        Self {
            n_hidden,
            weight: vec![[w0; N_OUTPUTS]; n_hidden],
            target: [target_start; N_OUTPUTS],
            target_start,
            outgoing_start,
            initial_weight: w0,
            frozen: Vec::new(),
        }
    }

    /// The weight from hidden unit `hidden` to output `output`.
    #[inline]
    pub fn w(&self, hidden: usize, output: usize) -> f32 {
        self.weight[hidden][output]
    }

    /// The weights as a matrix: a row per hidden unit, a column per output (a view of the
    /// synapses' own buffer, no copy).
    pub fn weights(&self) -> ArrayView2<'_, f32> {
        aview2(&self.weight)
    }

    /// The weights as a matrix to change in place.
    pub fn weights_mut(&mut self) -> ArrayViewMut2<'_, f32> {
        aview_mut2(&mut self.weight)
    }

    /// Hidden unit `hidden`'s outgoing weights, one per output.
    #[inline]
    pub fn row(&self, hidden: usize) -> &[f32; N_OUTPUTS] {
        &self.weight[hidden]
    }

    /// Hidden unit `hidden`'s outgoing weights to change in place (the plasticity rules).
    #[inline]
    pub(crate) fn row_mut(&mut self, hidden: usize) -> &mut [f32; N_OUTPUTS] {
        &mut self.weight[hidden]
    }

    /// Which synapses a freeze holds fixed (hidden × outputs), or `None` when none is.
    pub fn frozen(&self) -> Option<ArrayView2<'_, bool>> {
        (!self.frozen.is_empty()).then(|| aview2(&self.frozen))
    }

    /// Which of hidden unit `hidden`'s synapses a freeze holds fixed, or `None` when none is.
    #[inline]
    pub(crate) fn frozen_row(&self, hidden: usize) -> Option<&[bool; N_OUTPUTS]> {
        self.frozen.get(hidden)
    }

    /// W_i: hidden unit `hidden`'s total outgoing excitatory weight, summed in output
    /// order. Computed when asked rather than kept: only the few units that spike or
    /// learn in a cycle need it, while keeping it meant summing all 148 rows after every
    /// normalisation.
    #[inline]
    pub fn outgoing_sum(&self, hidden: usize) -> f32 {
        let mut sum = 0.0;
        for &w in &self.weight[hidden] {
            sum += w;
        }
        sum
    }

    /// Balanced inhibition of hidden unit `hidden`: the mean of its excitatory weights,
    /// sent to every output, so that it excites only the outputs it favours above its own
    /// average.
    #[inline]
    pub fn inhibition(&self, hidden: usize) -> f32 {
        self.outgoing_sum(hidden) / N_OUTPUTS as f32
    }

    /// Whether synapse (i, j) is held fixed by a freeze.
    #[inline]
    pub fn is_frozen(&self, hidden: usize, output: usize) -> bool {
        self.frozen.get(hidden).is_some_and(|row| row[output])
    }

    /// Holds the strongest `percent` % of the synapses (by weight now, rounded to whole
    /// synapses) fixed from now on, besides any frozen before; returns how many are frozen.
    pub fn freeze_strongest(&mut self, percent: f64) -> usize {
        let weight = self.weight.as_flattened();
        let count = weight.len();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a share of the synapse count, clamped to 0..=100 %"
        )]
        let wanted = ((count as f64 * percent.clamp(0.0, 100.0) / 100.0).round() as usize).min(count);
        let mut order: Vec<usize> = (0..count).collect();
        // Strongest first; ties in index order, so a freeze is deterministic.
        order.sort_by(|&a, &b| weight[b].total_cmp(&weight[a]).then(a.cmp(&b)));
        if self.frozen.is_empty() {
            self.frozen = vec![[false; N_OUTPUTS]; self.n_hidden];
        }
        let frozen = self.frozen.as_flattened_mut();
        for &index in &order[..wanted] {
            frozen[index] = true;
        }
        frozen.iter().filter(|&&f| f).count()
    }

    /// Releases every frozen synapse.
    pub fn unfreeze(&mut self) {
        self.frozen.clear();
    }

    /// Clips every weight to [0, `w_max`], then rescales each output's incoming weights so
    /// that they sum to its target (heterosynaptic normalisation). This zero-sum step is why learning a new task erases the old one. A
    /// rescale never lifts a weight above `w_max` (the excess goes to the others), and
    /// frozen synapses keep their weight (the others make up the rest of the target).
    pub fn clip_and_normalise(&mut self, w_max: f32) {
        // Written as plain loops over rows of eight so that the compiler vectorises them:
        // this runs after every reward, so it is the model's hottest code.
        let mut column_sum = [0.0_f32; N_OUTPUTS];
        let mut column_max = [0.0_f32; N_OUTPUTS];
        for row in &mut self.weight {
            for j in 0..N_OUTPUTS {
                let w = row[j].max(0.0).min(w_max);
                row[j] = w;
                column_sum[j] += w;
                column_max[j] = column_max[j].max(w);
            }
        }
        let mut scale = [1.0_f32; N_OUTPUTS];
        for j in 0..N_OUTPUTS {
            if !self.frozen.is_empty() || column_max[j] * (self.target[j] / column_sum[j]) > w_max {
                // Rare: the plain rescale would break the cap, or some synapses are frozen.
                self.normalise_column_exactly(j, w_max);
            } else if column_sum[j] > 0.0 {
                scale[j] = self.target[j] / column_sum[j];
            } else {
                // Every incoming weight was driven to zero: start that output afresh.
                let even = self.target[j] / self.n_hidden as f32;
                for row in &mut self.weight {
                    row[j] = even;
                }
            }
        }
        for row in &mut self.weight {
            for j in 0..N_OUTPUTS {
                row[j] *= scale[j];
            }
        }
    }

    /// Rescales output `j`'s free incoming weights (not frozen) so that the column sums to
    /// its target, holding at `w_max` every weight the rescale would lift above it. When
    /// the free weights are all zero they restart equal.
    fn normalise_column_exactly(&mut self, j: usize, w_max: f32) {
        let n = self.n_hidden;
        let frozen = |i: usize| self.frozen.get(i).is_some_and(|row| row[j]);
        let fixed: f32 = (0..n).filter(|&i| frozen(i)).map(|i| self.weight[i][j]).sum();
        let free: Vec<usize> = (0..n).filter(|&i| !frozen(i)).collect();
        let mut held = vec![false; n];
        let mut held_count = 0_usize;
        // Each pass holds at least one more weight at the cap, so `n` passes suffice.
        for _ in 0..=n {
            let free_sum: f32 = free
                .iter()
                .filter(|&&i| !held[i])
                .map(|&i| self.weight[i][j])
                .sum();
            let remaining = (self.target[j] - fixed - held_count as f32 * w_max).max(0.0);
            if free_sum <= 0.0 {
                let open: Vec<usize> = free.iter().copied().filter(|&i| !held[i]).collect();
                let even = (remaining / open.len().max(1) as f32).min(w_max);
                for i in open {
                    self.weight[i][j] = even;
                }
                break;
            }
            let scale = remaining / free_sum;
            let mut newly_held = false;
            for &i in &free {
                if !held[i] && self.weight[i][j] * scale > w_max {
                    held[i] = true;
                    held_count += 1;
                    newly_held = true;
                }
            }
            if !newly_held {
                for &i in &free {
                    let w = &mut self.weight[i][j];
                    *w = if held[i] { w_max } else { *w * scale };
                }
                break;
            }
        }
    }
}

/// The eight leaky integrate-and-fire output neurons.
#[derive(Clone, Debug, PartialEq)]
pub struct Outputs {
    /// Membrane potential, in units of the threshold.
    pub potential: [f32; N_OUTPUTS],
    /// Steps left in the refractory period.
    refractory_left: [usize; N_OUTPUTS],
    /// Input collected for the next step (one step of synaptic delay).
    pending_input: [f32; N_OUTPUTS],
    decay_per_step: f32,
    /// The background kick probability as an integer threshold ([`SimRng::threshold`]:
    /// the same draws, without float work).
    background_threshold: u32,
}

impl Outputs {
    /// Neurons at rest.
    pub fn new(params: &NetworkParams) -> Self {
        Self {
            potential: [0.0; N_OUTPUTS],
            refractory_left: [0; N_OUTPUTS],
            pending_input: [0.0; N_OUTPUTS],
            decay_per_step: (-1.0 / params.tau_m_ms).exp(),
            background_threshold: SimRng::threshold(params.background_prob),
        }
    }

    /// Recomputes constants after the parameters changed.
    pub fn set_params(&mut self, params: &NetworkParams) {
        self.decay_per_step = (-1.0 / params.tau_m_ms).exp();
        self.background_threshold = SimRng::threshold(params.background_prob);
    }

    /// Queues the synaptic events of hidden spikes for delivery at the next step. Each
    /// event's excitatory and inhibitory parts are scaled by their own release noise.
    pub fn receive(&mut self, spikes: &[u16], synapses: &Synapses, release_noise: f32, rng: &mut SimRng) {
        for &i in spikes {
            let i = usize::from(i);
            let row = synapses.row(i);
            let inhibition = synapses.inhibition(i);
            for (input, &w) in self.pending_input.iter_mut().zip(row) {
                let excitation = w * (1.0 + release_noise * rng.symmetric());
                let inhibited = inhibition * (1.0 + release_noise * rng.symmetric());
                *input += excitation - inhibited;
            }
        }
    }

    /// Advances one 1 ms step: leak, the queued input, background kicks (when
    /// `background` is on, with the probability of the parameters last given to
    /// [`Outputs::new`] or [`Outputs::set_params`]), threshold. Returns a bit set of the
    /// outputs that spiked.
    pub fn step(&mut self, params: &NetworkParams, background: bool, rng: &mut SimRng) -> u8 {
        let mut fired = 0_u8;
        for j in 0..N_OUTPUTS {
            let mut input = std::mem::take(&mut self.pending_input[j]);
            if background && rng.below_threshold(self.background_threshold) {
                input += params.background_amplitude;
            }
            if self.refractory_left[j] > 0 {
                self.refractory_left[j] -= 1;
                continue;
            }
            let v = self.potential[j] * self.decay_per_step + input;
            if v >= params.threshold {
                self.potential[j] = 0.0;
                self.refractory_left[j] = params.refractory_ms;
                fired |= 1 << j;
            } else {
                self.potential[j] = v;
            }
        }
        fired
    }
}
