//! One movement cycle's STDP changes, waiting for a reward (an eligibility trace).

use super::super::network::N_OUTPUTS;

/// The STDP changes of one movement cycle, waiting for a reward.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Trace {
    /// Change of each synapse, row-major like the weights.
    pub(super) change: Vec<f32>,
    /// The hidden units (rows) with any change: wake touches few, so only these are read.
    pub(super) rows: Vec<u16>,
    /// Whether each row is in `rows`.
    touched: Vec<bool>,
}

impl Trace {
    pub(super) fn new(n_hidden: usize) -> Self {
        Self {
            change: vec![0.0; n_hidden * N_OUTPUTS],
            rows: Vec::new(),
            touched: vec![false; n_hidden],
        }
    }

    /// The changes of row `i`, marking it touched.
    pub(super) fn row_mut(&mut self, i: usize) -> &mut [f32] {
        if !self.touched[i] {
            self.touched[i] = true;
            self.rows.push(u16::try_from(i).unwrap_or(u16::MAX));
        }
        &mut self.change[i * N_OUTPUTS..(i + 1) * N_OUTPUTS]
    }

    pub(super) fn clear(&mut self) {
        for &i in &self.rows {
            let i = usize::from(i);
            self.touched[i] = false;
            self.change[i * N_OUTPUTS..(i + 1) * N_OUTPUTS].fill(0.0);
        }
        self.rows.clear();
    }
}
