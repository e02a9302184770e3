//! The headless commands `run`, `sweep` and `merge`: load and check everything first (the
//! outputs' paths included), then run the batch with a progress bar on stderr, writing
//! per-seed files as results arrive, print the report on stdout, and only then write what
//! needs the whole report. A write that fails after the report is printed makes the
//! command fail, but never takes the printed report back.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::batch::{WorkItem, run_batch, work_list};
use super::csv::{check_writable, seed_csv_path, summary_csv, write_seed_csv};
use super::shard::{Shard, ShardHeader, ShardJob, ShardReport};
use super::vary::{VarySpec, combinations_with_progress};
use super::{CommandError, Job, RunReport, SeedRun, make_names_distinct, summary_table};
use crate::preset::MAX_SEED;
use crate::save::{check_output, check_target, write_atomically};
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
/// seed's score series as soon as it is done. Every CSV file's path is checked before the
/// first run; a file that fails later is reported after the results are printed.
pub fn run(paths: &[PathBuf], csv_dir: Option<&Path>, options: &BatchOptions) -> Result<(), CommandError> {
    let mut jobs = Vec::new();
    for path in paths {
        let mut job = Job::load(path)?;
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
    let work = plan(&jobs, options)?;
    if let Some(dir) = csv_dir {
        check_writable(dir)?;
        for item in &work {
            check_target(&seed_csv_path(dir, &jobs[item.job].name, item.seed)).map_err(CommandError::Csv)?;
        }
    }
    let written = AtomicUsize::new(0);
    let failures = Mutex::new((0_usize, None));
    let on_result = |_: usize, run: &SeedRun| {
        let Some(dir) = csv_dir else { return };
        match write_seed_csv(dir, run) {
            Ok(_) => {
                written.fetch_add(1, Ordering::Relaxed);
            }
            Err(problem) => {
                if let Ok(mut failed) = failures.lock() {
                    failed.0 += 1;
                    failed.1.get_or_insert(problem);
                }
            }
        }
    };
    let batch = execute(&jobs, &work, options, on_result)?;
    let printed = print(&batch, options.json);
    if let Some(dir) = csv_dir {
        note(&format!(
            "wrote {} CSV files to {}",
            written.load(Ordering::Relaxed),
            dir.display()
        ));
    }
    let late = match failures.into_inner() {
        Ok((failed, Some(first))) => vec![CommandError::CsvFiles { failed, first }],
        _ => Vec::new(),
    };
    finish(printed, late)
}

/// `sleeplab sweep PRESET --vary ...`: the preset for every combination of the varied
/// values (and, with `--twin`, without its sleep blocks), every seed. `--csv FILE` writes
/// the summary as CSV once the results are printed; the file's path is checked before the
/// work.
pub fn sweep(
    path: &Path,
    specs: &[VarySpec],
    csv_file: Option<&Path>,
    options: &BatchOptions,
) -> Result<(), CommandError> {
    if csv_file.is_some() && options.shard.is_some() {
        return Err(CommandError::CsvWithShard);
    }
    // A sweep writes summaries only: no probes.
    let base = Job::load(path)?.without_probes();
    let mut jobs = Vec::new();
    let mut notes = PlanningNotes::default();
    let planned = combinations_with_progress(&base.preset, specs, MAX_COMBINATIONS, |done, total| {
        notes.planned(done, total);
    })?;
    for (vary, preset) in planned {
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
    let work = plan(&jobs, options)?;
    if let Some(file) = csv_file {
        check_csv_file(file)?;
    }
    let batch = execute(&jobs, &work, options, |_, _| {})?;
    let printed = print(&batch, options.json);
    let mut late = Vec::new();
    if let (Some(file), Batch::Whole(report)) = (csv_file, &batch) {
        match write_atomically(file, summary_csv(report).as_bytes()) {
            Ok(()) => note(&format!("wrote the summary to {}", file.display())),
            Err(e) => late.push(CommandError::Csv(e)),
        }
    }
    finish(printed, late)
}

/// Notes on stderr while a sweep plans many combinations (each is a preset built and
/// checked before the first run): one after every [`PLANNING_NOTE_EVERY`] combinations or
/// tenth of them, whichever is more, and one at least every
/// [`PLANNING_NOTE_INTERVAL`] between those; nothing for a sweep of fewer.
#[derive(Debug, Default)]
struct PlanningNotes {
    last: Option<std::time::Instant>,
}

/// Combinations between two planning notes, at the least (fewer are planned silently).
const PLANNING_NOTE_EVERY: usize = 1000;
/// The longest planning goes on without a note.
const PLANNING_NOTE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

impl PlanningNotes {
    fn planned(&mut self, done: usize, total: usize) {
        if total < PLANNING_NOTE_EVERY || done == total {
            return;
        }
        let now = std::time::Instant::now();
        let step = PLANNING_NOTE_EVERY.max(total.div_ceil(10));
        let last = *self.last.get_or_insert(now);
        if done.is_multiple_of(step) || now.duration_since(last) >= PLANNING_NOTE_INTERVAL {
            note(&format!("planning combination {done} of {total}"));
            self.last = Some(now);
        }
    }
}

/// Checks, before any work, that the summary can be written to `file`: what is there may be
/// replaced (a regular file or nothing), and its folder (made if missing) takes files.
fn check_csv_file(file: &Path) -> Result<(), CommandError> {
    check_target(file).map_err(CommandError::Csv)?;
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_writable(folder)?;
    check_output(file).map_err(CommandError::Csv)
}

/// The end of a command that printed its results (`printed`) and then wrote files: the
/// printing's failure first, then the writes that failed after it.
fn finish(printed: Result<(), CommandError>, late: Vec<CommandError>) -> Result<(), CommandError> {
    printed?;
    if late.is_empty() {
        Ok(())
    } else {
        Err(CommandError::AfterPrinting(late))
    }
}

/// `sleeplab merge FILES...`: the shards' outputs as one report, printed as `--json` does.
pub fn merge_files(paths: &[PathBuf]) -> Result<(), CommandError> {
    let report = super::shard::merge_files(paths)?;
    print(&Batch::Whole(report), true)
}

/// A note on stderr. A closed or full stderr loses the note but never fails the command:
/// the results are on stdout.
fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// What a batch produced.
enum Batch {
    /// The whole batch.
    Whole(RunReport),
    /// One slice of it.
    Shard(ShardReport),
}

/// The work list of `jobs` as `options` say (only the slice's part with `--shard`), once
/// its size and its seeds are checked.
fn plan(jobs: &[Job], options: &BatchOptions) -> Result<Vec<WorkItem>, CommandError> {
    usize::try_from(options.seeds)
        .ok()
        .and_then(|s| s.checked_mul(jobs.len()))
        .filter(|&n| n <= MAX_RUNS)
        .ok_or(CommandError::TooManyRuns {
            jobs: jobs.len(),
            seeds: options.seeds,
        })?;
    for job in jobs {
        let first = options.seed.unwrap_or_else(|| job.preset.seed());
        let last = first.saturating_add(options.seeds.saturating_sub(1));
        if last > MAX_SEED {
            return Err(CommandError::SeedsBeyond {
                job: job.name.clone(),
                first,
                last,
            });
        }
    }
    let work = work_list(jobs, options.seeds, options.seed);
    Ok(match options.shard {
        Some(shard) => shard.positions(work.len()).map(|p| work[p]).collect(),
        None => work,
    })
}

/// Runs `work` (from [`plan`]) with a progress bar on stderr.
fn execute(
    jobs: &[Job],
    work: &[WorkItem],
    options: &BatchOptions,
    on_result: impl Fn(usize, &SeedRun) + Sync,
) -> Result<Batch, CommandError> {
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
        work,
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
    let runs = runs?;
    Ok(match options.shard {
        Some(shard) => Batch::Shard(ShardReport {
            shard: ShardHeader {
                index: shard.index,
                count: shard.count,
                seeds: options.seeds,
                jobs: jobs
                    .iter()
                    .map(|job| ShardJob::of(job, options.seed.unwrap_or_else(|| job.preset.seed())))
                    .collect(),
            },
            runs,
        }),
        None => Batch::Whole(RunReport::new(jobs, runs)),
    })
}

/// Prints a batch on stdout: the whole as a table or JSON, a slice always as JSON.
fn print(batch: &Batch, json: bool) -> Result<(), CommandError> {
    let text = match batch {
        Batch::Whole(report) if json => report.to_json().map_err(CommandError::Json)?,
        Batch::Whole(report) => summary_table(report),
        Batch::Shard(shard) => serde_json::to_string_pretty(shard)
            .map(|t| t + "\n")
            .map_err(CommandError::Json)?,
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(CommandError::Stdout)
}
