//! The simulation thread: it owns the experiment, takes [`Command`]s over a bounded
//! channel, and publishes [`Frame`] snapshots that the window drains every frame. Nothing
//! here knows about egui: the window passes a waker that asks for a repaint.

use std::collections::VecDeque;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError, bounded};

use crate::preset::Preset;
pub use crate::series::ScorePoint;
use crate::series::ScoreTracker;
use crate::sim::Simulation;
use crate::sim::params::Params;
use crate::sim::schedule::{Experiment, TestResult};
use crate::sim::simulation::{CycleOutcome, Mode, SpikeLog};
use crate::sim::world::{Bar, BarKind, Task};
use crate::twin::{Twin, TwinFrame};

/// What the animal is doing in a cycle, as the window shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    /// Awake and learning in a task's world.
    Wake(Task),
    /// Asleep.
    Sleep,
    /// A frozen test in a task's world (on a copy of the animal).
    Test(Task),
}

/// What the user chose the animal to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Awake in a task's world, or asleep, until switched.
    Manual(ManualPhase),
    /// Play the preset's schedule.
    Schedule,
}

/// The phases the user can switch between by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManualPhase {
    /// Wake, learning task 1.
    WakeT1,
    /// Wake, learning task 2.
    WakeT2,
    /// Sleep.
    Sleep,
}

