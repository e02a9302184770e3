//! The `sleeplab` program: parses the command line, then opens the window or runs headless.

#![warn(clippy::unwrap_used)]

use std::process::ExitCode;

use clap::Parser as _;
use sleeplab::cli::{Cli, Command};
use sleeplab::headless::commands;

/// The log filter without RUST_LOG.
const QUIET_LOG: &str =
    "warn,winit=error,egui_winit=error,egui_wgpu=error,wgpu_hal=error,wgpu_core=error,eframe=error";

fn main() -> ExitCode {
    // Warnings of our own, but the window libraries' notes about the display and the renderer
    // (a software rasterizer, a virtual screen) are not the user's business on a normal
    // start: those crates speak only of errors. RUST_LOG overrides this.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(QUIET_LOG)).init();
    let cli = Cli::parse();
    let result = match cli.command {
        None => sleeplab::ui::run_window(None, None, false),
        Some(Command::Window { preset, bench, twin }) => sleeplab::ui::run_window(preset, bench, twin),
        Some(Command::Run {
            presets,
            seeds,
            batch,
            csv,
        }) => commands::run(&presets, csv.as_deref(), &batch.options(seeds)),
        Some(Command::Sweep {
            preset,
            vary,
            seeds,
            batch,
            csv,
        }) => commands::sweep(&preset, &vary, csv.as_deref(), &batch.options(seeds)),
        Some(Command::Merge { files }) => commands::merge_files(&files),
        Some(Command::Bench { seconds }) => {
            // Half the time for each model.
            print!("{}", sleeplab::bench::run(seconds / 2.0).lines());
            println!("learned hidden layer, 784 units (after 20,000 development cycles):");
            print!("{}", sleeplab::bench::run_learned(seconds / 2.0).lines());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
