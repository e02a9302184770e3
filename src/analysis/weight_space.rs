//! Points in weight space (the plastic hidden→output weights of one network, flattened) and
//! the two tasks' solution sets: the weights of networks trained on one task alone, sampled
//! over the last fifth of their training (Golden et al. 2022, Fig 7 and Methods). The
//! distance of a network to a set is its Euclidean distance to the nearest stored point.

use serde::{Deserialize, Serialize};

use crate::sim::Simulation;
use crate::sim::network::Synapses;

/// A network's plastic hidden→output weights, row by row (hidden unit i's eight outgoing
/// weights at `8i..8i + 8`).
pub type WeightPoint = Vec<f32>;

/// The weights of `synapses` as one point.
pub fn point_of(synapses: &Synapses) -> WeightPoint {
    synapses.weights().iter().copied().collect()
}

/// The weights of `sim`'s network as one point.
pub fn point_of_sim(sim: &Simulation) -> WeightPoint {
    point_of(&sim.synapses)
}

/// Euclidean distance between two points of the same network size (extra entries of the
/// longer one, which a well-formed pair never has, are ignored).
pub fn distance(a: &[f32], b: &[f32]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| {
            let d = f64::from(x) - f64::from(y);
            d * d
        })
        .sum::<f64>()
        .sqrt()
}

/// Distance from `point` to the nearest point of `set` (infinite for an empty set).
pub fn distance_to_set(set: &[WeightPoint], point: &[f32]) -> f64 {
    set.iter()
        .map(|p| distance(p, point))
        .fold(f64::INFINITY, f64::min)
}

/// The task-1 and task-2 solution sets of one experiment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SolutionSets {
    /// Weights of networks trained on task 1 alone, over the last fifth of that training.
    pub t1: Vec<WeightPoint>,
    /// Weights of networks trained on task 2 alone, over the last fifth of that training.
    pub t2: Vec<WeightPoint>,
}

/// A point's distances to both sets.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetDistances {
    /// Distance to the nearest point of the task-1 set.
    pub to_t1: f64,
    /// Distance to the nearest point of the task-2 set.
    pub to_t2: f64,
}

impl SolutionSets {
    /// The distances of `point` to both sets.
    pub fn distances(&self, point: &[f32]) -> SetDistances {
        SetDistances {
            to_t1: distance_to_set(&self.t1, point),
            to_t2: distance_to_set(&self.t2, point),
        }
    }

    /// How well the sets stand apart (see [`separation`]), in the full weight space.
    pub fn separation(&self, points_per_animal: usize) -> f64 {
        separation(&self.t1, &self.t2, points_per_animal, |a, b| distance(a, b))
    }
}

/// How well two sets stand apart: the mean distance from each point of one set to the
/// nearest point of the other, over the mean distance to the nearest point of its own set
/// from another animal (a point's own animal's points lie on one path, so they are left
/// out; sets hold `per_animal` points per animal, in order). Above 1 the two clouds are
/// apart; the larger, the clearer.
pub fn separation<P>(t1: &[P], t2: &[P], per_animal: usize, dist: impl Fn(&P, &P) -> f64) -> f64 {
    let per = per_animal.max(1);
    let nearest = |p: &P, set: &[P], skip: Option<usize>| {
        set.iter()
            .enumerate()
            .filter(|(m, _)| Some(m / per) != skip)
            .map(|(_, q)| dist(p, q))
            .fold(f64::INFINITY, f64::min)
    };
    let mean = |values: Vec<f64>| {
        let finite: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
        finite.iter().sum::<f64>() / finite.len().max(1) as f64
    };
    let within = |set: &[P]| {
        mean(
            set.iter()
                .enumerate()
                .map(|(k, p)| nearest(p, set, Some(k / per)))
                .collect(),
        )
    };
    let across = |from: &[P], to: &[P]| mean(from.iter().map(|p| nearest(p, to, None)).collect());
    f64::midpoint(across(t1, t2), across(t2, t1)) / f64::midpoint(within(t1), within(t2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_distance_to_a_set_is_the_distance_to_its_nearest_point() {
        let set = vec![vec![0.0, 0.0], vec![3.0, 4.0], vec![10.0, 0.0]];
        assert!((distance_to_set(&set, &[3.0, 5.0]) - 1.0).abs() < 1e-12);
        assert!((distance_to_set(&set, &[0.0, 0.0])).abs() < 1e-12);
        assert!(distance_to_set(&[], &[1.0]).is_infinite());
    }

    #[test]
    fn sets_far_apart_separate_clearly() {
        let sets = SolutionSets {
            t1: vec![vec![0.0, 0.0], vec![0.1, 0.0]],
            t2: vec![vec![5.0, 0.0], vec![5.1, 0.0]],
        };
        assert!(sets.separation(1) > 10.0);
        let d = sets.distances(&[0.0, 0.0]);
        assert!(d.to_t1 < d.to_t2);
    }
}
