//! A digits preset's seed run in the report's usual shape: each test's T1 and T2 are the
//! accuracies on task A (digits 0–4) and task B (5–9), so that tables, JSON, sweeps, shards
//! and merge treat it like any other run.

use std::sync::atomic::{AtomicBool, Ordering};

use super::{Job, SeedRun, SeedTest};
use crate::digits::{DigitsRun, DigitsSetup, DigitsTask, DigitsTest};

/// Runs `setup`'s schedule for `seed`, or gives up (`None`) between blocks once `cancel`
/// is set. The digits were checked when the preset was read, so they load here.
pub(super) fn run_seed(
    job: &Job,
    index: usize,
    seed: u64,
    setup: &DigitsSetup,
    cancel: &AtomicBool,
) -> Option<SeedRun> {
    let mut run = DigitsRun::new(setup, seed).ok()?;
    for block in &setup.schedule {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        run.run_block(block);
    }
    Some(SeedRun {
        preset: job.name.clone(),
        vary: job.vary.clone(),
        seed,
        tests: run.tests.iter().map(seed_test).collect(),
        series: (Vec::new(), Vec::new()),
        probes: Vec::new(),
        job: index,
    })
}

/// A digits test as a report's test: `at_cycle` holds the run's steps (SGD steps plus
/// sleep steps), and the "eaten" pairs hold right and wrong answers.
fn seed_test(test: &DigitsTest) -> SeedTest {
    let [a, b] = DigitsTask::SCORED;
    SeedTest {
        label: test.label.clone(),
        at_cycle: test.at_step,
        t1: test.accuracy(a),
        t2: test.accuracy(b),
        t1_eaten: test.right_wrong(a),
        t2_eaten: test.right_wrong(b),
    }
}
