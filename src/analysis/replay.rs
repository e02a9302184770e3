//! A replay score (after Tadros et al. 2022's neural-reactivation measure): for each task,
//! the N hidden units most active while awake in that task, and what they do in sleep
//! against what their spontaneous noise alone predicts.
//!
//! In this model a hidden unit fires in sleep only from its noise (docs/model.md §4), so
//! its spike count matches the noise's prediction by construction (0 for a silenced task);
//! that count is kept as `spikes_over_noise`. What sleep can replay is the pairing a unit
//! learned awake: its spike followed, within the STDP window, by a spike of the output it
//! drove most strongly when its task was last trained (the causal pair sleep's plasticity
//! strengthens again, §3–4). Noise alone predicts that output to follow the unit's spikes
//! as often as it follows any hidden spike in sleep; the score is the ratio, and above 1
//! the task's waking pathways are replayed.

use serde::{Deserialize, Serialize};

use crate::sim::network::N_OUTPUTS;
use crate::sim::schedule::{Experiment, Step};
use crate::sim::sleep_rates::WakeRates;
use crate::sim::{Mode, Task};

/// The default N: hidden units per task in the score.
pub const DEFAULT_TOP_UNITS: usize = 10;

/// What sleep did with each hidden unit, summed over the sleep cycles seen.
#[derive(Clone, Debug, Default)]
pub struct ReplayRecorder {
    /// Spikes of each unit in sleep.
    spikes: Vec<u64>,
    /// Spikes of each unit in sleep followed by a spike of its preferred output.
    paired: Vec<u64>,
    /// Spikes each unit's preferred output was expected to follow: for each spike, the
    /// share of all sleep hidden spikes that output followed (summed at the end, see
    /// `followed_by`), so kept as spike counts per (unit, preferred output).
    spikes_by_preference: Vec<[u64; N_OUTPUTS]>,
    /// Hidden spikes in sleep followed by a spike of each output, and all hidden spikes.
    followed_by: [u64; N_OUTPUTS],
    all_spikes: u64,
    /// Spikes each unit's noise predicts: its spontaneous probability per step, times the
    /// steps of sleep, whether or not a silence holds it (the unit's own waking rate).
    noise: Vec<f64>,
    /// Each unit's output of strongest weight when its task was last trained awake.
    preferred: Vec<usize>,
    /// The mode of the last cycle seen, to notice the end of a waking bout.
    last_mode: Option<Mode>,
    /// Scratch: each unit's spontaneous probability per step, and the waking cycles it was
    /// computed at.
    probability: Vec<f32>,
    probability_at: Option<u64>,
    /// Sleep cycles seen.
    pub sleep_cycles: u64,
}

/// One task's score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskReplay {
    /// The top units' sleep spikes followed by their preferred output, over what noise
    /// alone predicts: above 1, the waking pairing is replayed (0 when they never fire).
    pub score: f64,
    /// Those spikes, counted.
    pub paired: u64,
    /// What noise alone predicts of them.
    pub expected: f64,
    /// Their sleep spikes over the noise's prediction (1 by construction, 0 when silenced).
    pub spikes_over_noise: f64,
}