impl ManualPhase {
    /// The simulation mode of this phase.
    pub fn mode(self) -> Mode {
        match self {
            ManualPhase::WakeT1 => Mode::Wake {
                task: Task::T1,
                plastic: true,
            },
            ManualPhase::WakeT2 => Mode::Wake {
                task: Task::T2,
                plastic: true,
            },
            ManualPhase::Sleep => Mode::Sleep,
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
    /// Target cycles per second; `None` = as fast as the machine goes.
    SetSpeed(Option<f64>),
    /// What the animal does from the next cycle.
    SetControl(Control),
    /// New parameters from the next cycle.
    SetParams(Box<Params>),
    /// Start afresh from a preset and seed.
    Reset {
        /// The preset (parameters and schedule).
        preset: Box<Preset>,
        /// The seed.
        seed: u64,
    },
    /// Start afresh with (true) or without (false) a "without sleep" twin.
    SetTwin(bool),
    /// Test both tasks now on a frozen copy (`cycles` per task).
    TestNow {
        /// Cycles per task.
        cycles: u64,
    },
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

/// The spikes of the last [`RASTER_CYCLES`] cycles, oldest first; entries are reused.
#[derive(Clone, Debug, Default)]
pub struct RasterRing(VecDeque<CycleSpikes>);

impl RasterRing {
    /// Adds a cycle: `log` holds its spikes, or `None` for a cycle with none to show.
    pub fn push(&mut self, cycle: u64, activity: Activity, log: Option<&SpikeLog>) {
        let mut entry = if self.0.len() >= RASTER_CYCLES {
            self.0.pop_front().unwrap_or_default()
        } else {
            CycleSpikes::default()
        };
        entry.cycle = cycle;
        entry.activity = Some(activity);
        match log {
            Some(log) => entry.spikes.clone_from(log),
            None => entry.spikes.clear(),
        }
        self.0.push_back(entry);
    }

    /// The cycles held, oldest first.
    pub fn to_vec(&self) -> Vec<CycleSpikes> {
        self.0.iter().cloned().collect()
    }

    /// Forgets every cycle.
    pub fn clear(&mut self) {
        self.0.clear();
    }
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
    /// The bars.
    pub bars: Vec<Bar>,
    /// The agent's (row, column).
    pub agent: (usize, usize),
}

impl WorldSnapshot {
    /// A copy of what the window draws of a world.
    pub fn of(world: &crate::sim::world::World) -> Self {
        Self {
            size: world.size(),
            task: world.task(),
            bars: world.bars().to_vec(),
            agent: world.agent,
        }
    }
}

/// A snapshot of the simulation, and what happened since the previous one.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Counts resets, so the window knows when to clear its histories.
    pub epoch: u64,
    /// The seed of this run.
    pub seed: u64,
    /// Cycles simulated so far.
    pub cycle: u64,
    /// Whether the simulation is running.
    pub running: bool,
    /// What the user chose.
    pub control: Control,
    /// What the last cycle did.
    pub activity: Option<Activity>,
    /// Whether the schedule has run to its end.
    pub schedule_finished: bool,
    /// Cycles per second achieved over the last second.
    pub cycles_per_sec: f64,
    /// The world the animal is in (or was last in, while asleep).
    pub world: Option<WorldSnapshot>,
    /// Spikes of the last cycles, oldest first (at most [`RASTER_CYCLES`]).
    pub raster: Vec<CycleSpikes>,
    /// W[i][j], row-major (hidden × 8 outputs).
    pub weights: Vec<f32>,
    /// The weights at the end of each task's last waking block, if any.
    pub weights_after_task: [Option<Vec<f32>>; 2],
    /// The parameters in use.
    pub params: Params,
    /// The kind of bar each hidden unit detects.
    pub hidden_kinds: Arc<[Option<BarKind>]>,
    /// The view cells each hidden unit looks at.
    pub hidden_footprints: Arc<[Vec<(usize, usize)>]>,
    /// New score points since the last frame.
    pub new_scores: Vec<ScorePoint>,
    /// New or extended activity spans since the last frame.
    pub new_spans: Vec<Span>,
    /// Test results finished since the last frame.
    pub new_tests: Vec<TestResult>,
    /// The label of the schedule block running now.
    pub block_label: String,
    /// What the last sleep cycles replayed.
    pub replay: ReplayMeter,
    /// The "without sleep" twin, when a twin run is on.
    pub twin: Option<TwinFrame>,
}

/// What sleep replayed over its last cycles: hidden spikes and potentiation of the synapses
/// of units tagged with each task (the task whose bars drive them), and of units that detect
/// no bar (at [`crate::sim::simulation::NO_TASK`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReplayMeter {
    /// Sleep cycles counted (at most [`REPLAY_WINDOW_CYCLES`]).
    pub cycles: usize,
    /// Hidden spikes of T1-tagged, T2-tagged and untagged units.
    pub spikes: [u64; 3],
    /// Potentiation of T1-tagged, T2-tagged and untagged units' synapses.
    pub potentiation: [f64; 3],
}

impl ReplayMeter {
    /// Each part's share of the total (None when all are zero).
    pub fn shares(parts: [f64; 3]) -> Option<[f64; 3]> {
        let total: f64 = parts.iter().sum();
        (total > 0.0).then(|| parts.map(|p| p / total))
    }
}

/// Sleep cycles the replay meter looks back over.
pub const REPLAY_WINDOW_CYCLES: usize = 500;

/// Cycles of spikes kept for the raster.
pub const RASTER_CYCLES: usize = 40;
/// Most score points held back while the window is not reading (older ones are thinned).
const MAX_PENDING_POINTS: usize = 20_000;
/// Most test results held back while the window is not reading (the oldest go first).
const MAX_PENDING_TESTS: usize = 1_000;
/// Frames are published at most this often.
const FRAME_INTERVAL: Duration = Duration::from_millis(15);
/// Work between two looks at the command channel.
const SLICE: Duration = Duration::from_millis(4);

/// The window's end of the simulation thread. Dropping it stops and joins the thread.
pub struct WorkerHandle {
    commands: Option<Sender<Command>>,
    frames: Receiver<Frame>,
    thread: Option<JoinHandle<()>>,
}

impl WorkerHandle {
    /// Starts the simulation thread on a preset; `waker` is called after every frame.
    pub fn spawn(preset: Preset, seed: u64, waker: impl Fn() + Send + 'static) -> std::io::Result<Self> {
        let (command_tx, command_rx) = bounded(256);
        let (frame_tx, frame_rx) = bounded(2);
        let thread = std::thread::Builder::new()
            .name("sleeplab-sim".into())
            .spawn(move || Worker::new(preset, seed, command_rx, frame_tx, Box::new(waker)).run())?;
        Ok(Self {
            commands: Some(command_tx),
            frames: frame_rx,
            thread: Some(thread),
        })
    }

