//! A preset's schedule: blocks of waking, sleep and frozen tests run in order, with
//! repeats. [`Experiment`] runs it one cycle at a time, for the command line, the tests
//! and the window alike.

use super::probe::{ProbeResult, ProbeRun, Probes};
use super::simulation::{CycleOutcome, Mode, Score, Simulation};
use super::world::Task;
use cost::runnable;

mod advance;
pub mod block;
pub mod cost;
mod cursor;
mod position;
mod transform;
pub use advance::Advance;
pub use block::{Block, total_cycles};
use cursor::Cursor;
pub use position::{Bout, Position, animal_cycles};
use transform::with_development;
pub use transform::without_sleep;

/// The scores of one test block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestResult {
    /// The block's label.
    pub label: String,
    /// The animal's cycle count when the test ran.
    pub at_cycle: u64,
    /// Meals in the T1 world and the T2 world.
    pub scores: [Score; 2],
}

impl TestResult {
    /// Tests both tasks now on frozen copies of `sim` (`cycles` each), dated `at_cycle`.
    pub fn measure(sim: &mut Simulation, label: String, cycles: u64, at_cycle: u64) -> Self {
        Self {
            scores: Task::ALL.map(|task| sim.test_score(task, cycles)),
            label,
            at_cycle,
        }
    }

    /// The score of `task`.
    pub fn score(&self, task: Task) -> f64 {
        self.scores[task.index()].fraction()
    }
}

/// A test block in progress: frozen copies of the animal, one task after the other.
#[derive(Clone, Debug)]
struct TestRun {
    label: String,
    cycles_per_task: u64,
    task_index: usize,
    done_in_task: u64,
    copy: Simulation,
    test_number: u64,
    scores: [Score; 2],
}

/// What one call of [`Experiment::step`] did.
#[derive(Clone, Debug)]
pub struct Step {
    /// The mode of the cycle (a test cycle is frozen wake, on a copy of the animal).
    pub mode: Mode,
    /// What happened.
    pub outcome: CycleOutcome,
    /// Whether this cycle ran on a test copy rather than on the animal.
    pub testing: bool,
    /// A test block that finished with this cycle.
    pub finished_test: Option<TestResult>,
    /// The probe taken right after this cycle, if one was due (see [`Probes`]).
    pub finished_probe: Option<ProbeResult>,
}

impl Step {
    /// A cycle of `mode` that finished no test block and took no probe.
    pub fn of_cycle(mode: Mode, outcome: CycleOutcome, testing: bool) -> Self {
        Self {
            mode,
            outcome,
            testing,
            finished_test: None,
            finished_probe: None,
        }
    }
}

/// An animal and the schedule it follows.
#[derive(Clone, Debug)]
pub struct Experiment {
    /// The animal.
    pub sim: Simulation,
    schedule: Vec<Block>,
    /// The schedule as walked: without the repeats that run no block, so the walk never
    /// spins through empty rounds.
    walk: Vec<Block>,
    cursor: Cursor,
    current: Option<(Block, u64)>,
    test: Option<TestRun>,
    /// Results of the test blocks so far.
    pub results: Vec<TestResult>,
    probes: Probes,
    /// Waking and sleep cycles of the schedule run so far (what probes are spaced by).
    schedule_cycles: u64,
    /// Development cycles of the schedule run so far.
    developed: u64,
    /// Results of the probes so far, oldest first (empty when probes are off).
    pub probe_results: Vec<ProbeResult>,
    /// A cycle whose probe is under way (see [`Experiment::advance`]): it is reported
    /// once the probe is done.
    probing: Option<Box<(Step, ProbeRun)>>,
}

impl Experiment {
    /// `sim` at the start of `schedule`. A learned hidden layer needs a development: a
    /// schedule without a `develop` block gets one of `development.cycles` first.
    pub fn new(sim: Simulation, schedule: Vec<Block>) -> Self {
        let schedule = with_development(sim.params(), schedule);
        Self {
            sim,
            walk: runnable(&schedule),
            schedule,
            cursor: Cursor::new(),
            current: None,
            test: None,
            results: Vec::new(),
            probes: Probes::default(),
            schedule_cycles: 0,
            developed: 0,
            probe_results: Vec::new(),
            probing: None,
        }
    }

    /// This experiment, probing both tasks as `probes` says (off by default). Each probe is
    /// reported in [`Step::finished_probe`] of the cycle it follows and kept in
    /// [`Experiment::probe_results`].
    pub fn with_probes(mut self, probes: Probes) -> Self {
        self.probes = probes;
        self
    }

    /// The probes this experiment takes.
    pub fn probes(&self) -> Probes {
        self.probes
    }

