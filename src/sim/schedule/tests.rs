//! Unit tests of the schedule helpers.

use super::*;

fn wake(task: Task, cycles: u64) -> Block {
    Block::Wake { task, cycles }
}

#[test]
fn without_sleep_drops_every_sleep_block() {
    let schedule = vec![Block::Repeat {
        times: 3,
        blocks: vec![wake(Task::T2, 2), Block::Sleep { cycles: 3 }],
    }];
    assert_eq!(total_cycles(&without_sleep(&schedule)), 6);
}

/// A schedule with everything `advance` cuts into pieces: probes, tests, and runs of
/// blocks that take no cycles.
fn cut_up_experiment() -> Experiment {
    let schedule = vec![
        wake(Task::T1, 250),
        Block::Repeat {
            times: 40,
            blocks: vec![Block::Freeze { top_percent: 30.0 }, Block::Unfreeze],
        },
        Block::Freeze { top_percent: 10.0 },
        Block::Test {
            cycles: 60,
            label: "middle".into(),
        },
        Block::Repeat {
            times: 2,
            blocks: vec![wake(Task::T2, 120), Block::Sleep { cycles: 90 }],
        },
        Block::Unfreeze,
    ];
    let probes = Probes {
        every_cycles: 100,
        cycles: 75,
    };
    Experiment::new(
        Simulation::new(crate::sim::params::Params::default(), 11),
        schedule,
    )
    .with_probes(probes)
}

#[test]
fn a_schedule_advanced_in_pieces_is_the_schedule_stepped_whole_bit_for_bit() {
    let mut whole = cut_up_experiment();
    let mut steps = Vec::new();
    while let Some(step) = whole.step() {
        steps.push((step.mode, step.outcome, step.finished_test, step.finished_probe));
    }
    for work in [1, 7, 64] {
        let mut cut = cut_up_experiment();
        let mut pieces = Vec::new();
        let mut busy = 0;
        loop {
            match cut.advance(work) {
                Advance::Cycle(step) => {
                    pieces.push((step.mode, step.outcome, step.finished_test, step.finished_probe));
                }
                Advance::Busy => busy += 1,
                Advance::End => break,
            }
        }
        assert!(busy > 0, "pieces of {work} cut nothing");
        assert_eq!(pieces, steps, "pieces of {work}");
        assert_eq!(cut.results, whole.results);
        assert_eq!(cut.probe_results, whole.probe_results);
        assert_eq!(cut.probe_results.len(), 6, "670 waking and sleep cycles");
        assert_eq!(cut.sim.cycle, whole.sim.cycle);
        assert_eq!(cut.sim.synapses.weights(), whole.sim.synapses.weights());
    }
}
