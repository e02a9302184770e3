//! The work of a schedule is decided before it starts: for any nesting of repeats (empty
//! ones, huge counts), the checker either refuses the schedule or its computed cost is
//! exactly what running it does — cycles of each kind, blocks, tests, labels and the walk's
//! own steps.

use proptest::prelude::*;
use sleeplab::preset::limits::{
    MAX_RUN_MEMORY_BYTES, MAX_SCHEDULE_BLOCKS, MAX_SCHEDULE_CYCLES, MAX_TESTS, MAX_WALK_STEPS,
    check_schedule, memory_bytes,
};
use sleeplab::sim::schedule::cost::ScheduleCost;
use sleeplab::sim::schedule::{Block, Experiment};
use sleeplab::sim::{Mode, Params, Simulation, Task};

/// Counts a repeat may have: mostly small, sometimes empty or huge.
fn times() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => 0..4_u64,
        1 => Just(9_223_372_036_854_775_807),
        1 => Just(u64::MAX),
        1 => 1_000_000..5_000_000_000_u64,
    ]
}

fn leaf() -> impl Strategy<Value = Block> {
    prop_oneof![
        (0..3_u64, prop::bool::ANY).prop_map(|(cycles, t2)| Block::Wake {
            task: if t2 { Task::T2 } else { Task::T1 },
            cycles,
        }),
        (0..3_u64).prop_map(|cycles| Block::Sleep { cycles }),
        (0..3_u64).prop_map(|cycles| Block::Develop { cycles }),
        (1..3_u64, "[a-z]{1,6}").prop_map(|(cycles, label)| Block::Test { cycles, label }),
        (0..=100_u8).prop_map(|percent| Block::Freeze {
            top_percent: f64::from(percent)
        }),
        Just(Block::Unfreeze),
    ]
}

fn schedule() -> impl Strategy<Value = Vec<Block>> {
    let block = leaf().prop_recursive(5, 40, 4, |inner| {
        (times(), prop::collection::vec(inner, 0..4))
            .prop_map(|(times, blocks)| Block::Repeat { times, blocks })
    });
    prop::collection::vec(block, 0..5)
}

fn over_some_limit(cost: &ScheduleCost) -> bool {
    cost.cycles() > MAX_SCHEDULE_CYCLES
        || cost.blocks > MAX_SCHEDULE_BLOCKS
        || cost.walk_steps > MAX_WALK_STEPS
        || cost.tests > MAX_TESTS
        || memory_bytes(cost) > MAX_RUN_MEMORY_BYTES
}

/// Runs `schedule` to its end on a small world and measures what it did.
fn measure(schedule: Vec<Block>) -> ScheduleCost {
    let mut params = Params::default();
    params.world.size_cells = 10;
    let mut experiment = Experiment::new(Simulation::new(params, 1), schedule);
    let mut done = ScheduleCost::default();
    while let Some(step) = experiment.step() {
        match (step.mode, step.testing) {
            (_, true) => done.test_cycles += 1,
            (Mode::Wake { .. }, false) => done.wake_cycles += 1,
            (Mode::Sleep, false) => done.sleep_cycles += 1,
            (Mode::Develop, false) => done.develop_cycles += 1,
        }
    }
    done.tests = experiment.results.len() as u64;
    done.label_bytes = experiment.results.iter().map(|r| r.label.len() as u64).sum();
    (done.blocks, done.walk_steps) = experiment.walked();
    done
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn every_schedule_is_refused_or_costs_exactly_what_it_runs(schedule in schedule()) {
        let cost = ScheduleCost::of(&schedule);
        match check_schedule(&schedule) {
            Err(problem) => {
                prop_assert!(problem.contains("`schedule"), "no block named: {problem}");
                prop_assert!(over_some_limit(&cost) || cost.cycles() == 0, "refused within limits: {problem}");
            }
            Ok(checked) => {
                prop_assert_eq!(checked, cost);
                prop_assert!(!over_some_limit(&cost) && cost.cycles() > 0);
                // Within the limits but too long for a test (a billion blocks of 0 cycles):
                // the figures were compared on the smaller schedules.
                if cost.walk_steps <= 20_000 && cost.cycles() <= 5_000 {
                    prop_assert_eq!(measure(schedule), cost);
                }
            }
        }
    }
}

#[test]
fn a_huge_repeat_over_blocks_that_amount_to_nothing_runs_nothing_and_ends() {
    let nothing = [
        Block::Repeat {
            times: 0,
            blocks: vec![Block::Sleep { cycles: 5 }],
        },
        Block::Repeat {
            times: 7,
            blocks: vec![],
        },
    ];
    for inner in nothing {
        let schedule = vec![
            Block::Repeat {
                times: 9_223_372_036_854_775_807,
                blocks: vec![inner],
            },
            Block::Sleep { cycles: 3 },
        ];
        let cost = check_schedule(&schedule).unwrap();
        assert_eq!(cost.cycles(), 3);
        // Before, the runner went through 9.2 × 10^18 empty rounds: it never ended.
        assert_eq!(measure(schedule), cost);
    }
}

#[test]
fn the_block_over_a_limit_is_named() {
    let schedule = vec![
        Block::Sleep { cycles: 1 },
        Block::Repeat {
            times: 2,
            blocks: vec![
                Block::Sleep { cycles: 1 },
                Block::Repeat {
                    times: 400_000_000,
                    blocks: vec![Block::Test {
                        cycles: 1,
                        label: "x".repeat(100),
                    }],
                },
            ],
        },
    ];
    let problem = check_schedule(&schedule).unwrap_err();
    assert!(problem.contains("`schedule[1].blocks[1]`"), "{problem}");
    assert!(problem.contains("test blocks"), "{problem}");
    let empty = vec![Block::Repeat {
        times: 9_223_372_036_854_775_807,
        blocks: vec![Block::Wake {
            task: Task::T1,
            cycles: 0,
        }],
    }];
    let problem = check_schedule(&empty).unwrap_err();
    assert!(
        problem.contains("`schedule[0]`") && problem.contains("blocks"),
        "{problem}"
    );
}
