//! `sleeplab responses`: each output's responsiveness to each bar kind at every test block
//! (paper S3), read from the weights; a table of the means over seeds, or JSON per seed.

use std::fmt::Write as _;

use serde::Serialize;

use super::analyses::{json_text, load_jobs, on_pool, print, work};
use super::mean_sd;
use crate::analysis::observed::run_observed;
use crate::analysis::responses::Responses;
use crate::cli::analyses::AnalysisArgs;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::sim::world::{BarKind, Task};

/// One seed's responses at one test block.
#[derive(Clone, Debug, Serialize)]
pub struct ResponsesRow {
    /// The preset's name.
    pub preset: String,
    /// The seed.
    pub seed: u64,
    /// The test block's label.
    pub label: String,
    /// The responses then.
    pub responses: Responses,
    /// Outputs responding to both tasks' food bars.
    pub outputs_responding_to_both_foods: usize,
}

/// `sleeplab responses`.
pub fn responses(args: &AnalysisArgs) -> Result<(), String> {
    let jobs = load_jobs(args)?;
    let per_seed = on_pool(args, &work(&jobs, args), |index, seed| {
        let job = &jobs[index];
        let mut rows = Vec::new();
        run_observed(job, index, seed, false, |experiment, step| {
            if let Some(test) = &step.finished_test {
                let responses = Responses::of(&experiment.sim);
                rows.push(ResponsesRow {
                    preset: job.name.clone(),
                    seed,
                    label: test.label.clone(),
                    outputs_responding_to_both_foods: responses.outputs_responding_to_both_foods(),
                    responses,
                });
            }
        });
        Ok(rows)
    })?;
    let rows: Vec<ResponsesRow> = per_seed.into_iter().flatten().collect();
    let text = if args.json {
        json_text(&rows)?
    } else {
        table(&rows)
    };
    print(&text)
}

/// Per preset and test block: each output's mean drive from each kind over seeds, the kinds
/// it responds to, and how many outputs respond to both food bars.
fn table(rows: &[ResponsesRow]) -> String {
    let mut out = String::new();
    let blocks = super::first_seen(rows.iter().map(|r| (r.preset.as_str(), r.label.as_str())));
    let kind_name = |k: BarKind| {
        let task = Task::of_kind(k);
        let role = if task.rewarded() == k { "food" } else { "bitter" };
        format!("{} ({} {role})", k.short_name(), task.name())
    };
    for (preset, label) in blocks {
        let mine: Vec<&ResponsesRow> = rows
            .iter()
            .filter(|r| r.preset == preset && r.label == label)
            .collect();
        let _ = writeln!(
            out,
            "{preset}, {label}: mean weight from each bar kind's detectors to each output ({} seeds)",
            mine.len()
        );
        let _ = write!(out, "{:<7}", "output");
        for k in BarKind::ALL {
            let _ = write!(out, " {:>15}", kind_name(k));
        }
        let _ = writeln!(out, "  responds to");
        let mut mean = Responses::default();
        for (output, name) in DIRECTION_NAMES.iter().enumerate().take(N_OUTPUTS) {
            let _ = write!(out, "{name:<7}");
            for k in BarKind::ALL {
                let (m, _) = mean_sd(mine.iter().map(|r| r.responses.drive[output][k.index()]));
                mean.drive[output][k.index()] = m;
                let _ = write!(out, " {m:>15.3}");
            }
            let kinds: Vec<&str> = mean.responds_to(output).iter().map(|k| k.short_name()).collect();
            let _ = writeln!(out, "  {}", kinds.join(", "));
        }
        let (both, both_sd) = mean_sd(mine.iter().map(|r| r.outputs_responding_to_both_foods as f64));
        let _ = writeln!(
            out,
            "outputs responding to both food bars (H and V), per seed: {both:.1} ± {both_sd:.1} of {N_OUTPUTS}\n"
        );
    }
    out
}
