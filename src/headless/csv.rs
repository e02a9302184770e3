//! CSV output: `run --csv DIR` writes each seed's score series as soon as the seed is done;
//! `sweep --csv FILE` writes the summary, one row per combination, condition and label.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::CommandError;
use super::vary::value_text;
use super::{RunReport, SeedRun};
use crate::save::{SaveError, write_atomically};
use crate::series::scores_csv;

/// Makes sure files can be written into `dir` (creating it if needed), before any work, so
/// that a wrong folder is found in a second and not after the whole run.
pub fn check_writable(dir: &Path) -> Result<(), CommandError> {
    let problem = |source: std::io::Error| CommandError::CsvFolder {
        dir: dir.to_owned(),
        source,
    };
    if let Ok(metadata) = std::fs::metadata(dir)
        && !metadata.is_dir()
    {
        let what = if metadata.is_file() {
            "a regular file"
        } else {
            crate::save::kind_in_words(metadata.file_type())
        };
        return Err(CommandError::CsvNotAFolder {
            dir: dir.to_owned(),
            what,
        });
    }
    std::fs::create_dir_all(dir).map_err(problem)?;
    let probe = dir.join(format!(".sleeplab-write-check-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map_err(problem)?;
    std::fs::remove_file(&probe).map_err(problem)
}

/// The file a seed's score series goes to: `dir/<preset>-seed<seed>.csv`.
pub fn seed_csv_path(dir: &Path, preset: &str, seed: u64) -> PathBuf {
    dir.join(format!("{preset}-seed{seed}.csv"))
}

/// Writes one seed's score series to `dir/<preset>-seed<seed>.csv`; returns the file.
pub fn write_seed_csv(dir: &Path, run: &SeedRun) -> Result<PathBuf, SaveError> {
    let path = seed_csv_path(dir, &run.preset, run.seed);
    write_atomically(
        &path,
        scores_csv(&run.series.0, &run.series.1, &run.probes).as_bytes(),
    )?;
    Ok(path)
}

/// Writes each seed's score series to `dir/<preset>-seed<seed>.csv`; returns the files.
pub fn write_csv(report: &RunReport, dir: &Path) -> Result<Vec<PathBuf>, CommandError> {
    check_writable(dir)?;
    report
        .runs
        .iter()
        .map(|run| write_seed_csv(dir, run).map_err(CommandError::Csv))
        .collect()
}

/// The summary as CSV: the varied keys' values, then `preset,label,n,t1_mean,t1_sd,
/// t2_mean,t2_sd` (numbers in full precision).
pub fn summary_csv(report: &RunReport) -> String {
    let keys: Vec<String> = report
        .summary
        .first()
        .and_then(|r| r.vary.as_ref())
        .map(|v| v.keys().map(quoted).collect())
        .unwrap_or_default();
    let mut out = String::new();
    for key in &keys {
        let _ = write!(out, "{key},");
    }
    out.push_str("preset,label,n,t1_mean,t1_sd,t2_mean,t2_sd\n");
    for r in &report.summary {
        for (_, value) in r.vary.iter().flat_map(|v| &v.0) {
            let _ = write!(out, "{},", quoted(value_text(value)));
        }
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            quoted(&r.preset),
            quoted(&r.label),
            r.n,
            r.t1_mean,
            r.t1_sd,
            r.t2_mean,
            r.t2_sd
        );
    }
    out
}

/// A CSV field: quoted (doubling quotes) when it holds a comma, a quote or a line break.
fn quoted(text: impl AsRef<str>) -> String {
    let text = text.as_ref();
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