    /// The schedule.
    pub fn schedule(&self) -> &[Block] {
        &self.schedule
    }

    /// Wake, sleep and test blocks started so far, and the blocks the walk has looked at
    /// (repeat blocks once per round): what [`ScheduleCost`](cost::ScheduleCost)
    /// calls `blocks` and `walk_steps`, once the schedule has run to its end.
    pub fn walked(&self) -> (u64, u64) {
        (self.cursor.leaves, self.cursor.steps)
    }

    /// The block running now (after the first step), with the cycles done in it.
    pub fn current_block(&self) -> Option<(&Block, u64)> {
        self.current.as_ref().map(|(b, done)| (b, *done))
    }

    /// The animal's waking and sleeping cycles of the schedule run so far: the tasks' time
    /// line, which probes are spaced by (development and the test cycles, run on copies,
    /// are not counted).
    pub fn animal_cycles_done(&self) -> u64 {
        self.schedule_cycles
    }

    /// Every cycle the animal has run for the schedule so far: waking, sleeping and
    /// developing (as a schedule's blocks add up to, see `position::animal_cycles`).
    pub fn cycles_done(&self) -> u64 {
        self.schedule_cycles.saturating_add(self.developed)
    }

    /// Where the schedule stands (`None` before its first cycle).
    pub fn position(&self) -> Option<Position> {
        position::locate(&self.walk, self.cursor.levels(), self.current.as_ref())
    }

    /// The test copy running now, if a test block is under way.
    pub fn test_copy(&self) -> Option<&Simulation> {
        self.test.as_ref().map(|t| &t.copy)
    }

    /// Runs one cycle of the schedule (with the probe due after it, if one is); `None`
    /// when the schedule is over. [`Experiment::advance`] does the same work in bounded
    /// pieces.
    pub fn step(&mut self) -> Option<Step> {
        loop {
            match self.advance(u64::MAX) {
                Advance::Cycle(step) => return Some(step),
                Advance::Busy => {}
                Advance::End => return None,
            }
        }
    }

    fn test_step(&mut self) -> Step {
        let Some(test) = self.test.as_mut() else {
            return Step::of_cycle(Mode::Sleep, CycleOutcome::default(), true);
        };
        let task = Task::ALL[test.task_index];
        let mode = Mode::Wake { task, plastic: false };
        let outcome = test.copy.run_cycle(mode);
        test.scores[test.task_index].add(task, outcome.eaten);
        test.done_in_task += 1;
        let mut finished_test = None;
        if test.done_in_task >= test.cycles_per_task {
            test.task_index += 1;
            test.done_in_task = 0;
            if test.task_index < Task::ALL.len() {
                test.copy = self.sim.test_copy(Task::ALL[test.task_index], test.test_number);
            } else {
                let result = TestResult {
                    label: test.label.clone(),
                    at_cycle: self.sim.cycle,
                    scores: test.scores,
                };
                self.results.push(result.clone());
                finished_test = Some(result);
                self.test = None;
            }
        }
        Step {
            mode,
            outcome,
            testing: true,
            finished_test,
            finished_probe: None,
        }
    }

    /// Runs the schedule to its end, calling `progress` with the cycles done every 10,000.
    pub fn run_to_end(&mut self, progress: impl FnMut(u64)) -> &[TestResult] {
        self.run_to_end_with(progress, |_, _| {})
    }

    /// As [`Experiment::run_to_end`], also handing each step and the animal's cycle count
    /// after it to `on_step`.
    pub fn run_to_end_with(
        &mut self,
        progress: impl FnMut(u64),
        on_step: impl FnMut(&Step, u64),
    ) -> &[TestResult] {
        self.run_unless_stopped(progress, on_step, || false);
        &self.results
    }

    /// As [`Experiment::run_to_end_with`], asking `stop` every 10,000 cycles whether to give
    /// up (a cancelled batch); returns whether the schedule reached its end.
    pub fn run_unless_stopped(
        &mut self,
        mut progress: impl FnMut(u64),
        mut on_step: impl FnMut(&Step, u64),
        stop: impl Fn() -> bool,
    ) -> bool {
        let mut count = 0_u64;
        while let Some(step) = self.step() {
            on_step(&step, self.sim.cycle);
            count += 1;
            if count.is_multiple_of(10_000) {
                progress(10_000);
                if stop() {
                    return false;
                }
            }
        }
        progress(count % 10_000);
        true
    }
}

/// The cycles a leaf block runs (tests: both tasks).
fn leaf_cycles(block: &Block) -> u64 {
    match block {
        Block::Repeat { .. } => 0,
        other => other.total_cycles(),
    }
}

#[cfg(test)]
mod tests;
