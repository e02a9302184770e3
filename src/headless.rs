//! Running presets without a window: many seeds over the machine's cores, and the summary
//! table of test scores (mean ± SD over seeds).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::preset::{Preset, PresetError, describe_io_error};
use crate::series::{ScorePoint, ScoreTracker, scores_csv};
use crate::sim::schedule::{Experiment, TestResult, total_cycles, without_sleep};
use crate::sim::{Mode, Simulation, Task};

/// One preset to run: its name (the file stem), the preset and whether it is the
/// "without sleep" twin.
#[derive(Clone, Debug)]
pub struct Job {
    /// Name in the summary (the file stem, with `-nosleep` for a twin without sleep).
    pub name: String,
    /// The preset.
    pub preset: Preset,
}

impl Job {
    /// Loads a preset file as a job named after its stem.
    pub fn load(path: &Path) -> Result<Self, PresetError> {
        let preset = Preset::load(path)?;
        let name = path
            .file_stem()
            .map_or_else(|| preset.name.clone(), |s| s.to_string_lossy().into_owned());
        Ok(Self { name, preset })
    }

    /// The twin of this job that skips every sleep block.
    pub fn without_sleep(&self) -> Self {
        let mut preset = self.preset.clone();
        preset.schedule = without_sleep(&preset.schedule);
        Self {
            name: format!("{}-nosleep", self.name),
            preset,
        }
    }
}

/// The test results of one seed of one preset.
#[derive(Clone, Debug, Serialize)]
pub struct SeedRun {
    /// The preset's name.
    pub preset: String,
    /// The seed.
    pub seed: u64,
    /// Each test block's label and scores.
    pub tests: Vec<SeedTest>,
    /// The running scores and test results, for `--csv`.
    #[serde(skip)]
    pub series: (Vec<ScorePoint>, Vec<TestResult>),
}

/// One test block of one seed.
#[derive(Clone, Debug, Serialize)]
pub struct SeedTest {
    /// The block's label.
    pub label: String,
    /// Cycle of the animal at which it was tested.
    pub at_cycle: u64,
    /// T1 score.
    pub t1: f64,
    /// T2 score.
    pub t2: f64,
    /// Bars eaten in the T1 test: rewarded, punished.
    pub t1_eaten: [u64; 2],
    /// Bars eaten in the T2 test: rewarded, punished.
    pub t2_eaten: [u64; 2],
}

impl SeedTest {
    fn from_result(r: &TestResult) -> Self {
        let eaten = |t: Task| [r.scores[t.index()].rewarded, r.scores[t.index()].punished];
        Self {
            label: r.label.clone(),
            at_cycle: r.at_cycle,
            t1: r.score(Task::T1),
            t2: r.score(Task::T2),
            t1_eaten: eaten(Task::T1),
            t2_eaten: eaten(Task::T2),
        }
    }
}

/// Mean ± SD over seeds of one test label of one preset.
#[derive(Clone, Debug, Serialize)]
pub struct SummaryRow {
    /// The preset's name.
    pub preset: String,
    /// The test label.
    pub label: String,
    /// Number of seeds.
    pub n: usize,
    /// Mean T1 score.
    pub t1_mean: f64,
    /// Sample standard deviation of the T1 score (0 for one seed).
    pub t1_sd: f64,
    /// Mean T2 score.
    pub t2_mean: f64,
    /// Sample standard deviation of the T2 score.
    pub t2_sd: f64,
}

/// Everything a `run` produced.
#[derive(Clone, Debug, Serialize)]
pub struct RunReport {
    /// Per preset and test label.
    pub summary: Vec<SummaryRow>,
    /// Per seed.
    pub runs: Vec<SeedRun>,
}

/// Runs one seed of one job to the end of its schedule.
pub fn run_seed(job: &Job, seed: u64, progress: impl FnMut(u64)) -> SeedRun {
    let sim = Simulation::new(job.preset.params(), seed);
    let mut experiment = Experiment::new(sim, job.preset.schedule.clone());
    let mut tracker = ScoreTracker::default();
    let mut points = Vec::new();
    experiment.run_to_end_with(progress, |step, cycle| {
        if let (Mode::Wake { task, .. }, false, Some(kind)) = (step.mode, step.testing, step.outcome.eaten) {
            points.extend(tracker.meal(cycle, task, kind));
        }
    });
    SeedRun {
        preset: job.name.clone(),
        seed,
        tests: experiment.results.iter().map(SeedTest::from_result).collect(),
        series: (points, experiment.results.clone()),
    }
}

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

