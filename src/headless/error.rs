//! Why a headless command (`run`, `sweep`, `merge`) refused or failed: typed, each with the
//! message users see (the path last).

use std::io;
use std::path::PathBuf;

use super::batch::BatchError;
use super::commands::MAX_RUNS;
use super::shard::MergeError;
use super::vary::VaryError;
use crate::preset::{MAX_SEED, PresetError};
use crate::save::{SaveError, describe_io_error};

/// Why a headless command refused its input or could not write its output.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A preset could not be read or is not valid.
    #[error(transparent)]
    Preset(#[from] PresetError),
    /// A `--vary` option that the preset cannot take.
    #[error(transparent)]
    Vary(#[from] VaryError),
    /// Shard files that do not make one batch.
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// The batch stopped (its threads could not start).
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// `run --csv DIR`: the folder cannot take files.
    #[error("cannot write CSV files into this folder: {} — {}", describe_io_error(.source), .dir.display())]
    CsvFolder {
        /// The folder.
        dir: PathBuf,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// `run --csv DIR`: what is there is not a folder.
    #[error("cannot write CSV files into this folder: it is {what}, not a folder — {}", .dir.display())]
    CsvNotAFolder {
        /// The path given.
        dir: PathBuf,
        /// What it is, in words.
        what: &'static str,
    },
    /// A CSV file that cannot be written (the message ends with its path).
    #[error("cannot write the CSV file: {0}")]
    Csv(#[source] SaveError),
    /// `run --csv`: seeds' CSV files that failed while the batch ran (the rest were
    /// written).
    #[error("{failed} CSV file(s) could not be written, the first: {first}")]
    CsvFiles {
        /// How many failed.
        failed: usize,
        /// The first that failed (its message ends with its path).
        #[source]
        first: SaveError,
    },
    /// `sweep --csv` with `--shard`: a slice has no summary.
    #[error(
        "--csv writes the summary of the whole sweep: leave it out with --shard and use it after `merge`"
    )]
    CsvWithShard,
    /// More runs than one command plans.
    #[error(
        "{jobs} jobs × {seeds} seeds is more than the limit of {MAX_RUNS} runs; cut the batch with --shard or fewer values"
    )]
    TooManyRuns {
        /// Jobs in the batch.
        jobs: usize,
        /// Seeds per job.
        seeds: u64,
    },
    /// Seeds past the largest one a preset can hold.
    #[error(
        "seeds {first} to {last} of {job} go beyond the largest seed, {MAX_SEED}; choose a smaller --seed"
    )]
    SeedsBeyond {
        /// The job's name.
        job: String,
        /// Its first seed.
        first: u64,
        /// Its last seed.
        last: u64,
    },
    /// The report cannot be written as JSON.
    #[error("cannot write the results as JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// Standard output refused the results.
    #[error("the results could not all be printed: standard output failed: {}", describe_io_error(.0))]
    Stdout(#[source] io::Error),
    /// Writes after the results were printed failed: the printed results stand, the
    /// command fails.
    #[error("the results above are complete, but {} output(s) failed: {}", .0.len(), join(.0))]
    AfterPrinting(Vec<CommandError>),
}

/// The messages of `errors`, on one line.
fn join(errors: &[CommandError]) -> String {
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    messages.join("; ")
}