impl ReplayRecorder {
    /// Looks at the experiment after one cycle: notes each unit's preferred output when a
    /// waking bout ends, and counts a sleep cycle's spikes (the spike log must be on:
    /// [`run_observed`](super::observed::run_observed) with `record_spikes`).
    pub fn observe(&mut self, experiment: &Experiment, step: &Step) {
        let sim = &experiment.sim;
        let n = sim.hidden.len();
        if self.spikes.len() != n {
            *self = Self {
                spikes: vec![0; n],
                paired: vec![0; n],
                spikes_by_preference: vec![[0; N_OUTPUTS]; n],
                noise: vec![0.0; n],
                preferred: vec![0; n],
                ..Self::default()
            };
        }
        let mode = (!step.testing).then_some(step.mode);
        // A waking bout has ended: before a test the animal is as the bout left it; before
        // sleep, one sleep cycle has run (its change is one reward's worth).
        if let Some(Mode::Wake { task, plastic: true }) = self.last_mode
            && (step.testing || mode != self.last_mode)
        {
            for (i, preferred) in self.preferred.iter_mut().enumerate() {
                if sim.hidden.task_of(i) == Some(task) {
                    let row = sim.synapses.row(i);
                    *preferred = (0..N_OUTPUTS).fold(0, |best, j| if row[j] > row[best] { j } else { best });
                }
            }
        }
        if step.testing {
            // The animal is still as its last cycle left it: the bout end is noted once.
            self.last_mode = None;
            return;
        }
        self.last_mode = mode;
        if step.mode == Mode::Sleep {
            self.count_sleep(experiment);
        }
    }

    fn count_sleep(&mut self, experiment: &Experiment) {
        let sim = &experiment.sim;
        let Some(log) = &sim.spike_log else { return };
        let params = sim.params();
        let cycle_ms = params.network.cycle_ms;
        if self.probability_at != Some(sim.wake_rates.cycles) {
            sim.wake_rates.per_step(
                params.sleep.noise,
                params.sleep.rate_average,
                params.sleep.noise_scale,
                cycle_ms,
                &mut self.probability,
            );
            self.probability_at = Some(sim.wake_rates.cycles);
        }
        for (noise, &p) in self.noise.iter_mut().zip(&self.probability) {
            *noise += f64::from(p) * cycle_ms as f64;
        }
        let window = params.plasticity.stdp_window_ms;
        for &(at, unit) in &log.hidden {
            let unit = usize::from(unit);
            let Some(preferred) = self.preferred.get(unit).copied() else {
                continue;
            };
            // An output receives a step's hidden spikes after it has stepped: a spike they
            // cause comes one step later or more.
            let mut followed = [false; N_OUTPUTS];
            for &(out_at, j) in &log.output {
                if out_at > at && usize::from(out_at - at) <= window {
                    followed[usize::from(j)] = true;
                }
            }
            for (count, &f) in self.followed_by.iter_mut().zip(&followed) {
                *count += u64::from(f);
            }
            self.all_spikes += 1;
            self.spikes[unit] += 1;
            self.spikes_by_preference[unit][preferred] += 1;
            self.paired[unit] += u64::from(followed[preferred]);
        }
        self.sleep_cycles += 1;
    }

    /// The score of `task` for its `top` units most active while awake in it (by the
    /// animal's waking spike counts in that task's world, `wake_rates` at the run's end;
    /// ties to the lower unit).
    pub fn score(&self, wake_rates: &WakeRates, task: Task, top: usize) -> TaskReplay {
        let awake = &wake_rates.task_spikes[task.index()];
        let mut order: Vec<usize> = (0..awake.len()).collect();
        order.sort_by(|&a, &b| awake[b].cmp(&awake[a]).then(a.cmp(&b)));
        let chosen = &order[..top.min(order.len())];
        let follow_rate = |j: usize| ratio(self.followed_by[j] as f64, self.all_spikes as f64);
        let mut paired = 0;
        let mut expected = 0.0;
        let (mut spikes, mut noise) = (0.0, 0.0);
        for &i in chosen {
            let (Some(&p), Some(by), Some(&s), Some(&n)) = (
                self.paired.get(i),
                self.spikes_by_preference.get(i),
                self.spikes.get(i),
                self.noise.get(i),
            ) else {
                continue;
            };
            paired += p;
            expected += (0..N_OUTPUTS).map(|j| by[j] as f64 * follow_rate(j)).sum::<f64>();
            spikes += s as f64;
            noise += n;
        }
        TaskReplay {
            score: ratio(paired as f64, expected),
            paired,
            expected,
            spikes_over_noise: ratio(spikes, noise),
        }
    }
}

/// `a / b`, or 0 when `b` is 0 (nothing to compare with).
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}