    /// Sends a command; false if the thread has stopped or its queue is full.
    pub fn send(&self, command: Command) -> bool {
        self.commands
            .as_ref()
            .is_some_and(|tx| tx.try_send(command).is_ok())
    }

    /// Every frame published since the last call, oldest first.
    pub fn drain(&self) -> Vec<Frame> {
        self.frames.try_iter().collect()
    }

    /// Waits up to `timeout` for the next frame (for tests and headless tools).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Frame> {
        self.frames.recv_timeout(timeout).ok()
    }

    /// Whether the thread is still running.
    pub fn is_alive(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        // Closing the command channel tells the thread to stop.
        self.commands = None;
        // Unblock a thread waiting to publish.
        while self.frames.try_recv().is_ok() {}
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            log::error!("the simulation thread panicked");
        }
    }
}

/// The simulation thread's state.
struct Worker {
    experiment: Experiment,
    preset: Preset,
    control: Control,
    running: bool,
    speed_hz: Option<f64>,
    epoch: u64,
    commands: Receiver<Command>,
    frames: Sender<Frame>,
    waker: Box<dyn Fn() + Send>,
    raster: RasterRing,
    /// The hidden layer's kinds and footprints (fixed for a run; shared with every frame).
    layout: HiddenLayout,
    scores: ScoreTracker,
    pending_scores: Vec<ScorePoint>,
    pending_spans: Vec<Span>,
    pending_tests: Vec<TestResult>,
    current_span: Option<Span>,
    weights_after_task: [Option<Vec<f32>>; 2],
    replay: VecDeque<([u32; 3], [f32; 3])>,
    twin: Option<Twin>,
    last_activity: Option<Activity>,
    /// The task of the last waking cycle (the world shown while asleep).
    last_wake_task: Task,
    schedule_finished: bool,
    last_frame: Instant,
    rate_window: (Instant, u64),
    cycles_per_sec: f64,
    paced_since: (Instant, u64),
}

impl Worker {
    fn new(
        preset: Preset,
        seed: u64,
        commands: Receiver<Command>,
        frames: Sender<Frame>,
        waker: Box<dyn Fn() + Send>,
    ) -> Self {
        let now = Instant::now();
        let mut worker = Self {
            experiment: new_experiment(&preset, seed),
            preset,
            control: Control::Manual(ManualPhase::WakeT1),
            running: false,
            speed_hz: None,
            epoch: 0,
            commands,
            frames,
            waker,
            raster: RasterRing::default(),
            layout: HiddenLayout::default(),
            scores: ScoreTracker::default(),
            pending_scores: Vec::new(),
            pending_spans: Vec::new(),
            pending_tests: Vec::new(),
            current_span: None,
            weights_after_task: [None, None],
            replay: VecDeque::with_capacity(REPLAY_WINDOW_CYCLES),
            twin: None,
            last_activity: None,
            last_wake_task: Task::T1,
            schedule_finished: false,
            last_frame: now,
            rate_window: (now, 0),
            cycles_per_sec: 0.0,
            paced_since: (now, 0),
        };
        worker.experiment.sim.world(Task::T1);
        worker.layout = hidden_layout(&worker.experiment.sim);
        worker
    }

