//! `--csv DIR`: each seed's score series as a CSV file.

use std::path::{Path, PathBuf};

use super::RunReport;
use crate::preset::describe_io_error;
use crate::series::scores_csv;

/// Writes each seed's score series to `dir/<preset>-seed<seed>.csv`; returns the files.
pub fn write_csv(report: &RunReport, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| {
        format!(
            "cannot create the CSV folder: {} — {}",
            describe_io_error(&e),
            dir.display()
        )
    })?;
    let mut written = Vec::new();
    for run in &report.runs {
        let path = dir.join(format!("{}-seed{}.csv", run.preset, run.seed));
        crate::preset::write_atomically(&path, scores_csv(&run.series.0, &run.series.1).as_bytes())
            .map_err(|e| format!("cannot write the CSV file: {e} — {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
