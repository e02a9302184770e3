//! The table `space` prints: per preset and seed, the distances to both solution sets
//! after task 1 and at the end (in the full weight space, then in the leading principal
//! components), and per preset how often the end lies nearer task 2.

use std::fmt::Write as _;

use super::analyses::{SpaceReport, SpaceRow};
use crate::analysis::weight_space::SetDistances;

/// The report as a plain-text table.
pub fn space_table(report: &SpaceReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "solution sets: {} animals, {} samples each over the last fifth, task 2 from {:?}",
        report.reference.animals, report.reference.samples_per_animal, report.reference.start
    );
    for sets in &report.sets {
        if sets.points == [0, 0] {
            // A learned layer: every seed has sets of its own (their separation ends its row).
            let _ = writeln!(
                out,
                "  {}: learned hidden layer, each seed against lives of its own network",
                sets.preset
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  {}: {} + {} points, separation {:.2} (full), {:.2} (principal components)",
            sets.preset, sets.points[0], sets.points[1], sets.separation, sets.separation_pcs
        );
    }
    let _ = writeln!(
        out,
        "distances to set 1 / set 2: full weight space | first {} principal components",
        report.components
    );
    let _ = writeln!(
        out,
        "{:<20} {:>5}  {:>15} {:>15}  |  {:>13} {:>13}",
        "preset", "seed", "after T1", "end", "after T1", "end"
    );
    let pair = |d: Option<SetDistances>, digits: usize| {
        d.map_or_else(
            || "-".to_owned(),
            |d| format!("{:.digits$}/{:.digits$}", d.to_t1, d.to_t2),
        )
    };
    for row in &report.runs {
        let separation = row.separation.map_or_else(String::new, |[full, pcs]| {
            format!("  separation {full:.2}/{pcs:.2}")
        });
        let _ = writeln!(
            out,
            "{:<20} {:>5}  {:>15} {:>15}  |  {:>13} {:>13}{separation}",
            row.preset,
            row.seed,
            pair(row.after_t1, 2),
            pair(row.end, 2),
            pair(row.after_t1_pcs, 2),
            pair(row.end_pcs, 2),
        );
    }
    for preset in super::first_seen(report.runs.iter().map(|r| r.preset.as_str())) {
        let rows: Vec<&SpaceRow> = report.runs.iter().filter(|r| r.preset == preset).collect();
        for (space, pick) in [
            ("full", (|r: &SpaceRow| (r.after_t1, r.end)) as fn(&SpaceRow) -> _),
            ("pcs", |r: &SpaceRow| (r.after_t1_pcs, r.end_pcs)),
        ] {
            let count = |f: &dyn Fn(SetDistances, SetDistances) -> bool| {
                rows.iter()
                    .filter(|r| matches!(pick(r), (Some(a), Some(e)) if f(a, e)))
                    .count()
            };
            let nearer_t2 = count(&|_, e| e.to_t2 < e.to_t1);
            let moved = count(&|a, e| e.to_t2 < a.to_t2);
            let _ = writeln!(
                out,
                "{preset} ({space}): end nearer set 2 than set 1 on {nearer_t2}/{n}; nearer set 2 than after task 1 on {moved}/{n}",
                n = rows.len()
            );
        }
    }
    out
}
