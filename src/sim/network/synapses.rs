//! The hidden→output synapses (docs/model.md §2–3): plastic excitatory weights, each output's
//! incoming sum held on a target by heterosynaptic normalisation, optionally some frozen.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, aview_mut2, aview2};

use super::N_OUTPUTS;

/// Normalisations between two folds of the column scales into the stored weights (see
/// [`Synapses`]): often enough that the running column sums cannot drift, rare enough to cost
/// nothing.
const FOLD_EVERY: u32 = 1_000;

/// The hidden→output synapses.
///
/// Every reward rescales each output's incoming weights to their target (heterosynaptic
/// normalisation), which would mean touching all n_hidden × 8 weights every cycle though a
/// reward changes only the few rows of units that spiked. So a column's rescale is kept as
/// a factor: the weight of synapse (i, j) is `stored[i][j] × column_scale[j]`, each column's
/// stored sum is kept up to date as rows change, and normalising sets the factor. The factors
/// are folded into the stored weights every `FOLD_EVERY` normalisations, and whenever the
/// exact rescale is needed (a weight at the cap, frozen synapses).
#[derive(Clone, Debug, PartialEq)]
pub struct Synapses {
    /// Number of hidden units (rows).
    pub n_hidden: usize,
    /// The stored weights, one row of eight per hidden unit (hidden unit i's outgoing
    /// weights are contiguous, which is what spike delivery wants); seen from outside as
    /// the matrix [`Synapses::weights`].
    stored: Vec<[f32; N_OUTPUTS]>,
    /// Each output's rescale, not yet folded into its stored weights.
    column_scale: [f32; N_OUTPUTS],
    /// Σ_i stored[i][j] of each output, kept up to date as rows change.
    stored_sum: [f32; N_OUTPUTS],
    /// At least the largest stored weight of each output (exact after a fold, raised as
    /// rows change).
    stored_max: [f32; N_OUTPUTS],
    /// Normalisations since the last fold.
    since_fold: u32,
    /// Scratch of [`Synapses::normalise`]: the rows of a column's weights near the cap
    /// (empty between calls).
    near_cap: Vec<usize>,
    /// For each output, the rows whose stored weight to it may be near the cap.
    heavy: HeavyRows,
    /// W_j0: the sum each output's incoming weights are normalised to.
    pub target: [f32; N_OUTPUTS],
    /// The starting value of every target (n_hidden × W0).
    pub target_start: f32,
    /// W_i0: every hidden unit's starting outgoing sum (8 × W0).
    pub outgoing_start: f32,
    /// W0: the starting value of every weight.
    pub initial_weight: f32,
    /// Synapses held fixed by a freeze block (rows like the weights); empty when none is.
    /// Seen from outside as [`Synapses::frozen`].
    frozen: Vec<[bool; N_OUTPUTS]>,
}

impl Synapses {
    /// All weights equal to `w0`.
    pub fn new(n_hidden: usize, w0: f32) -> Self {
        let target_start = n_hidden as f32 * w0;
        let outgoing_start = N_OUTPUTS as f32 * w0;
        let mut synapses = Self {
            n_hidden,
            stored: vec![[w0; N_OUTPUTS]; n_hidden],
            column_scale: [1.0; N_OUTPUTS],
            stored_sum: [0.0; N_OUTPUTS],
            stored_max: [0.0; N_OUTPUTS],
            since_fold: 0,
            near_cap: Vec::new(),
            heavy: HeavyRows::default(),
            target: [target_start; N_OUTPUTS],
            target_start,
            outgoing_start,
            initial_weight: w0,
            frozen: Vec::new(),
        };
        synapses.recount();
        synapses
    }

    /// The weight from hidden unit `hidden` to output `output`.
    #[inline]
    pub fn w(&self, hidden: usize, output: usize) -> f32 {
        self.stored[hidden][output] * self.column_scale[output]
    }

    /// The weights as a matrix: a row per hidden unit, a column per output.
    pub fn weights(&self) -> Array2<f32> {
        let mut weights = aview2(&self.stored).to_owned();
        for mut row in weights.rows_mut() {
            for (w, &scale) in row.iter_mut().zip(&self.column_scale) {
                *w *= scale;
            }
        }
        weights
    }

    /// The weights as a matrix to change in place (for tests and experiments; the next
    /// normalisation counts them afresh).
    pub fn weights_mut(&mut self) -> ArrayViewMut2<'_, f32> {
        self.fold();
        // Due a fold, which counts the sums afresh at the next normalisation.
        self.since_fold = FOLD_EVERY;
        aview_mut2(&mut self.stored)
    }

    /// Hidden unit `hidden`'s outgoing weights, one per output.
    #[inline]
    pub fn row(&self, hidden: usize) -> [f32; N_OUTPUTS] {
        let stored = &self.stored[hidden];
        std::array::from_fn(|j| stored[j] * self.column_scale[j])
    }

    /// Sets hidden unit `hidden`'s outgoing weights (the plasticity rules), each clipped to
    /// [0, `w_max`]. The outputs' sums are off their targets until the next
    /// [`Synapses::normalise`].
    #[inline]
    pub(crate) fn set_row(&mut self, hidden: usize, weights: [f32; N_OUTPUTS], w_max: f32) {
        let stored = &mut self.stored[hidden];
        // Lane by lane without branches, so that the eight go at once.
        for j in 0..N_OUTPUTS {
            let w = clip(weights[j], w_max);
            let scaled = w / self.column_scale[j];
            let new = if w == 0.0 { 0.0 } else { scaled };
            self.stored_sum[j] += new - stored[j];
            self.stored_max[j] = self.stored_max[j].max(new);
            stored[j] = new;
        }
        self.heavy.note_row(hidden, stored);
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
    /// learn in a cycle need it.
    #[inline]
    pub fn outgoing_sum(&self, hidden: usize) -> f32 {
        let mut sum = 0.0;
        for w in self.row(hidden) {
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
        self.fold();
        let weight = self.stored.as_flattened();
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

    /// Multiplies each column's scale into its stored weights (a weight that falls below
    /// the smallest normal float is zero), and counts the sums afresh.
    fn fold(&mut self) {
        if self.column_scale != [1.0; N_OUTPUTS] {
            for row in &mut self.stored {
                for j in 0..N_OUTPUTS {
                    row[j] = flush(row[j] * self.column_scale[j]);
                }
            }
            self.column_scale = [1.0; N_OUTPUTS];
        }
        self.recount();
        self.heavy.forget();
        self.since_fold = 0;
    }

    /// Each column's stored sum and largest weight, counted afresh.
    fn recount(&mut self) {
        self.stored_sum = [0.0; N_OUTPUTS];
        self.stored_max = [0.0; N_OUTPUTS];
        for row in &self.stored {
            for j in 0..N_OUTPUTS {
                self.stored_sum[j] += row[j];
                self.stored_max[j] = self.stored_max[j].max(row[j]);
            }
        }
    }
}

/// A weight clipped to [0, `w_max`]; below the smallest normal float it is zero (such
/// weights would make every later pass over them many times slower: subnormal numbers).
#[inline]
fn clip(w: f32, w_max: f32) -> f32 {
    if w < f32::MIN_POSITIVE { 0.0 } else { w.min(w_max) }
}

/// A weight below the smallest normal float set to zero (see [`clip`]).
#[inline]
fn flush(w: f32) -> f32 {
    if w < f32::MIN_POSITIVE { 0.0 } else { w }
}

mod heavy_rows;
mod normalisation;
use heavy_rows::HeavyRows;

#[cfg(test)]
mod tests;
