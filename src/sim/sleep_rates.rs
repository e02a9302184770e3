//! The spontaneous rates of sleep (docs/model.md §4, §3b): each hidden unit's average waking
//! rate over all plastic waking so far, or (the paper's) the mean of its average rate in
//! each task's training, the tasks weighted equally however long each was trained.

use super::params::{RateAverage, SleepNoise};
use super::world::Task;

/// Spike counts of each hidden unit during plastic waking, in all and per task: what the
/// spontaneous rates of sleep are made from.
#[derive(Clone, Debug, PartialEq)]
pub struct WakeRates {
    /// Spikes of each hidden unit during plastic waking.
    pub spikes: Vec<u64>,
    /// Plastic waking cycles counted.
    pub cycles: u64,
    /// Spikes of each hidden unit during plastic waking in each task's world.
    pub task_spikes: [Vec<u64>; 2],
    /// Plastic waking cycles in each task's world.
    pub task_cycles: [u64; 2],
}

impl WakeRates {
    /// Nothing counted yet, for `n_hidden` units.
    pub fn new(n_hidden: usize) -> Self {
        Self {
            spikes: vec![0; n_hidden],
            cycles: 0,
            task_spikes: [vec![0; n_hidden], vec![0; n_hidden]],
            task_cycles: [0; 2],
        }
    }

    /// Counts the spikes of one plastic waking step in `task`'s world.
    pub fn add_spikes(&mut self, task: Task, spikes: &[u16]) {
        let per_task = &mut self.task_spikes[task.index()];
        for &i in spikes {
            self.spikes[usize::from(i)] += 1;
            per_task[usize::from(i)] += 1;
        }
    }

    /// Counts one plastic waking cycle in `task`'s world.
    pub fn add_cycle(&mut self, task: Task) {
        self.cycles += 1;
        self.task_cycles[task.index()] += 1;
    }

    /// Spike probability per step of each unit (`noise`, averaged as `average` says, scaled
    /// by `scale`) into `out`.
    pub fn per_step(
        &self,
        noise: SleepNoise,
        average: RateAverage,
        scale: f32,
        cycle_ms: usize,
        out: &mut Vec<f32>,
    ) {
        out.clear();
        if self.cycles == 0 {
            out.resize(self.spikes.len(), 0.0);
            return;
        }
        if average == RateAverage::TasksEqual {
            self.tasks_equal(noise, scale, cycle_ms, out);
            return;
        }
        let steps = (self.cycles * cycle_ms as u64) as f64;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a rate in 0..=1 loses only precision as f32"
        )]
        let rate = |count: u64| ((count as f64 / steps) as f32 * scale).clamp(0.0, 1.0);
        match noise {
            SleepNoise::WakeRates => out.extend(self.spikes.iter().map(|&c| rate(c))),
            SleepNoise::Uniform => {
                let total: u64 = self.spikes.iter().sum();
                let units = self.spikes.len().max(1) as f64;
                #[expect(
                    clippy::cast_possible_truncation,
                    reason = "a rate in 0..=1 loses only precision as f32"
                )]
                let mean = ((total as f64 / units / steps) as f32 * scale).clamp(0.0, 1.0);
                out.resize(self.spikes.len(), mean);
            }
        }
    }

    /// Each unit's rate as the mean over the trained tasks of its average rate in that
    /// task's training.
    fn tasks_equal(&self, noise: SleepNoise, scale: f32, cycle_ms: usize, out: &mut Vec<f32>) {
        let trained: Vec<usize> = (0..2).filter(|&t| self.task_cycles[t] > 0).collect();
        let per_unit = |i: usize| {
            trained
                .iter()
                .map(|&t| self.task_spikes[t][i] as f64 / (self.task_cycles[t] * cycle_ms as u64) as f64)
                .sum::<f64>()
                / trained.len().max(1) as f64
        };
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a rate in 0..=1 loses only precision as f32"
        )]
        let clamp = |rate: f64| (rate as f32 * scale).clamp(0.0, 1.0);
        let n = self.spikes.len();
        match noise {
            SleepNoise::WakeRates => out.extend((0..n).map(|i| clamp(per_unit(i)))),
            SleepNoise::Uniform => {
                let mean = (0..n).map(per_unit).sum::<f64>() / n.max(1) as f64;
                out.resize(n, clamp(mean));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_equal_weighs_a_short_task_like_a_long_one() {
        let mut rates = WakeRates::new(2);
        // Unit 0 fires once a cycle in 100 cycles of T1; unit 1 once a cycle in 900 of T2.
        for _ in 0..100 {
            rates.add_spikes(Task::T1, &[0]);
            rates.add_cycle(Task::T1);
        }
        for _ in 0..900 {
            rates.add_spikes(Task::T2, &[1]);
            rates.add_cycle(Task::T2);
        }
        let mut out = Vec::new();
        rates.per_step(SleepNoise::WakeRates, RateAverage::AllWaking, 1.0, 10, &mut out);
        assert!(
            (out[0] - 0.01).abs() < 1e-6 && (out[1] - 0.09).abs() < 1e-6,
            "{out:?}"
        );
        rates.per_step(SleepNoise::WakeRates, RateAverage::TasksEqual, 1.0, 10, &mut out);
        assert!(
            (out[0] - 0.05).abs() < 1e-6 && (out[1] - 0.05).abs() < 1e-6,
            "{out:?}"
        );
    }
}
