//! The simulation thread's loop: it owns the experiment (and the twin, when on), applies
//! [`Command`]s, runs cycles at the chosen speed and publishes [`Frame`]s, keeping what
//! the window has not taken yet in a [`Recorder`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TryRecvError};

use crate::preset::Preset;
use crate::sim::phase::Phase;
use crate::sim::schedule::{Experiment, TestResult};
use crate::sim::world::Task;

use super::acts::ActClock;
use super::experiment::{block_label, new_experiment};
use super::input_watch::{HiddenLayout, InputWatch, hidden_layout};
use super::protocol::{Activity, Command, Frame, WorldSnapshot};
use super::recorder::{CycleRecord, Recorder};
use super::twin::Twin;

/// Frames are published at most this often.
const FRAME_INTERVAL: Duration = Duration::from_millis(15);
/// Work between two looks at the command channel.
const SLICE: Duration = Duration::from_millis(4);
/// How long a paused thread waits for a command before looking again.
const IDLE_WAIT: Duration = Duration::from_millis(50);

/// The simulation thread's state.
pub(super) struct Worker<'w> {
    experiment: Experiment,
    preset: Preset,
    phase: Phase,
    running: bool,
    speed_hz: Option<f64>,
    epoch: u64,
    commands_applied: u64,
    commands: Receiver<Command>,
    frames: Sender<Frame>,
    waker: &'w dyn Fn(),
    layout: HiddenLayout,
    /// A learned layer's input weights, sent when they change.
    inputs: InputWatch,
    recorder: Recorder,
    twin: Option<Twin>,
    schedule_finished: bool,
    last_frame: Instant,
    /// Something happened (a command, cycles) that no frame has carried yet: a paused
    /// thread publishes only then, so an idle window is not woken for nothing.
    unpublished: bool,
    rate_window: (Instant, u64),
    cycles_per_sec: f64,
    /// When pacing started, and `steps` then.
    paced_since: (Instant, u64),
    /// Cycles run, test cycles included: the pace spreads these (a test takes its time).
    steps: u64,
    acts: ActClock,
}

impl<'w> Worker<'w> {
    pub(super) fn new(
        preset: Preset,
        seed: u64,
        commands: Receiver<Command>,
        frames: Sender<Frame>,
        waker: &'w dyn Fn(),
    ) -> Self {
        let now = Instant::now();
        let experiment = new_experiment(&preset, seed);
        Self {
            acts: ActClock::new(&preset, &experiment, false),
            steps: 0,
            layout: hidden_layout(&experiment.sim),
            inputs: InputWatch::new(&experiment.sim),
            experiment,
            preset,
            phase: Phase::WakeT1,
            running: false,
            speed_hz: None,
            epoch: 0,
            commands_applied: 0,
            commands,
            frames,
            waker,
            recorder: Recorder::default(),
            twin: None,
            schedule_finished: false,
            last_frame: now,
            unpublished: true,
            rate_window: (now, 0),
            cycles_per_sec: 0.0,
            paced_since: (now, 0),
        }
    }

