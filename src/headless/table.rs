//! The summary as an aligned text table.

use std::fmt::Write as _;

use super::RunReport;

/// The summary as an aligned text table.
pub fn summary_table(report: &RunReport) -> String {
    let width = report
        .summary
        .iter()
        .map(|r| r.preset.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let label_width = report
        .summary
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:width$}  {:label_width$}  {:>3}  {:>15}  {:>15}\n",
        "preset", "label", "n", "T1", "T2"
    );
    for r in &report.summary {
        let _ = writeln!(
            out,
            "{:width$}  {:label_width$}  {:>3}  {:>6.3} ± {:<6.3}  {:>6.3} ± {:<6.3}",
            r.preset, r.label, r.n, r.t1_mean, r.t1_sd, r.t2_mean, r.t2_sd
        );
    }
    out
}
