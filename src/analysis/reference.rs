//! The reference solutions of an experiment (Golden et al. 2022, Fig 7 and Methods): K
//! animals with the experiment's parameters trained on task 1 alone, and on task 2 alone,
//! their plastic weights sampled over the last fifth of each training. Task-2 training starts
//! from the animal's state at the end of task 1 (as in the experiment) or from a naive
//! network; [`SolutionSets::separation`] says which sets stand further apart.
//!
//! A learned hidden layer develops differently in every animal, so hidden unit i of one
//! animal sees something else than unit i of another and their weights cannot be compared.
//! There the reference animals are other lives of the run's own network: developed once as
//! the run develops, then trained in other worlds ([`reference_sets_for`]).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::weight_space::{SolutionSets, WeightPoint, point_of_sim};
use crate::sim::params::HiddenKind;
use crate::sim::schedule::Block;
use crate::sim::{Mode, Params, Simulation, Task};

/// The reference animals' seeds start here: far from the seeds a class types, so that no
/// reference animal is one of the animals it is compared with.
pub const REFERENCE_SEED_BASE: u64 = 1_000_000_000;

/// Where task-2-only training starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceStart {
    /// From the animal's weights at the end of its task-1 training (the experiment's path).
    #[default]
    AfterT1,
    /// From a naive network (a different animal, never trained on task 1).
    Naive,
}

/// How the reference sets are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceOptions {
    /// Animals trained per set.
    pub animals: usize,
    /// Weight samples per animal over the last fifth of each training.
    pub samples_per_animal: usize,
    /// Where task-2-only training starts.
    pub start: ReferenceStart,
}

impl Default for ReferenceOptions {
    fn default() -> Self {
        Self {
            animals: 5,
            samples_per_animal: 20,
            start: ReferenceStart::AfterT1,
        }
    }
}

/// Plastic waking cycles of `task` in `schedule`, repeats counted (saturating).
pub fn wake_cycles_of(schedule: &[Block], task: Task) -> u64 {
    schedule.iter().fold(0_u64, |sum, block| {
        sum.saturating_add(match block {
            Block::Wake { task: t, cycles } if *t == task => *cycles,
            Block::Repeat { times, blocks } => times.saturating_mul(wake_cycles_of(blocks, task)),
            _ => 0,
        })
    })
}

/// The solution sets of an experiment with `params` whose schedule trains task 1 for
/// `t1_cycles` and task 2 for `t2_cycles` waking cycles, made by `options.animals` animals
/// (on the current rayon pool). The same inputs give the same sets.
pub fn reference_sets(
    params: &Params,
    t1_cycles: u64,
    t2_cycles: u64,
    options: ReferenceOptions,
) -> SolutionSets {
    let animals: Vec<(Vec<WeightPoint>, Vec<WeightPoint>)> = (0..options.animals as u64)
        .into_par_iter()
        .map(|k| one_animal(params, REFERENCE_SEED_BASE + k, t1_cycles, t2_cycles, options))
        .collect();
    pooled(animals)
}

/// The sets of the animals' (or lives') task-1 and task-2 samples, in their order.
fn pooled(animals: Vec<(Vec<WeightPoint>, Vec<WeightPoint>)>) -> SolutionSets {
    let mut sets = SolutionSets::default();
    for (t1, t2) in animals {
        sets.t1.extend(t1);
        sets.t2.extend(t2);
    }
    sets
}

/// The solution sets the run with `seed` is compared with: for a detector layer (the same
/// units in every animal) [`reference_sets`]; for a learned layer, `options.animals` other
/// lives of the run's own developed network, each trained on task 1 alone, then on task 2
/// alone from there (`options.start` does not apply: a naive life has the same network).
pub fn reference_sets_for(
    params: &Params,
    seed: u64,
    t1_cycles: u64,
    t2_cycles: u64,
    options: ReferenceOptions,
) -> SolutionSets {
    if params.network.hidden != HiddenKind::Learned {
        return reference_sets(params, t1_cycles, t2_cycles, options);
    }
    let mut developed = Simulation::new(params.clone(), seed);
    for _ in 0..params.development.cycles {
        developed.run_cycle(Mode::Develop);
    }
    let lives: Vec<(Vec<WeightPoint>, Vec<WeightPoint>)> = (0..options.animals as u64)
        .into_par_iter()
        .map(|life| {
            let mut animal = developed.reference_copy(life);
            let t1 = train_sampling(&mut animal, Task::T1, t1_cycles, options.samples_per_animal);
            let t2 = train_sampling(&mut animal, Task::T2, t2_cycles, options.samples_per_animal);
            (t1, t2)
        })
        .collect();
    pooled(lives)
}