    fn run(mut self) {
        self.publish(true);
        loop {
            // Commands first: wait for one while paused, only look while running.
            let command = if self.running {
                match self.commands.try_recv() {
                    Ok(c) => Some(c),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            } else {
                match self.commands.recv_timeout(Duration::from_millis(50)) {
                    Ok(c) => Some(c),
                    Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                    Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return,
                }
            };
            if let Some(command) = command {
                self.apply(command);
                self.publish(true);
                continue;
            }
            if self.running {
                self.run_slice();
            }
            self.publish(false);
        }
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Run(run) => {
                self.running = run;
                self.reset_pacing();
            }
            Command::Step => {
                self.running = false;
                self.one_cycle();
            }
            Command::SetSpeed(hz) => {
                self.speed_hz = hz.filter(|h| h.is_finite() && *h > 0.0);
                self.reset_pacing();
            }
            Command::SetControl(control) => {
                self.control = control;
                if control == Control::Schedule && self.schedule_finished {
                    self.running = false;
                }
            }
            Command::SetParams(params) => {
                if let Some(twin) = &mut self.twin {
                    twin.set_params((*params).clone());
                }
                self.experiment.sim.set_params(*params);
            }
            Command::SetTwin(on) => {
                let seed = self.experiment.sim.seed();
                let preset = Box::new(self.preset.clone());
                self.twin = on.then(|| Twin::new(&preset, seed));
                self.apply(Command::Reset { preset, seed });
            }
            Command::Reset { preset, seed } => {
                // A fresh start is paused, as the window shows it.
                self.running = false;
                if self.twin.is_some() {
                    self.twin = Some(Twin::new(&preset, seed));
                }
                self.experiment = new_experiment(&preset, seed);
                self.experiment.sim.world(Task::T1);
                self.layout = hidden_layout(&self.experiment.sim);
                self.preset = *preset;
                self.epoch += 1;
                self.raster.clear();
                self.scores = ScoreTracker::default();
                self.pending_scores.clear();
                self.pending_spans.clear();
                self.pending_tests.clear();
                self.current_span = None;
                self.weights_after_task = [None, None];
                self.replay.clear();
                self.last_activity = None;
                self.last_wake_task = Task::T1;
                self.schedule_finished = false;
                self.reset_pacing();
            }
            Command::TestNow { cycles } => {
                let clock = self.experiment.sim.cycle;
                let label = format!("test at cycle {clock}");
                if let Some(twin) = &mut self.twin {
                    twin.test_now(label.clone(), cycles, clock);
                }
                let result = TestResult::measure(&mut self.experiment.sim, label, cycles, clock);
                self.pending_tests.push(result);
            }
        }
    }

    fn reset_pacing(&mut self) {
        self.paced_since = (Instant::now(), self.experiment.sim.cycle);
    }

    /// Runs cycles for about one slice of time, at the chosen speed.
    fn run_slice(&mut self) {
        let start = Instant::now();
        let budget = match self.speed_hz {
            None => u64::MAX,
            Some(hz) => {
                let (since, at_cycle) = self.paced_since;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let due = (since.elapsed().as_secs_f64() * hz) as u64;
                let done = self.experiment.sim.cycle.saturating_sub(at_cycle);
                due.saturating_sub(done)
            }
        };
        if budget == 0 {
            // Slow motion: nothing due yet.
            std::thread::sleep(Duration::from_millis(2));
            return;
        }
        let mut done = 0_u64;
        while done < budget && start.elapsed() < SLICE {
            for _ in 0..budget.min(64) {
                if !self.one_cycle() {
                    self.running = false;
                    return;
                }
                done += 1;
                if done >= budget {
                    break;
                }
            }
        }
    }

