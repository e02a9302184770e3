//! The messages between the window and the simulation thread: [`Command`]s in, [`Frame`]s
//! (with the twin's [`TwinFrame`]) out, and the snapshots they carry. Nothing else lives
//! here: the record-keeping is in [`super::recorder`], the thread in `super::thread`.

use std::sync::Arc;

use ndarray::Array2;

use crate::preset::Preset;
use crate::series::ScorePoint;
use crate::sim::hidden::{LearnedLayer, VIEW_CELLS};
use crate::sim::params::Params;
use crate::sim::phase::Phase;
use crate::sim::probe::ProbeResult;
use crate::sim::schedule::TestResult;
use crate::sim::simulation::{BAR_GROUPS, Mode, Simulation, SpikeLog};
use crate::sim::world::{Bar, BarKind, Task, World};

/// What the animal is doing in a cycle, as the window shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    /// Awake and learning in a task's world.
    Wake(Task),
    /// Asleep.
    Sleep,
    /// A frozen test in a task's world (on a copy of the animal).
    Test(Task),
    /// Developing a learned hidden layer in a world of all four bar kinds.
    Develop,
}

impl Activity {
    /// What a cycle of `mode` is, as the window shows it (`testing`: on a test copy).
    pub fn of(mode: Mode, testing: bool) -> Self {
        match mode {
            Mode::Wake { task, .. } if testing => Activity::Test(task),
            Mode::Wake { task, .. } => Activity::Wake(task),
            Mode::Sleep => Activity::Sleep,
            Mode::Develop => Activity::Develop,
        }
    }
}

/// A request from the window to the simulation thread.
#[derive(Clone, Debug)]
pub enum Command {
    /// Run (true) or pause (false).
    Run(bool),
    /// Run exactly one cycle, then pause.
    Step,
    /// Run until the next sleep period starts, then pause there.
    RunToSleep,
    /// Target cycles per second; `None` = as fast as the machine goes.
    SetSpeed(Option<f64>),
    /// What the animal does from the next cycle.
    SetPhase(Phase),
    /// New parameters from the next cycle.
    SetParams(Box<Params>),
    /// Start afresh from a preset and seed.
    Reset {
        /// The preset (parameters and schedule).
        preset: Box<Preset>,
        /// The seed.
        seed: u64,
    },
    /// Turn the class pace on (true) or off: following the schedule, stop at the end of
    /// each of the preset's acts and play each act over its class time.
    SetClassPace(bool),
    /// Start afresh with (true) or without (false) a "without sleep" twin.
    SetTwin(bool),
    /// Test both tasks now on a frozen copy (`cycles` per task).
    TestNow {
        /// Cycles per task.
        cycles: u64,
    },
    /// Makes the thread panic with this message (to test that a fault is caught and shown).
    #[cfg(test)]
    PanicForTest(String),
    /// Keeps the thread busy this long without looking at its queue (to test that closing
    /// never waits for a busy thread).
    #[cfg(test)]
    StallForTest(std::time::Duration),
}

/// Spikes of one cycle, for the raster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CycleSpikes {
    /// The animal's cycle number.
    pub cycle: u64,
    /// What it was doing.
    pub activity: Option<Activity>,
    /// The spikes.
    pub spikes: SpikeLog,
}

/// A stretch of cycles with one activity, for shading plots.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    /// What the animal did.
    pub activity: Activity,
    /// First cycle.
    pub start: u64,
    /// Last cycle.
    pub end: u64,
}

/// The world as the window draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorldSnapshot {
    /// Side in cells.
    pub size: usize,
    /// The task it is made for.
    pub task: Task,
    /// Whether it is the world of all four bar kinds a learned layer develops in (nothing
    /// in it is food or bitter; `task` means nothing then).
    pub development: bool,
    /// The bars.
    pub bars: Vec<Bar>,
    /// The agent's (row, column).
    pub agent: (usize, usize),
}

impl WorldSnapshot {
    /// While `sim` develops (`activity`), a copy of the world of all four bar kinds it
    /// wanders in; otherwise `None` (the task world is shown).
    pub fn while_developing(sim: &Simulation, activity: Option<Activity>) -> Option<Self> {
        let world = sim
            .development_world()
            .filter(|_| activity == Some(Activity::Develop))?;
        Some(Self {
            development: true,
            ..Self::of(world)
        })
    }

