//! A sleep cycle (SCIENCE.md §4): no input, each hidden unit firing spontaneously at its
//! own waking rate (units of a silenced task not at all), output spikes that move nothing,
//! and a constant reward every cycle.

use crate::sim::network::N_OUTPUTS;
use crate::sim::params::{RateAverage, Silence, SleepNoise};
use crate::sim::rng::SimRng;
use crate::sim::world::Task;

use super::{BAR_GROUPS, CycleOutcome, Simulation, count_spikes, log_step};

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

impl Simulation {
    /// Makes `scratch.sleep_drive` the units that may fire spontaneously, each with its
    /// integer threshold (its spike probability per step, [`SimRng::threshold`]), in unit
    /// order; units that never fire (no waking rate, or silenced) are left out, as they
    /// draw no random number.
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
        if self.scratch.sleep_drive_key == Some(key) {
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
        let hidden = &self.hidden;
        self.scratch.sleep_drive.clear();
        self.scratch.sleep_drive.extend(
            self.scratch
                .sleep_prob
                .iter()
                .enumerate()
                .map(|(i, &p)| match silent {
                    Some(task) if hidden.task_of(i) == Some(task) => (i, 0),
                    _ => (i, SimRng::threshold(p)),
                })
                .filter(|&(_, t)| t > 0)
                .map(|(i, t)| (u16::try_from(i).unwrap_or(u16::MAX), t)),
        );
        // What the noise alone gives each group in a cycle: a unit of threshold t fires with
        // probability t / 2^24 at each step.
        let mut noise = [0.0_f32; BAR_GROUPS];
        for &(i, t) in &self.scratch.sleep_drive {
            if let Some(&tag) = self.bar_tags.get(usize::from(i)) {
                noise[usize::from(tag)] += t as f32 / 16_777_216.0 * net.cycle_ms as f32;
            }
        }
        self.scratch.noise_spikes_by_bar = noise;
        self.scratch.sleep_drive_key = Some(key);
    }

    pub(super) fn sleep_cycle(&mut self) -> CycleOutcome {
        self.update_sleep_drive();
        let net = &self.params.network;
        let sleep = &self.params.sleep;
        if let Some(log) = &mut self.spike_log {
            log.clear();
        }
        let mut outcome = CycleOutcome {
            noise_spikes_by_bar: self.scratch.noise_spikes_by_bar,
            ..CycleOutcome::default()
        };
        let mut unused = [0_u32; N_OUTPUTS];
        for step in 0..net.cycle_ms {
            let fired = self.outputs.step(net, false, &mut self.sleep_rng);
            self.scratch.spikes.clear();
            spontaneous_spikes(
                &self.scratch.sleep_drive,
                &mut self.sleep_rng,
                &mut self.scratch.spikes,
            );
            self.outputs.receive(
                &self.scratch.spikes,
                &self.synapses,
                net.release_noise,
                &mut self.sleep_rng,
            );
            for &i in &self.scratch.spikes {
                if let Some(&tag) = self.bar_tags.get(usize::from(i)) {
                    outcome.hidden_spikes_by_bar[usize::from(tag)] += 1;
                }
            }
            if sleep.plasticity {
                self.stdp.record_step(&self.scratch.spikes, fired);
            }
            count_spikes(fired, false, &mut outcome, &mut unused);
            outcome.hidden_spikes += u32::try_from(self.scratch.spikes.len()).unwrap_or(u32::MAX);
            log_step(
                self.spike_log.as_mut(),
                step,
                &self.scratch.spikes,
                fired,
                &self.outputs.potential,
            );
        }
        if sleep.plasticity {
            outcome.reward = sleep.reward;
            outcome.weights_changed = self.stdp.apply_reward(
                &mut self.synapses,
                sleep.reward,
                sleep.learning_rate,
                &self.params.plasticity,
            );
            if outcome.weights_changed {
                for (&grown, &tag) in self.stdp.potentiation.iter().zip(&self.bar_tags) {
                    // Most units grew nothing; adding their +0 would change no sum.
                    if grown != 0.0 {
                        outcome.potentiation_by_bar[usize::from(tag)] += grown;
                    }
                }
            }
            self.stdp.end_cycle();
        }
        outcome
    }
}

/// Appends to `spikes` the units of `drive` that fire this step: one draw each, in unit
/// order, a spike when it falls below the unit's threshold.
fn spontaneous_spikes(drive: &[(u16, u32)], rng: &mut SimRng, spikes: &mut Vec<u16>) {
    // The generator is copied in and out so that its state stays in registers through the
    // loop: these draws (one per unit and step) are most of a sleep cycle's work.
    let mut local = rng.clone();
    for &(i, threshold) in drive {
        if local.below_threshold(threshold) {
            spikes.push(i);
        }
    }
    *rng = local;
}
