//! Where an experiment stands in its schedule: the block running, the repeats it is inside
//! (bout 12 of 300), and the animal's own cycles done and in all, so that the window can
//! say where the run is and pace it to end on time.

use super::Block;
use crate::sim::world::Task;

/// A round of a repeat that the running block is inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bout {
    /// This round, counted from 1.
    pub number: u64,
    /// Rounds in all.
    pub times: u64,
    /// Whether a round wakes the animal in task 1 and in task 2.
    pub wakes: [bool; 2],
    /// Whether a round holds sleep.
    pub sleeps: bool,
}

/// Where a schedule stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    /// The wake, sleep or test block running (the last one, once the schedule is over).
    pub block: Block,
    /// Cycles done in it (tests: both tasks).
    pub done_in_block: u64,
    /// The repeats it is inside, outermost first.
    pub bouts: Vec<Bout>,
    /// The animal's waking and sleeping cycles of the schedule done so far. Test cycles run
    /// on frozen copies, not on the animal, and are not counted.
    pub animal_cycles_done: u64,
    /// The animal's waking and sleeping cycles of the whole schedule.
    pub animal_cycles_total: u64,
    /// Whether the schedule has run to its end.
    pub finished: bool,
}

/// The animal's waking and sleeping cycles in `blocks` (tests excluded; saturating).
pub fn animal_cycles(blocks: &[Block]) -> u64 {
    blocks.iter().fold(0, |sum: u64, block| {
        sum.saturating_add(match block {
            Block::Wake { cycles, .. } | Block::Sleep { cycles } | Block::Develop { cycles } => *cycles,
            Block::Test { .. } | Block::Freeze { .. } | Block::Unfreeze => 0,
            Block::Repeat { times, blocks } => times.saturating_mul(animal_cycles(blocks)),
        })
    })
}

/// What a round of `blocks` does: wakes in which tasks, and whether it sleeps.
fn contents(blocks: &[Block]) -> ([bool; 2], bool) {
    blocks
        .iter()
        .fold(([false; 2], false), |(mut wakes, mut sleeps), block| {
            match block {
                Block::Wake { task, .. } => wakes[task.index()] = true,
                Block::Sleep { .. } => sleeps = true,
                Block::Test { .. } | Block::Develop { .. } | Block::Freeze { .. } | Block::Unfreeze => {}
                Block::Repeat { blocks, .. } => {
                    let (inner_wakes, inner_sleeps) = contents(blocks);
                    for task in Task::ALL {
                        wakes[task.index()] |= inner_wakes[task.index()];
                    }
                    sleeps |= inner_sleeps;
                }
            }
            (wakes, sleeps)
        })
}

/// The position of a walk over `walk` whose cursor holds `levels` (per nesting level: the
/// next block's index and the rounds left), running `current` (the block and the cycles done
/// in it); `None` before the first block.
pub(super) fn locate(
    walk: &[Block],
    levels: &[(usize, u64)],
    current: Option<&(Block, u64)>,
) -> Option<Position> {
    let (block, done_in_block) = current?;
    let total = animal_cycles(walk);
    let mut position = Position {
        block: block.clone(),
        done_in_block: *done_in_block,
        bouts: Vec::new(),
        animal_cycles_done: total,
        animal_cycles_total: total,
        finished: levels.is_empty(),
    };
    if position.finished {
        return Some(position);
    }
    let mut done = 0_u64;
    let mut list = walk;
    let mut rounds = 1_u64;
    for (depth, &(next, rounds_left)) in levels.iter().enumerate() {
        // Whole rounds of this list already run, then the blocks before the one running.
        let finished_rounds = rounds.saturating_sub(rounds_left);
        done = done.saturating_add(finished_rounds.saturating_mul(animal_cycles(list)));
        let before = next.saturating_sub(1).min(list.len());
        done = done.saturating_add(animal_cycles(&list[..before]));
        if depth + 1 == levels.len() {
            break;
        }
        let Some(Block::Repeat { times, blocks }) = list.get(before) else {
            break;
        };
        let inner_left = levels.get(depth + 1).map_or(*times, |&(_, left)| left);
        let (wakes, sleeps) = contents(blocks);
        position.bouts.push(Bout {
            number: times.saturating_sub(inner_left).saturating_add(1),
            times: *times,
            wakes,
            sleeps,
        });
        list = blocks;
        rounds = *times;
    }
    if matches!(
        block,
        Block::Wake { .. } | Block::Sleep { .. } | Block::Develop { .. }
    ) {
        done = done.saturating_add(*done_in_block);
    }
    position.animal_cycles_done = done.min(total);
    Some(position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::schedule::Experiment;
    use crate::sim::{Params, Simulation};

    #[test]
    fn the_position_counts_the_animals_cycles_and_names_the_bout() {
        let schedule = vec![
            Block::Wake {
                task: Task::T1,
                cycles: 3,
            },
            Block::Test {
                cycles: 2,
                label: "after T1".into(),
            },
            Block::Repeat {
                times: 3,
                blocks: vec![
                    Block::Wake {
                        task: Task::T2,
                        cycles: 2,
                    },
                    Block::Sleep { cycles: 4 },
                ],
            },
        ];
        assert_eq!(animal_cycles(&schedule), 3 + 3 * 6);
        let mut experiment = Experiment::new(Simulation::new(Params::default(), 1), schedule);
        assert_eq!(experiment.position(), None, "nothing runs before the first cycle");
        let mut animal_cycles_run = 0;
        let mut bouts_seen = Vec::new();
        while let Some(step) = experiment.step() {
            if !step.testing {
                animal_cycles_run += 1;
            }
            let Some(position) = experiment.position() else {
                panic!("a running schedule has a position");
            };
            assert_eq!(position.animal_cycles_done, animal_cycles_run);
            assert_eq!(position.animal_cycles_total, 21);
            if let [bout] = position.bouts.as_slice() {
                assert_eq!((bout.times, bout.wakes, bout.sleeps), (3, [false, true], true));
                if bouts_seen.last() != Some(&bout.number) {
                    bouts_seen.push(bout.number);
                }
            }
        }
        assert_eq!(bouts_seen, vec![1, 2, 3]);
        let end = experiment.position();
        assert!(
            end.as_ref()
                .is_some_and(|p| p.finished && p.animal_cycles_done == 21)
        );
    }
}
