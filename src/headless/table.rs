//! The summary as an aligned text table. Names and labels are printed escaped (a label
//! holding terminal escape codes cannot recolour or move the terminal) and padded by hand,
//! so that no label, however long, makes the formatting panic.

use std::fmt::Write as _;

use super::RunReport;

/// The summary as an aligned text table: one column per varied key (if any), then the
/// preset, the label, the number of seeds and each task's mean ± SD.
pub fn summary_table(report: &RunReport) -> String {
    let keys: Vec<String> = report
        .summary
        .first()
        .and_then(|r| r.vary.as_ref())
        .map(|v| v.keys().map(printable).collect())
        .unwrap_or_default();
    let rows: Vec<Vec<String>> = report
        .summary
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = r
                .vary
                .as_ref()
                .map(|v| v.values_text().iter().map(|t| printable(t)).collect())
                .unwrap_or_default();
            cells.push(printable(&r.preset));
            cells.push(printable(&r.label));
            cells
        })
        .collect();
    let mut header: Vec<String> = keys;
    header.push("preset".into());
    header.push("label".into());
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .chain(std::iter::once(&header))
                .map(|cells| cells.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    push_padded(&mut out, &header, &widths);
    let _ = writeln!(out, "{:>3}  {:>15}  {:>15}", "n", "T1", "T2");
    for (cells, r) in rows.iter().zip(&report.summary) {
        push_padded(&mut out, cells, &widths);
        let _ = writeln!(
            out,
            "{:>3}  {:>6.3} ± {:<6.3}  {:>6.3} ± {:<6.3}",
            r.n, r.t1_mean, r.t1_sd, r.t2_mean, r.t2_sd
        );
    }
    out
}

/// Appends each cell left-aligned in its column and two spaces.
fn push_padded(out: &mut String, cells: &[String], widths: &[usize]) {
    for (cell, &width) in cells.iter().zip(widths) {
        out.push_str(cell);
        let pad = width.saturating_sub(cell.chars().count()) + 2;
        out.extend(std::iter::repeat_n(' ', pad));
    }
}

/// `text` safe to print on a terminal: control characters (escape codes, newlines,
/// tabs) and the invisible characters that reorder or hide text are written as `\u{…}`
/// escapes, and a backslash as `\\`.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible =
            matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || invisible {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headless::SummaryRow;

    fn report(label: &str) -> RunReport {
        RunReport {
            summary: vec![SummaryRow {
                preset: "sleep".into(),
                vary: None,
                label: label.into(),
                n: 3,
                t1_mean: 0.7,
                t1_sd: 0.1,
                t2_mean: 0.6,
                t2_sd: 0.05,
            }],
            runs: Vec::new(),
        }
    }

    #[test]
    fn a_label_of_70000_characters_prints_without_panic() {
        let label = "x".repeat(70_000);
        let table = summary_table(&report(&label));
        assert!(
            table
                .lines()
                .nth(1)
                .is_some_and(|row| row.starts_with("sleep   x"))
        );
        assert!(table.contains(&label));
    }

    #[test]
    fn terminal_escape_codes_in_labels_are_printed_escaped() {
        let table = summary_table(&report("\u{1b}[31mred\u{1b}[0m\u{202e}\n"));
        assert!(!table.contains('\u{1b}') && !table.contains('\u{202e}'));
        assert!(
            table.contains("\\u{1b}[31mred\\u{1b}[0m\\u{202e}\\u{a}"),
            "{table}"
        );
        assert_eq!(table.lines().count(), 2);
    }

    #[test]
    fn columns_line_up_as_before() {
        let table = summary_table(&report("final"));
        assert_eq!(
            table,
            "preset  label    n               T1               T2\n\
             sleep   final    3   0.700 ± 0.100    0.600 ± 0.050 \n"
        );
    }
}
