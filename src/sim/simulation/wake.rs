//! A waking cycle (docs/model.md §2–3): the agent sees its 7×7 view, its hidden units spike,
//! the output neurons integrate them for a cycle of 1 ms steps, the one with most spikes in
//! the decision window moves it, and what it eats rewards or punishes the spike pairs kept
//! in the eligibility traces.

use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::{DIRECTIONS, N_OUTPUTS};
use crate::sim::world::{Eaten, NO_BAR, Task};

use super::{CycleOutcome, Simulation};

impl Simulation {
    pub(super) fn wake_cycle(&mut self, task: Task, plastic: bool) -> CycleOutcome {
        self.world(task);
        let Some(world) = self.worlds[task.index()].as_mut() else {
            return CycleOutcome::default();
        };
        let (cycle_ms, decision_ms) = (self.params.network.cycle_ms, self.params.network.decision_ms);
        world.view(VIEW_CELLS, &mut self.scratch.view);
        self.hidden
            .sense(world, &self.scratch.view, &mut self.scratch.active);
        if let Some(log) = &mut self.spike_log {
            log.clear();
            log.input_cells.extend(
                (0..self.scratch.view.len())
                    .filter(|&c| self.scratch.view[c] != NO_BAR)
                    .map(|c| u8::try_from(c).unwrap_or(u8::MAX)),
            );
        }
        self.stdp.clear_history();
        let mut outcome = CycleOutcome::default();
        let mut decision_spikes = [0_u32; N_OUTPUTS];
        // Steps where nothing can happen (no hidden unit may spike, no output has input, is
        // refractory or gets a kick) are skipped in one go: they draw no random number and
        // fire nothing, and most of a cycle's steps are such. The raster wants every step.
        let skip = self.spike_log.is_none();
        let mut step = 0;
        while step < cycle_ms {
            if skip {
                let until = self.next_hidden_spike_step(step);
                let quiet = self.skip_quiet_steps(step, until, true, plastic);
                if quiet > 0 {
                    step += quiet;
                    continue;
                }
            }
            let fired = self.outputs.step(&self.params.network, true, &mut self.rng);
            self.scratch.spikes.clear();
            self.hidden.spikes_at(
                step,
                &self.scratch.active,
                &mut self.rng,
                &mut self.scratch.spikes,
            );
            if !self.scratch.spikes.is_empty() {
                self.outputs.receive(
                    &self.scratch.spikes,
                    &self.synapses,
                    self.params.network.release_noise,
                    &mut self.rng,
                );
            }
            if plastic {
                self.stdp.record_step(&self.scratch.spikes, fired);
                self.wake_rates.add_spikes(task, &self.scratch.spikes);
            }
            self.tally_step(
                step,
                fired,
                step < decision_ms,
                &mut outcome,
                &mut decision_spikes,
            );
            step += 1;
        }

        // Move: the output with most spikes in the decision window, or explore.
        let direction = if self.rng.chance(self.exploration) {
            self.rng.below(N_OUTPUTS)
        } else {
            self.choose_direction(&decision_spikes)
        };
        self.last_direction = direction;
        let Some(world) = self.worlds[task.index()].as_mut() else {
            return outcome;
        };
        let eaten = world.move_agent(DIRECTIONS[direction], &mut self.rng);
        let plasticity = &self.params.plasticity;
        outcome.reward = match eaten {
            Eaten::Nothing => plasticity.empty_move,
            Eaten::Bar(kind) if kind == task.rewarded() => plasticity.reward,
            Eaten::Bar(_) => plasticity.punishment,
        };
        if let Some(log) = &mut self.spike_log {
            log.moved = u8::try_from(direction).ok();
            log.eaten = match eaten {
                Eaten::Bar(kind) => Some(kind),
                Eaten::Nothing => None,
            };
        }
        if let Eaten::Bar(kind) = eaten {
            outcome.eaten = Some(kind);
            self.exploration = self.params.network.exploration_base;
        } else {
            self.exploration = (self.exploration + self.params.network.exploration_step).min(1.0);
        }

        if plastic {
            self.wake_rates.add_cycle(task);
            outcome.weights_changed = self.learn(&outcome.output_spikes, outcome.reward);
        }
        outcome
    }

    /// The first step at or after `step` at which a hidden unit in view may spike, or the
    /// end of the cycle.
    fn next_hidden_spike_step(&self, step: usize) -> usize {
        let cycle_ms = self.params.network.cycle_ms;
        let spikes_may_come = !self.scratch.active.is_empty();
        match self.hidden.next_spike_step(step) {
            Some(next) if spikes_may_come => next.min(cycle_ms),
            _ => cycle_ms,
        }
    }

    /// The end of a plastic waking cycle: homeostasis moves the outputs' targets, then the
    /// reward acts through the traces. Returns whether any weight changed.
    fn learn(&mut self, output_spikes: &[u32; N_OUTPUTS], reward: f32) -> bool {
        let plasticity = &self.params.plasticity;
        self.homeostasis
            .update(output_spikes, &mut self.synapses, plasticity);
        let changed =
            self.stdp
                .apply_reward(&mut self.synapses, reward, plasticity.learning_rate, plasticity);
        if !changed && plasticity.homeostasis_rate != 0.0 {
            // The targets moved: keep every output's sum on its target.
            let w_max = plasticity.max_weight_factor * self.synapses.initial_weight;
            self.synapses.normalise(w_max);
        }
        self.stdp.end_cycle();
        changed
    }

    fn choose_direction(&mut self, decision_spikes: &[u32; N_OUTPUTS]) -> usize {
        let most = decision_spikes.iter().copied().max().unwrap_or(0);
        if most == 0 {
            return self.last_direction;
        }
        let tied = decision_spikes.iter().filter(|&&s| s == most).count();
        let pick = if tied == 1 { 0 } else { self.rng.below(tied) };
        decision_spikes
            .iter()
            .enumerate()
            .filter(|&(_, &s)| s == most)
            .nth(pick)
            .map_or(self.last_direction, |(j, _)| j)
    }
}
