//! `sleeplab dropout`: each seed run to its end, then its final network tested with shares
//! of its hidden units removed (paper S2); a table of mean ± SD per share, or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::analyses::{json_text, load_jobs, on_pool, print, work};
use super::mean_sd;
use crate::analysis::dropout::{removal_order, scores_without};
use crate::analysis::observed::run_observed;
use crate::cli::analyses::DropoutArgs;

/// One seed's scores at each share removed.
#[derive(Clone, Debug, Serialize)]
pub struct DropoutRow {
    /// The preset's name.
    pub preset: String,
    /// The seed.
    pub seed: u64,
    /// Share of hidden units removed, T1 score, T2 score.
    pub scores: Vec<[f64; 3]>,
}

/// `sleeplab dropout`.
pub fn dropout(args: &DropoutArgs) -> Result<(), String> {
    if let Some(bad) = args.dropout.iter().find(|f| !(0.0..=1.0).contains(*f)) {
        return Err(format!("--dropout {bad} is not a share from 0 to 1"));
    }
    let jobs = load_jobs(&args.common)?;
    let rows = on_pool(&args.common, &work(&jobs, &args.common), |index, seed| {
        let job = &jobs[index];
        let (_, animal) = run_observed(job, index, seed, false, |_, _| {});
        let order = removal_order(animal.hidden.len(), seed);
        let scores = args
            .dropout
            .iter()
            .map(|&f| {
                let [t1, t2] = scores_without(&animal, &order, f, args.cycles);
                [f, t1.fraction(), t2.fraction()]
            })
            .collect();
        Ok(DropoutRow {
            preset: job.name.clone(),
            seed,
            scores,
        })
    })?;
    let text = if args.common.json {
        json_text(&rows)?
    } else {
        table(&rows, &args.dropout)
    };
    print(&text)
}

/// Mean ± SD over seeds per preset and share.
fn table(rows: &[DropoutRow], shares: &[f64]) -> String {
    let mut out = format!(
        "{:<24} {:>8} {:>3}  {:>15} {:>15}\n",
        "preset", "removed", "n", "T1", "T2"
    );
    for preset in super::first_seen(rows.iter().map(|r| r.preset.as_str())) {
        let mine: Vec<_> = rows.iter().filter(|r| r.preset == preset).collect();
        for (k, share) in shares.iter().enumerate() {
            let column = |c: usize| mean_sd(mine.iter().filter_map(move |r| r.scores.get(k).map(|s| s[c])));
            let (t1, t1_sd) = column(1);
            let (t2, t2_sd) = column(2);
            let _ = writeln!(
                out,
                "{preset:<24} {:>7.0}% {:>3}  {t1:>7.3} ± {t1_sd:.3} {t2:>7.3} ± {t2_sd:.3}",
                share * 100.0,
                mine.len()
            );
        }
    }
    out
}
