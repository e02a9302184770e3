//! The learned hidden layer of the paper (docs/model.md §2, §2b): units that each see a few
//! cells of the 7×7 view through input weights that develop, unsupervised, in a world with
//! all four bar kinds, and are then frozen. What a unit detects is read from its weights,
//! never wired by hand: most units end up preferring one orientation at one place, some
//! respond to several ("mixed", shown as "other").

use super::{Detector, VIEW_CELLS, all_detectors};
use crate::sim::params::{DevelopmentParams, Wiring};
use crate::sim::rng::SimRng;
use crate::sim::world::BarKind;

mod frozen_sense;
use frozen_sense::FrozenSense;

/// The view cell the agent stands on: never an input (anything there has been eaten).
const CENTRE_CELL: usize = VIEW_CELLS * VIEW_CELLS / 2;

/// A hidden layer whose units learn which view cells go together.
#[derive(Clone, Debug)]
pub struct LearnedLayer {
    /// Each unit's input cells (view index, row-major), `inputs_per_unit` per unit.
    inputs: Vec<u8>,
    /// Each unit's input weights, beside `inputs`; each unit's sum to 1.
    weights: Vec<f32>,
    inputs_per_unit: usize,
    /// For each view cell, the (unit, slot) pairs that see it: what a view's occupied
    /// cells drive.
    cell_inputs: Vec<Vec<(u16, u8)>>,
    /// Which units each view cell can drive and which it must (read at the last freeze):
    /// awake, the weights are fixed, so sensing rules most units out without their sums.
    frozen_sense: FrozenSense,
    /// Whether the weights are those of the last freeze (false while development changes
    /// them).
    frozen: bool,
    /// The threshold fraction and release noise of the last freeze, with which
    /// [`LearnedLayer::preferred_now`] reads a development as it goes.
    reading_params: (f32, f32),
    /// Each unit's threshold while awake and asleep, fixed when a development ends.
    frozen_threshold: Vec<f32>,
    /// Each unit's adaptive threshold in development (it rises when the unit fires).
    adaptive_threshold: Vec<f32>,
    /// The bar kind each unit prefers, when all the placements it fires for are of one
    /// kind; `None` for mixed or silent units.
    preferred: Vec<Option<BarKind>>,
    /// Scratch: each unit's drive this cycle, and the units touched (listed once each).
    drive: Vec<f32>,
    touched: Vec<u16>,
    is_touched: Vec<bool>,
}

impl LearnedLayer {
    /// `params.units` undeveloped units (all input weights equal), wired as
    /// `params.wiring` says from `rng`; `release_noise` is R of the coincidence guard.
    pub fn new(params: &DevelopmentParams, release_noise: f32, rng: &mut SimRng) -> Self {
        let per_unit = params.inputs_per_unit;
        let mut inputs = Vec::with_capacity(params.units * per_unit);
        for _ in 0..params.units {
            inputs.extend(wire_unit(params.wiring, per_unit, rng));
        }
        let mut cell_inputs = vec![Vec::new(); VIEW_CELLS * VIEW_CELLS];
        for (index, &cell) in inputs.iter().enumerate() {
            let unit = u16::try_from(index / per_unit).unwrap_or(u16::MAX);
            let slot = u8::try_from(index % per_unit).unwrap_or(u8::MAX);
            cell_inputs[usize::from(cell)].push((unit, slot));
        }
        let even = 1.0 / per_unit as f32;
        let frozen_sense = FrozenSense::new(&inputs, per_unit, params.units, VIEW_CELLS * VIEW_CELLS);
        let mut layer = Self {
            weights: vec![even; inputs.len()],
            inputs,
            inputs_per_unit: per_unit,
            cell_inputs,
            frozen_sense,
            frozen: false,
            reading_params: (params.frozen_threshold_fraction, release_noise),
            frozen_threshold: vec![0.0; params.units],
            adaptive_threshold: vec![params.threshold_start; params.units],
            preferred: vec![None; params.units],
            drive: vec![0.0; params.units],
            touched: Vec::new(),
            is_touched: vec![false; params.units],
        };
        layer.freeze(params.frozen_threshold_fraction, release_noise);
        layer
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.frozen_threshold.len()
    }

    /// Always false: a layer has units.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The view cells unit `unit` sees, (row, column).
    pub fn input_cells(&self, unit: usize) -> Vec<(usize, usize)> {
        self.unit_range(unit)
            .map(|k| {
                let cell = usize::from(self.inputs[k]);
                (cell / VIEW_CELLS, cell % VIEW_CELLS)
            })
            .collect()
    }

    /// Unit `unit`'s input weights, beside [`LearnedLayer::input_cells`].
    pub fn input_weights(&self, unit: usize) -> &[f32] {
        self.weights.get(self.unit_range(unit)).unwrap_or_default()
    }