    /// Runs one cycle under the current control; false when the schedule is over.
    fn one_cycle(&mut self) -> bool {
        let step = match self.control {
            Control::Manual(phase) => {
                let mode = phase.mode();
                let outcome = self.experiment.sim.run_cycle(mode);
                Some((mode, activity_of(mode, false), outcome, None))
            }
            Control::Schedule => self
                .experiment
                .step()
                .map(|s| (s.mode, activity_of(s.mode, s.testing), s.outcome, s.finished_test)),
        };
        let Some((mode, activity, outcome, finished_test)) = step else {
            self.schedule_finished = true;
            return false;
        };
        if let Some(twin) = &mut self.twin {
            let manual = match self.control {
                Control::Manual(phase) => Some(phase.mode()),
                Control::Schedule => None,
            };
            twin.follow(manual, mode, self.experiment.sim.cycle);
        }
        self.record(activity, &outcome);
        if let Some(result) = finished_test {
            self.pending_tests.push(result);
            if self.pending_tests.len() > MAX_PENDING_TESTS {
                self.pending_tests.drain(..MAX_PENDING_TESTS / 2);
            }
        }
        true
    }

    /// Keeps what the window needs of one cycle.
    fn record(&mut self, activity: Activity, outcome: &CycleOutcome) {
        let cycle = self.experiment.sim.cycle;
        // The weights at the end of each task's training.
        if let Some(Activity::Wake(task)) = self.last_activity
            && activity != Activity::Wake(task)
        {
            self.weights_after_task[task.index()] = Some(self.experiment.sim.synapses.weight.clone());
        }
        self.last_activity = Some(activity);
        if let Activity::Wake(task) = activity {
            self.last_wake_task = task;
        }
        if activity == Activity::Sleep {
            if self.replay.len() >= REPLAY_WINDOW_CYCLES {
                self.replay.pop_front();
            }
            self.replay
                .push_back((outcome.hidden_spikes_by_task, outcome.potentiation_by_task));
        }
        // Activity spans.
        match &mut self.current_span {
            Some(span) if span.activity == activity => span.end = cycle,
            _ => {
                if let Some(span) = self.current_span.take() {
                    self.pending_spans.push(span);
                    if self.pending_spans.len() > MAX_PENDING_POINTS {
                        // The window is not reading (minimised?): keep the recent past.
                        self.pending_spans.drain(..MAX_PENDING_POINTS / 2);
                    }
                }
                self.current_span = Some(Span {
                    activity,
                    start: cycle,
                    end: cycle,
                });
            }
        }
        // Running scores of waking.
        if let (Activity::Wake(task), Some(kind)) = (activity, outcome.eaten)
            && let Some(point) = self.scores.meal(cycle, task, kind)
        {
            self.pending_scores.push(point);
            if self.pending_scores.len() > MAX_PENDING_POINTS {
                thin_out(&mut self.pending_scores);
            }
        }
        // Spikes for the raster: the test copy's while testing, else the animal's.
        let log = if matches!(activity, Activity::Test(_)) {
            None
        } else {
            self.experiment.sim.spike_log.as_ref()
        };
        self.raster.push(cycle, activity, log);
    }

    /// Publishes a frame if one is due (or `now`), keeping what could not be sent.
    fn publish(&mut self, now: bool) {
        let elapsed = self.rate_window.0.elapsed();
        if elapsed >= Duration::from_millis(500) {
            let cycles = self.experiment.sim.cycle.saturating_sub(self.rate_window.1);
            self.cycles_per_sec = cycles as f64 / elapsed.as_secs_f64();
            self.rate_window = (Instant::now(), self.experiment.sim.cycle);
        }
        if !now && self.last_frame.elapsed() < FRAME_INTERVAL {
            return;
        }
        if self.frames.is_full() {
            return;
        }
        let frame = self.frame();
        if self.frames.try_send(frame).is_ok() {
            self.pending_scores.clear();
            self.pending_spans.clear();
            self.pending_tests.clear();
            self.last_frame = Instant::now();
            (self.waker)();
        }
    }

