//! The foraging world (docs/model.md §1): a wrap-around grid of two-cell food bars of four
//! orientations, of which each task shows two — one rewarded, one punished.

use serde::{Deserialize, Serialize};

use super::rng::SimRng;

mod free_space;
use free_space::FreeSpace;

/// The orientation of a food bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BarKind {
    /// Horizontal: the cell and its right neighbour.
    Horizontal,
    /// Vertical: the cell and the one below.
    Vertical,
    /// Rising diagonal "/": the cell and the one up and to the right.
    Rising,
    /// Falling diagonal "\": the cell and the one down and to the right.
    Falling,
}

impl BarKind {
    /// All four kinds, in the order hidden units are grouped.
    pub const ALL: [BarKind; 4] = [
        BarKind::Horizontal,
        BarKind::Vertical,
        BarKind::Rising,
        BarKind::Falling,
    ];

    /// (row, column) offset of the bar's second cell from its first.
    pub fn offset(self) -> (isize, isize) {
        match self {
            BarKind::Horizontal => (0, 1),
            BarKind::Vertical => (1, 0),
            BarKind::Rising => (-1, 1),
            BarKind::Falling => (1, 1),
        }
    }

    /// Short name as in the paper: H, V, D+, D−.
    pub fn short_name(self) -> &'static str {
        match self {
            BarKind::Horizontal => "H",
            BarKind::Vertical => "V",
            BarKind::Rising => "D+",
            BarKind::Falling => "D−",
        }
    }

    /// Index 0..4 in [`BarKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One of the two foraging tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Task {
    /// H rewarded, D− punished.
    T1,
    /// V rewarded, D+ punished.
    T2,
}

impl Task {
    /// Both tasks.
    pub const ALL: [Task; 2] = [Task::T1, Task::T2];

    /// The bar kind that is rewarded in this task.
    pub fn rewarded(self) -> BarKind {
        match self {
            Task::T1 => BarKind::Horizontal,
            Task::T2 => BarKind::Vertical,
        }
    }

    /// The bar kind that is punished in this task.
    pub fn punished(self) -> BarKind {
        match self {
            Task::T1 => BarKind::Falling,
            Task::T2 => BarKind::Rising,
        }
    }

    /// The task that shows a bar kind, if any (each kind belongs to exactly one task).
    pub fn of_kind(kind: BarKind) -> Task {
        match kind {
            BarKind::Horizontal | BarKind::Falling => Task::T1,
            BarKind::Vertical | BarKind::Rising => Task::T2,
        }
    }

    /// 0 for T1, 1 for T2.
    pub fn index(self) -> usize {
        self as usize
    }

    /// "T1" or "T2".
    pub fn name(self) -> &'static str {
        match self {
            Task::T1 => "T1",
            Task::T2 => "T2",
        }
    }
}

/// A food bar on the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Its orientation.
    pub kind: BarKind,
    /// Its two cells, (row, column).
    pub cells: [(usize, usize); 2],
}

/// What stepping onto a cell did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Eaten {
    /// Nothing there.
    Nothing,
    /// A bar of this kind was eaten (and has reappeared elsewhere).
    Bar(BarKind),
}

/// Marks a cell without food in [`World::view`].
pub const NO_BAR: u16 = u16::MAX;
const EMPTY: u16 = NO_BAR;

/// The grid, its bars and the agent's position.
#[derive(Clone, Debug)]
pub struct World {
    size: usize,
    task: Task,
    /// For each cell (row-major), the index of the bar on it, or `EMPTY`.
    cells: Vec<u16>,
    bars: Vec<Bar>,
    /// Where bars could still go.
    space: FreeSpace,
    /// The agent's (row, column).
    pub agent: (usize, usize),
}

/// Random tries per bar before a place is picked among the few left (see
/// [`World::random_free_place`]).
const MAX_PLACEMENT_TRIES: usize = 100_000;

impl World {
    /// A world of `task`'s two bar kinds, half each, covering about `food_fraction` of the
    /// cells, with the agent in the centre.
    pub fn new(size: usize, food_fraction: f32, task: Task, rng: &mut SimRng) -> Self {
        Self::with_kinds(
            size,
            food_fraction,
            task,
            &[task.rewarded(), task.punished()],
            rng,
        )
    }

    /// A world of all four bar kinds in equal numbers, for the development of a learned
    /// hidden layer (docs/model.md §2b); nothing in it is rewarded, and it is labelled T1 only
    /// because every world names a task.
    pub fn with_all_kinds(size: usize, food_fraction: f32, rng: &mut SimRng) -> Self {
        Self::with_kinds(size, food_fraction, Task::T1, &BarKind::ALL, rng)
    }

