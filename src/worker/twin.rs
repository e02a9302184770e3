//! The "without sleep" twin of a run: the same network from the same seed, with the same
//! waking experience, but every sleep skipped. Because waking and sleep draw from separate
//! random streams, the twins are identical up to the first sleep and differ afterwards
//! only through what sleep did to the weights.

use crate::preset::Preset;
use crate::sim::schedule::{Experiment, TestResult, without_sleep};
use crate::sim::simulation::SpikeLog;
use crate::sim::simulation::{Mode, Simulation};
use crate::sim::world::Task;

use super::protocol::{Activity, TwinFrame, WorldSnapshot};
use super::recorder::{CycleRecord, Recorder};

/// The twin and what it has to report.
pub struct Twin {
    experiment: Experiment,
    recorder: Recorder,
}

impl Twin {
    /// The twin of `preset` from `seed`.
    pub fn new(preset: &Preset, seed: u64) -> Self {
        let mut sim = Simulation::new(preset.params(), seed);
        sim.spike_log = Some(SpikeLog::default());
        Self {
            experiment: Experiment::new(sim, without_sleep(preset.schedule())).with_probes(preset.probes()),
            recorder: Recorder::default(),
        }
    }

    /// Takes the main run's new parameters.
    pub fn set_params(&mut self, params: crate::sim::Params) {
        self.experiment.sim.set_params(params);
    }

    /// Follows one cycle of the main run: the same manual mode, or its own schedule (which
    /// lacks the sleep blocks); nothing while the main run sleeps. Points and tests are
    /// dated by the main run's `clock`, so both twins share one time axis.
    pub fn follow(&mut self, manual: Option<Mode>, main_mode: Mode, clock: u64) {
        if main_mode == Mode::Sleep {
            return;
        }
        let (mode, testing, outcome, finished, probe) = match manual {
            Some(mode) => (mode, false, self.experiment.sim.run_cycle(mode), None, None),
            None => match self.experiment.step() {
                Some(s) => (s.mode, s.testing, s.outcome, s.finished_test, s.finished_probe),
                None => return,
            },
        };
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
