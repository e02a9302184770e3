//! The engine end to end: determinism, forgetting without sleep and protection with it.

use sleeplab::headless::{Job, run_seed};
use sleeplab::preset::Preset;
use sleeplab::sim::schedule::{Block, Experiment};
use sleeplab::sim::{Mode, Simulation, Task};

fn shipped(name: &str) -> Job {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("presets")
        .join(name);
    Job::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_shipped_preset_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            Preset::load(&path).unwrap_or_else(|e| panic!("{e}"));
            count += 1;
        }
    }
    assert!(count >= 5);
}

#[test]
fn one_seed_gives_one_run_bit_for_bit() {
    let run = |seed| {
        let mut sim = Simulation::new(sleeplab::sim::Params::default(), seed);
        for _ in 0..3_000 {
            sim.run_cycle(Mode::Wake {
                task: Task::T1,
                plastic: true,
            });
        }
        for _ in 0..1_000 {
            sim.run_cycle(Mode::Sleep);
        }
        sim.synapses
            .weight
            .iter()
            .map(|w| w.to_bits())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn test_blocks_leave_the_network_exactly_as_they_found_it() {
    let params = sleeplab::sim::Params::default();
    let train = vec![
        Block::Wake {
            task: Task::T1,
            cycles: 2_000,
        },
        Block::Sleep { cycles: 500 },
    ];
    let mut with_tests = train.clone();
    with_tests.insert(
        1,
        Block::Test {
            cycles: 500,
            label: "mid".into(),
        },
    );
    let mut a = Experiment::new(Simulation::new(params.clone(), 3), train);
    let mut b = Experiment::new(Simulation::new(params, 3), with_tests);
    a.run_to_end(|_| {});
    b.run_to_end(|_| {});
    assert_eq!(a.sim.synapses, b.sim.synapses);
    assert_eq!(b.results.len(), 1);
}

/// A shorter version of the shipped protocol: T1, then T2 with or without sleep between bouts.
fn shortened(job: &Job) -> Job {
    let mut job = job.clone();
    let mut schedule = Vec::new();
    for block in &job.preset.schedule {
        schedule.push(match block {
            Block::Wake { task, .. } => Block::Wake {
                task: *task,
                cycles: 12_000,
            },
            Block::Test { label, .. } => Block::Test {
                cycles: 4_000,
                label: label.clone(),
            },
            Block::Repeat { blocks, .. } => Block::Repeat {
                times: 120,
                blocks: blocks.clone(),
            },
            other @ Block::Sleep { .. } => other.clone(),
        });
    }
    job.preset.schedule = schedule;
    job
}

fn mean_t1(job: &Job, label: &str, seeds: std::ops::Range<u64>) -> f64 {
    let n = seeds.end - seeds.start;
    let total: f64 = seeds
        .map(|seed| {
            let run = run_seed(job, seed, |_| {});
            run.tests.iter().find(|t| t.label == label).map(|t| t.t1).unwrap()
        })
        .sum();
    total / n as f64
}

#[test]
fn sequential_training_forgets_task_one_and_sleep_protects_it() {
    let sequential = shortened(&shipped("sequential.toml"));
    let sleep = shortened(&shipped("sleep.toml"));
    let seeds = 1..7;
    let learned = mean_t1(&sequential, "after T1", seeds.clone());
    let forgotten = mean_t1(&sequential, "final", seeds.clone());
    let kept = mean_t1(&sleep, "final", seeds);
    assert!(learned > 0.65, "task 1 was not learned: {learned:.3}");
    assert!(
        forgotten < learned - 0.1,
        "no forgetting: {learned:.3} → {forgotten:.3}"
    );
    assert!(
        kept > forgotten + 0.05,
        "sleep did not protect: {kept:.3} against {forgotten:.3}"
    );
}