    /// The orientation unit `unit` prefers, if the placements it fires for are of one kind.
    pub fn preferred(&self, unit: usize) -> Option<BarKind> {
        self.preferred.get(unit).copied().flatten()
    }

    fn unit_range(&self, unit: usize) -> std::ops::Range<usize> {
        unit * self.inputs_per_unit..(unit + 1) * self.inputs_per_unit
    }

    /// Adds up each unit's drive from the occupied cells (`occupied[cell]`), each input's
    /// weight scaled by release noise (1 + R·ξ) when `rng` is given; `touched` lists the
    /// units with any drive.
    fn add_drive(&mut self, occupied: &[bool], release_noise: f32, mut rng: Option<&mut SimRng>) {
        self.clear_drive();
        for (cell, _) in occupied.iter().enumerate().filter(|&(_, &o)| o) {
            for index in 0..self.cell_inputs[cell].len() {
                let (unit, slot) = self.cell_inputs[cell][index];
                let mut w = self.weights[usize::from(unit) * self.inputs_per_unit + usize::from(slot)];
                if let Some(rng) = rng.as_deref_mut() {
                    w *= 1.0 + release_noise * rng.symmetric();
                }
                self.drive_unit(unit, w);
            }
        }
    }

    /// Every unit's drive back to zero, and none touched.
    fn clear_drive(&mut self) {
        for &unit in &self.touched {
            self.drive[usize::from(unit)] = 0.0;
            self.is_touched[usize::from(unit)] = false;
        }
        self.touched.clear();
    }

    /// Adds `w` to `unit`'s drive, listing it as touched the first time.
    #[inline]
    fn drive_unit(&mut self, unit: u16, w: f32) {
        let u = usize::from(unit);
        if !self.is_touched[u] {
            self.is_touched[u] = true;
            self.touched.push(unit);
        }
        self.drive[u] += w;
    }

    /// Collects into `active`, in index order, the units whose frozen threshold the view's
    /// occupied cells reach (awake: no competition, no learning).
    pub fn sense(&mut self, occupied: &[bool], active: &mut Vec<u16>) {
        active.clear();
        if self.frozen {
            // The same units as the sums below, found faster.
            self.frozen_sense.sense(
                occupied,
                &self.weights,
                self.inputs_per_unit,
                &self.frozen_threshold,
                active,
            );
            return;
        }
        self.add_drive(occupied, 0.0, None);
        active.extend(
            self.touched
                .iter()
                .copied()
                .filter(|&u| self.drive[usize::from(u)] >= self.frozen_threshold[usize::from(u)]),
        );
        active.sort_unstable();
    }

    /// One development cycle: the `winners` units whose noisy drive exceeds their threshold
    /// by the largest factor fire (into `fired`, in index order); each moves weight onto its
    /// occupied inputs and raises its threshold. Every threshold relaxes a little.
    pub fn develop(
        &mut self,
        occupied: &[bool],
        params: &DevelopmentParams,
        release_noise: f32,
        rng: &mut SimRng,
        fired: &mut Vec<u16>,
    ) {
        self.add_drive(occupied, release_noise, Some(rng));
        // Candidates: over the adaptive threshold, and over the coincidence guard (1 + R)
        // × the largest input weight, so that one occupied input alone never fires a unit.
        let mut candidates: Vec<(f32, u16)> = Vec::new();
        for &unit in &self.touched {
            let u = usize::from(unit);
            let guard = (1.0 + release_noise) * self.largest_weight(u);
            let drive = self.drive[u];
            if drive > guard && drive >= self.adaptive_threshold[u] {
                candidates.push((drive / self.adaptive_threshold[u].max(f32::MIN_POSITIVE), unit));
            }
        }
        // Largest factor first; ties by unit number, so development is deterministic.
        candidates.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        fired.clear();
        fired.extend(candidates.iter().take(params.winners).map(|&(_, u)| u));
        fired.sort_unstable();
        for &unit in fired.iter() {
            self.learn(usize::from(unit), occupied, params);
        }
        let relax = (-1.0 / params.threshold_decay_cycles).exp();
        for theta in &mut self.adaptive_threshold {
            *theta = params.threshold_start + (*theta - params.threshold_start) * relax;
        }
    }

    /// A winner's pair STDP: each occupied input spiked just before the unit, so it gains
    /// K; the sum is then brought back to 1 (what the occupied inputs gain, the others lose).
    fn learn(&mut self, unit: usize, occupied: &[bool], params: &DevelopmentParams) {
        self.frozen = false;
        let range = self.unit_range(unit);
        for k in range.clone() {
            if occupied[usize::from(self.inputs[k])] {
                self.weights[k] += params.stdp_amplitude;
            }
        }
        let sum: f32 = self.weights[range.clone()].iter().sum();
        for w in &mut self.weights[range] {
            *w /= sum;
        }
        self.adaptive_threshold[unit] += params.threshold_rise;
    }

