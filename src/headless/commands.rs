//! The headless commands `run`, `sweep` and `merge`: load and check everything first, then
//! run the batch with a progress bar on stderr, writing files as results arrive, and print
//! the report on stdout.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::batch::{WorkItem, run_batch, work_list};
use super::csv::{check_writable, summary_csv, write_seed_csv};
use super::shard::{Shard, ShardHeader, ShardReport, merge, read_shard_files};
use super::vary::{VarySpec, combinations};
use super::{Job, RunReport, SeedRun, make_names_distinct, summary_table};
use crate::preset::MAX_SEED;
use crate::sim::schedule::total_cycles;

/// Most runs (seeds × jobs) one command agrees to plan.
pub const MAX_RUNS: usize = 1_000_000;
/// Most combinations of varied values one sweep agrees to plan.
pub const MAX_COMBINATIONS: usize = 100_000;

/// What `run` and `sweep` share.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Seeds per job.
    pub seeds: u64,
    /// First seed (default: each preset's own).
    pub seed: Option<u64>,
    /// Also run each job's twin without sleep.
    pub twin: bool,
    /// Print JSON instead of a table.
    pub json: bool,
    /// Threads (default: all cores).
    pub threads: Option<u64>,
    /// Run only this slice of the work list.
    pub shard: Option<Shard>,
}

/// `sleeplab run PRESET...`: each preset's schedule for every seed; `--csv DIR` writes each
/// seed's score series as soon as it is done.
pub fn run(paths: &[PathBuf], csv_dir: Option<&Path>, options: &BatchOptions) -> Result<(), String> {
    let mut jobs = Vec::new();
    for path in paths {
        let mut job = Job::load(path).map_err(|e| e.to_string())?;
        if csv_dir.is_none() {
            job = job.without_probes();
        }
        if options.twin {
            let twin = job.without_sleep();
            jobs.push(job);
            jobs.push(twin);
        } else {
            jobs.push(job);
        }
    }
    make_names_distinct(&mut jobs);
    if let Some(dir) = csv_dir {
        check_writable(dir)?;
    }
    let written = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let on_result = |_: usize, run: &SeedRun| {
        let Some(dir) = csv_dir else { return };
        match write_seed_csv(dir, run) {
            Ok(_) => {
                written.fetch_add(1, Ordering::Relaxed);
            }
            Err(problem) => {
                if let Ok(mut list) = failures.lock() {
                    list.push(problem);
                }
            }
        }
    };
    let batch = execute(&jobs, options, on_result)?;
    print(&batch, options.json)?;
    if let Some(dir) = csv_dir {
        eprintln!(
            "wrote {} CSV files to {}",
            written.load(Ordering::Relaxed),
            dir.display()
        );
    }
    match failures.into_inner().unwrap_or_default().first() {
        Some(problem) => Err(problem.clone()),
        None => Ok(()),
    }
}

/// `sleeplab sweep PRESET --vary ...`: the preset for every combination of the varied
/// values (and, with `--twin`, without its sleep blocks), every seed. `--csv FILE` writes
/// the summary as CSV.
pub fn sweep(
    path: &Path,
    specs: &[VarySpec],
    csv_file: Option<&Path>,
    options: &BatchOptions,
) -> Result<(), String> {
    // A sweep writes summaries only: no probes.
    let base = Job::load(path).map_err(|e| e.to_string())?.without_probes();
    let mut jobs = Vec::new();
    for (vary, preset) in combinations(&base.preset, specs, MAX_COMBINATIONS)? {
        let job = Job {
            name: base.name.clone(),
            preset,
            vary: Some(vary),
        };
        if options.twin {
            let twin = job.without_sleep();
            jobs.push(job);
            jobs.push(twin);
        } else {
            jobs.push(job);
        }
    }
    if let Some(file) = csv_file {
        if options.shard.is_some() {
            return Err("--csv writes the summary of the whole sweep: leave it out with --shard and use it after `merge`".into());
        }
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        check_writable(folder)?;
    }
    let batch = execute(&jobs, options, |_, _| {})?;
    if let (Some(file), Batch::Whole(report)) = (csv_file, &batch) {
        crate::preset::write_atomically(file, summary_csv(report).as_bytes())
            .map_err(|e| format!("cannot write the CSV file: {e} — {}", file.display()))?;
        eprintln!("wrote the summary to {}", file.display());
    }
    print(&batch, options.json)
}

