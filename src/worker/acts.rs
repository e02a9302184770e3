//! Where the run stops by itself: with the class pace, at the end of each of the preset's
//! acts (each act played over the class time the preset gives it); after *Next sleep*, at
//! the start of the next sleep period. Stopping only leaves cycles unrun, so a run is the
//! same, bit for bit, at any pace and with or without the stops.

use crate::preset::Preset;
use crate::preset::acts::{ActEnd, act_ends};
use crate::sim::schedule::Experiment;

/// The slowest speed the class pace sets (cycles per second).
const MIN_ACT_HZ: f64 = 1.0;

/// Where the followed schedule stands among its acts.
#[derive(Clone, Debug, Default)]
pub(super) struct ActClock {
    ends: Vec<ActEnd>,
    seconds: Vec<u32>,
    /// Whether the last act ends where the schedule ends (its end is the end banner's,
    /// not a stop of its own).
    last_ends_schedule: bool,
    /// The act under way (`ends.len()` once every act has ended).
    current: usize,
    /// Whether the class pace is on.
    on: bool,
    /// The act whose end the run stopped at, until the run goes on.
    stopped_at: Option<usize>,
    /// Stop when the next sleep period starts (*Next sleep*).
    stop_at_sleep: bool,
}

impl ActClock {
    /// The acts of `preset` in the schedule `experiment` walks, at the start.
    pub(super) fn new(preset: &Preset, experiment: &Experiment, on: bool) -> Self {
        let walked = experiment.schedule();
        let skipped = walked.len().saturating_sub(preset.schedule().len());
        let acts = preset.acts();
        let blocks: usize = acts.iter().map(|a| a.blocks).sum();
        Self {
            ends: act_ends(acts, walked, skipped),
            seconds: acts.iter().map(|a| a.seconds).collect(),
            last_ends_schedule: blocks == preset.schedule().len(),
            current: 0,
            on,
            stopped_at: None,
            stop_at_sleep: false,
        }
    }

    /// Turns the class pace on or off.
    pub(super) fn set_on(&mut self, on: bool) {
        self.on = on;
    }

    /// Whether the class pace is on.
    pub(super) fn is_on(&self) -> bool {
        self.on
    }

    /// The run goes on (after a stop, or a manual phase): the stop is over.
    pub(super) fn resume(&mut self) {
        self.stopped_at = None;
    }

    /// Stop (true) when the next sleep period starts, or not.
    pub(super) fn stop_at_next_sleep(&mut self, stop: bool) {
        self.stop_at_sleep = stop;
    }

    /// After any cycle: whether it was the first of a sleep period that *Next sleep* waits
    /// for (the run should stop here).
    pub(super) fn sleep_started(&mut self, entered_sleep: bool) -> bool {
        let stop = self.stop_at_sleep && entered_sleep;
        if stop {
            self.stop_at_sleep = false;
        }
        stop
    }

    /// The act under way, and the act the run is stopped at the end of, if it is.
    pub(super) fn state(&self) -> (usize, Option<usize>) {
        (self.current, self.stopped_at)
    }

    /// After a cycle of the schedule, with the animal's cycles and the test blocks done so
    /// far: moves past every act that has ended, and says whether the run should stop here.
    pub(super) fn after_step(&mut self, animal_cycles: u64, tests: u64) -> bool {
        let mut ended = None;
        while let Some(end) = self.ends.get(self.current)
            && animal_cycles >= end.animal_cycles
            && tests >= end.tests
        {
            ended = Some(self.current);
            self.current += 1;
        }
        let Some(act) = ended else { return false };
        let at_schedule_end = self.last_ends_schedule && act + 1 == self.ends.len();
        if self.on && !at_schedule_end {
            self.stopped_at = Some(act);
            return true;
        }
        false
    }

    /// The speed that plays the act under way in its class time (cycles per second), when
    /// the class pace is on.
    pub(super) fn speed_hz(&self) -> Option<f64> {
        if !self.on {
            return None;
        }
        let end = self.ends.get(self.current)?;
        let seconds = f64::from(*self.seconds.get(self.current)?);
        Some((end.steps as f64 / seconds).max(MIN_ACT_HZ))
    }
}
