//! `sleeplab replay`: each task's replay score over all the sleep of every seed (see
//! [`crate::analysis::replay`]), as a table or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::analyses::{json_text, load_jobs, on_pool, print, work};
use crate::analysis::observed::run_observed;
use crate::analysis::replay::{ReplayRecorder, TaskReplay};
use crate::cli::analyses::ReplayArgs;
use crate::sim::Task;

/// One seed's replay scores.
#[derive(Clone, Debug, Serialize)]
pub struct ReplayRow {
    /// The preset's name.
    pub preset: String,
    /// The seed.
    pub seed: u64,
    /// Sleep cycles counted.
    pub sleep_cycles: u64,
    /// Task 1's score.
    pub t1: TaskReplay,
    /// Task 2's score.
    pub t2: TaskReplay,
}

/// `sleeplab replay`.
pub fn replay(args: &ReplayArgs) -> Result<(), String> {
    let jobs = load_jobs(&args.common)?;
    let top = usize::try_from(args.top).unwrap_or(usize::MAX);
    let rows = on_pool(&args.common, &work(&jobs, &args.common), |index, seed| {
        let job = &jobs[index];
        let mut recorder = ReplayRecorder::default();
        let (_, animal) = run_observed(job, index, seed, true, |e, s| recorder.observe(e, s));
        Ok(ReplayRow {
            preset: job.name.clone(),
            seed,
            sleep_cycles: recorder.sleep_cycles,
            t1: recorder.score(&animal.wake_rates, Task::T1, top),
            t2: recorder.score(&animal.wake_rates, Task::T2, top),
        })
    })?;
    let text = if args.common.json {
        json_text(&rows)?
    } else {
        table(&rows, top)
    };
    print(&text)
}

/// The rows as a plain-text table, with per preset how often task 1's replayed share
/// exceeds its noise share.
fn table(rows: &[ReplayRow], top: usize) -> String {
    let mut out = format!(
        "top {top} units per task; score = their sleep spikes followed by the output they drove awake, over what noise predicts\n"
    );
    let _ = writeln!(
        out,
        "{:<26} {:>5} {:>8}  {:>8} {:>9} {:>6} {:>7}  {:>8} {:>9} {:>6} {:>7}",
        "preset",
        "seed",
        "sleep",
        "T1 pair",
        "T1 exp",
        "T1 ×",
        "T1 s/n",
        "T2 pair",
        "T2 exp",
        "T2 ×",
        "T2 s/n"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<26} {:>5} {:>8}  {:>8} {:>9.0} {:>6.2} {:>7.3}  {:>8} {:>9.0} {:>6.2} {:>7.3}",
            r.preset,
            r.seed,
            r.sleep_cycles,
            r.t1.paired,
            r.t1.expected,
            r.t1.score,
            r.t1.spikes_over_noise,
            r.t2.paired,
            r.t2.expected,
            r.t2.score,
            r.t2.spikes_over_noise,
        );
    }
    for preset in super::first_seen(rows.iter().map(|r| r.preset.as_str())) {
        let mine: Vec<_> = rows.iter().filter(|r| r.preset == preset).collect();
        let above = mine.iter().filter(|r| r.t1.score > 1.0).count();
        let _ = writeln!(
            out,
            "{preset}: task 1 replayed above what noise predicts on {above}/{}",
            mine.len()
        );
    }
    out
}