    fn frame(&mut self) -> Frame {
        let twin = self.twin.as_mut().map(Twin::frame);
        let sim = &self.experiment.sim;
        let world_task = match self.last_activity {
            Some(Activity::Wake(task) | Activity::Test(task)) => task,
            Some(Activity::Sleep) => self.last_wake_task,
            None => match self.control {
                Control::Manual(ManualPhase::WakeT2) => Task::T2,
                _ => Task::T1,
            },
        };
        // While testing, the test copy's world; otherwise (or if it has none) the animal's.
        let testing = matches!(self.last_activity, Some(Activity::Test(_)));
        let world = (if testing {
            self.experiment.test_copy()
        } else {
            None
        })
        .and_then(|copy| copy.world_if_made(world_task))
        .or_else(|| sim.world_if_made(world_task))
        .map(WorldSnapshot::of);
        let mut new_spans = self.pending_spans.clone();
        new_spans.extend(self.current_span);
        Frame {
            epoch: self.epoch,
            seed: sim.seed(),
            cycle: sim.cycle,
            running: self.running,
            control: self.control,
            activity: self.last_activity,
            schedule_finished: self.schedule_finished,
            cycles_per_sec: if self.running { self.cycles_per_sec } else { 0.0 },
            world,
            raster: self.raster.to_vec(),
            weights: sim.synapses.weight.clone(),
            weights_after_task: self.weights_after_task.clone(),
            params: sim.params().clone(),
            hidden_kinds: Arc::clone(&self.layout.0),
            hidden_footprints: Arc::clone(&self.layout.1),
            new_scores: self.pending_scores.clone(),
            new_spans,
            new_tests: self.pending_tests.clone(),
            block_label: self.block_label(),
            replay: self.replay_meter(),
            twin,
        }
    }

    fn replay_meter(&self) -> ReplayMeter {
        let mut meter = ReplayMeter {
            cycles: self.replay.len(),
            ..ReplayMeter::default()
        };
        for (spikes, potentiation) in &self.replay {
            for t in 0..3 {
                meter.spikes[t] += u64::from(spikes[t]);
                meter.potentiation[t] += f64::from(potentiation[t]);
            }
        }
        meter
    }

    fn block_label(&self) -> String {
        use crate::sim::schedule::Block;
        match (self.control, self.experiment.current_block()) {
            (Control::Schedule, Some((block, done))) => match block {
                Block::Wake { task, cycles } => format!("wake {} {done}/{cycles}", task.name()),
                Block::Sleep { cycles } => format!("sleep {done}/{cycles}"),
                Block::Test { label, cycles } => format!("test \"{label}\" {done}/{}", cycles * 2),
                Block::Repeat { .. } => String::new(),
            },
            (Control::Schedule, None) => "schedule not started".into(),
            (Control::Manual(_), _) => String::new(),
        }
    }
}

/// Each hidden unit's bar kind and view footprint.
type HiddenLayout = (Arc<[Option<BarKind>]>, Arc<[Vec<(usize, usize)>]>);

fn hidden_layout(sim: &Simulation) -> HiddenLayout {
    let n = sim.hidden.len();
    (
        (0..n).map(|i| sim.hidden.kind_of(i)).collect(),
        (0..n).map(|i| sim.hidden.footprint(i)).collect(),
    )
}

/// A new experiment on a preset, recording spikes for the raster.
fn new_experiment(preset: &Preset, seed: u64) -> Experiment {
    let mut sim = Simulation::new(preset.params(), seed);
    sim.spike_log = Some(SpikeLog::default());
    Experiment::new(sim, preset.schedule().to_vec())
}

/// What a cycle of `mode` is, as the window shows it (`testing`: on a test copy).
pub fn activity_of(mode: Mode, testing: bool) -> Activity {
    match mode {
        Mode::Wake { task, .. } if testing => Activity::Test(task),
        Mode::Wake { task, .. } => Activity::Wake(task),
        Mode::Sleep => Activity::Sleep,
    }
}

/// Halves a long list of points by keeping every other one (a coarser history).
pub fn thin_out<T>(points: &mut Vec<T>) {
    let mut index = 0_usize;
    points.retain(|_| {
        index += 1;
        index % 2 == 1
    });
}
