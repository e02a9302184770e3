//! Principal components of a cloud of weight points (the pooled solution sets): the
//! directions in which the points differ most. The first separates the two tasks' sets
//! (Golden et al. 2022, Fig 7, with kernel PCA); the idiosyncratic differences between
//! animals, spread over hundreds of weights, fall into the later ones.
//!
//! Computed from the points' Gram matrix (points × points, small) by power iteration with
//! deflation: exact enough for a map and for distances, and deterministic.

use super::weight_space::{SetDistances, SolutionSets, WeightPoint};

/// Power iterations per component: the Gram matrices here converge in far fewer.
const ITERATIONS: usize = 500;

/// A projection onto the leading principal components of a cloud.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Projection {
    /// The cloud's mean.
    pub mean: Vec<f64>,
    /// Unit directions, the largest variance first.
    pub axes: Vec<Vec<f64>>,
    /// The variance of the cloud along each axis.
    pub variance: Vec<f64>,
}

impl Projection {
    /// The first `components` principal components of `points` (fewer when the cloud spans
    /// fewer dimensions).
    pub fn fit(points: &[WeightPoint], components: usize) -> Self {
        let n = points.len();
        let width = points.first().map_or(0, Vec::len);
        if n == 0 || width == 0 {
            return Self::default();
        }
        let mut mean = vec![0.0; width];
        for p in points {
            for (m, &w) in mean.iter_mut().zip(p) {
                *m += f64::from(w) / n as f64;
            }
        }
        let centred: Vec<Vec<f64>> = points
            .iter()
            .map(|p| p.iter().zip(&mean).map(|(&w, m)| f64::from(w) - m).collect())
            .collect();
        let mut gram: Vec<Vec<f64>> = centred
            .iter()
            .map(|a| centred.iter().map(|b| dot(a, b)).collect())
            .collect();
        let mut axes = Vec::new();
        let mut variance = Vec::new();
        for _ in 0..components.min(n) {
            let Some((value, vector)) = leading_eigen(&gram) else {
                break;
            };
            if value <= 1e-12 {
                break;
            }
            // The axis in weight space: Xᵀu / √λ (unit length).
            let mut axis = vec![0.0; width];
            for (u, row) in vector.iter().zip(&centred) {
                for (a, x) in axis.iter_mut().zip(row) {
                    *a += u * x;
                }
            }
            let norm = dot(&axis, &axis).sqrt();
            for a in &mut axis {
                *a /= norm;
            }
            for (i, row) in gram.iter_mut().enumerate() {
                for (j, g) in row.iter_mut().enumerate() {
                    *g -= value * vector[i] * vector[j];
                }
            }
            axes.push(axis);
            variance.push(value / n as f64);
        }
        Self { mean, axes, variance }
    }

    /// `point`'s coordinates along the axes.
    pub fn project(&self, point: &[f32]) -> Vec<f64> {
        self.axes
            .iter()
            .map(|axis| {
                axis.iter()
                    .zip(point)
                    .zip(&self.mean)
                    .map(|((a, &w), m)| a * (f64::from(w) - m))
                    .sum()
            })
            .collect()
    }
}

/// The largest eigenvalue of the symmetric matrix `m` and its unit eigenvector, by power
/// iteration from a fixed start.
fn leading_eigen(m: &[Vec<f64>]) -> Option<(f64, Vec<f64>)> {
    let n = m.len();
    // A start with a share of every direction, never a constant (which could be orthogonal
    // to the leading vector of a centred cloud).
    let mut v: Vec<f64> = (0..n)
        .map(|i| 1.0 + (i as f64 * 0.618_033_988_7).fract())
        .collect();
    let mut value = 0.0;
    for _ in 0..ITERATIONS {
        let w: Vec<f64> = m.iter().map(|row| dot(row, &v)).collect();
        let norm = dot(&w, &w).sqrt();
        if norm == 0.0 || !norm.is_finite() {
            return None;
        }
        value = dot(&v, &w) / dot(&v, &v);
        v = w.into_iter().map(|x| x / norm).collect();
    }
    Some((value, v))
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Distance from `point` to the nearest point of `set`, both already projected.
pub fn projected_distance_to_set(set: &[Vec<f64>], point: &[f64]) -> f64 {
    set.iter()
        .map(|p| {
            p.iter()
                .zip(point)
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
                .sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Both solution sets in the leading principal components of their pooled points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectedSets {
    /// The projection.
    pub projection: Projection,
    /// The task-1 set's points, projected.
    pub t1: Vec<Vec<f64>>,
    /// The task-2 set's points, projected.
    pub t2: Vec<Vec<f64>>,
}

impl ProjectedSets {
    /// `sets` in their first `components` principal components.
    pub fn new(sets: &SolutionSets, components: usize) -> Self {
        let pooled: Vec<WeightPoint> = sets.t1.iter().chain(&sets.t2).cloned().collect();
        let projection = Projection::fit(&pooled, components);
        Self {
            t1: sets.t1.iter().map(|p| projection.project(p)).collect(),
            t2: sets.t2.iter().map(|p| projection.project(p)).collect(),
            projection,
        }
    }

    /// How well the sets stand apart in the projection (see
    /// [`separation`](super::weight_space::separation)).
    pub fn separation(&self, points_per_animal: usize) -> f64 {
        super::weight_space::separation(&self.t1, &self.t2, points_per_animal, |a, b| {
            a.iter()
                .zip(b)
                .map(|(x, y)| (x - y) * (x - y))
                .sum::<f64>()
                .sqrt()
        })
    }

    /// `point`'s distances to both sets in the projection.
    pub fn distances(&self, point: &[f32]) -> SetDistances {
        let at = self.projection.project(point);
        SetDistances {
            to_t1: projected_distance_to_set(&self.t1, &at),
            to_t2: projected_distance_to_set(&self.t2, &at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_axis_follows_the_longest_spread() {
        let points: Vec<WeightPoint> = (0..10)
            .map(|i| vec![i as f32, (i % 2) as f32 * 0.1, 0.0])
            .collect();
        let p = Projection::fit(&points, 2);
        assert!(p.axes[0][0].abs() > 0.99, "{:?}", p.axes);
        assert!(p.variance[0] > p.variance[1]);
        let a = p.project(&points[0]);
        let b = p.project(&points[9]);
        // Point 9 also lies 0.1 off the x-axis, so the axis leans a little.
        assert!(((a[0] - b[0]).abs() - 9.0).abs() < 0.01);
    }
}
