//! Sensing through frozen input weights without adding up every unit's drive.
//!
//! Awake and asleep the input weights are fixed, and a unit is active when the summed
//! weight of its occupied input cells reaches its frozen threshold. At 784 units about 150
//! units see each view cell, so adding up every touched unit's drive costs several
//! hundred additions a cycle though only a handful of units reach their thresholds. Two
//! facts, read off the weights at the freeze, rule most units out with a few bit
//! operations per view cell:
//!
//! - a unit that no single input can fire (every weight below its threshold) needs two
//!   occupied inputs;
//! - a cell is *required* by a unit when all its other weights together stay below the
//!   threshold: if that cell is empty, the unit cannot fire.
//!
//! The drive of each remaining unit is then summed exactly as before (its inputs in
//! increasing cell order, from zero), so the active units are the same, bit for bit.

/// Bits per bit-set word.
const WORD_BITS: usize = 64;

/// Bit sets of units, per view cell, read from the wiring and the frozen weights.
#[derive(Clone, Debug)]
pub(super) struct FrozenSense {
    /// Words per bit set of units.
    words: usize,
    /// For each view cell, the units that have it as an input (fixed by the wiring).
    cell_units: Vec<u64>,
    /// Each unit's input cells as a bit set of view cells (bit `cell`).
    unit_cells: Vec<u64>,
    /// For each view cell, the units that cannot fire without it (see the module docs).
    required_by_cell: Vec<u64>,
    /// The units one occupied input alone can fire.
    fires_alone: Vec<u64>,
    /// Scratch: units with at least one, at least two occupied inputs, and units ruled out
    /// by an empty required cell.
    ones: Vec<u64>,
    twos: Vec<u64>,
    ruled_out: Vec<u64>,
}

impl FrozenSense {
    /// The cell sets of `units` units wired to `inputs` (`per_unit` view cells each, in
    /// increasing order) in a view of `cells` cells; no unit is required by or fired by
    /// anything until [`FrozenSense::freeze`].
    pub(super) fn new(inputs: &[u8], per_unit: usize, units: usize, cells: usize) -> Self {
        let words = units.div_ceil(WORD_BITS);
        let mut cell_units = vec![0; cells * words];
        let mut unit_cells = vec![0; units];
        for (index, &cell) in inputs.iter().enumerate() {
            let unit = index / per_unit.max(1);
            cell_units[usize::from(cell) * words + unit / WORD_BITS] |= 1 << (unit % WORD_BITS);
            unit_cells[unit] |= 1 << cell;
        }
        Self {
            words,
            cell_units,
            unit_cells,
            required_by_cell: vec![0; cells * words],
            fires_alone: vec![0; words],
            ones: vec![0; words],
            twos: vec![0; words],
            ruled_out: vec![0; words],
        }
    }

    /// Reads the required cells and the units one input can fire from the frozen
    /// `weights` (beside `inputs`) and `thresholds`.
    pub(super) fn freeze(&mut self, inputs: &[u8], weights: &[f32], per_unit: usize, thresholds: &[f32]) {
        let words = self.words;
        self.required_by_cell.fill(0);
        self.fires_alone.fill(0);
        for (unit, &threshold) in thresholds.iter().enumerate() {
            let range = unit * per_unit..(unit + 1) * per_unit;
            let (cells, unit_weights) = (&inputs[range.clone()], &weights[range]);
            let bit = 1 << (unit % WORD_BITS);
            if unit_weights.iter().any(|&w| w >= threshold) {
                self.fires_alone[unit / WORD_BITS] |= bit;
            }
            for (skip, &cell) in cells.iter().enumerate() {
                // The largest drive without this cell: all the others occupied, summed in
                // the order sensing sums them (weights are never negative, and a rounded
                // sum of fewer of them is never larger).
                let without = unit_weights
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| k != skip)
                    .fold(0.0_f32, |sum, (_, &w)| sum + w);
                if without < threshold {
                    self.required_by_cell[usize::from(cell) * words + unit / WORD_BITS] |= bit;
                }
            }
        }
    }

    /// Appends to `active`, in increasing order, the units whose drive from the occupied
    /// cells (`occupied[cell]`) reaches their threshold: the drive of each unit not ruled
    /// out is its weights on occupied inputs summed in increasing cell order from zero
    /// (`weights` lists each unit's in increasing order of its input cells).
    pub(super) fn sense(
        &mut self,
        occupied: &[bool],
        weights: &[f32],
        per_unit: usize,
        thresholds: &[f32],
        active: &mut Vec<u16>,
    ) {
        let words = self.words;
        self.ones.fill(0);
        self.twos.fill(0);
        self.ruled_out.fill(0);
        let mut occupied_mask = 0_u64;
        for (cell, &full) in occupied.iter().enumerate() {
            let set = cell * words..(cell + 1) * words;
            if full {
                occupied_mask |= 1 << cell;
                for ((one, two), &unit) in self
                    .ones
                    .iter_mut()
                    .zip(&mut self.twos)
                    .zip(&self.cell_units[set])
                {
                    *two |= *one & unit;
                    *one |= unit;
                }
            } else {
                for (out, &required) in self.ruled_out.iter_mut().zip(&self.required_by_cell[set]) {
                    *out |= required;
                }
            }
        }
        for w in 0..words {
            let mut candidates = (self.twos[w] | (self.ones[w] & self.fires_alone[w])) & !self.ruled_out[w];
            while candidates != 0 {
                let unit = w * WORD_BITS + candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let unit_weights = &weights[unit * per_unit..(unit + 1) * per_unit];
                let cells = self.unit_cells[unit];
                let mut drive = 0.0_f32;
                let mut occupied_inputs = cells & occupied_mask;
                while occupied_inputs != 0 {
                    let cell = occupied_inputs.trailing_zeros();
                    occupied_inputs &= occupied_inputs - 1;
                    // The unit's inputs below this cell: its input number.
                    let slot = (cells & ((1 << cell) - 1)).count_ones() as usize;
                    drive += unit_weights[slot];
                }
                if drive >= thresholds[unit] {
                    active.push(u16::try_from(unit).unwrap_or(u16::MAX));
                }
            }
        }
    }
}
