//! The `[development]` table: the learned hidden layer of the paper (docs/model.md §2b) — how
//! many units, how each is wired to the 7×7 view, and how its input weights develop in the
//! unsupervised `develop` phase before they are frozen. Read only when
//! `network.hidden = "learned"`; a preset that keeps every default leaves the table out.

use serde::{Deserialize, Serialize};

use super::Spec;

/// Which view cells a learned unit sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wiring {
    /// Cells of one 3×3 patch of the view (the view's centre cell, which the agent stands
    /// on and which is therefore always empty, replaced by another random cell). Bars never
    /// touch, so two occupied cells of a patch are mostly one bar (§2b: what worked).
    #[default]
    Local,
    /// Cells drawn anywhere in the view (the paper's wording; §2b: fails, because two
    /// unrelated cells are occupied together almost as often as the two cells of a bar).
    Random,
}

/// The learned hidden layer and its development.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DevelopmentParams {
    /// Number of hidden units (the paper's 28×28 = 784).
    pub units: usize,
    /// View cells each unit sees (at most 9 with local wiring).
    pub inputs_per_unit: usize,
    /// Which cells those are.
    pub wiring: Wiring,
    /// Length of the development a learned-layer preset without a `develop` block gets
    /// before its first block.
    pub cycles: u64,
    /// K: the weight an occupied input gains when its unit fires in development (inputs
    /// spike before their unit, so every pairing is pre-before-post); each unit's input
    /// weights are then rescaled to sum to 1, which takes it from the unoccupied ones.
    pub stdp_amplitude: f32,
    /// k: only the k units whose drive exceeds their threshold by the largest factor fire
    /// and learn in a development cycle (competition: without it dozens of units choose
    /// the same bar placement).
    pub winners: usize,
    /// The adaptive threshold every unit starts from, in units of its input-weight sum.
    pub threshold_start: f32,
    /// What a unit's adaptive threshold rises by each time it fires in development (a unit
    /// that wins often yields the next occurrences to others).
    pub threshold_rise: f32,
    /// Cycles over which that rise decays back by a factor e.
    pub threshold_decay_cycles: f32,
    /// After development each unit's threshold is fixed at this fraction of its drive by
    /// its best single-bar placement.
    pub frozen_threshold_fraction: f32,
}

impl Default for DevelopmentParams {
    fn default() -> Self {
        Self {
            units: 784,
            inputs_per_unit: 9,
            wiring: Wiring::Local,
            cycles: 20_000,
            stdp_amplitude: 0.04,
            winners: 4,
            threshold_start: 0.2,
            threshold_rise: 0.05,
            threshold_decay_cycles: 1_000.0,
            frozen_threshold_fraction: 0.95,
        }
    }
}

/// The key, range and unit of each number of [`DevelopmentParams`].
impl DevelopmentParams {
    /// [`DevelopmentParams::units`] (unit numbers must fit the spike lists' `u16`).
    pub const UNITS: Spec<usize> = Spec::new("development.units", 1, 8_192, "units");
    /// [`DevelopmentParams::inputs_per_unit`].
    pub const INPUTS_PER_UNIT: Spec<usize> = Spec::new("development.inputs_per_unit", 2, 48, "cells");
    /// [`DevelopmentParams::inputs_per_unit`] with local wiring: one 3×3 patch.
    pub const LOCAL_INPUTS_PER_UNIT: Spec<usize> = Spec::new("development.inputs_per_unit", 2, 9, "cells");
    /// [`DevelopmentParams::cycles`] (checked as a whole number of cycles).
    pub const CYCLES: Spec<usize> = Spec::new("development.cycles", 0, 10_000_000, "cycles");
    /// [`DevelopmentParams::stdp_amplitude`].
    pub const STDP_AMPLITUDE: Spec<f32> = Spec::new("development.stdp_amplitude", 0.0, 1.0, "");
    /// [`DevelopmentParams::winners`].
    pub const WINNERS: Spec<usize> = Spec::new("development.winners", 1, 8_192, "units");
    /// [`DevelopmentParams::threshold_start`].
    pub const THRESHOLD_START: Spec<f32> = Spec::new("development.threshold_start", 0.0, 10.0, "");
    /// [`DevelopmentParams::threshold_rise`].
    pub const THRESHOLD_RISE: Spec<f32> = Spec::new("development.threshold_rise", 0.0, 10.0, "");
    /// [`DevelopmentParams::threshold_decay_cycles`].
    pub const THRESHOLD_DECAY_CYCLES: Spec<f32> =
        Spec::new("development.threshold_decay_cycles", 1.0, 1.0e7, "cycles");
    /// [`DevelopmentParams::frozen_threshold_fraction`].
    pub const FROZEN_THRESHOLD_FRACTION: Spec<f32> =
        Spec::new("development.frozen_threshold_fraction", 0.1, 1.0, "");
}
