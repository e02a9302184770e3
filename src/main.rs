//! The `sleeplab` program: parses the command line, then opens the window or runs headless.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use sleeplab::cli::{Cli, Command};
use sleeplab::headless::{Job, run_jobs, summary_table, total_work};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    let result = match cli.command {
        None => sleeplab::ui::run_window(None, None),
        Some(Command::Window { preset, bench }) => sleeplab::ui::run_window(preset, bench),
        Some(Command::Run {
            presets,
            seeds,
            seed,
            json,
            twin,
            threads,
            csv,
        }) => run(&presets, seeds, seed, json, twin, threads, csv.as_deref()),
        Some(Command::Bench { seconds }) => {
            print!("{}", sleeplab::bench::run(seconds).lines());
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

fn run(
    paths: &[std::path::PathBuf],
    seeds: u64,
    seed: Option<u64>,
    json: bool,
    twin: bool,
    threads: Option<u64>,
    csv: Option<&std::path::Path>,
) -> Result<(), String> {
    let mut jobs = Vec::new();
    for path in paths {
        let job = Job::load(path).map_err(|e| e.to_string())?;
        if twin {
            let without = job.without_sleep();
            jobs.push(job);
            jobs.push(without);
        } else {
            jobs.push(job);
        }
    }
    let threads = threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |t| usize::try_from(t).unwrap_or(1),
    );
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total_work(&jobs, seeds)),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {percent:>3}%  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    let report = run_jobs(&jobs, seeds, seed, threads, &|cycles| bar.inc(cycles));
    bar.finish_and_clear();
    let report = report.map_err(|e| e.to_string())?;
    if let Some(dir) = csv {
        let files = sleeplab::headless::write_csv(&report, dir)?;
        eprintln!("wrote {} CSV files to {}", files.len(), dir.display());
    }
    let text = if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        summary_table(&report)
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the results: {e}"))
}