/// `sleeplab merge FILES...`: the shards' outputs as one report, printed as `--json` does.
pub fn merge_files(paths: &[PathBuf]) -> Result<(), String> {
    let report = merge(&read_shard_files(paths)?)?;
    print(&Batch::Whole(report), true)
}

/// What a batch produced.
enum Batch {
    /// The whole batch.
    Whole(RunReport),
    /// One slice of it.
    Shard(ShardReport),
}

/// Runs `jobs` as `options` say, with a progress bar on stderr.
fn execute(
    jobs: &[Job],
    options: &BatchOptions,
    on_result: impl Fn(usize, &SeedRun) + Sync,
) -> Result<Batch, String> {
    let planned = usize::try_from(options.seeds)
        .ok()
        .and_then(|s| s.checked_mul(jobs.len()))
        .filter(|&n| n <= MAX_RUNS)
        .ok_or_else(|| {
            format!(
                "{} jobs × {} seeds is more than the limit of {MAX_RUNS} runs; cut the batch with --shard or fewer values",
                jobs.len(),
                options.seeds
            )
        })?;
    for job in jobs {
        let first = options.seed.unwrap_or_else(|| job.preset.seed());
        let last = first.saturating_add(options.seeds.saturating_sub(1));
        if last > MAX_SEED {
            return Err(format!(
                "seeds {first} to {last} of {} go beyond the largest seed, {MAX_SEED}; choose a smaller --seed",
                job.name
            ));
        }
    }
    let mut work = work_list(jobs, options.seeds, options.seed);
    debug_assert_eq!(work.len(), planned);
    if let Some(shard) = options.shard {
        let keep: Vec<WorkItem> = shard.positions(work.len()).map(|p| work[p]).collect();
        work = keep;
    }
    let cycles = work
        .iter()
        .map(|item| total_cycles(jobs[item.job].preset.schedule()))
        .fold(0_u64, u64::saturating_add);
    let threads = options.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |t| usize::try_from(t).unwrap_or(1),
    );
    let bar = indicatif::ProgressBar::with_draw_target(Some(cycles), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {percent:>3}%  {msg}  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    let runs_done = AtomicUsize::new(0);
    let runs_total = work.len();
    bar.set_message(format!("0/{runs_total} runs"));
    let never = AtomicBool::new(false);
    let runs = run_batch(
        jobs,
        &work,
        threads,
        |cycles| bar.inc(cycles),
        |index, run| {
            let done = runs_done.fetch_add(1, Ordering::Relaxed) + 1;
            bar.set_message(format!("{done}/{runs_total} runs"));
            on_result(index, run);
        },
        &never,
    );
    bar.finish_and_clear();
    let runs = runs.map_err(|e| e.to_string())?;
    Ok(match options.shard {
        Some(shard) => Batch::Shard(ShardReport {
            shard: ShardHeader {
                index: shard.index,
                count: shard.count,
                seeds: options.seeds,
                jobs: jobs.iter().map(Job::id).collect(),
            },
            runs,
        }),
        None => Batch::Whole(RunReport::new(jobs, runs)),
    })
}

/// Prints a batch on stdout: the whole as a table or JSON, a slice always as JSON.
fn print(batch: &Batch, json: bool) -> Result<(), String> {
    let text = match batch {
        Batch::Whole(report) if json => report.to_json()?,
        Batch::Whole(report) => summary_table(report),
        Batch::Shard(shard) => serde_json::to_string_pretty(shard)
            .map(|t| t + "\n")
            .map_err(|e| format!("cannot write the results as JSON: {e}"))?,
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the results: {e}"))
}
