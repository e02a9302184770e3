//! The command line: open the window (the default), `run` presets headless, or `bench`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    },
    /// Run presets' schedules headless and print the test scores (mean ± SD over seeds).
    Run {
        /// Preset files (TOML).
        #[arg(required = true)]
        presets: Vec<PathBuf>,
        /// Number of seeds per preset.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000))]
        seeds: u64,
        /// First seed (default: each preset's own seed).
        #[arg(long)]
        seed: Option<u64>,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also run each preset's twin that skips every sleep block (named `<preset>-nosleep`).
        #[arg(long)]
        twin: bool,
        /// Threads to use (default: all cores).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=1024))]
        threads: Option<u64>,
        /// Write each seed's score series (cycle, phase, task, T1 score, T2 score) as CSV
        /// files into this folder.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
    },
    /// Measure the single-thread speed of the default model.
    Bench {
        /// Seconds to spend measuring, in all.
        #[arg(long, default_value_t = 3.0, value_parser = seconds)]
        seconds: f64,
    },
}

/// The longest measurement `--seconds` and `--bench` accept.
pub const MAX_SECONDS: f64 = 3600.0;

/// Parses a measuring time (`--seconds`, `--bench`): a number above 0, up to an hour.
pub fn seconds(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if value.is_finite() && value > 0.0 && value <= MAX_SECONDS {
        Ok(value)
    } else {
        Err(format!(
            "{value} is out of range (allowed: above 0, up to {MAX_SECONDS})"
        ))
    }
}
