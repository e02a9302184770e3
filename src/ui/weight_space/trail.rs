//! One run's path on the weight-space map: its weights every thousand cycles, and what the
//! animal was doing then, so that the path can be coloured by phase as the scores plot is
//! shaded. The weights themselves are kept, not only their place on the map: the map is
//! made on a background thread when the tab is first opened, and a run's whole path is
//! placed on it when it comes.

use super::Map;
use crate::worker::Activity;

/// A trail gains a point after this many cycles of its run.
pub const TRAIL_STEP_CYCLES: u64 = 1_000;
/// Most points a trail keeps: when full, every other point is dropped. A point holds its
/// weights: 1,000 points of the paper's 784-unit network are 25 MB.
pub const TRAIL_POINTS: usize = 1_000;

/// One point of a trail.
#[derive(Clone, Debug, PartialEq)]
pub struct TrailPoint {
    /// Where the weights stand on the map (the origin until a map is made).
    pub at: [f64; 2],
    /// The run's cycle then.
    pub cycle: u64,
    /// What the animal was doing then (none before the first cycle).
    pub activity: Option<Activity>,
    /// The weights then, hidden × outputs row by row.
    pub weights: Vec<f32>,
}

/// One run's path on the map.
#[derive(Clone, Debug, Default)]
pub struct Trail {
    /// Its points, oldest first.
    pub points: Vec<TrailPoint>,
}

impl Trail {
    /// Whether a point at `cycle` would be taken: the run moved on at least
    /// [`TRAIL_STEP_CYCLES`] since the last point (the first point is always taken).
    pub fn due(&self, cycle: u64) -> bool {
        self.points
            .last()
            .is_none_or(|last| cycle >= last.cycle + TRAIL_STEP_CYCLES)
    }

    /// Adds the run's `weights` at `cycle` if [`Trail::due`], placed on `map` if there is
    /// one.
    pub fn push(&mut self, cycle: u64, weights: Vec<f32>, activity: Option<Activity>, map: Option<&Map>) {
        if !self.due(cycle) {
            return;
        }
        if self.points.len() >= TRAIL_POINTS {
            let kept: Vec<TrailPoint> = std::mem::take(&mut self.points).into_iter().step_by(2).collect();
            self.points = kept;
        }
        let at = map.map_or([0.0, 0.0], |m| m.place(&weights));
        self.points.push(TrailPoint {
            at,
            cycle,
            activity,
            weights,
        });
    }

    /// Places every point on `map` (a new map: the old places mean nothing on it).
    pub fn place_on(&mut self, map: &Map) {
        for point in &mut self.points {
            point.at = map.place(&point.weights);
        }
    }
}

/// The phases a trail is coloured by, in legend order, with their names.
pub const PHASES: [(Phase, &str); 3] = [
    (Phase::Task1, "awake in task 1"),
    (Phase::Task2, "awake in task 2"),
    (Phase::Sleep, "asleep"),
];

/// The colour classes of trail points: development and tests count with neither task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Learning task 1.
    Task1,
    /// Learning task 2.
    Task2,
    /// Sleeping.
    Sleep,
}

impl Phase {
    /// The phase of `activity`, if it is one a point is coloured by.
    pub fn of(activity: Option<Activity>) -> Option<Phase> {
        match activity? {
            Activity::Wake(crate::sim::Task::T1) => Some(Phase::Task1),
            Activity::Wake(crate::sim::Task::T2) => Some(Phase::Task2),
            Activity::Sleep => Some(Phase::Sleep),
            Activity::Test(_) | Activity::Develop => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trail_takes_a_point_per_thousand_cycles_and_halves_when_full() {
        let mut trail = Trail::default();
        trail.push(0, vec![0.0], None, None);
        trail.push(999, vec![1.0], Some(Activity::Sleep), None);
        assert_eq!(trail.points.len(), 1);
        trail.push(1_000, vec![1.0], Some(Activity::Sleep), None);
        assert_eq!(trail.points.len(), 2);
        for k in 2..=TRAIL_POINTS as u64 {
            trail.push(k * TRAIL_STEP_CYCLES, vec![0.0], None, None);
        }
        assert!(trail.points.len() <= TRAIL_POINTS);
        assert_eq!(trail.points[0].cycle, 0, "halving keeps the start");
        assert_eq!(trail.points[1].cycle, 2 * TRAIL_STEP_CYCLES);
        assert_eq!(Phase::of(Some(Activity::Sleep)), Some(Phase::Sleep));
        assert_eq!(Phase::of(Some(Activity::Develop)), None);
    }
}