/// Runs every job for seeds `first_seed(job)..+seeds`, spread over `threads` threads.
/// `progress` receives cycles done (from any thread). The result does not depend on the
/// number of threads.
pub fn run_jobs(
    jobs: &[Job],
    seeds: u64,
    first_seed: Option<u64>,
    threads: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> RunReport {
    let work: Vec<(usize, u64)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(j, job)| {
            let start = first_seed.unwrap_or(job.preset.seed);
            (0..seeds).map(move |k| (j, start.wrapping_add(k)))
        })
        .collect();
    let results: Mutex<Vec<Option<SeedRun>>> = Mutex::new(vec![None; work.len()]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for t in 0..threads.clamp(1, work.len().max(1)) {
            let (work, results, next) = (&work, &results, &next);
            let spawned = std::thread::Builder::new()
                .name(format!("sleeplab-run-{t}"))
                .spawn_scoped(scope, move || {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(j, seed)) = work.get(index) else { break };
                        let run = run_seed(&jobs[j], seed, progress);
                        if let Ok(mut slots) = results.lock() {
                            slots[index] = Some(run);
                        }
                    }
                });
            if let Err(e) = spawned {
                log::warn!("could not start a worker thread: {e}");
            }
        }
    });
    let mut runs: Vec<SeedRun> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    // A thread that could not start leaves its work undone: finish it here.
    if runs.len() < work.len() {
        runs = work
            .iter()
            .map(|&(j, seed)| run_seed(&jobs[j], seed, progress))
            .collect();
    }
    RunReport {
        summary: summarise(jobs, &runs),
        runs,
    }
}

/// Total cycles the jobs will run (for a progress bar).
pub fn total_work(jobs: &[Job], seeds: u64) -> u64 {
    jobs.iter()
        .map(|j| total_cycles(&j.preset.schedule))
        .fold(0_u64, u64::saturating_add)
        .saturating_mul(seeds)
}

fn summarise(jobs: &[Job], runs: &[SeedRun]) -> Vec<SummaryRow> {
    let mut rows = Vec::new();
    for job in jobs {
        let mine: Vec<&SeedRun> = runs.iter().filter(|r| r.preset == job.name).collect();
        let mut labels: Vec<&str> = Vec::new();
        for run in &mine {
            for test in &run.tests {
                if !labels.contains(&test.label.as_str()) {
                    labels.push(&test.label);
                }
            }
        }
        for label in labels {
            let tests: Vec<&SeedTest> = mine
                .iter()
                .flat_map(|r| r.tests.iter().filter(|t| t.label == label))
                .collect();
            let (t1_mean, t1_sd) = mean_sd(tests.iter().map(|t| t.t1));
            let (t2_mean, t2_sd) = mean_sd(tests.iter().map(|t| t.t2));
            rows.push(SummaryRow {
                preset: job.name.clone(),
                label: label.to_owned(),
                n: tests.len(),
                t1_mean,
                t1_sd,
                t2_mean,
                t2_sd,
            });
        }
    }
    rows
}

/// Mean and sample standard deviation (0 for fewer than two values).
pub fn mean_sd(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = values.clone().count();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    #[allow(clippy::cast_precision_loss)]
    let nf = n as f64;
    let mean = values.clone().sum::<f64>() / nf;
    if n < 2 {
        return (mean, 0.0);
    }
    let var = values.map(|v| (v - mean) * (v - mean)).sum::<f64>() / (nf - 1.0);
    (mean, var.sqrt())
}

/// The summary as an aligned text table.
pub fn summary_table(report: &RunReport) -> String {
    let width = report
        .summary
        .iter()
        .map(|r| r.preset.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let label_width = report
        .summary
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:width$}  {:label_width$}  {:>3}  {:>15}  {:>15}\n",
        "preset", "label", "n", "T1", "T2"
    );
    for r in &report.summary {
        let _ = writeln!(
            out,
            "{:width$}  {:label_width$}  {:>3}  {:>6.3} ± {:<6.3}  {:>6.3} ± {:<6.3}",
            r.preset, r.label, r.n, r.t1_mean, r.t1_sd, r.t2_mean, r.t2_sd
        );
    }
    out
}