/// One reference animal's samples of task-1 training, then of task-2 training.
fn one_animal(
    params: &Params,
    seed: u64,
    t1_cycles: u64,
    t2_cycles: u64,
    options: ReferenceOptions,
) -> (Vec<WeightPoint>, Vec<WeightPoint>) {
    let mut animal = Simulation::new(params.clone(), seed);
    let t1 = train_sampling(&mut animal, Task::T1, t1_cycles, options.samples_per_animal);
    let t2 = match options.start {
        ReferenceStart::AfterT1 => {
            train_sampling(&mut animal, Task::T2, t2_cycles, options.samples_per_animal)
        }
        ReferenceStart::Naive => {
            // Another animal than the task-1 one, so the two sets share no history.
            let mut naive = Simulation::new(params.clone(), seed + REFERENCE_SEED_BASE);
            train_sampling(&mut naive, Task::T2, t2_cycles, options.samples_per_animal)
        }
    };
    (t1, t2)
}

/// The cycles (counted from 1) at which a training of `cycles` cycles is sampled: `samples`
/// times, evenly over its last fifth, the last at its end.
pub fn sample_cycles(cycles: u64, samples: usize) -> Vec<u64> {
    let fifth = cycles / 5;
    let samples = samples.max(1) as u64;
    let mut at: Vec<u64> = (1..=samples)
        .map(|k| cycles - fifth + (fifth * k).div_ceil(samples))
        .filter(|&c| c > 0)
        .collect();
    at.dedup();
    at
}

/// Trains `animal` on `task` for `cycles` plastic waking cycles (after a learned layer's
/// development, when it has not run yet), sampling its weights at [`sample_cycles`].
fn train_sampling(animal: &mut Simulation, task: Task, cycles: u64, samples: usize) -> Vec<WeightPoint> {
    if animal.params().network.hidden == HiddenKind::Learned && animal.cycle == 0 {
        for _ in 0..animal.params().development.cycles {
            animal.run_cycle(Mode::Develop);
        }
    }
    let due = sample_cycles(cycles, samples);
    let mut points = Vec::with_capacity(due.len());
    let mode = Mode::Wake { task, plastic: true };
    for done in 1..=cycles {
        animal.run_cycle(mode);
        if due.binary_search(&done).is_ok() {
            points.push(point_of_sim(animal));
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_fall_evenly_over_the_last_fifth_and_end_at_the_end() {
        assert_eq!(sample_cycles(1000, 4), vec![850, 900, 950, 1000]);
        assert_eq!(sample_cycles(3, 2), vec![3]);
    }

    #[test]
    fn a_learned_layer_is_compared_with_lives_of_its_own_network() {
        let options = ReferenceOptions {
            animals: 2,
            samples_per_animal: 3,
            start: ReferenceStart::AfterT1,
        };
        let detectors = Params::default();
        // Detector units are the same in every animal: the seed does not matter.
        assert_eq!(
            reference_sets_for(&detectors, 1, 40, 40, options),
            reference_sets_for(&detectors, 2, 40, 40, options)
        );
        let mut learned = Params::default();
        learned.network.hidden = HiddenKind::Learned;
        learned.development.units = 16;
        learned.development.cycles = 30;
        let sets = reference_sets_for(&learned, 1, 40, 40, options);
        assert_eq!((sets.t1.len(), sets.t2.len()), (6, 6));
        assert_eq!(sets.t1[0].len(), 16 * 8);
        // Each seed develops its own units, and is compared with lives of its own network.
        assert_ne!(sets, reference_sets_for(&learned, 2, 40, 40, options));
        assert_eq!(sets, reference_sets_for(&learned, 1, 40, 40, options));
    }

    #[test]
    fn wake_cycles_count_repeats() {
        let schedule = vec![
            Block::Wake {
                task: Task::T1,
                cycles: 30,
            },
            Block::Repeat {
                times: 4,
                blocks: vec![
                    Block::Wake {
                        task: Task::T2,
                        cycles: 5,
                    },
                    Block::Sleep { cycles: 5 },
                ],
            },
        ];
        assert_eq!(wake_cycles_of(&schedule, Task::T1), 30);
        assert_eq!(wake_cycles_of(&schedule, Task::T2), 20);
    }
}
