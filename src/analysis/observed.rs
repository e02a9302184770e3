//! One seed of a job run to its end with an observer that sees the experiment after every
//! cycle. The observer gets the experiment only to read, so what it records can never change
//! the run: the test scores are those `sleeplab run` prints for the same seed.

use crate::headless::{Job, SeedRun, SeedTest};
use crate::sim::Simulation;
use crate::sim::schedule::{Experiment, Step};

/// Runs seed `seed` of `job` (job number `index` of a batch) to the end of its schedule,
/// handing `observe` the experiment after each cycle together with that cycle's step.
/// `record_spikes` keeps every spike of the last cycle in `sim.spike_log` (which changes no
/// result: quiet steps are then run rather than skipped, bit for bit alike). Returns the
/// run as `sleeplab run` reports it, and the animal as the schedule left it.
pub fn run_observed(
    job: &Job,
    index: usize,
    seed: u64,
    record_spikes: bool,
    mut observe: impl FnMut(&Experiment, &Step),
) -> (SeedRun, Simulation) {
    let mut sim = Simulation::new(job.preset.params(), seed);
    if record_spikes {
        sim.spike_log = Some(crate::sim::outcome::SpikeLog::default());
    }
    let mut experiment =
        Experiment::new(sim, job.preset.schedule().to_vec()).with_probes(job.preset.probes());
    while let Some(step) = experiment.step() {
        observe(&experiment, &step);
    }
    let run = SeedRun {
        preset: job.name.clone(),
        vary: job.vary.clone(),
        seed,
        tests: experiment.results.iter().map(SeedTest::from_result).collect(),
        series: (Vec::new(), experiment.results.clone()),
        probes: std::mem::take(&mut experiment.probe_results),
        job: index,
    };
    (run, experiment.sim)
}
