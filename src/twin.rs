//! The "without sleep" twin of a run: the same network from the same seed, with the same
//! waking experience, but every sleep skipped. Because waking and sleep draw from separate
//! random streams, the twins are identical up to the first sleep and differ afterwards
//! only through what sleep did to the weights.

use crate::preset::Preset;
use crate::series::{ScorePoint, ScoreTracker};
use crate::sim::schedule::{Experiment, TestResult, without_sleep};
use crate::sim::simulation::SpikeLog;
use crate::sim::simulation::{Mode, Simulation};
use crate::sim::world::Task;
use crate::worker::{CycleSpikes, RasterRing, WorldSnapshot, activity_of};

/// Most score points held back while the window is not reading (then thinned).
const MAX_PENDING_POINTS: usize = 20_000;
/// Most test results held back while the window is not reading (the oldest go first).
const MAX_PENDING_TESTS: usize = 1_000;

/// What the window shows of the twin.
#[derive(Clone, Debug)]
pub struct TwinFrame {
    /// The twin's cycles (fewer than the main run's: it skips sleep).
    pub cycle: u64,
    /// Its weights, row-major like the main run's.
    pub weights: Vec<f32>,
    /// New running-score points since the last frame.
    pub new_scores: Vec<ScorePoint>,
    /// Test results finished since the last frame.
    pub new_tests: Vec<TestResult>,
    /// The world it forages in (the last one it was awake in).
    pub world: Option<WorldSnapshot>,
    /// Its spikes in the last cycles it ran, oldest first.
    pub raster: Vec<CycleSpikes>,
}

/// The twin and what it has to report.
pub struct Twin {
    experiment: Experiment,
    scores: ScoreTracker,
    pending_scores: Vec<ScorePoint>,
    pending_tests: Vec<TestResult>,
    raster: RasterRing,
    last_task: Task,
}

impl Twin {
    /// The twin of `preset` from `seed`.
    pub fn new(preset: &Preset, seed: u64) -> Self {
        let mut sim = Simulation::new(preset.params(), seed);
        sim.spike_log = Some(SpikeLog::default());
        Self {
            experiment: Experiment::new(sim, without_sleep(preset.schedule())),
            scores: ScoreTracker::default(),
            pending_scores: Vec::new(),
            pending_tests: Vec::new(),
            raster: RasterRing::default(),
            last_task: Task::T1,
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
        let (mode, testing, outcome, finished) = match manual {
            Some(mode) => (mode, false, self.experiment.sim.run_cycle(mode), None),
            None => match self.experiment.step() {
                Some(s) => (s.mode, s.testing, s.outcome, s.finished_test),
                None => return,
            },
        };
        if let Mode::Wake { task, .. } = mode
            && !testing
        {
            self.last_task = task;
        }
        let log = self.experiment.sim.spike_log.as_ref().filter(|_| !testing);
        self.raster.push(clock, activity_of(mode, testing), log);
        if let (Mode::Wake { task, .. }, false, Some(kind)) = (mode, testing, outcome.eaten) {
            self.pending_scores.extend(self.scores.meal(clock, task, kind));
            if self.pending_scores.len() > MAX_PENDING_POINTS {
                crate::worker::thin_out(&mut self.pending_scores);
            }
        }
        self.pending_tests.extend(finished.map(|mut t| {
            t.at_cycle = clock;
            t
        }));
        if self.pending_tests.len() > MAX_PENDING_TESTS {
            self.pending_tests.drain(..MAX_PENDING_TESTS / 2);
        }
    }

    /// Tests both tasks now on a frozen copy (dated by the main run's `clock`).
    pub fn test_now(&mut self, label: String, cycles: u64, clock: u64) {
        let result = TestResult::measure(&mut self.experiment.sim, label, cycles, clock);
        self.pending_tests.push(result);
    }

    /// A snapshot, handing over what happened since the last one.
    pub fn frame(&mut self) -> TwinFrame {
        TwinFrame {
            cycle: self.experiment.sim.cycle,
            weights: self.experiment.sim.synapses.weight.clone(),
            new_scores: std::mem::take(&mut self.pending_scores),
            new_tests: std::mem::take(&mut self.pending_tests),
            world: self
                .experiment
                .sim
                .world_if_made(self.last_task)
                .map(WorldSnapshot::of),
            raster: self.raster.to_vec(),
        }
    }
}
