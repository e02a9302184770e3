//! A sleep cycle (SCIENCE.md §4): no input, each hidden unit firing spontaneously at its
//! own waking rate (units of a silenced task not at all), output spikes that move nothing,
//! and a constant reward every cycle.

use crate::sim::network::N_OUTPUTS;
use crate::sim::params::Silence;
use crate::sim::rng::SimRng;
use crate::sim::world::Task;

use super::{CycleOutcome, Simulation, count_spikes, log_step};

impl Simulation {
    pub(super) fn sleep_cycle(&mut self) -> CycleOutcome {
        let net = &self.params.network;
        let sleep = &self.params.sleep;
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
        self.scratch.sleep_threshold.clear();
        self.scratch
            .sleep_threshold
            .extend(
                self.scratch
                    .sleep_prob
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| match silent {
                        Some(task) if self.hidden.task_of(i) == Some(task) => 0,
                        _ => SimRng::threshold(p),
                    }),
            );
        if let Some(log) = &mut self.spike_log {
            log.clear();
        }
        let mut outcome = CycleOutcome::default();
        let mut unused = [0_u32; N_OUTPUTS];
        for step in 0..net.cycle_ms {
            let fired = self.outputs.step(net, false, &mut self.sleep_rng);
            self.scratch.spikes.clear();
            for (i, &t) in self.scratch.sleep_threshold.iter().enumerate() {
                if t > 0 && self.sleep_rng.below_threshold(t) {
                    self.scratch.spikes.push(u16::try_from(i).unwrap_or(u16::MAX));
                }
            }
            self.outputs.receive(
                &self.scratch.spikes,
                &self.synapses,
                net.release_noise,
                &mut self.sleep_rng,
            );
            for &i in &self.scratch.spikes {
                if let Some(&tag) = self.task_tags.get(usize::from(i)) {
                    outcome.hidden_spikes_by_task[usize::from(tag)] += 1;
                }
            }
            if sleep.plasticity {
                self.stdp.record_step(&self.scratch.spikes, fired);
            }
            count_spikes(fired, false, &mut outcome, &mut unused);
            outcome.hidden_spikes += u32::try_from(self.scratch.spikes.len()).unwrap_or(u32::MAX);
            log_step(self.spike_log.as_mut(), step, &self.scratch.spikes, fired);
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
                for (&grown, &tag) in self.stdp.potentiation.iter().zip(&self.task_tags) {
                    outcome.potentiation_by_task[usize::from(tag)] += grown;
                }
            }
            self.stdp.end_cycle();
        }
        outcome
    }
}
