//! What a cycle and a test produce: the cycle's outcome, its spikes for the raster, and
//! the meals of a test block.

use super::network::N_OUTPUTS;
use super::world::{BarKind, Task};

/// What happened in one cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CycleOutcome {
    /// The bar eaten, if any (wake only).
    pub eaten: Option<BarKind>,
    /// The reward or punishment S given at the end of the cycle.
    pub reward: f32,
    /// Spikes of each output neuron during the cycle.
    pub output_spikes: [u32; N_OUTPUTS],
    /// Hidden spikes during the cycle.
    pub hidden_spikes: u32,
    /// Whether any weight changed.
    pub weights_changed: bool,
    /// Hidden spikes of the units driven by each bar kind (at [`BarKind::index`]), and at
    /// [`NO_BAR_GROUP`] of units that detect no single bar.
    pub hidden_spikes_by_bar: [u32; BAR_GROUPS],
    /// Potentiation of each group's synapses by this cycle's reward (groups as above).
    pub potentiation_by_bar: [f32; BAR_GROUPS],
    /// The hidden spikes each group would fire in this cycle on average from the sleep
    /// noise alone (its units' spontaneous spike probabilities times the steps; sleep only).
    pub noise_spikes_by_bar: [f32; BAR_GROUPS],
}

/// How many groups the per-bar tallies have: the four bar kinds and [`NO_BAR_GROUP`].
pub const BAR_GROUPS: usize = 5;
/// The slot of the per-bar tallies that counts units that detect no single bar, as a
/// learned layer's may.
pub const NO_BAR_GROUP: usize = 4;

impl CycleOutcome {
    /// Hidden spikes of the units driven by `task`'s bars (its food and its bitter bar).
    pub fn hidden_spikes_of(&self, task: Task) -> u32 {
        self.hidden_spikes_by_bar[task.rewarded().index()]
            + self.hidden_spikes_by_bar[task.punished().index()]
    }

    /// Potentiation of the synapses of the units driven by `task`'s bars.
    pub fn potentiation_of(&self, task: Task) -> f32 {
        self.potentiation_by_bar[task.rewarded().index()] + self.potentiation_by_bar[task.punished().index()]
    }
}

/// Every spike of one cycle, for the raster (recorded only when asked for).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpikeLog {
    /// View cells (row-major 7×7) holding food this cycle; input units fire throughout.
    pub input_cells: Vec<u8>,
    /// (step, hidden unit) of each hidden spike.
    pub hidden: Vec<(u8, u16)>,
    /// (step, output) of each output spike.
    pub output: Vec<(u8, u8)>,
    /// Every output neuron's membrane potential after each step (in units of the threshold;
    /// 0 right after a spike): one entry per step of the cycle.
    pub output_potential: Vec<[f32; N_OUTPUTS]>,
    /// The move made at the end of the cycle (an index into the directions), awake only.
    pub moved: Option<u8>,
    /// The bar eaten at the end of the cycle, if any.
    pub eaten: Option<BarKind>,
}

impl SpikeLog {
    /// Empties the log, keeping its memory.
    pub fn clear(&mut self) {
        self.input_cells.clear();
        self.hidden.clear();
        self.output.clear();
        self.output_potential.clear();
        self.moved = None;
        self.eaten = None;
    }
}

/// Bars eaten in a test block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Rewarded bars eaten.
    pub rewarded: u64,
    /// Punished bars eaten.
    pub punished: u64,
}

impl Score {
    /// Counts one cycle's meal in `task`'s world.
    pub fn add(&mut self, task: Task, eaten: Option<BarKind>) {
        match eaten {
            Some(kind) if kind == task.rewarded() => self.rewarded += 1,
            Some(_) => self.punished += 1,
            None => {}
        }
    }

    /// rewarded / (rewarded + punished); chance (0.5) when nothing was eaten.
    pub fn fraction(&self) -> f64 {
        let total = self.rewarded + self.punished;
        if total == 0 {
            0.5
        } else {
            self.rewarded as f64 / total as f64
        }
    }
}
