//! The simulation thread's loop: it owns the experiment (and the twin, when on), applies
//! [`Command`]s, runs cycles at the chosen speed and publishes [`Frame`]s, keeping what
//! the window has not taken yet in a [`Recorder`].

use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TryRecvError};

use crate::analysis::replay::ReplayRecorder;
use crate::preset::Preset;
use crate::sim::phase::Phase;
use crate::sim::schedule::{Advance, Experiment, Step, TestResult};

use super::acts::ActClock;
use super::experiment::new_experiment;
use super::input_watch::{HiddenLayout, InputWatch, hidden_layout};
use super::protocol::{Activity, Command, Frame};
use super::recorder::{CycleRecord, Recorder};
use super::twin::Twin;

mod frame;

/// Frames are published at most this often.
const FRAME_INTERVAL: Duration = Duration::from_millis(15);
/// Work between two looks at the command channel.
const SLICE: Duration = Duration::from_millis(4);
/// How long a paused thread waits for a command before looking again.
const IDLE_WAIT: Duration = Duration::from_millis(50);
/// Work between two cycles done at most between two looks at the clock: cycles of a probe,
/// or blocks of no cycles (see [`Experiment::advance`]). A few milliseconds even for a
/// large learned layer, so that the thread answers a command within a frame or two.
pub(super) const WORK_PIECE: u64 = 32;

/// What one piece of the thread's work did.
enum Unit {
    /// A cycle ran, and the run goes on.
    Ran,
    /// The run stops here: the schedule is over, or a stop was reached with this cycle.
    Stop,
    /// Work before the next cycle was done (a piece of a probe, blocks of no cycles).
    Busy,
}

/// The simulation thread's state.
pub(super) struct Worker<'w> {
    experiment: Experiment,
    preset: Preset,
    phase: Phase,
    running: bool,
    /// A Step was asked for and its cycle has not run yet (work before it comes first).
    stepping: bool,
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
    /// The replay score's counts over every sleep cycle since the run started (they only
    /// read the run).
    replay_score: ReplayRecorder,
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
            stepping: false,
            speed_hz: None,
            epoch: 0,
            commands_applied: 0,
            commands,
            frames,
            waker,
            recorder: Recorder::default(),
            replay_score: ReplayRecorder::default(),
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
            // Commands first: wait for one while paused, only look while working.
            let command = if self.running || self.stepping {
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
            if self.stepping {
                self.finish_step();
                self.unpublished = true;
            } else if self.running {
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
                self.stepping = false;
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
                self.stepping = true;
                self.finish_step();
            }
            Command::RunToSleep => {
                self.running = true;
                self.stepping = false;
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
        self.stepping = false;
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
        self.replay_score = ReplayRecorder::default();
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
                match self.one_unit() {
                    Unit::Ran => done += 1,
                    Unit::Stop => {
                        self.running = false;
                        return;
                    }
                    // A piece of longer work: time to look at the clock.
                    Unit::Busy => break,
                }
                if done >= budget {
                    break;
                }
            }
        }
    }

    /// Works towards the cycle a Step asked for, for about one slice of time.
    fn finish_step(&mut self) {
        let start = Instant::now();
        while self.stepping && start.elapsed() < SLICE {
            if !matches!(self.one_unit(), Unit::Busy) {
                self.stepping = false;
            }
        }
    }

    /// Runs one cycle in the current phase, or a piece of the work before it (the twin's
    /// included).
    fn one_unit(&mut self) -> Unit {
        if let Some(twin) = &mut self.twin
            && !twin.settle(WORK_PIECE)
        {
            return Unit::Busy;
        }
        let manual = self.phase.manual_mode();
        let (mode, activity, outcome, finished_test, finished_probe) = match manual {
            Some(mode) => {
                let outcome = self.experiment.sim.run_cycle(mode);
                (mode, Activity::of(mode, false), outcome, None, None)
            }
            None => match self.experiment.advance(WORK_PIECE) {
                Advance::Cycle(s) => (
                    s.mode,
                    Activity::of(s.mode, s.testing),
                    s.outcome,
                    s.finished_test,
                    s.finished_probe,
                ),
                Advance::Busy => return Unit::Busy,
                Advance::End => {
                    self.schedule_finished = true;
                    return Unit::Stop;
                }
            },
        };
        let entered_sleep =
            activity == Activity::Sleep && self.recorder.last_activity() != Some(Activity::Sleep);
        self.inputs.cycle_ran();
        self.steps += 1;
        let sim = &self.experiment.sim;
        if let Some(twin) = &mut self.twin {
            twin.follow(manual, mode, sim.cycle, WORK_PIECE);
        }
        self.recorder.record(CycleRecord {
            clock: sim.cycle,
            activity,
            outcome: &outcome,
            spikes: sim.spike_log.as_ref(),
            synapses: &sim.synapses,
        });
        let step = Step::of_cycle(mode, outcome, matches!(activity, Activity::Test(_)));
        self.replay_score.observe(&self.experiment, &step);
        let sim = &self.experiment.sim;
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
        let act_before = self.acts.state().0;
        let act_ended = manual.is_none() && self.acts.after_step(self.experiment.cycles_done(), tests);
        if self.acts.state().0 != act_before {
            // The next act runs at its own speed: pacing it from the old act's start at the
            // new speed would wait as if every earlier cycle had run at the new speed.
            self.reset_pacing();
        }
        if self.acts.sleep_started(entered_sleep) | act_ended {
            Unit::Stop
        } else {
            Unit::Ran
        }
    }
}
