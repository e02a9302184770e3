//! Score series: each task's running score (the fraction of rewarded bars among its last
//! meals) and the test results, kept the same way for the window and the headless runner,
//! so that both export the same CSV for the same seed.

use std::collections::VecDeque;
use std::fmt::Write as _;

use crate::sim::probe::ProbeResult;
use crate::sim::schedule::TestResult;
use crate::sim::world::{BarKind, Task};

/// Meals in a running score.
pub const SCORE_WINDOW_MEALS: usize = 50;
/// A score point is made every this many meals of a task.
pub const MEALS_PER_POINT: usize = 10;

/// A point of a task's running score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScorePoint {
    /// The animal's cycle.
    pub cycle: u64,
    /// The task whose meals these are.
    pub task: Task,
    /// rewarded / (rewarded + punished) over the last [`SCORE_WINDOW_MEALS`] meals.
    pub score: f64,
}

/// Turns meals into running-score points.
#[derive(Clone, Debug, Default)]
pub struct ScoreTracker {
    meals: [VecDeque<bool>; 2],
    since_point: [usize; 2],
}

impl ScoreTracker {
    /// Counts a meal eaten while awake in `task`'s world at `cycle`; returns a new point
    /// every [`MEALS_PER_POINT`] meals.
    pub fn meal(&mut self, cycle: u64, task: Task, kind: BarKind) -> Option<ScorePoint> {
        let t = task.index();
        self.meals[t].push_back(kind == task.rewarded());
        if self.meals[t].len() > SCORE_WINDOW_MEALS {
            self.meals[t].pop_front();
        }
        self.since_point[t] += 1;
        if self.since_point[t] < MEALS_PER_POINT {
            return None;
        }
        self.since_point[t] = 0;
        let rewarded = self.meals[t].iter().filter(|&&r| r).count();
        Some(ScorePoint {
            cycle,
            task,
            score: rewarded as f64 / self.meals[t].len() as f64,
        })
    }
}

/// The header of a scores CSV file.
pub const SCORES_CSV_HEADER: &str = "cycle,phase,task,t1_score,t2_score,label";

/// Score points, test results and probes as CSV, in cycle order (points, then probes,
/// then tests at a tie). A probe's row has `phase` = `probe`, `task` = `both`, both scores
/// and the label `probe <number>`.
pub fn scores_csv(points: &[ScorePoint], tests: &[TestResult], probes: &[ProbeResult]) -> String {
    let mut rows: Vec<(u64, u8, String)> = Vec::with_capacity(points.len() + tests.len() + probes.len());
    for p in points {
        let (t1, t2) = match p.task {
            Task::T1 => (format!("{:.6}", p.score), String::new()),
            Task::T2 => (String::new(), format!("{:.6}", p.score)),
        };
        rows.push((
            p.cycle,
            0,
            format!("{},wake,{},{t1},{t2},", p.cycle, p.task.name()),
        ));
    }
    for p in probes {
        rows.push((
            p.at_cycle,
            1,
            format!(
                "{},probe,both,{:.6},{:.6},\"probe {}\"",
                p.at_cycle,
                p.score(Task::T1),
                p.score(Task::T2),
                p.number
            ),
        ));
    }
    for t in tests {
        let label = t.label.replace('"', "\"\"");
        rows.push((
            t.at_cycle,
            2,
            format!(
                "{},test,both,{:.6},{:.6},\"{label}\"",
                t.at_cycle,
                t.score(Task::T1),
                t.score(Task::T2)
            ),
        ));
    }
    rows.sort_by_key(|(cycle, order, _)| (*cycle, *order));
    let mut out = String::from(SCORES_CSV_HEADER);
    out.push('\n');
    for (_, _, row) in rows {
        let _ = writeln!(out, "{row}");
    }
    out
}
