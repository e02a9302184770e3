//! Probes: both tasks measured all along a schedule. After every `every_cycles` waking or
//! sleep cycles of the schedule, task 1 and task 2 are each tested on a frozen copy of the
//! animal, in a fresh world and with a random stream of their own, as test blocks are
//! (docs/model.md: the paper's figures plot both tasks' scores over the whole protocol). The
//! animal itself is never touched, so a run with probes ends bit for bit where the same
//! run without them ends.

use serde::{Deserialize, Serialize};

use super::simulation::{Mode, Score, Simulation};
use super::world::Task;

/// A preset's `[probes]` table: how often both tasks are measured, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Probes {
    /// A probe follows every this many waking or sleep cycles of the schedule (test
    /// blocks do not count); 0 turns probes off.
    pub every_cycles: u64,
    /// Frozen cycles per task in each probe.
    pub cycles: u64,
}

/// Off, so that a preset without a `[probes]` table runs as it always did.
impl Default for Probes {
    fn default() -> Self {
        Self {
            every_cycles: 0,
            cycles: 1_000,
        }
    }
}

impl Probes {
    /// The most frozen cycles per task a probe may take.
    pub const MAX_CYCLES: u64 = 1_000_000;
    /// The closest spacing of probes (their results are kept for the whole run).
    pub const MIN_EVERY_CYCLES: u64 = 100;

    /// Whether probes are taken at all.
    pub fn is_on(&self) -> bool {
        self.every_cycles > 0 && self.cycles > 0
    }

    /// Whether probes are off (then a saved preset leaves the table out).
    pub fn is_off(&self) -> bool {
        !self.is_on()
    }

    /// What is wrong with this table, naming the key, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.every_cycles > 0 && self.cycles == 0 {
            return Some(
                "`probes.cycles` is 0; a probe needs at least 1 cycle (set `probes.every_cycles = 0` to turn probes off)"
                    .to_owned(),
            );
        }
        if self.every_cycles > 0 && self.every_cycles < Self::MIN_EVERY_CYCLES {
            return Some(format!(
                "`probes.every_cycles` = {} is too small: 0 (off) or at least {}",
                self.every_cycles,
                Self::MIN_EVERY_CYCLES
            ));
        }
        if self.cycles > Self::MAX_CYCLES {
            return Some(format!(
                "`probes.cycles` = {} is out of range (allowed: 1 to {})",
                self.cycles,
                Self::MAX_CYCLES
            ));
        }
        None
    }
}

/// The scores of one probe: both tasks, tested frozen at one moment of the run.
///
/// The window plots `score(Task::T1)` and `score(Task::T2)` against `at_cycle`, on the
/// same axis as the running scores and the test blocks; `--csv` writes one row per probe
/// with `phase` = `probe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeResult {
    /// 1 for the run's first probe, 2 for the next, …
    pub number: u64,
    /// The animal's cycle count when it was probed (the twin's probes are dated by the
    /// main run's cycle count in the window, as its tests are).
    pub at_cycle: u64,
    /// Meals in the T1 world and the T2 world.
    pub scores: [Score; 2],
}

impl ProbeResult {
    /// Probes `sim` now: `cycles` frozen cycles of each task on a copy of it, each task
    /// drawing from its own stream (number `number` of the run's probe streams, apart from
    /// the test blocks' streams), so `sim` and every later test are left exactly as they
    /// were.
    pub fn measure(sim: &Simulation, number: u64, cycles: u64) -> Self {
        let mut probe = ProbeRun::new(sim, number, cycles);
        loop {
            if let Some(result) = probe.run(u64::MAX) {
                return result;
            }
        }
    }

    /// The score of `task`: rewarded / (rewarded + punished) bars eaten in its probe.
    pub fn score(&self, task: Task) -> f64 {
        self.scores[task.index()].fraction()
    }
}

/// A probe under way, run in pieces (see [`ProbeRun::run`]): the same cycles, in the same
/// order, as [`ProbeResult::measure`] runs at once. Both tasks' copies are taken when it
/// starts, so whatever happens to the animal between the pieces changes nothing.
#[derive(Clone, Debug)]
pub struct ProbeRun {
    number: u64,
    at_cycle: u64,
    cycles_per_task: u64,
    /// Each task's frozen copy, until its cycles are done.
    copies: [Option<Simulation>; 2],
    /// The task being probed (its index), and the cycles done in it.
    task_index: usize,
    done_in_task: u64,
    scores: [Score; 2],
}

impl ProbeRun {
    /// Probe number `number` of `sim`, now: `cycles` frozen cycles of each task.
    pub fn new(sim: &Simulation, number: u64, cycles: u64) -> Self {
        Self {
            number,
            at_cycle: sim.cycle,
            cycles_per_task: cycles,
            copies: Task::ALL.map(|task| Some(sim.probe_copy(task, number))),
            task_index: 0,
            done_in_task: 0,
            scores: [Score::default(); 2],
        }
    }

    /// Runs at most `cycles` more cycles of the probe; its result once every cycle is done.
    pub fn run(&mut self, cycles: u64) -> Option<ProbeResult> {
        let mut left = cycles;
        while let Some(&task) = Task::ALL.get(self.task_index) {
            if let Some(copy) = self.copies[self.task_index].as_mut() {
                let score = &mut self.scores[self.task_index];
                while self.done_in_task < self.cycles_per_task {
                    if left == 0 {
                        return None;
                    }
                    score.add(task, copy.run_cycle(Mode::Wake { task, plastic: false }).eaten);
                    self.done_in_task += 1;
                    left -= 1;
                }
            }
            self.copies[self.task_index] = None;
            self.task_index += 1;
            self.done_in_task = 0;
        }
        Some(ProbeResult {
            number: self.number,
            at_cycle: self.at_cycle,
            scores: self.scores,
        })
    }
}
