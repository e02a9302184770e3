//! Heterosynaptic normalisation (docs/model.md §3): each output's incoming weights rescaled to
//! their target, by the column scale when it can, weight by weight when it must.

use super::super::N_OUTPUTS;
use super::{FOLD_EVERY, Synapses, clip};

impl Synapses {
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
        self.heavy.near(&self.stored, j, cap, margin, &mut near);
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

    /// Output `j`'s rescale done weight by weight, for the cases its column scale cannot
    /// do: its scale is folded in and every weight clipped, then the free (not frozen)
    /// weights are rescaled so that the column sums to its target, holding at `w_max`
    /// every weight the rescale would lift above it. When the free weights are all zero
    /// they restart equal.
    fn normalise_column_exactly(&mut self, j: usize, w_max: f32) {
        self.heavy.forget_column(j);
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
