//! Where a bar could still go: for each cell, how many bar cells crowd it, and for each bar
//! kind, how many places are left, kept up to date as bars come and go. It lets placement
//! know at once when a dense world has no place left (instead of trying 100,000 random
//! places per bar: a 300×300 world at `food_fraction` 0.3 took 28 s to build) and pick one
//! of the last few places directly. It never draws from the random stream itself, so the
//! random tries, and with them every world that could be built before, stay the same.

use super::BarKind;

/// Crowding of cells and places left per bar kind, on a wrap-around grid.
#[derive(Clone, Debug)]
pub(super) struct FreeSpace {
    size: usize,
    /// For each cell (row-major), the number of bar cells in its 3×3 neighbourhood: a
    /// cell is clear (no bar on it or touching it) when this is 0.
    crowding: Vec<u8>,
    /// For each kind (in [`BarKind::ALL`] order), the cells where a bar of that kind could
    /// start: both of its cells clear. The agent's position is not taken into account here.
    places: [usize; 4],
}

impl FreeSpace {
    /// An empty `size`×`size` grid: every cell clear, every cell a place for every kind.
    pub(super) fn new(size: usize) -> Self {
        Self {
            size,
            crowding: vec![0; size * size],
            places: [size * size; 4],
        }
    }

    /// The cell `(dr, dc)` away from `(row, col)` for steps of at most one cell, wrapping
    /// at the edges (without a division: this runs in every placement's inner loop).
    fn wrap(&self, (row, col): (usize, usize), (dr, dc): (isize, isize)) -> (usize, usize) {
        let step = |x: usize, d: isize| match d {
            ..0 => x.checked_sub(1).unwrap_or(self.size - 1),
            0 => x,
            _ if x + 1 == self.size => 0,
            _ => x + 1,
        };
        (step(row, dr), step(col, dc))
    }

    /// True when no bar is on the cell or any of its eight neighbours.
    pub(super) fn is_clear(&self, (row, col): (usize, usize)) -> bool {
        self.crowding[row * self.size + col] == 0
    }

    /// True when a bar of `kind` starting at `first` would have both cells clear.
    fn fits(&self, kind: BarKind, first: (usize, usize)) -> bool {
        self.is_clear(first) && self.is_clear(self.wrap(first, kind.offset()))
    }

    /// True when a bar of `kind` can start at `first`: it fits and covers not the agent.
    pub(super) fn is_place(&self, kind: BarKind, first: (usize, usize), agent: (usize, usize)) -> bool {
        let second = self.wrap(first, kind.offset());
        first != agent && second != agent && self.fits(kind, first)
    }

    /// The number of places for a bar of `kind` that do not cover the agent.
    pub(super) fn places_avoiding(&self, kind: BarKind, agent: (usize, usize)) -> usize {
        let (dr, dc) = kind.offset();
        let covering_agent = [agent, self.wrap(agent, (-dr, -dc))];
        let blocked_by_agent = covering_agent
            .iter()
            .filter(|&&first| self.fits(kind, first))
            .count();
        self.places[kind.index()] - blocked_by_agent
    }

    /// The `n`-th place (row-major, from 0) for a bar of `kind` that does not cover the
    /// agent, if there are that many.
    pub(super) fn nth_place(&self, kind: BarKind, agent: (usize, usize), n: usize) -> Option<(usize, usize)> {
        (0..self.size)
            .flat_map(|row| (0..self.size).map(move |col| (row, col)))
            .filter(|&first| self.is_place(kind, first, agent))
            .nth(n)
    }

    /// Counts a bar's cells as taken (`true`) or freed (`false`).
    pub(super) fn update(&mut self, cells: [(usize, usize); 2], taken: bool) {
        for cell in cells {
            for dr in -1..=1 {
                for dc in -1..=1 {
                    let near = self.wrap(cell, (dr, dc));
                    let crowding = &mut self.crowding[near.0 * self.size + near.1];
                    let was_clear = *crowding == 0;
                    *crowding = if taken {
                        crowding.saturating_add(1)
                    } else {
                        crowding.saturating_sub(1)
                    };
                    let is_clear = *crowding == 0;
                    if was_clear != is_clear {
                        self.count_places_through(near, is_clear);
                    }
                }
            }
        }
    }