    /// A world of `kinds` in turn, covering about `food_fraction` of the cells.
    fn with_kinds(size: usize, food_fraction: f32, task: Task, kinds: &[BarKind], rng: &mut SimRng) -> Self {
        let mut world = Self {
            size,
            task,
            cells: vec![EMPTY; size * size],
            bars: Vec::new(),
            space: FreeSpace::new(size),
            agent: (size / 2, size / 2),
        };
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a non-negative share of the cells, far below usize::MAX"
        )]
        let n_bars = ((size * size) as f32 * food_fraction / 2.0).round() as usize;
        for i in 0..n_bars {
            let kind = kinds[i % kinds.len()];
            if let Some(cells) = world.random_free_place(kind, rng) {
                world.put(Bar { kind, cells });
            }
        }
        world
    }

    /// Side of the grid in cells.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The task this world is made for.
    pub fn task(&self) -> Task {
        self.task
    }

    /// All bars.
    pub fn bars(&self) -> &[Bar] {
        &self.bars
    }

    /// The bar on a cell, if any.
    pub fn bar_at(&self, row: usize, col: usize) -> Option<&Bar> {
        let id = self.cells[row * self.size + col];
        (id != EMPTY).then(|| &self.bars[usize::from(id)])
    }

    /// The cell `(dr, dc)` away from `(row, col)`, wrapping at the edges.
    pub fn wrap(&self, (row, col): (usize, usize), (dr, dc): (isize, isize)) -> (usize, usize) {
        let n = self.size.cast_signed();
        // rem_euclid of a positive size is never negative.
        let r = (row.cast_signed() + dr).rem_euclid(n) as usize;
        let c = (col.cast_signed() + dc).rem_euclid(n) as usize;
        (r, c)
    }

    /// Fills `view` (row-major, `side`×`side`, centred on the agent) with the index of the
    /// bar on each cell, or [`NO_BAR`].
    #[inline]
    pub fn view(&self, side: usize, view: &mut Vec<u16>) {
        let radius = (side / 2).cast_signed();
        let (top, left) = self.wrap(self.agent, (-radius, -radius));
        // Row by row from the top-left corner, wrapping at the bottom edge. No allocation:
        // this runs every cycle. Most rows do not cross the right edge, and are one copy of
        // a known length; a row that does goes on from column 0 (more than once in a view
        // wider than the world).
        view.clear();
        view.resize(side * side, NO_BAR);
        let mut r = top;
        for out in view.chunks_exact_mut(side) {
            let row = &self.cells[r * self.size..(r + 1) * self.size];
            if left + side <= self.size {
                out.copy_from_slice(&row[left..left + side]);
            } else {
                let (mut c, mut filled) = (left, 0);
                while filled < side {
                    let piece = (self.size - c).min(side - filled);
                    out[filled..filled + piece].copy_from_slice(&row[c..c + piece]);
                    filled += piece;
                    c = 0;
                }
            }
            r = if r + 1 == self.size { 0 } else { r + 1 };
        }
    }

    /// The kind of bar number `id`.
    pub fn kind_of(&self, id: u16) -> BarKind {
        self.bars[usize::from(id)].kind
    }

    /// Moves the agent by `(dr, dc)`; if it lands on a bar, eats it and makes it reappear at
    /// a random free legal place.
    pub fn move_agent(&mut self, step: (isize, isize), rng: &mut SimRng) -> Eaten {
        self.agent = self.wrap(self.agent, step);
        let (r, c) = self.agent;
        let id = self.cells[r * self.size + c];
        if id == EMPTY {
            return Eaten::Nothing;
        }
        let bar = self.bars[usize::from(id)];
        self.mark(bar.cells, EMPTY);
        // No room anywhere (a nearly full grid): the bar simply stays where it was.
        let cells = self.random_free_place(bar.kind, rng).unwrap_or(bar.cells);
        self.bars[usize::from(id)].cells = cells;
        self.mark(cells, id);
        Eaten::Bar(bar.kind)
    }

    fn put(&mut self, bar: Bar) {
        let id = u16::try_from(self.bars.len()).unwrap_or(EMPTY - 1);
        self.mark(bar.cells, id);
        self.bars.push(bar);
    }

    /// Puts bar `id` on two cells, or clears them with `EMPTY`, keeping the free space up
    /// to date.
    fn mark(&mut self, cells: [(usize, usize); 2], id: u16) {
        for (r, c) in cells {
            self.cells[r * self.size + c] = id;
        }
        self.space.update(cells, id != EMPTY);
    }

    /// A random place for a bar of `kind` whose cells are free, not touching any other bar
    /// (8-neighbourhood) and not under the agent; `None`, without a draw, when there is none.
    /// Random cells are tried first (the draws every world was built with); when places are
    /// so rare that those tries all miss, one of the places left is drawn directly.
    fn random_free_place(&self, kind: BarKind, rng: &mut SimRng) -> Option<[(usize, usize); 2]> {
        let left = self.space.places_avoiding(kind, self.agent);
        if left == 0 {
            return None;
        }
        for _ in 0..MAX_PLACEMENT_TRIES {
            let first = (rng.below(self.size), rng.below(self.size));
            if self.space.is_place(kind, first, self.agent) {
                return Some([first, self.wrap(first, kind.offset())]);
            }
        }
        let first = self.space.nth_place(kind, self.agent, rng.below(left))?;
        Some([first, self.wrap(first, kind.offset())])
    }
}

#[cfg(test)]
mod tests;
