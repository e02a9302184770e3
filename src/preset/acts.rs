//! Acts: a preset's schedule grouped into the parts a class watches one at a time. Each act
//! is a run of the schedule's top-level blocks with a caption ("Task 1 learned"), an
//! optional question for the class, and its share of the class time. Acts only pace and
//! pause the window; they never change what the simulation does.

use serde::{Deserialize, Serialize};

use super::limits::LimitProblem;
use crate::sim::schedule::{Block, animal_cycles};

/// The longest caption, in characters (it is read from a projected screen).
pub const MAX_CAPTION_CHARS: usize = 60;
/// The longest question, in characters.
pub const MAX_QUESTION_CHARS: usize = 200;
/// The longest class time an act may ask for, in seconds.
pub const MAX_ACT_SECONDS: u32 = 3_600;

/// One act of a preset's schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    /// What the act shows, in a few words ("Task 1 learned").
    pub caption: String,
    /// A question for the class at the end of the act (empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    /// How many of the schedule's top-level blocks the act holds, after the previous act's.
    pub blocks: usize,
    /// The class time the act takes at the class pace, in seconds.
    pub seconds: u32,
}

/// Where an act ends, as the schedule's walk can tell it: after this many of the animal's
/// waking and sleeping cycles and this many finished test blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActEnd {
    /// The animal's waking and sleeping cycles of the schedule done at the act's end.
    pub animal_cycles: u64,
    /// Test blocks finished at the act's end.
    pub tests: u64,
    /// Every cycle the act runs, test cycles (both tasks) included: what its pace spreads
    /// over its seconds.
    pub steps: u64,
}

/// Checks `acts` against `schedule`: each act holds at least one block, together they
/// hold no more blocks than the schedule has, and their texts and times are in range.
pub fn check_acts(acts: &[Act], schedule: &[Block]) -> Result<(), LimitProblem> {
    let mut blocks = 0_usize;
    for (i, act) in acts.iter().enumerate() {
        let here = format!("acts[{i}]");
        super::limits::check_text(&format!("{here}.caption"), &act.caption, MAX_CAPTION_CHARS, false)?;
        super::limits::check_text(
            &format!("{here}.question"),
            &act.question,
            MAX_QUESTION_CHARS,
            false,
        )?;
        if act.caption.trim().is_empty() {
            return Err(LimitProblem(format!(
                "`{here}.caption` is empty; an act needs a caption"
            )));
        }
        if act.blocks == 0 {
            return Err(LimitProblem(format!(
                "`{here}.blocks` is 0; an act holds at least one block"
            )));
        }
        if !(1..=MAX_ACT_SECONDS).contains(&act.seconds) {
            return Err(LimitProblem(format!(
                "`{here}.seconds` = {} is out of range (allowed: 1 to {MAX_ACT_SECONDS})",
                act.seconds
            )));
        }
        blocks = blocks.saturating_add(act.blocks);
    }
    if blocks > schedule.len() {
        return Err(LimitProblem(format!(
            "the acts hold {blocks} blocks but the schedule has only {}",
            schedule.len()
        )));
    }
    Ok(())
}

/// Where each act ends in `schedule` (the schedule as the experiment walks it, which may
/// start with `skipped` blocks the preset does not list, such as an implicit development).
pub fn act_ends(acts: &[Act], schedule: &[Block], skipped: usize) -> Vec<ActEnd> {
    let mut ends = Vec::with_capacity(acts.len());
    let mut end = skipped;
    let mut previous = ActEnd {
        animal_cycles: 0,
        tests: 0,
        steps: 0,
    };
    for act in acts {
        end = end.saturating_add(act.blocks).min(schedule.len());
        let upto = &schedule[..end];
        let animal_cycles = animal_cycles(upto);
        let tests = test_blocks(upto);
        let test_cycles = test_cycles(upto);
        let total_steps = animal_cycles.saturating_add(test_cycles);
        let previous_steps = previous.steps;
        let act_end = ActEnd {
            animal_cycles,
            tests,
            steps: total_steps,
        };
        ends.push(ActEnd {
            steps: total_steps.saturating_sub(previous_steps),
            ..act_end
        });
        previous = act_end;
    }
    ends
}

/// Test blocks in `blocks`, repeats counted as often as they run (saturating).
fn test_blocks(blocks: &[Block]) -> u64 {
    blocks.iter().fold(0, |sum: u64, block| {
        sum.saturating_add(match block {
            Block::Test { .. } => 1,
            Block::Repeat { times, blocks } => times.saturating_mul(test_blocks(blocks)),
            _ => 0,
        })
    })
}

/// Cycles of the test blocks in `blocks` (both tasks), repeats counted (saturating).
fn test_cycles(blocks: &[Block]) -> u64 {
    blocks.iter().fold(0, |sum: u64, block| {
        sum.saturating_add(match block {
            Block::Test { cycles, .. } => cycles.saturating_mul(2),
            Block::Repeat { times, blocks } => times.saturating_mul(test_cycles(blocks)),
            _ => 0,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Task;

    fn act(blocks: usize, seconds: u32) -> Act {
        Act {
            caption: "An act".into(),
            question: String::new(),
            blocks,
            seconds,
        }
    }

    fn schedule() -> Vec<Block> {
        vec![
            Block::Wake {
                task: Task::T1,
                cycles: 300,
            },
            Block::Test {
                label: "after T1".into(),
                cycles: 50,
            },
            Block::Repeat {
                times: 4,
                blocks: vec![
                    Block::Wake {
                        task: Task::T2,
                        cycles: 10,
                    },
                    Block::Sleep { cycles: 20 },
                ],
            },
            Block::Test {
                label: "final".into(),
                cycles: 50,
            },
        ]
    }

    #[test]
    fn an_act_ends_after_its_blocks_cycles_and_tests() {
        let acts = [act(2, 30), act(1, 60), act(1, 10)];
        let ends = act_ends(&acts, &schedule(), 0);
        assert_eq!(
            ends[0],
            ActEnd {
                animal_cycles: 300,
                tests: 1,
                steps: 400
            }
        );
        assert_eq!(
            ends[1],
            ActEnd {
                animal_cycles: 420,
                tests: 1,
                steps: 120
            }
        );
        assert_eq!(
            ends[2],
            ActEnd {
                animal_cycles: 420,
                tests: 2,
                steps: 100
            }
        );
    }

    #[test]
    fn blocks_the_preset_does_not_list_come_before_the_first_act() {
        let mut walked = schedule();
        walked.insert(0, Block::Develop { cycles: 1_000 });
        let ends = act_ends(&[act(2, 30)], &walked, 1);
        assert_eq!(ends[0].animal_cycles, 1_300);
        assert_eq!(ends[0].steps, 1_400, "the development is in the first act's time");
    }

    #[test]
    fn acts_that_do_not_fit_the_schedule_are_refused_by_name() {
        let schedule = schedule();
        assert!(check_acts(&[act(2, 30), act(2, 30)], &schedule).is_ok());
        let over = check_acts(&[act(3, 30), act(2, 30)], &schedule).unwrap_err();
        assert!(over.contains("5 blocks") && over.contains("only 4"), "{over}");
        let empty = check_acts(&[act(0, 30)], &schedule).unwrap_err();
        assert!(empty.contains("acts[0].blocks"), "{empty}");
        let slow = check_acts(&[act(1, 0)], &schedule).unwrap_err();
        assert!(slow.contains("acts[0].seconds"), "{slow}");
    }
}
