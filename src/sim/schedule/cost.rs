//! What a schedule will cost, computed from its blocks without walking them: cycles of each
//! kind, blocks run, tests, the bytes of their labels and the runner's own steps, exactly,
//! through nested repeats of any depth. The preset checker refuses a schedule whose cost is
//! over its limits before any of it runs (see `preset::limits`).
//!
//! All sums saturate at `u64::MAX`: a repeat of `times = 9223372036854775807` over another
//! costs "more than anything", never an overflow.

use super::block::Block;
use crate::sim::probe::Probes;

/// What running a schedule takes. Each figure is what [`Experiment`](super::Experiment) does
/// when it runs the schedule to its end (the property test `tests/it/schedule_bounds.rs`
/// checks it), saturating at `u64::MAX`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScheduleCost {
    /// Movement cycles awake and learning.
    pub wake_cycles: u64,
    /// Movement cycles asleep.
    pub sleep_cycles: u64,
    /// Movement cycles developing a learned hidden layer.
    pub develop_cycles: u64,
    /// Movement cycles of frozen tests, both tasks counted.
    pub test_cycles: u64,
    /// Wake, sleep and test blocks run, repeats counted.
    pub blocks: u64,
    /// Test blocks run, repeats counted (each keeps a result).
    pub tests: u64,
    /// Bytes of the labels of the test results kept (one label per test run).
    pub label_bytes: u64,
    /// Blocks the runner looks at, repeat blocks and each of their rounds included: the
    /// walk's own work, which a schedule of blocks without cycles still costs.
    pub walk_steps: u64,
    /// Probes taken (0 unless counted by [`ScheduleCost::with_probes`]).
    pub probes: u64,
    /// Frozen movement cycles of the probes, both tasks counted.
    pub probe_cycles: u64,
}

impl ScheduleCost {
    /// All movement cycles (wake, sleep, and both tasks of every test and probe).
    pub fn cycles(&self) -> u64 {
        self.wake_cycles
            .saturating_add(self.sleep_cycles)
            .saturating_add(self.develop_cycles)
            .saturating_add(self.test_cycles)
            .saturating_add(self.probe_cycles)
    }

    /// This cost with the probes `probes` takes along the schedule: one after every
    /// `every_cycles` waking or sleep cycles, each `cycles` frozen cycles of both tasks.
    pub fn with_probes(self, probes: &Probes) -> Self {
        let taken = if probes.is_on() {
            self.wake_cycles.saturating_add(self.sleep_cycles) / probes.every_cycles
        } else {
            0
        };
        Self {
            probes: taken,
            probe_cycles: taken.saturating_mul(probes.cycles).saturating_mul(2),
            ..self
        }
    }

    /// The cost of one block, run once.
    pub fn of_block(block: &Block) -> Self {
        match block {
            Block::Wake { cycles, .. } => Self {
                wake_cycles: *cycles,
                blocks: 1,
                walk_steps: 1,
                ..Self::default()
            },
            Block::Sleep { cycles } => Self {
                sleep_cycles: *cycles,
                blocks: 1,
                walk_steps: 1,
                ..Self::default()
            },
            Block::Develop { cycles } => Self {
                develop_cycles: *cycles,
                blocks: 1,
                walk_steps: 1,
                ..Self::default()
            },
            Block::Test { cycles, label } => Self {
                test_cycles: cycles.saturating_mul(2),
                blocks: 1,
                tests: 1,
                label_bytes: label.len() as u64,
                walk_steps: 1,
                ..Self::default()
            },
            Block::Freeze { .. } | Block::Unfreeze => Self {
                blocks: 1,
                walk_steps: 1,
                ..Self::default()
            },
            Block::Repeat { times, blocks } => {
                let once = Self::of(blocks);
                if runs_nothing(*times, &once) {
                    // The runner steps over a repeat that runs no block (see `runnable`).
                    Self::default()
                } else {
                    let mut all = once.times(*times);
                    all.walk_steps = all.walk_steps.saturating_add(1);
                    all
                }
            }
        }
    }

    /// The cost of a list of blocks, run once each in order.
    pub fn of(blocks: &[Block]) -> Self {
        blocks
            .iter()
            .fold(Self::default(), |sum, block| sum.plus(&Self::of_block(block)))
    }

    /// Both costs together (saturating).
    pub fn plus(&self, other: &Self) -> Self {
        Self {
            wake_cycles: self.wake_cycles.saturating_add(other.wake_cycles),
            sleep_cycles: self.sleep_cycles.saturating_add(other.sleep_cycles),
            develop_cycles: self.develop_cycles.saturating_add(other.develop_cycles),
            test_cycles: self.test_cycles.saturating_add(other.test_cycles),
            blocks: self.blocks.saturating_add(other.blocks),
            tests: self.tests.saturating_add(other.tests),
            label_bytes: self.label_bytes.saturating_add(other.label_bytes),
            walk_steps: self.walk_steps.saturating_add(other.walk_steps),
            probes: self.probes.saturating_add(other.probes),
            probe_cycles: self.probe_cycles.saturating_add(other.probe_cycles),
        }
    }