    /// Updates the places left when `cell` has just become clear (`true`) or crowded: the
    /// places of each kind that start at `cell` or end on it gain or lose one each where
    /// their other cell is clear. Cells change one at a time, so no place is counted twice.
    fn count_places_through(&mut self, cell: (usize, usize), now_clear: bool) {
        for kind in BarKind::ALL {
            let (dr, dc) = kind.offset();
            let others = [self.wrap(cell, (dr, dc)), self.wrap(cell, (-dr, -dc))];
            let changed = others.iter().filter(|&&other| self.is_clear(other)).count();
            let places = &mut self.places[kind.index()];
            if now_clear {
                *places += changed;
            } else {
                *places -= changed;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Eaten, Task, World};
    use super::*;
    use crate::sim::rng::SimRng;

    /// The free space counted from scratch, cell by cell.
    fn recount(world: &World) -> FreeSpace {
        let mut space = FreeSpace::new(world.size());
        for bar in world.bars() {
            space.update(bar.cells, true);
        }
        space
    }

    /// How many draws `rng` has made since `SimRng::new(seed)`, up to `most`.
    fn draws_since(seed: u64, rng: &SimRng, most: u64) -> Option<u64> {
        let next = rng.clone().next_seed();
        let mut fresh = SimRng::new(seed);
        (0..=most).find(|_| fresh.next_seed() == next)
    }

    #[test]
    fn free_space_agrees_with_a_recount_as_bars_are_eaten_and_respawn() {
        let mut rng = SimRng::new(5);
        let mut world = World::new(12, 0.3, Task::T1, &mut rng);
        let mut walk = SimRng::new(6);
        let mut meals = 0;
        for _ in 0..5_000 {
            let step = [(0, 1), (1, 0), (1, 1), (-1, 1), (0, -1), (-1, 0)][walk.below(6)];
            if let Eaten::Bar(_) = world.move_agent(step, &mut rng) {
                meals += 1;
            }
            let fresh = recount(&world);
            assert_eq!(world.space.crowding, fresh.crowding);
            assert_eq!(world.space.places, fresh.places);
            for kind in BarKind::ALL {
                let brute = (0..12)
                    .flat_map(|r| (0..12).map(move |c| (r, c)))
                    .filter(|&first| {
                        let second = world.wrap(first, kind.offset());
                        let clear = |cell: (usize, usize)| {
                            (-1..=1).all(|dr| {
                                (-1..=1).all(|dc| {
                                    let (r, c) = world.wrap(cell, (dr, dc));
                                    world.bar_at(r, c).is_none()
                                })
                            })
                        };
                        first != world.agent && second != world.agent && clear(first) && clear(second)
                    })
                    .count();
                assert_eq!(world.space.places_avoiding(kind, world.agent), brute);
            }
        }
        assert!(meals > 100, "only {meals} meals");
    }

    #[test]
    fn a_world_too_dense_for_its_bars_stops_drawing_once_no_place_is_left() {
        // 30×30 at 0.3 asks for 135 bars; far fewer fit without touching. Before, every bar
        // that did not fit cost 100,000 random tries (200,000 draws).
        let mut rng = SimRng::new(3);
        let world = World::new(30, 0.3, Task::T2, &mut rng);
        assert!(world.bars().len() < 135);
        for (kind, asked) in [(Task::T2.rewarded(), 68), (Task::T2.punished(), 67)] {
            let placed = world.bars().iter().filter(|b| b.kind == kind).count();
            if placed < asked {
                assert_eq!(world.space.places_avoiding(kind, world.agent), 0, "{kind:?}");
            }
        }
        let draws = draws_since(3, &rng, 200_000).expect("more than 200,000 draws");
        assert!(draws < 100_000, "{draws} draws");
    }
}