    /// A copy of what the window draws of a world.
    pub fn of(world: &World) -> Self {
        Self {
            size: world.size(),
            task: world.task(),
            development: false,
            bars: world.bars().to_vec(),
            agent: world.agent,
        }
    }
}

/// What sleep replayed over its last cycles, by the bar that drives the hidden units (at
/// [`crate::sim::world::BarKind::index`], units that detect no single bar at
/// [`crate::sim::simulation::NO_BAR_GROUP`]): their spikes, what the sleep noise alone would give
/// them, and the potentiation of their synapses.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReplayMeter {
    /// Sleep cycles counted (at most [`super::REPLAY_WINDOW_CYCLES`]).
    pub cycles: usize,
    /// Hidden spikes of each group.
    pub spikes: [u64; BAR_GROUPS],
    /// The spikes each group fires on average from the sleep noise alone, over the same
    /// cycles (its units' spontaneous spike probabilities, silencing included).
    pub noise_spikes: [f64; BAR_GROUPS],
    /// Potentiation of each group's synapses.
    pub potentiation: [f64; BAR_GROUPS],
}

impl ReplayMeter {
    /// Each part's share of the total (None when all are zero).
    pub fn shares(parts: [f64; BAR_GROUPS]) -> Option<[f64; BAR_GROUPS]> {
        let total: f64 = parts.iter().sum();
        (total > 0.0).then(|| parts.map(|p| p / total))
    }
}

/// A learned hidden layer's input side, as the window draws it: each unit's input weight
/// from each cell of the 7×7 view, and the orientation each unit prefers.
#[derive(Clone, Debug, PartialEq)]
pub struct InputWeights {
    /// The cycle after which it was taken.
    pub cycle: u64,
    /// A row per hidden unit, a column per view cell (row-major, `VIEW_CELLS²`): the
    /// unit's input weight from that cell, 0 for a cell it does not see.
    pub weights: Array2<f32>,
    /// Beside `weights`: whether the unit sees the cell at all (a cell it sees may have
    /// lost all its weight; one it does not see is drawn blank).
    pub seen: Array2<bool>,
    /// Each unit's preferred orientation, `None` for a mixed or silent unit (read from its
    /// weights when a development ends, and during development from its weights so far).
    pub preferred: Vec<Option<BarKind>>,
}

impl InputWeights {
    /// A copy of `layer`'s input weights and preferences after cycle `cycle` (it only
    /// reads the layer: no random number is drawn, nothing changes).
    pub fn of(layer: &LearnedLayer, cycle: u64) -> Self {
        let cells = VIEW_CELLS * VIEW_CELLS;
        let mut weights = Array2::zeros((layer.len(), cells));
        let mut seen = Array2::from_elem((layer.len(), cells), false);
        for unit in 0..layer.len() {
            let inputs = layer.input_cells(unit);
            for (&(row, column), &weight) in inputs.iter().zip(layer.input_weights(unit)) {
                let cell = row * VIEW_CELLS + column;
                if let Some(w) = weights.get_mut((unit, cell)) {
                    *w = weight;
                }
                if let Some(s) = seen.get_mut((unit, cell)) {
                    *s = true;
                }
            }
        }
        Self {
            cycle,
            weights,
            seen,
            preferred: layer.preferred_now(),
        }
    }

    /// Whether `other` shows the same weights and preferences (whenever it was taken).
    pub fn same_as(&self, other: &Self) -> bool {
        self.weights == other.weights && self.seen == other.seen && self.preferred == other.preferred
    }

    /// Number of hidden units.
    pub fn units(&self) -> usize {
        self.weights.nrows()
    }
}