    /// This cost `n` times over (saturating).
    pub fn times(&self, n: u64) -> Self {
        Self {
            wake_cycles: self.wake_cycles.saturating_mul(n),
            sleep_cycles: self.sleep_cycles.saturating_mul(n),
            develop_cycles: self.develop_cycles.saturating_mul(n),
            test_cycles: self.test_cycles.saturating_mul(n),
            blocks: self.blocks.saturating_mul(n),
            tests: self.tests.saturating_mul(n),
            label_bytes: self.label_bytes.saturating_mul(n),
            walk_steps: self.walk_steps.saturating_mul(n),
            probes: self.probes.saturating_mul(n),
            probe_cycles: self.probe_cycles.saturating_mul(n),
        }
    }
}

/// True when a repeat of `times` rounds over inner blocks costing `once` runs no block at
/// all (no rounds, or rounds of nothing): walking it would only spin.
fn runs_nothing(times: u64, once: &ScheduleCost) -> bool {
    times == 0 || once.blocks == 0
}

/// The schedule as the runner walks it: the same blocks in the same order, without the
/// repeats that run no block (`times = 0`, `blocks = []`, or only such repeats inside).
/// Those would make the runner spin through their rounds without running anything — a
/// repeat of 9223372036854775807 rounds over an empty one never ends.
pub fn runnable(blocks: &[Block]) -> Vec<Block> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Repeat { times, blocks } => {
                let inner = runnable(blocks);
                (!runs_nothing(*times, &ScheduleCost::of(&inner))).then_some(Block::Repeat {
                    times: *times,
                    blocks: inner,
                })
            }
            leaf => Some(leaf.clone()),
        })
        .collect()
}

/// The shape of a schedule as written: how many blocks the file holds and how deep its
/// repeats nest. Computed without recursion, so a schedule nested deeper than any limit is
/// measured safely.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScheduleShape {
    /// Blocks written, repeat blocks and the blocks inside them included.
    pub entries: u64,
    /// The deepest nesting: 1 for a list without repeats, 2 for a repeat of leaves, ….
    pub depth: u64,
}

impl ScheduleShape {
    /// The shape of `blocks`.
    pub fn of(blocks: &[Block]) -> Self {
        let mut shape = Self::default();
        let mut lists: Vec<(&[Block], u64)> = vec![(blocks, 1)];
        while let Some((list, depth)) = lists.pop() {
            shape.depth = shape.depth.max(depth);
            shape.entries = shape.entries.saturating_add(list.len() as u64);
            for block in list {
                if let Block::Repeat { blocks, .. } = block {
                    lists.push((blocks, depth + 1));
                }
            }
        }
        shape
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Task;

    fn repeat(times: u64, blocks: Vec<Block>) -> Block {
        Block::Repeat { times, blocks }
    }

    #[test]
    fn nested_repeats_multiply_their_costs() {
        let schedule = vec![
            Block::Wake {
                task: Task::T1,
                cycles: 5,
            },
            repeat(
                3,
                vec![
                    Block::Sleep { cycles: 2 },
                    repeat(
                        4,
                        vec![Block::Test {
                            cycles: 1,
                            label: "abc".into(),
                        }],
                    ),
                ],
            ),
        ];
        let cost = ScheduleCost::of(&schedule);
        assert_eq!(cost.wake_cycles, 5);
        assert_eq!(cost.sleep_cycles, 6);
        assert_eq!(cost.test_cycles, 3 * 4 * 2);
        assert_eq!(cost.tests, 12);
        assert_eq!(cost.label_bytes, 36);
        assert_eq!(cost.blocks, 1 + 3 * (1 + 4));
        // wake, the outer repeat, 3 × (sleep, inner repeat, 4 × test).
        assert_eq!(cost.walk_steps, 1 + 1 + 3 * (1 + 1 + 4));
    }

    #[test]
    fn a_huge_repeat_over_nothing_costs_nothing_and_is_dropped_from_the_walk() {
        let schedule = vec![repeat(
            u64::MAX / 2,
            vec![repeat(0, vec![Block::Sleep { cycles: 1 }]), repeat(7, vec![])],
        )];
        assert_eq!(ScheduleCost::of(&schedule), ScheduleCost::default());
        assert!(runnable(&schedule).is_empty());
    }

    #[test]
    fn costs_saturate_instead_of_overflowing() {
        let deep = repeat(u64::MAX, vec![repeat(u64::MAX, vec![Block::Sleep { cycles: 3 }])]);
        let cost = ScheduleCost::of(&[deep.clone(), deep]);
        assert_eq!(cost.sleep_cycles, u64::MAX);
        assert_eq!(cost.walk_steps, u64::MAX);
        assert_eq!(cost.cycles(), u64::MAX);
    }

    #[test]
    fn shape_counts_entries_and_depth_without_recursion() {
        let mut block = Block::Sleep { cycles: 1 };
        for _ in 0..10_000 {
            block = repeat(1, vec![block]);
        }
        let shape = ScheduleShape::of(std::slice::from_ref(&block));
        assert_eq!(shape.entries, 10_001);
        assert_eq!(shape.depth, 10_001);
        // Dropping a deep tree recurses; leak it rather than risk the test thread's stack.
        std::mem::forget(block);
    }
}
