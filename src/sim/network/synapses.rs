//! The hidden→output synapses (SCIENCE.md §2–3): plastic excitatory weights, each output's
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
        for j in 0..N_OUTPUTS {
            let w = clip(weights[j], w_max);
            let new = if w == 0.0 { 0.0 } else { w / self.column_scale[j] };
            self.stored_sum[j] += new - stored[j];
            self.stored_max[j] = self.stored_max[j].max(new);
            stored[j] = new;
        }
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

    /// Rescales each output's incoming weights so that they sum to its target
    /// (heterosynaptic normalisation). This zero-sum step is why learning a new task erases
    /// the old one. A rescale never lifts a weight above `w_max` (the excess goes to the
    /// others), and frozen synapses keep their weight (the others make up the rest).
    pub fn normalise(&mut self, w_max: f32) {
        if self.since_fold >= FOLD_EVERY || !self.frozen.is_empty() {
            self.fold();
        }
        for j in 0..N_OUTPUTS {
            let sum = self.stored_sum[j];
            let scale = self.target[j] / sum;
            let plain = sum > 0.0 && scale > 0.0 && scale.is_finite();
            if !self.frozen.is_empty() || !plain {
                self.normalise_column_exactly(j, w_max);
            } else if self.stored_max[j] * scale <= w_max {
                // The plain rescale: no weight reaches the cap.
                self.column_scale[j] = scale;
            } else if !self.normalise_column_at_cap(j, scale, w_max) {
                self.normalise_column_exactly(j, w_max);
            }
        }
        self.since_fold += 1;
    }

    /// Output `j`'s rescale when the plain one, `plain` (target / stored sum), would lift
    /// some weights above the cap: those are held at the cap and the rest rescaled to make
    /// up the target, found among the few weights near the cap and done with the column
    /// scale, in one pass over the column. Returns false, changing nothing, in the rare
    /// case that the final rescale is so much larger than the plain one that weights not
    /// looked at could reach the cap.
    fn normalise_column_at_cap(&mut self, j: usize, plain: f32, w_max: f32) -> bool {
        // In stored units: the cap is w_max / scale.
        let cap = w_max / plain;
        let margin = 2.0;
        let mut near = std::mem::take(&mut self.near_cap);
        near.clear();
        for (i, row) in self.stored.iter().enumerate() {
            if row[j] * margin > cap {
                near.push(i);
            }
        }
        // Hold at the cap each near weight the rescale would lift above it, until none is
        // left (the rescale grows as weights are held, so held weights stay held).
        let total = self.stored_sum[j];
        let target = self.target[j];
        let mut rescale = plain;
        let mut held_count = 0_usize;
        let mut held_at = f32::INFINITY;
        for _ in 0..=near.len() {
            let (mut count, mut sum, mut lowest) = (0_usize, 0.0_f32, f32::INFINITY);
            for &i in &near {
                let w = self.stored[i][j];
                if w * rescale > w_max {
                    count += 1;
                    sum += w;
                    lowest = lowest.min(w);
                }
            }
            if count == held_count {
                break;
            }
            held_count = count;
            held_at = lowest;
            let free = total - sum;
            let remaining = target - held_count as f32 * w_max;
            if free <= 0.0 || remaining <= 0.0 {
                near.clear();
                self.near_cap = near;
                return false;
            }
            rescale = remaining / free;
        }
        let covered = rescale <= plain * margin;
        if covered {
            let scale = rescale;
            // Held weights are stored so that, times the new scale, they are the cap
            // (never above it).
            let mut held = w_max / scale;
            if held * scale > w_max {
                held = held.next_down();
            }
            for &i in &near {
                let w = &mut self.stored[i][j];
                if *w >= held_at {
                    self.stored_sum[j] += held - *w;
                    *w = held;
                }
            }
            self.column_scale[j] = scale;
            self.stored_max[j] = held;
        }
        near.clear();
        self.near_cap = near;
        covered
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

    /// Output `j`'s rescale done weight by weight, for the cases its column scale cannot
    /// do: its scale is folded in and every weight clipped, then the free (not frozen)
    /// weights are rescaled so that the column sums to its target, holding at `w_max`
    /// every weight the rescale would lift above it. When the free weights are all zero
    /// they restart equal.
    fn normalise_column_exactly(&mut self, j: usize, w_max: f32) {
        let scale = std::mem::replace(&mut self.column_scale[j], 1.0);
        let frozen = |i: usize| self.frozen.get(i).is_some_and(|row| row[j]);
        let mut fixed = 0.0_f32;
        let mut free_count = 0_usize;
        for i in 0..self.n_hidden {
            let w = clip(self.stored[i][j] * scale, w_max);
            self.stored[i][j] = w;
            if frozen(i) {
                fixed += w;
            } else {
                free_count += 1;
            }
        }
        // A free weight is held at the cap once a rescale would lift it above: the rescales
        // only grow from pass to pass, so "held" is "w × the last rescale > w_max". Each
        // pass holds at least one more, so n + 1 passes suffice.
        let mut held_at = 0.0_f32;
        for _ in 0..=self.n_hidden {
            let held = |w: f32| w * held_at > w_max;
            let mut free_sum = 0.0_f32;
            let mut open = 0_usize;
            for i in 0..self.n_hidden {
                let w = self.stored[i][j];
                if !frozen(i) && !held(w) {
                    free_sum += w;
                    open += 1;
                }
            }
            let held_count = free_count - open;
            let remaining = (self.target[j] - fixed - held_count as f32 * w_max).max(0.0);
            if free_sum <= 0.0 {
                let even = (remaining / open.max(1) as f32).min(w_max);
                for i in 0..self.n_hidden {
                    if !frozen(i) {
                        let w = &mut self.stored[i][j];
                        *w = if held(*w) { w_max } else { even };
                    }
                }
                break;
            }
            let rescale = remaining / free_sum;
            let newly_held = (0..self.n_hidden).any(|i| {
                let w = self.stored[i][j];
                !frozen(i) && !held(w) && w * rescale > w_max
            });
            if !newly_held {
                for i in 0..self.n_hidden {
                    if !frozen(i) {
                        let w = &mut self.stored[i][j];
                        *w = if held(*w) { w_max } else { *w * rescale };
                    }
                }
                break;
            }
            held_at = rescale;
        }
        let (mut sum, mut max) = (0.0_f32, 0.0_f32);
        for row in &self.stored {
            sum += row[j];
            max = max.max(row[j]);
        }
        self.stored_sum[j] = sum;
        self.stored_max[j] = max;
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

#[cfg(test)]
mod tests {
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
}
