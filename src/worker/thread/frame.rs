//! The frames the simulation thread publishes: what the window shows of the run, taken
//! from the thread's state when one is due and the window has room for it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::analysis::replay::DEFAULT_TOP_UNITS;
use crate::sim::phase::Phase;
use crate::sim::world::Task;

use super::super::experiment::block_label;
use super::super::protocol::{Activity, Frame, WorldSnapshot};
use super::super::twin::Twin;
use super::{FRAME_INTERVAL, Worker};

impl Worker<'_> {
    /// Publishes a frame if one is due (or `now`) and the window has room for it; what
    /// could not be sent stays in the record for the next frame.
    pub(super) fn publish(&mut self, now: bool) {
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
            replay_scores: (self.replay_score.sleep_cycles > 0).then(|| {
                Task::ALL.map(|task| self.replay_score.score(&sim.wake_rates, task, DEFAULT_TOP_UNITS))
            }),
            twin,
        }
    }
}
