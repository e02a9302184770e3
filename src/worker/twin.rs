//! The "without sleep" twin of a run: the same network from the same seed, with the same
//! waking experience, but every sleep skipped. Because waking and sleep draw from separate
//! random streams, the twins are identical up to the first sleep and differ afterwards
//! only through what sleep did to the weights.

use crate::preset::Preset;
use crate::sim::schedule::{Advance, Experiment, Step, TestResult, without_sleep};
use crate::sim::simulation::SpikeLog;
use crate::sim::simulation::{Mode, Simulation};
use crate::sim::world::Task;

use super::protocol::{Activity, TwinFrame, WorldSnapshot};
use super::recorder::{CycleRecord, Recorder};

/// The twin and what it has to report.
pub struct Twin {
    experiment: Experiment,
    recorder: Recorder,
    /// The main run's clock at a cycle the twin follows and whose step of its schedule is
    /// not done yet (a probe, or blocks of no cycles, come first): see [`Twin::settle`].
    owed: Option<u64>,
}

impl Twin {
    /// The twin of `preset` from `seed`.
    pub fn new(preset: &Preset, seed: u64) -> Self {
        let mut sim = Simulation::new(preset.params(), seed);
        sim.spike_log = Some(SpikeLog::default());
        Self {
            experiment: Experiment::new(sim, without_sleep(preset.schedule())).with_probes(preset.probes()),
            recorder: Recorder::default(),
            owed: None,
        }
    }

    /// Takes the main run's new parameters.
    pub fn set_params(&mut self, params: crate::sim::Params) {
        self.experiment.sim.set_params(params);
    }

    /// Follows one cycle of the main run: the same manual mode, or its own schedule (which
    /// lacks the sleep blocks); nothing while the main run sleeps. Points and tests are
    /// dated by the main run's `clock`, so both twins share one time axis. A step of its
    /// schedule does at most `work` pieces of work before its cycle (see
    /// [`Experiment::advance`]); [`Twin::settle`] does the rest.
    pub fn follow(&mut self, manual: Option<Mode>, main_mode: Mode, clock: u64, work: u64) {
        if main_mode == Mode::Sleep {
            return;
        }
        let Some(mode) = manual else {
            self.owed = Some(clock);
            self.settle(work);
            return;
        };
        let outcome = self.experiment.sim.run_cycle(mode);
        let step = Step::of_cycle(mode, outcome, false);
        self.record(step, clock);
    }

    /// Goes on with the step of its schedule that [`Twin::follow`] began, doing at most
    /// `work` pieces of work; whether the twin owes nothing any more.
    pub fn settle(&mut self, work: u64) -> bool {
        let Some(clock) = self.owed else {
            return true;
        };
        match self.experiment.advance(work) {
            Advance::Cycle(step) => {
                self.owed = None;
                self.record(step, clock);
                true
            }
            Advance::Busy => false,
            Advance::End => {
                self.owed = None;
                true
            }
        }
    }

    /// Records a cycle it ran, following the main run's cycle `clock`.
    fn record(&mut self, step: Step, clock: u64) {
        let Step {
            mode,
            testing,
            outcome,
            finished_test: finished,
            finished_probe: probe,
        } = step;
        let sim = &self.experiment.sim;
        self.recorder.record(CycleRecord {
            clock,
            activity: Activity::of(mode, testing),
            outcome: &outcome,
            spikes: sim.spike_log.as_ref(),
            synapses: &sim.synapses,
        });
        if let Some(mut result) = finished {
            result.at_cycle = clock;
            self.recorder.push_test(result);
        }
        if let Some(mut result) = probe {
            result.at_cycle = clock;
            self.recorder.push_probe(result);
        }
    }

    /// Tests both tasks now on a frozen copy (dated by the main run's `clock`).
    pub fn test_now(&mut self, label: String, cycles: u64, clock: u64) {
        let result = TestResult::measure(&mut self.experiment.sim, label, cycles, clock);
        self.recorder.push_test(result);
    }

    /// A snapshot, handing over what happened since the last one.
    pub fn frame(&mut self) -> TwinFrame {
        let deltas = self.recorder.take_deltas();
        let sim = &self.experiment.sim;
        let last_task = self.recorder.last_wake_task().unwrap_or(Task::T1);
        TwinFrame {
            cycle: sim.cycle,
            weights: sim.synapses.weights(),
            new_scores: deltas.scores,
            new_tests: deltas.tests,
            new_probes: deltas.probes,
            world: WorldSnapshot::while_developing(sim, self.recorder.last_activity())
                .or_else(|| sim.world_if_made(last_task).map(WorldSnapshot::of)),
            raster: self.recorder.raster(),
            weights_after_task: self.recorder.weights_after_task().clone(),
        }
    }
}
