//! The arguments of the analysis commands (`weights`, `space`, `replay`, `dropout`): each
//! runs presets' seeds as `run` does and reads the weights or spikes along the way.

use std::path::PathBuf;

use clap::Args;

use crate::analysis::ReferenceStart;

/// Presets, seeds and output, shared by the analysis commands.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Preset files (TOML).
    #[arg(required = true)]
    pub presets: Vec<PathBuf>,
    /// Number of seeds per preset.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=super::MAX_SEEDS))]
    pub seeds: u64,
    /// First seed (default: the preset's own seed).
    #[arg(long, value_parser = clap::value_parser!(u64).range(..=crate::preset::MAX_SEED))]
    pub seed: Option<u64>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Threads to use (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
}

/// `sleeplab weights`: write the plastic weights along each run.
#[derive(Debug, Args)]
pub struct WeightsArgs {
    /// Presets, seeds and output.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// Write the hidden→output weights every this many waking and sleep cycles (and at
    /// every test block).
    #[arg(long, value_name = "CYCLES", value_parser = clap::value_parser!(u64).range(1..))]
    pub every: u64,
    /// Folder for the CSV files (`<preset>-seed<seed>-weights.csv`).
    #[arg(long, value_name = "DIR")]
    pub csv: PathBuf,
}

/// `sleeplab space`: distances to the task-1 and task-2 solution sets.
#[derive(Debug, Args)]
pub struct SpaceArgs {
    /// Presets, seeds and output.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// Reference animals per solution set.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub animals: u64,
    /// Weight samples per reference animal, over the last fifth of its training.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub samples: u64,
    /// Where the task-2 reference training starts.
    #[arg(long, value_enum, default_value_t = ReferenceStart::AfterT1)]
    pub start: ReferenceStart,
    /// Also measure distances in this many leading principal components of the pooled
    /// sets, where the tasks differ (the paper's map), besides the full weight space.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=50))]
    pub components: u64,
    /// Also write each preset's solution sets as CSV into this folder
    /// (`<preset>-solution-sets.csv`: one row per point, `what` = `set1` or `set2`).
    #[arg(long, value_name = "DIR")]
    pub sets_csv: Option<PathBuf>,
}

/// `sleeplab replay`: the replay score of each task in sleep.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Presets, seeds and output.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// Hidden units per task: the most active while awake in it.
    #[arg(long, default_value_t = crate::analysis::replay::DEFAULT_TOP_UNITS as u64, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub top: u64,
}

/// `sleeplab dropout`: scores at the end with hidden units removed.
#[derive(Debug, Args)]
pub struct DropoutArgs {
    /// Presets, seeds and output.
    #[command(flatten)]
    pub common: AnalysisArgs,
    /// Shares of the hidden units to remove, from 0 to 1.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"
    )]
    pub dropout: Vec<f64>,
    /// Frozen test cycles per task and share.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub cycles: u64,
}
