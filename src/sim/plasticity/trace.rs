//! One movement cycle's STDP changes, waiting for a reward (an eligibility trace).

use super::super::network::N_OUTPUTS;

/// The STDP changes of one movement cycle, waiting for a reward.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Trace {
    /// Change of each synapse, a row per hidden unit like the weights.
    pub(super) change: Vec<[f32; N_OUTPUTS]>,
    /// The hidden units (rows) with any change: wake touches few, so only these are read.
    pub(super) rows: Vec<u16>,
    /// Whether each row is in `rows`.
    touched: Vec<bool>,
}

impl Trace {
    pub(super) fn new(n_hidden: usize) -> Self {
        Self {
            change: vec![[0.0; N_OUTPUTS]; n_hidden],
            rows: Vec::new(),
            touched: vec![false; n_hidden],
        }
    }

    /// The changes of row `i`, marking it touched.
    pub(super) fn row_mut(&mut self, i: usize) -> &mut [f32; N_OUTPUTS] {
        if !self.touched[i] {
            self.touched[i] = true;
            self.rows.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        &mut self.change[i]
    }

    /// Whether row `i` has any change.
    #[inline]
    pub(super) fn touches(&self, i: usize) -> bool {
        self.touched[i]
    }

    pub(super) fn clear(&mut self) {
        for &i in &self.rows {
            let i = usize::from(i);
            self.touched[i] = false;
            self.change[i] = [0.0; N_OUTPUTS];
        }
        self.rows.clear();
    }
}