    /// Runs until the window's end of the command channel is dropped.
    pub(super) fn run(&mut self) {
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
                match self.commands.recv_timeout(IDLE_WAIT) {
                    Ok(c) => Some(c),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            };
            if let Some(command) = command {
                self.apply(command);
                self.commands_applied += 1;
                self.unpublished = true;
                self.publish(true);
                continue;
            }
            if self.running {
                self.run_slice();
                self.unpublished = true;
            }
            self.publish(false);
        }
    }

    fn apply(&mut self, command: Command) {
        match command {
            Command::Run(run) => {
                self.running = run;
                if run {
                    self.acts.resume();
                } else {
                    self.acts.stop_at_next_sleep(false);
                }
                self.reset_pacing();
            }
            Command::Step => {
                self.running = false;
                self.acts.resume();
                self.one_cycle();
            }
            Command::RunToSleep => {
                self.running = true;
                self.acts.resume();
                self.acts.stop_at_next_sleep(true);
                self.reset_pacing();
            }
            Command::SetClassPace(on) => {
                self.acts.set_on(on);
                self.reset_pacing();
            }
            Command::SetSpeed(hz) => {
                self.speed_hz = hz.filter(|h| h.is_finite() && *h > 0.0);
                self.reset_pacing();
            }
            Command::SetPhase(phase) => {
                self.phase = phase;
                self.acts.resume();
                if phase == Phase::Schedule && self.schedule_finished {
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
            Command::Reset { preset, seed } => self.reset(*preset, seed),
            Command::TestNow { cycles } => {
                let clock = self.experiment.sim.cycle;
                let label = format!("test at cycle {clock}");
                if let Some(twin) = &mut self.twin {
                    twin.test_now(label.clone(), cycles, clock);
                }
                let result = TestResult::measure(&mut self.experiment.sim, label, cycles, clock);
                self.recorder.push_test(result);
            }
            #[cfg(test)]
            Command::PanicForTest(message) => panic!("{message}"),
            #[cfg(test)]
            Command::StallForTest(time) => std::thread::sleep(time),
        }
    }

    /// Starts afresh: a new experiment and a new record; a fresh start is paused.
    fn reset(&mut self, preset: Preset, seed: u64) {
        self.running = false;
        if self.twin.is_some() {
            self.twin = Some(Twin::new(&preset, seed));
        }
        self.experiment = new_experiment(&preset, seed);
        self.acts = ActClock::new(&preset, &self.experiment, self.acts.is_on());
        self.layout = hidden_layout(&self.experiment.sim);
        self.inputs = InputWatch::new(&self.experiment.sim);
        self.preset = preset;
        self.epoch += 1;
        self.recorder = Recorder::default();
        self.schedule_finished = false;
        self.reset_pacing();
    }

    fn reset_pacing(&mut self) {
        self.paced_since = (Instant::now(), self.steps);
    }

    /// Runs cycles for about one slice of time, at the chosen speed.
    fn run_slice(&mut self) {
        let start = Instant::now();
        let speed_hz = if self.phase == Phase::Schedule {
            self.acts.speed_hz().or(self.speed_hz)
        } else {
            self.speed_hz
        };
        let budget = match speed_hz {
            None => u64::MAX,
            Some(hz) => {
                let (since, at_cycle) = self.paced_since;
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "elapsed seconds times a positive speed: a cycle count that saturates"
                )]
                let due = (since.elapsed().as_secs_f64() * hz) as u64;
                let done = self.steps.saturating_sub(at_cycle);
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

    /// Runs one cycle in the current phase; false when the schedule is over.
    fn one_cycle(&mut self) -> bool {
        let manual = self.phase.manual_mode();
        let step = match manual {
            Some(mode) => {
                let outcome = self.experiment.sim.run_cycle(mode);
                Some((mode, Activity::of(mode, false), outcome, None, None))
            }
            None => self.experiment.step().map(|s| {
                (
                    s.mode,
                    Activity::of(s.mode, s.testing),
                    s.outcome,
                    s.finished_test,
                    s.finished_probe,
                )
            }),
        };
        let Some((mode, activity, outcome, finished_test, finished_probe)) = step else {
            self.schedule_finished = true;
            return false;
        };
        let entered_sleep =
            activity == Activity::Sleep && self.recorder.last_activity() != Some(Activity::Sleep);
        self.inputs.cycle_ran();
        self.steps += 1;
        let sim = &self.experiment.sim;
        if let Some(twin) = &mut self.twin {
            twin.follow(manual, mode, sim.cycle);
        }
        self.recorder.record(CycleRecord {
            clock: sim.cycle,
            activity,
            outcome: &outcome,
            spikes: sim.spike_log.as_ref(),
            synapses: &sim.synapses,
        });
        if activity == Activity::Sleep && outcome.weights_changed {
            self.recorder.note_strengthened(sim.strengthened_by_last_reward());
        }
        if let Some(result) = finished_test {
            self.recorder.push_test(result);
        }
        if let Some(result) = finished_probe {
            self.recorder.push_probe(result);
        }
        // A stop leaves the next cycles unrun and changes nothing else. `|`, not `||`: a Next
        // sleep waiting is settled even where an act ends too.
        let tests = self.experiment.results.len() as u64;
        let act_ended = manual.is_none() && self.acts.after_step(self.experiment.animal_cycles_done(), tests);
        !(self.acts.sleep_started(entered_sleep) | act_ended)
    }

    /// Publishes a frame if one is due (or `now`) and the window has room for it; what
    /// could not be sent stays in the record for the next frame.
    fn publish(&mut self, now: bool) {
        let elapsed = self.rate_window.0.elapsed();
        if elapsed >= Duration::from_millis(500) {
            let cycles = self.experiment.sim.cycle.saturating_sub(self.rate_window.1);
            self.cycles_per_sec = cycles as f64 / elapsed.as_secs_f64();
            self.rate_window = (Instant::now(), self.experiment.sim.cycle);
        }
        let news = self.running || self.unpublished || self.inputs.due(Instant::now());
        if !now && (self.last_frame.elapsed() < FRAME_INTERVAL || !news) {
            return;
        }
        // Only this thread sends, so a queue with room keeps it until the frame is sent.
        if self.frames.is_full() {
            return;
        }
        let frame = self.frame();
        if self.frames.try_send(frame).is_ok() {
            self.last_frame = Instant::now();
            self.unpublished = false;
            (self.waker)();
        }
    }

    fn frame(&mut self) -> Frame {
        let twin = self.twin.as_mut().map(Twin::frame);
        let deltas = self.recorder.take_deltas();
        let last_activity = self.recorder.last_activity();
        let sim = &self.experiment.sim;
        // A development that ended has read each unit's preference: the groups follow.
        if let Some(inputs) = self.inputs.look(sim, Instant::now())
            && *self.layout.0 != inputs.preferred[..]
        {
            self.layout.0 = inputs.preferred.as_slice().into();
        }
        let world_task = match last_activity {
            Some(Activity::Wake(task) | Activity::Test(task)) => task,
            Some(Activity::Sleep | Activity::Develop) => self.recorder.last_wake_task().unwrap_or(Task::T1),
            None if self.phase == Phase::WakeT2 => Task::T2,
            None => Task::T1,
        };
        // While testing, the test copy's world; otherwise (or if it has none) the animal's.
        let testing = matches!(last_activity, Some(Activity::Test(_)));
        let world = WorldSnapshot::while_developing(sim, last_activity).or_else(|| {
            (if testing {
                self.experiment.test_copy()
            } else {
                None
            })
            .and_then(|copy| copy.world_if_made(world_task))
            .or_else(|| sim.world_if_made(world_task))
            // Just after a test of a task the animal has not met: the world it was awake in.
            .or_else(|| sim.world_if_made(self.recorder.last_wake_task().unwrap_or(Task::T1)))
            .map(WorldSnapshot::of)
        });
        Frame {
            epoch: self.epoch,
            commands_applied: self.commands_applied,
            seed: sim.seed(),
            cycle: sim.cycle,
            running: self.running,
            phase: self.phase,
            activity: last_activity,
            schedule_finished: self.schedule_finished,
            act: self.acts.state().0,
            act_stop: self.acts.state().1,
            cycles_per_sec: if self.running { self.cycles_per_sec } else { 0.0 },
            world,
            raster: self.recorder.raster(),
            weights: sim.synapses.weights(),
            strengthened_in_sleep: self.recorder.take_strengthened(sim.hidden.len()),
            weights_after_task: self.recorder.weights_after_task().clone(),
            params: sim.params().clone(),
            hidden_kinds: Arc::clone(&self.layout.0),
            hidden_footprints: Arc::clone(&self.layout.1),
            input_weights: self.inputs.latest(),
            new_scores: deltas.scores,
            new_spans: deltas.spans,
            new_tests: deltas.tests,
            new_probes: deltas.probes,
            block_label: block_label(&self.experiment, self.phase),
            schedule: (self.phase == Phase::Schedule)
                .then(|| self.experiment.position())
                .flatten(),
            replay: self.recorder.replay_meter(),
            twin,
        }
    }
}
