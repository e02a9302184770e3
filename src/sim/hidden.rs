//! The hidden layer between the agent's 7×7 view and the output neurons (docs/model.md §2):
//! hand-wired bar detectors (ours, for teaching), or the paper's learned layer, whose units
//! develop their own bar selectivity (`learned`).

use super::params::{HiddenKind, Params};
use super::rng::SimRng;
use super::world::{BarKind, NO_BAR, Task, World};

mod learned;
pub use learned::LearnedLayer;

/// Side of the agent's square view, in cells.
pub const VIEW_CELLS: usize = 7;

/// A hidden unit that fires when one bar of its kind lies on its two view cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detector {
    /// The orientation it detects.
    pub kind: BarKind,
    /// Its two cells in the view, (row, column) with (0, 0) the top-left.
    pub cells: [(usize, usize); 2],
}

/// The meaning of the bar a hidden unit detects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BarRole {
    /// The task whose world holds the bar.
    pub task: Task,
    /// Whether the bar is that task's food (rewarded); otherwise it is its bitter bar.
    pub food: bool,
}

/// The hidden layer: which units are active in a given view, and when they spike.
#[derive(Clone, Debug)]
pub enum HiddenLayer {
    /// One unit per (orientation, position) of a bar in the view, missing the centre.
    Detectors {
        /// The units, grouped by orientation (H, V, D+, D−).
        units: Vec<Detector>,
        /// Probability of a spike at each spike step of an active unit.
        spike_prob: f32,
        /// Active units may spike at steps 1..=`spike_steps` of a cycle.
        spike_steps: usize,
        /// `unit_at[kind][cell]`: the unit whose bar of `kind` starts at view cell `cell`.
        unit_at: Vec<[Option<u16>; VIEW_CELLS * VIEW_CELLS]>,
    },
    /// Units that see a few view cells through input weights learned in development.
    Learned {
        /// The units and their input weights (boxed: far larger than the detectors' fields).
        layer: Box<LearnedLayer>,
        /// Probability of a spike at each spike step of an active unit (as detectors).
        spike_prob: f32,
        /// Active units may spike at steps 1..=`spike_steps` of a cycle (as detectors).
        spike_steps: usize,
        /// Scratch: which view cells hold food this cycle.
        occupied: Vec<bool>,
    },
}

impl HiddenLayer {
    /// Builds the hidden layer the parameters ask for (a learned layer is wired from `rng`).
    pub fn new(all: &Params, rng: &mut SimRng) -> Self {
        let params = &all.network;
        match params.hidden {
            HiddenKind::Learned => Self::Learned {
                layer: Box::new(LearnedLayer::new(&all.development, params.release_noise, rng)),
                spike_prob: params.detector_spike_prob,
                spike_steps: params.detector_spike_steps,
                occupied: vec![false; VIEW_CELLS * VIEW_CELLS],
            },
            HiddenKind::Detectors => {
                let units = all_detectors();
                let mut unit_at = vec![[None; VIEW_CELLS * VIEW_CELLS]; BarKind::ALL.len()];
                for (index, unit) in units.iter().enumerate() {
                    let (r, c) = unit.cells[0];
                    unit_at[unit.kind.index()][r * VIEW_CELLS + c] = u16::try_from(index).ok();
                }
                Self::Detectors {
                    units,
                    spike_prob: params.detector_spike_prob,
                    spike_steps: params.detector_spike_steps,
                    unit_at,
                }
            }
        }
    }

    /// Number of hidden units.
    pub fn len(&self) -> usize {
        match self {
            Self::Detectors { units, .. } => units.len(),
            Self::Learned { layer, .. } => layer.len(),
        }
    }

    /// The learned layer, if this is one.
    pub fn learned(&self) -> Option<&LearnedLayer> {
        match self {
            Self::Learned { layer, .. } => Some(layer),
            Self::Detectors { .. } => None,
        }
    }

    /// The learned layer to develop, if this is one.
    pub fn learned_mut(&mut self) -> Option<&mut LearnedLayer> {
        match self {
            Self::Learned { layer, .. } => Some(layer),
            Self::Detectors { .. } => None,
        }
    }

    /// Always false: a hidden layer has units.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bar kind a unit responds to (for grouping and task tags), if it has one: a
    /// learned unit's preferred orientation, `None` while it responds to several.
    pub fn kind_of(&self, unit: usize) -> Option<BarKind> {
        match self {
            Self::Detectors { units, .. } => units.get(unit).map(|d| d.kind),
            Self::Learned { layer, .. } => layer.preferred(unit),
        }
    }

    /// What the bar a unit detects means: the task whose world holds it, and whether it is
    /// that task's food or its bitter bar. `None` for a unit that detects no single bar.
    pub fn role_of(&self, unit: usize) -> Option<BarRole> {
        self.kind_of(unit).map(|kind| {
            let task = Task::of_kind(kind);
            BarRole {
                task,
                food: kind == task.rewarded(),
            }
        })
    }

    /// The task whose bars drive a unit (food or bitter alike), if it has one.
    pub fn task_of(&self, unit: usize) -> Option<Task> {
        self.role_of(unit).map(|r| r.task)
    }

