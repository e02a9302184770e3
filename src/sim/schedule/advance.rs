//! The schedule's work in bounded pieces. Between two cycles an [`Experiment`] may have much
//! to do: a long run of blocks that take no cycles (a million `freeze` and `unfreeze`
//! blocks are allowed) or a probe of up to a million frozen cycles per task. The window's
//! simulation thread must answer Pause, Reset and Close meanwhile, so
//! [`Experiment::advance`] does at most a given amount of that work per call. The pieces
//! are the same work in the same order as [`Experiment::step`] does in one call, so a run
//! is the same, bit for bit, however it is cut.

use super::{Block, Experiment, ProbeRun, Step, Task, TestRun, leaf_cycles};
use crate::sim::simulation::{CycleOutcome, Mode, Score};

/// What one call of [`Experiment::advance`] did.
#[derive(Clone, Debug)]
#[expect(
    clippy::large_enum_variant,
    reason = "returned once per cycle and taken apart at once: a box would allocate in every run's inner loop"
)]
pub enum Advance {
    /// A cycle ran, with the probe due after it if one was.
    Cycle(Step),
    /// Part of the work before the next cycle was done (blocks of no cycles applied, or
    /// cycles of a probe run): call again.
    Busy,
    /// The schedule is over.
    End,
}

impl Experiment {
    /// Goes on with the schedule, doing at most `work` pieces of work besides the next
    /// cycle itself: a block of no cycles applied and a cycle of a probe count one each
    /// (`work` = 0 counts as 1). Returns the cycle once it has run and its probe, if one is
    /// due, is done.
    pub fn advance(&mut self, work: u64) -> Advance {
        let work = work.max(1);
        if let Some(probing) = self.probing.take() {
            return self.go_on_probing(probing, work);
        }
        let mut applied = 0_u64;
        loop {
            let finished = match &self.current {
                None => true,
                Some((block, done)) => *done >= leaf_cycles(block),
            };
            if !finished {
                break;
            }
            if applied >= work {
                return Advance::Busy;
            }
            let Some(block) = self.cursor.next_leaf(&self.walk) else {
                return Advance::End;
            };
            applied += 1;
            match &block {
                Block::Freeze { top_percent } => {
                    self.sim.synapses.freeze_strongest(*top_percent);
                }
                Block::Unfreeze => self.sim.synapses.unfreeze(),
                _ => {}
            }
            if let Block::Test { cycles, label } = &block {
                let test_number = self.sim.next_test_number();
                self.test = Some(TestRun {
                    label: label.clone(),
                    cycles_per_task: *cycles,
                    task_index: 0,
                    done_in_task: 0,
                    copy: self.sim.test_copy(Task::T1, test_number),
                    test_number,
                    scores: [Score::default(); 2],
                });
            }
            self.current = Some((block, 0));
        }
        let Some((block, done)) = self.current.as_mut() else {
            return Advance::End;
        };
        *done += 1;
        match block {
            Block::Wake { task, .. } => {
                let mode = Mode::Wake {
                    task: *task,
                    plastic: true,
                };
                let outcome = self.sim.run_cycle(mode);
                self.animal_step(mode, outcome, work)
            }
            Block::Sleep { .. } => {
                let outcome = self.sim.run_cycle(Mode::Sleep);
                self.animal_step(Mode::Sleep, outcome, work)
            }
            // Development is not part of the tasks' time line: probes wait until it is over.
            Block::Develop { .. } => {
                self.developed += 1;
                Advance::Cycle(Step::of_cycle(
                    Mode::Develop,
                    self.sim.run_cycle(Mode::Develop),
                    false,
                ))
            }
            Block::Test { .. } => Advance::Cycle(self.test_step()),
            // Blocks of no cycles are applied when reached and never stepped.
            Block::Freeze { .. } | Block::Unfreeze | Block::Repeat { .. } => Advance::End,
        }
    }

    /// A waking or sleep cycle of the animal has run: its step, once the probe it makes due
    /// (if it makes one due) is done.
    fn animal_step(&mut self, mode: Mode, outcome: CycleOutcome, work: u64) -> Advance {
        self.schedule_cycles += 1;
        let step = Step::of_cycle(mode, outcome, false);
        if !(self.probes.is_on() && self.schedule_cycles.is_multiple_of(self.probes.every_cycles)) {
            return Advance::Cycle(step);
        }
        let number = self.schedule_cycles / self.probes.every_cycles;
        let probe = ProbeRun::new(&self.sim, number, self.probes.cycles);
        self.go_on_probing(Box::new((step, probe)), work)
    }

    /// Runs at most `work` cycles of the probe under way; the step it follows once it is done.
    fn go_on_probing(&mut self, mut probing: Box<(Step, ProbeRun)>, work: u64) -> Advance {
        let (step, probe) = &mut *probing;
        let Some(result) = probe.run(work) else {
            self.probing = Some(probing);
            return Advance::Busy;
        };
        self.probe_results.push(result);
        step.finished_probe = Some(result);
        let (step, _) = *probing;
        Advance::Cycle(step)
    }
}
