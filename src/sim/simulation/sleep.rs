//! A sleep cycle (docs/model.md §4): no input, each hidden unit firing spontaneously at its
//! own waking rate (units of a silenced task not at all), output spikes that move nothing,
//! and a constant reward every cycle.

use crate::sim::network::N_OUTPUTS;
use crate::sim::params::{RateAverage, Silence, SleepNoise};
use crate::sim::rng::{NEVER, SimRng};
use crate::sim::world::Task;

use super::{BAR_GROUPS, CycleOutcome, Simulation};

mod calendar;
use calendar::SpikeCalendar;

/// What the spontaneous drive of sleep is computed from: the waking counts (which change only
/// with plastic waking cycles, counted in all and per task) and the sleep parameters. While
/// it stays the same, so does the drive, and it is not computed again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct SleepDriveKey {
    cycles: u64,
    task_cycles: [u64; 2],
    noise: SleepNoise,
    average: RateAverage,
    scale: f32,
    cycle_ms: usize,
    silence: Silence,
}

/// The units that may fire spontaneously in sleep, and when each fires next.
#[derive(Clone, Debug, Default)]
pub(super) struct SleepDrive {
    /// The units with a spike probability above zero (not silenced), in unit order.
    units: Vec<u16>,
    /// ln(1 − p) of each unit's spike probability per step ([`SimRng::log_no_event`]).
    log_no_spike: Vec<f32>,
    /// Whether every unit's first spike has been drawn (each new drive draws them afresh).
    drawn: bool,
    /// Each unit's next spike, as a step on `clock`, filed by cycle; a unit that never
    /// fires again is not in it. Kept as times rather than waits, and filed, so that a
    /// cycle costs only the units that fire in it, not every unit.
    calendar: SpikeCalendar,
    /// Steps drawn so far with this drive (the start of the next cycle).
    clock: u64,
    /// Scratch: the places in `units` of the units that fire this cycle.
    due: Vec<u32>,
    /// This cycle's spikes as (step, unit), by step and, within a step, in unit order.
    spikes: Vec<(u32, u16)>,
    /// What the drive was computed from.
    key: Option<SleepDriveKey>,
}

impl Simulation {
    /// Makes `scratch.sleep_drive` the units that may fire spontaneously, each with its
    /// spike probability per step, in unit order; units that never fire (no waking rate,
    /// or silenced) are left out, as they draw no random number. A new drive draws every
    /// unit's wait afresh.
    fn update_sleep_drive(&mut self) {
        let net = &self.params.network;
        let sleep = &self.params.sleep;
        let key = SleepDriveKey {
            cycles: self.wake_rates.cycles,
            task_cycles: self.wake_rates.task_cycles,
            noise: sleep.noise,
            average: sleep.rate_average,
            scale: sleep.noise_scale,
            cycle_ms: net.cycle_ms,
            silence: sleep.silence,
        };
        let drive = &mut self.scratch.sleep_drive;
        if drive.key == Some(key) {
            return;
        }
        self.wake_rates.per_step(
            sleep.noise,
            sleep.rate_average,
            sleep.noise_scale,
            net.cycle_ms,
            &mut self.scratch.sleep_prob,
        );
        let silent = match sleep.silence {
            Silence::Nobody => None,
            Silence::T1 => Some(Task::T1),
            Silence::T2 => Some(Task::T2),
        };
        drive.units.clear();
        drive.log_no_spike.clear();
        drive.drawn = false;
        // What the noise alone gives each group in a cycle: p spikes a step, cycle_ms steps.
        let mut noise = [0.0_f32; BAR_GROUPS];
        for (i, &p) in self.scratch.sleep_prob.iter().enumerate() {
            let silenced = silent.is_some_and(|task| self.hidden.task_of(i) == Some(task));
            if silenced || p <= 0.0 {
                continue;
            }
            drive.units.push(u16::try_from(i).unwrap_or(u16::MAX));
            drive.log_no_spike.push(SimRng::log_no_event(p));
            if let Some(&tag) = self.bar_tags.get(i) {
                noise[usize::from(tag)] += p.min(1.0) * net.cycle_ms as f32;
            }
        }
        self.scratch.noise_spikes_by_bar = noise;
        drive.key = Some(key);
    }