    /// The view cells a unit looks at (its "footprint" in receptive-field pictures).
    pub fn footprint(&self, unit: usize) -> Vec<(usize, usize)> {
        match self {
            Self::Detectors { units, .. } => units.get(unit).map(|d| d.cells.to_vec()).unwrap_or_default(),
            Self::Learned { layer, .. } => layer.input_cells(unit),
        }
    }

    /// Collects into `active` the units driven by the agent's view (bar indices from
    /// [`World::view`]).
    pub fn sense(&mut self, world: &World, view: &[u16], active: &mut Vec<u16>) {
        active.clear();
        match self {
            Self::Learned { layer, occupied, .. } => {
                fill_occupied(view, occupied);
                layer.sense(occupied, active);
            }
            Self::Detectors { unit_at, .. } => {
                // Visit each visible bar once, at its first cell, and look up its detector.
                for (cell, &id) in view.iter().enumerate() {
                    if id == NO_BAR {
                        continue;
                    }
                    let kind = world.kind_of(id);
                    let (dr, dc) = kind.offset();
                    let (r, c) = (cell / VIEW_CELLS, cell % VIEW_CELLS);
                    let (Some(r2), Some(c2)) = (r.checked_add_signed(dr), c.checked_add_signed(dc)) else {
                        continue;
                    };
                    if r2 < VIEW_CELLS
                        && c2 < VIEW_CELLS
                        && view[r2 * VIEW_CELLS + c2] == id
                        && let Some(unit) = unit_at[kind.index()][cell]
                    {
                        active.push(unit);
                    }
                }
                // Units in index order, as the spikes are drawn in that order.
                active.sort_unstable();
            }
        }
    }

    /// The first step of a cycle at or after `step` at which active units may spike, if any
    /// is left (they may spike at steps 1..=`spike_steps`).
    #[inline]
    pub fn next_spike_step(&self, step: usize) -> Option<usize> {
        let (Self::Detectors { spike_steps, .. } | Self::Learned { spike_steps, .. }) = self;
        (step <= *spike_steps).then_some(step.max(1))
    }

    /// Appends to `spikes` the active units that spike at `step` of the cycle.
    pub fn spikes_at(&self, step: usize, active: &[u16], rng: &mut SimRng, spikes: &mut Vec<u16>) {
        match self {
            Self::Detectors {
                spike_prob,
                spike_steps,
                ..
            }
            | Self::Learned {
                spike_prob,
                spike_steps,
                ..
            } => {
                if (1..=*spike_steps).contains(&step) {
                    spikes.extend(active.iter().copied().filter(|_| rng.chance(*spike_prob)));
                }
            }
        }
    }
}

/// Marks the view cells that hold food.
pub(super) fn fill_occupied(view: &[u16], occupied: &mut [bool]) {
    for (cell, &id) in occupied.iter_mut().zip(view) {
        *cell = id != NO_BAR;
    }
}

/// Every detector, grouped by orientation: H 40, V 40, D+ 34, D− 34 for a 7×7 view (also
/// every placement of a bar in the view that misses its centre).
fn all_detectors() -> Vec<Detector> {
    let centre = (VIEW_CELLS / 2, VIEW_CELLS / 2);
    let mut units = Vec::new();
    for kind in BarKind::ALL {
        let (dr, dc) = kind.offset();
        for row in 0..VIEW_CELLS {
            for col in 0..VIEW_CELLS {
                let second = (row.checked_add_signed(dr), col.checked_add_signed(dc));
                let (Some(r2), Some(c2)) = second else { continue };
                if r2 >= VIEW_CELLS || c2 >= VIEW_CELLS || (row, col) == centre || (r2, c2) == centre {
                    continue;
                }
                units.push(Detector {
                    kind,
                    cells: [(row, col), (r2, c2)],
                });
            }
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detector_counts_match_the_science() {
        let units = all_detectors();
        let count = |k| units.iter().filter(|d| d.kind == k).count();
        assert_eq!(units.len(), 148);
        assert_eq!(count(BarKind::Horizontal), 40);
        assert_eq!(count(BarKind::Vertical), 40);
        assert_eq!(count(BarKind::Rising), 34);
        assert_eq!(count(BarKind::Falling), 34);
    }

    #[test]
    fn each_detector_knows_the_task_and_meaning_of_its_bar() {
        let layer = HiddenLayer::new(&Params::default(), &mut SimRng::new(1));
        let roles: Vec<BarRole> = (0..layer.len()).filter_map(|i| layer.role_of(i)).collect();
        assert_eq!(roles.len(), 148);
        let count = |task, food| roles.iter().filter(|r| **r == BarRole { task, food }).count();
        // Food: H (T1) and V (T2), 40 each; bitter: D− (T1) and D+ (T2), 34 each.
        assert_eq!(count(Task::T1, true), 40);
        assert_eq!(count(Task::T2, true), 40);
        assert_eq!(count(Task::T1, false), 34);
        assert_eq!(count(Task::T2, false), 34);
    }
}
