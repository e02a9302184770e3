//! The command line: open the window (the default), `run` presets or `sweep` a preset's
//! parameters headless, `merge` the shards of a batch, or `bench`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::headless::commands::BatchOptions;
use crate::headless::shard::Shard;
use crate::headless::vary::VarySpec;

pub mod analyses;

/// SleepLab: watch a spiking network learn, forget, sleep and remember.
#[derive(Debug, Parser)]
#[command(name = "sleeplab", version, about)]
pub struct Cli {
    /// What to do; without a command, the window opens on the default preset.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window, on a preset file or on the default preset.
    Window {
        /// The preset to open.
        preset: Option<PathBuf>,
        /// Measure instead: run waking task 1 at full speed for this many seconds, print
        /// the cycles per second and frames per second achieved, then close.
        #[arg(long, value_name = "SECONDS", value_parser = seconds)]
        bench: Option<f64>,
        /// Start with the twin run on (a copy of the experiment without its sleep, run
        /// beside it); with `--bench`, the measurement includes the twin.
        #[arg(long)]
        twin: bool,
        /// Start in projector mode (larger text and lines, for a class).
        #[arg(long)]
        projector: bool,
        /// Start playing at once: the preset's schedule at its class pace.
        #[arg(long)]
        play: bool,
        /// Start playing at once at full speed, without the acts' pauses.
        #[arg(long, conflicts_with = "play")]
        fast: bool,
    },
    /// Run presets' schedules headless and print the test scores (mean ± SD over seeds).
    Run {
        /// Preset files (TOML).
        #[arg(required = true)]
        presets: Vec<PathBuf>,
        /// Number of seeds per preset.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=MAX_SEEDS))]
        seeds: u64,
        /// Seeds, output, threads and slicing.
        #[command(flatten)]
        batch: BatchArgs,
        /// Write each seed's score series (cycle, phase, task, T1 score, T2 score) as CSV
        /// files into this folder, each as soon as its seed is done.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
    },
    /// Run a preset for every combination of the values of one or more of its parameters,
    /// and print the test scores (mean ± SD over seeds) of each.
    Sweep {
        /// The preset file (TOML).
        preset: PathBuf,
        /// A parameter and its values, as KEY=A:B:N (N values from A to B) or
        /// KEY=V1,V2,...; keys as in presets (`sleep.noise_scale`). Repeat to vary several.
        #[arg(long = "vary", required = true, value_name = "KEY=VALUES")]
        vary: Vec<VarySpec>,
        /// Number of seeds per combination.
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=MAX_SEEDS))]
        seeds: u64,
        /// Seeds, output, threads and slicing.
        #[command(flatten)]
        batch: BatchArgs,
        /// Also write the summary (varied values, preset, label, n, means and SDs) as CSV
        /// to this file.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Combine the outputs of `--shard` runs into the JSON the unsharded run prints.
    Merge {
        /// The shards' JSON files, in any order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run presets and write their plastic hidden→output weights every N cycles as CSV;
    /// prints the test scores as `run` does, unchanged.
    Weights(analyses::WeightsArgs),
    /// Run presets and print, per seed, the weights' distances to the task-1 and task-2
    /// solution sets after task 1 and at the end.
    Space(analyses::SpaceArgs),
    /// Run presets and print each task's replay score in sleep: how much more its most
    /// active units reach the outputs than their noise share.
    Replay(analyses::ReplayArgs),
    /// Run presets and test the final network with shares of its hidden units removed.
    Dropout(analyses::DropoutArgs),
    /// Run presets and print, at each test block, how strongly each bar kind drives each
    /// output (the mean weight from that kind's detectors).
    Responses(analyses::AnalysisArgs),
    /// Measure the single-thread speed of the default preset's model, then of the same model
    /// with the paper's learned hidden layer (784 units).
    Bench {
        /// Seconds to spend measuring, in all.
        #[arg(long, default_value_t = 3.0, value_parser = seconds)]
        seconds: f64,
    },
}

/// The most seeds `--seeds` accepts.
pub const MAX_SEEDS: u64 = 10_000;

/// The options `run` and `sweep` share.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// First seed (default: the preset's own seed); seeds are 0 to 9223372036854775807,
    /// the seeds a preset file can hold.
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=crate::preset::MAX_SEED))]
    pub seed: Option<u64>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Also run each preset without its sleep blocks (named `<preset>-nosleep`).
    #[arg(long)]
    pub twin: bool,
    /// Threads to use (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Run only slice I of N of the work (for many machines); prints JSON that `merge`
    /// combines.
    #[arg(long, value_name = "I/N", requires = "json")]
    pub shard: Option<Shard>,
}

impl BatchArgs {
    /// The options of a batch of `seeds` seeds per job.
    pub fn options(&self, seeds: u64) -> BatchOptions {
        BatchOptions {
            seeds,
            seed: self.seed,
            twin: self.twin,
            json: self.json,
            threads: self.threads,
            shard: self.shard,
        }
    }
}

/// The longest measurement `--seconds` and `--bench` accept.
pub const MAX_SECONDS: f64 = 3600.0;

/// The shortest: below it a sample is a few thousand cycles, and start-up and the
/// timer's grain make the figure meaningless.
pub const MIN_SECONDS: f64 = 0.5;

/// Why a measuring time was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SecondsError {
    /// The text is not a number.
    #[error("`{0}` is not a number of seconds")]
    NotANumber(String),
    /// The number is below [`MIN_SECONDS`], above [`MAX_SECONDS`], or not finite.
    #[error("{0} is out of range (allowed: {min} to {max}; a shorter sample measures nothing)", min = MIN_SECONDS, max = MAX_SECONDS)]
    OutOfRange(f64),
}

/// Parses a measuring time (`--seconds`, `--bench`): from half a second up to an hour.
pub fn seconds(text: &str) -> Result<f64, SecondsError> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| SecondsError::NotANumber(text.to_owned()))?;
    if value.is_finite() && (MIN_SECONDS..=MAX_SECONDS).contains(&value) {
        Ok(value)
    } else {
        Err(SecondsError::OutOfRange(value))
    }
}