    pub(super) fn sleep_cycle(&mut self) -> CycleOutcome {
        self.update_sleep_drive();
        let (cycle_ms, release_noise) = (self.params.network.cycle_ms, self.params.network.release_noise);
        let plastic = self.params.sleep.plasticity;
        if let Some(log) = &mut self.spike_log {
            log.clear();
        }
        let mut outcome = CycleOutcome {
            noise_spikes_by_bar: self.scratch.noise_spikes_by_bar,
            ..CycleOutcome::default()
        };
        let mut unused = [0_u32; N_OUTPUTS];
        self.scratch.sleep_drive.draw_cycle(cycle_ms, &mut self.sleep_rng);
        // Steps without a spontaneous spike and with every output quiet are skipped in one
        // go, as awake; the raster wants every step.
        let skip = self.spike_log.is_none();
        // The next of this cycle's spikes (they are in step order).
        let mut next = 0;
        let mut step = 0;
        while step < cycle_ms {
            if skip {
                let next_spike_step = self
                    .scratch
                    .sleep_drive
                    .spikes
                    .get(next)
                    .map_or(cycle_ms, |&(at, _)| at as usize);
                let quiet = self.skip_quiet_steps(step, next_spike_step, false, plastic);
                if quiet > 0 {
                    step += quiet;
                    continue;
                }
            }
            self.scratch.spikes.clear();
            while let Some(&(at, unit)) = self.scratch.sleep_drive.spikes.get(next)
                && at as usize == step
            {
                self.scratch.spikes.push(unit);
                next += 1;
            }
            let fired = self
                .outputs
                .step(&self.params.network, false, &mut self.sleep_rng);
            self.outputs.receive(
                &self.scratch.spikes,
                &self.synapses,
                release_noise,
                &mut self.sleep_rng,
            );
            for &i in &self.scratch.spikes {
                if let Some(&tag) = self.bar_tags.get(usize::from(i)) {
                    outcome.hidden_spikes_by_bar[usize::from(tag)] += 1;
                }
            }
            if plastic {
                self.stdp.record_step(&self.scratch.spikes, fired);
            }
            self.tally_step(step, fired, false, &mut outcome, &mut unused);
            step += 1;
        }
        if plastic {
            let sleep = &self.params.sleep;
            outcome.reward = sleep.reward;
            outcome.weights_changed = self.stdp.apply_reward(
                &mut self.synapses,
                sleep.reward,
                sleep.learning_rate,
                &self.params.plasticity,
            );
            if outcome.weights_changed {
                for (i, grown) in self.stdp.potentiated_units() {
                    // Most units grew nothing; adding their +0 would change no sum.
                    if grown != 0.0
                        && let Some(&tag) = self.bar_tags.get(i)
                    {
                        outcome.potentiation_by_bar[usize::from(tag)] += grown;
                    }
                }
            }
            self.stdp.end_cycle();
        }
        outcome
    }
}

impl SleepDrive {
    /// Draws the spikes of a cycle of `cycle_ms` steps into `spikes`: each unit that fires
    /// in the cycle, in unit order, fires at its next spike, then waits a geometric number
    /// of steps again (independent spikes of probability p each step, drawn a spike at a
    /// time), until its next spike falls in a later cycle.
    fn draw_cycle(&mut self, cycle_ms: usize, rng: &mut SimRng) {
        let start = self.clock;
        let steps = u32::try_from(cycle_ms).unwrap_or(u32::MAX);
        if !self.drawn {
            self.calendar.start(self.units.len(), start, u64::from(steps));
            for (place, &log) in (0_u32..).zip(&self.log_no_spike) {
                let wait = rng.steps_before_event(log);
                if wait != NEVER {
                    self.calendar.file(place, start + u64::from(wait));
                }
            }
            self.drawn = true;
        }
        self.calendar.take_due(&mut self.due);
        self.spikes.clear();
        for &place in &self.due {
            let unit = self.units[place as usize];
            let log = self.log_no_spike[place as usize];
            // Counted from this cycle's start: below `steps`, as the unit is due.
            let mut at = u32::try_from(self.calendar.next_spike(place) - start).unwrap_or(NEVER);
            while at < steps {
                // In step order: after the spikes of earlier units at the same or an
                // earlier step, before those at later steps.
                let after = self
                    .spikes
                    .iter()
                    .rposition(|&(s, _)| s <= at)
                    .map_or(0, |k| k + 1);
                self.spikes.insert(after, (at, unit));
                at = at.saturating_add(1).saturating_add(rng.steps_before_event(log));
            }
            if at != NEVER {
                self.calendar.file(place, start + u64::from(at));
            }
        }
        self.calendar.next_cycle();
        self.clock = start + u64::from(steps);
    }
}