    fn largest_weight(&self, unit: usize) -> f32 {
        self.weights[self.unit_range(unit)]
            .iter()
            .copied()
            .fold(0.0, f32::max)
    }

    /// Ends a development: fixes each unit's threshold at `fraction` × its drive by its
    /// best single-bar placement (never below the coincidence guard (1 + R) × its largest
    /// weight), and reads which orientation it prefers from the placements that reach it.
    pub fn freeze(&mut self, fraction: f32, release_noise: f32) {
        // The placements of a bar in the view are the detectors' (one per kind and place).
        let placements = all_detectors();
        for unit in 0..self.len() {
            let (threshold, preferred) = self.reading(unit, &placements, fraction, release_noise);
            self.frozen_threshold[unit] = threshold;
            self.preferred[unit] = preferred;
        }
        self.reading_params = (fraction, release_noise);
        self.frozen_sense.freeze(
            &self.inputs,
            &self.weights,
            self.inputs_per_unit,
            &self.frozen_threshold,
        );
        self.frozen = true;
    }

    /// Each unit's preferred orientation as a freeze would read it now: the frozen reading
    /// ([`LearnedLayer::preferred`]) outside development, and during it the reading of the
    /// weights so far, so that a class sees the groups form (the units' thresholds and task
    /// tags stay those of the last freeze until the development ends).
    pub fn preferred_now(&self) -> Vec<Option<BarKind>> {
        if self.frozen {
            return self.preferred.clone();
        }
        let placements = all_detectors();
        let (fraction, release_noise) = self.reading_params;
        (0..self.len())
            .map(|unit| self.reading(unit, &placements, fraction, release_noise).1)
            .collect()
    }

    /// What a freeze reads of unit `unit`: its threshold, `fraction` × its drive by its best
    /// single-bar placement (never below the coincidence guard (1 + R) × its largest
    /// weight), and the orientation it prefers, if every placement that reaches it is of one
    /// kind.
    fn reading(
        &self,
        unit: usize,
        placements: &[Detector],
        fraction: f32,
        release_noise: f32,
    ) -> (f32, Option<BarKind>) {
        let drives: Vec<f32> = placements.iter().map(|p| self.placement_drive(unit, p)).collect();
        let best = drives.iter().copied().fold(0.0, f32::max);
        let guard = (1.0 + release_noise) * self.largest_weight(unit);
        let threshold = (fraction * best).max(guard);
        let mut kinds = placements
            .iter()
            .zip(&drives)
            .filter(|&(_, &d)| d >= threshold && d > 0.0)
            .map(|(p, _)| p.kind);
        let first = kinds.next();
        (threshold, first.filter(|&k| kinds.all(|other| other == k)))
    }

    /// Unit `unit`'s drive by one bar on `placement`'s two cells.
    fn placement_drive(&self, unit: usize, placement: &Detector) -> f32 {
        let cells = placement.cells.map(|(r, c)| r * VIEW_CELLS + c);
        self.unit_range(unit)
            .filter(|&k| cells.contains(&usize::from(self.inputs[k])))
            .map(|k| self.weights[k])
            .sum()
    }
}

/// One unit's input cells: `count` cells of a random 3×3 patch (local) or of the whole
/// view (random), never the centre cell, each at most once.
fn wire_unit(wiring: Wiring, count: usize, rng: &mut SimRng) -> Vec<u8> {
    let view: Vec<usize> = (0..VIEW_CELLS * VIEW_CELLS)
        .filter(|&c| c != CENTRE_CELL)
        .collect();
    let mut pool = match wiring {
        Wiring::Random => view.clone(),
        Wiring::Local => {
            // A patch centre whose 3×3 patch lies inside the view.
            let row = 1 + rng.below(VIEW_CELLS - 2);
            let col = 1 + rng.below(VIEW_CELLS - 2);
            (row - 1..=row + 1)
                .flat_map(|r| (col - 1..=col + 1).map(move |c| r * VIEW_CELLS + c))
                .filter(|&c| c != CENTRE_CELL)
                .collect()
        }
    };
    let mut chosen = Vec::with_capacity(count);
    // A partial shuffle draws `count` distinct cells of the pool.
    for i in 0..count.min(pool.len()) {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
        chosen.push(pool[i]);
    }
    // A patch around the centre has only 8 cells: the 9th is another cell of the view.
    while chosen.len() < count {
        let cell = view[rng.below(view.len())];
        if !chosen.contains(&cell) {
            chosen.push(cell);
        }
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|c| u8::try_from(c).unwrap_or(u8::MAX))
        .collect()
}

#[cfg(test)]
mod tests;
