//! For each output, the few hidden units whose stored weight to it is large: the only ones a
//! rescale near the cap has to look at (see `normalise_column_at_cap`), kept up to date as
//! rows change instead of found by a pass over the whole column at every reward.

use super::super::{N_OUTPUTS, lane_bits};

/// For each output j, a list of rows in increasing order that holds every row whose stored
/// weight is above `bound[j]` (and maybe a few that no longer are).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct HeavyRows {
    rows: [Vec<u16>; N_OUTPUTS],
    /// Infinite while a column's list is not kept (until its first use, and after every
    /// change of the stored weights that is not a row's).
    bound: [f32; N_OUTPUTS],
}

impl Default for HeavyRows {
    fn default() -> Self {
        Self {
            rows: Default::default(),
            bound: [f32::INFINITY; N_OUTPUTS],
        }
    }
}

impl HeavyRows {
    /// Forgets every column's list (the stored weights all changed).
    pub(super) fn forget(&mut self) {
        self.bound = [f32::INFINITY; N_OUTPUTS];
    }

    /// Forgets column `j`'s list (its stored weights all changed).
    pub(super) fn forget_column(&mut self, j: usize) {
        self.bound[j] = f32::INFINITY;
    }

    /// Row `i`'s stored weights are now `stored`: lists it in each column where its weight
    /// is above the bound.
    #[inline]
    pub(super) fn note_row(&mut self, i: usize, stored: &[f32; N_OUTPUTS]) {
        let mut above = lane_bits(std::array::from_fn(|j| stored[j] > self.bound[j]));
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        while above != 0 {
            let j = above.trailing_zeros() as usize;
            above &= above - 1;
            if let Err(at) = self.rows[j].binary_search(&i) {
                self.rows[j].insert(at, i);
            }
        }
    }

    /// Fills `near` with the rows i, in increasing order, whose stored weight to output `j`
    /// times `margin` is above `cap`: exactly those a pass over the whole column would
    /// find. The list is made afresh (by such a pass) when it is not kept or its bound is
    /// too high for this cap; it is then made with half the bound needed, so that the cap
    /// may fall by half before it is made again.
    pub(super) fn near(
        &mut self,
        stored: &[[f32; N_OUTPUTS]],
        j: usize,
        cap: f32,
        margin: f32,
        near: &mut Vec<usize>,
    ) {
        let needed = cap / margin;
        // Also when not kept (an infinite bound), and made each time for a cap that is no
        // number.
        let kept_low_enough = self.bound[j] <= needed;
        if !kept_low_enough {
            let bound = needed / 2.0;
            let rows = &mut self.rows[j];
            rows.clear();
            rows.extend(
                (0..stored.len())
                    .filter(|&i| stored[i][j] > bound)
                    .map(|i| u16::try_from(i).unwrap_or(u16::MAX)),
            );
            self.bound[j] = bound;
        }
        near.clear();
        near.extend(
            self.rows[j]
                .iter()
                .map(|&i| usize::from(i))
                .filter(|&i| stored[i][j] * margin > cap),
        );
    }
}