/// A snapshot of the simulation, and what happened since the previous one.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Counts resets, so the window knows when to clear its histories.
    pub epoch: u64,
    /// Commands the thread has applied so far: a frame is up to date with the window's
    /// wishes when this equals [`super::WorkerHandle::commands_sent`].
    pub commands_applied: u64,
    /// The seed of this run.
    pub seed: u64,
    /// Cycles simulated so far.
    pub cycle: u64,
    /// Whether the simulation is running (the window's Run/Pause follows this).
    pub running: bool,
    /// What the user chose.
    pub phase: Phase,
    /// What the last cycle did.
    pub activity: Option<Activity>,
    /// Whether the schedule has run to its end (which pauses the run).
    pub schedule_finished: bool,
    /// The preset's act under way (its count once every act has ended).
    pub act: usize,
    /// The act at whose end the class pace stopped the run, until it goes on.
    pub act_stop: Option<usize>,
    /// Cycles per second achieved over the last second.
    pub cycles_per_sec: f64,
    /// The world the animal is in (or was last in, while asleep).
    pub world: Option<WorldSnapshot>,
    /// Spikes of the last cycles, oldest first (at most [`super::RASTER_CYCLES`]).
    pub raster: Vec<CycleSpikes>,
    /// The hidden→output weights: a row per hidden unit, a column per output.
    pub weights: Array2<f32>,
    /// The synapses (beside `weights`) that sleep's own STDP strengthened in the sleep
    /// cycles since the last frame, before normalisation rescaled their columns.
    pub strengthened_in_sleep: Array2<bool>,
    /// The weights at the end of each task's last waking block, if any (shared: they
    /// change once per task, not once per frame).
    pub weights_after_task: [Option<Arc<Array2<f32>>>; 2],
    /// The parameters in use.
    pub params: Params,
    /// The kind of bar each hidden unit detects.
    pub hidden_kinds: Arc<[Option<BarKind>]>,
    /// The view cells each hidden unit looks at.
    pub hidden_footprints: Arc<[Vec<(usize, usize)>]>,
    /// A learned hidden layer's input weights (`None` for detectors). A new snapshot is
    /// taken only when they changed (in development, and once when it ends), at most every
    /// [`super::INPUT_WEIGHTS_INTERVAL`]; the frames in between share it.
    pub input_weights: Option<Arc<InputWeights>>,
    /// New score points since the last frame.
    pub new_scores: Vec<ScorePoint>,
    /// New or extended activity spans since the last frame.
    pub new_spans: Vec<Span>,
    /// Test results finished since the last frame.
    pub new_tests: Vec<TestResult>,
    /// Probes taken since the last frame (the preset's `[probes]`): both tasks' frozen
    /// scores, `at_cycle` on the run's clock; empty when probes are off.
    pub new_probes: Vec<ProbeResult>,
    /// The label of the schedule block running now.
    pub block_label: String,
    /// Where the schedule stands, while following it (after its first cycle).
    pub schedule: Option<crate::sim::schedule::Position>,
    /// What the last sleep cycles replayed.
    pub replay: ReplayMeter,
    /// Each task's replay score over every sleep cycle of the run so far (`sleeplab
    /// replay`'s measure), once the run has slept.
    pub replay_scores: Option<[crate::analysis::replay::TaskReplay; 2]>,
    /// The "without sleep" twin, when a twin run is on.
    pub twin: Option<TwinFrame>,
}

impl Frame {
    /// Whether the frame shows a followed schedule run to its end.
    pub fn followed_schedule_ended(&self) -> bool {
        self.schedule_finished && self.phase == Phase::Schedule
    }
}

/// What the window shows of the twin.
#[derive(Clone, Debug)]
pub struct TwinFrame {
    /// The twin's cycles (fewer than the main run's: it skips sleep).
    pub cycle: u64,
    /// Its weights, hidden × outputs like the main run's.
    pub weights: Array2<f32>,
    /// New running-score points since the last frame.
    pub new_scores: Vec<ScorePoint>,
    /// Test results finished since the last frame.
    pub new_tests: Vec<TestResult>,
    /// Probes it took since the last frame, dated by the main run's cycle (on its own
    /// schedule: one per `every_cycles` of its waking cycles, as it has no sleep).
    pub new_probes: Vec<ProbeResult>,
    /// The world it forages in (the last one it was awake in).
    pub world: Option<WorldSnapshot>,
    /// Its spikes in the last cycles it ran, oldest first.
    pub raster: Vec<CycleSpikes>,
    /// Its own weights at the end of each task's last waking block, if any (what its
    /// heatmap is coloured by task from).
    pub weights_after_task: [Option<Arc<Array2<f32>>>; 2],
}
