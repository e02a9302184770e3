//! Running presets without a window: jobs (a preset, maybe with varied parameters), the
//! runs of their seeds spread over the machine's cores, and the summary of test scores
//! (mean ± SD over seeds).

pub mod analyses;
mod analyses_table;
pub mod batch;
pub mod commands;
pub mod csv;
mod digits;
pub mod dropout;
pub mod error;
pub mod replay;
pub mod responses;
pub mod shard;
mod stdout;
pub mod table;
pub mod vary;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::preset::{Preset, PresetError};
use crate::series::{ScorePoint, ScoreTracker};
use crate::sim::probe::{ProbeResult, Probes};
use crate::sim::schedule::{Experiment, TestResult, total_cycles};
use crate::sim::{Mode, Simulation, Task};

pub use batch::{BatchError, WorkItem, run_batch, run_batch_keeping, run_jobs, work_list};
pub use csv::write_csv;
pub use error::CommandError;
pub use stdout::stdout_problem;
pub use table::summary_table;
pub use vary::{Vary, VarySpec};

/// One preset to run: its name (the file stem, with `-nosleep` for the "without sleep"
/// twin), the preset and, in a sweep, the values it was given.
#[derive(Clone, Debug)]
pub struct Job {
    /// Name in the summary (the file stem, with `-nosleep` for a twin without sleep).
    pub name: String,
    /// The preset.
    pub preset: Preset,
    /// In a sweep, the varied keys and the values this job runs with.
    pub vary: Option<Vary>,
}

/// What tells a job from the others in a report: its name and its varied values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobId {
    /// The job's name.
    pub preset: String,
    /// Its varied values, in a sweep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<Vary>,
}

impl Job {
    /// A job named `name` running `preset`.
    pub fn new(name: &str, preset: Preset) -> Self {
        Self {
            name: name.to_owned(),
            preset,
            vary: None,
        }
    }

    /// The job without its probes. Probes only feed the `--csv` score series, and they run
    /// on copies with random streams of their own, so leaving them out changes no score:
    /// a run that writes no CSV does not spend time on them (with the shipped presets they
    /// are about a third of the work).
    pub fn without_probes(mut self) -> Self {
        if let Ok(preset) = self.preset.with_probes(Probes::default()) {
            self.preset = preset;
        }
        self
    }

    /// The job's name and varied values.
    pub fn id(&self) -> JobId {
        JobId {
            preset: self.name.clone(),
            vary: self.vary.clone(),
        }
    }

    /// Loads a preset file as a job named after its stem.
    pub fn load(path: &Path) -> Result<Self, PresetError> {
        let preset = Preset::load(path)?;
        let name = path
            .file_stem()
            .map_or_else(|| preset.name().to_owned(), |s| s.to_string_lossy().into_owned());
        Ok(Self {
            name,
            preset,
            vary: None,
        })
    }

    /// The twin of this job that skips every sleep block.
    pub fn without_sleep(&self) -> Self {
        Self {
            name: format!("{}-nosleep", self.name),
            preset: self.preset.without_sleep(),
            vary: self.vary.clone(),
        }
    }
}

/// Gives every job a name no job before it has: the second `sleep` becomes `sleep-2`, so
/// that two presets with the same file stem stay apart in the summary and in their CSV
/// files.
pub fn make_names_distinct(jobs: &mut [Job]) {
    let mut taken: HashSet<String> = HashSet::with_capacity(jobs.len());
    // The next number to try after each name, so that a stem given n times costs n tries
    // in all, not n² (or n³ with the names compared one by one).
    let mut next: HashMap<String, usize> = HashMap::new();
    for job in jobs.iter_mut() {
        if taken.contains(&job.name) {
            let number = next.entry(job.name.clone()).or_insert(2);
            while taken.contains(&format!("{}-{number}", job.name)) {
                *number += 1;
            }
            job.name = format!("{}-{number}", job.name);
            *number += 1;
        }
        taken.insert(job.name.clone());
    }
}

/// The test results of one seed of one preset.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedRun {
    /// The preset's name.
    pub preset: String,
    /// In a sweep, the varied keys and their values in this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<Vary>,
    /// The seed.
    pub seed: u64,
    /// Each test block's label and scores.
    pub tests: Vec<SeedTest>,
    /// The running scores and test results, for `--csv`.
    #[serde(skip)]
    pub series: (Vec<ScorePoint>, Vec<TestResult>),
    /// The probes of both tasks along the run (empty when the preset's probes are off),
    /// for `--csv`.
    #[serde(skip)]
    pub probes: Vec<ProbeResult>,
    /// The index of the job (in the batch's job list) this run belongs to.
    #[serde(skip)]
    pub job: usize,
}

/// One test block of one seed.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// The block's label, date and scores as a report gives them.
    pub fn from_result(r: &TestResult) -> Self {
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
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The preset's name.
    pub preset: String,
    /// In a sweep, the varied keys and their values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vary: Option<Vary>,
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
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunReport {
    /// Per preset and test label.
    pub summary: Vec<SummaryRow>,
    /// Per seed.
    pub runs: Vec<SeedRun>,
}

impl RunReport {
    /// The report of `runs` (each tagged with its job's index in `jobs`).
    pub fn new(jobs: &[Job], runs: Vec<SeedRun>) -> Self {
        let ids: Vec<JobId> = jobs.iter().map(Job::id).collect();
        Self {
            summary: summarise(&ids, &runs),
            runs,
        }
    }

    /// The report as `--json` prints it: pretty JSON and a newline.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self).map(|text| text + "\n")
    }
}

/// Runs one seed of one job to the end of its schedule.
pub fn run_seed(job: &Job, seed: u64, progress: impl FnMut(u64)) -> SeedRun {
    let never = AtomicBool::new(false);
    let run = run_seed_unless_cancelled(job, 0, seed, progress, &never);
    run.unwrap_or_else(|| SeedRun {
        preset: job.name.clone(),
        vary: job.vary.clone(),
        seed,
        tests: Vec::new(),
        series: (Vec::new(), Vec::new()),
        probes: Vec::new(),
        job: 0,
    })
}

/// Runs one seed of job number `index` to the end of its schedule, or gives up (`None`)
/// soon after `cancel` is set.
pub fn run_seed_unless_cancelled(
    job: &Job,
    index: usize,
    seed: u64,
    progress: impl FnMut(u64),
    cancel: &AtomicBool,
) -> Option<SeedRun> {
    if let Some(setup) = job.preset.digits() {
        return digits::run_seed(job, index, seed, setup, cancel);
    }
    let sim = Simulation::new(job.preset.params(), seed);
    let mut experiment =
        Experiment::new(sim, job.preset.schedule().to_vec()).with_probes(job.preset.probes());
    let mut tracker = ScoreTracker::default();
    let mut points = Vec::new();
    let finished = experiment.run_unless_stopped(
        progress,
        |step, cycle| {
            if let (Mode::Wake { task, .. }, false, Some(kind)) =
                (step.mode, step.testing, step.outcome.eaten)
            {
                points.extend(tracker.meal(cycle, task, kind));
            }
        },
        || cancel.load(Ordering::Relaxed),
    );
    finished.then(|| SeedRun {
        preset: job.name.clone(),
        vary: job.vary.clone(),
        seed,
        tests: experiment.results.iter().map(SeedTest::from_result).collect(),
        series: (points, experiment.results.clone()),
        probes: std::mem::take(&mut experiment.probe_results),
        job: index,
    })
}

/// Total cycles the jobs will run (for a progress bar).
pub fn total_work(jobs: &[Job], seeds: u64) -> u64 {
    jobs.iter()
        .map(|j| total_cycles(j.preset.schedule()))
        .fold(0_u64, u64::saturating_add)
        .saturating_mul(seeds)
}

/// One summary row per job and test label, in job order and, within a job, in the order
/// the labels first appear. Runs are grouped by their job's index, never by name, so two
/// jobs that share a name are never merged.
pub fn summarise(jobs: &[JobId], runs: &[SeedRun]) -> Vec<SummaryRow> {
    let mut rows = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        let mine: Vec<&SeedRun> = runs.iter().filter(|r| r.job == index).collect();
        let labels = first_seen(mine.iter().flat_map(|r| r.tests.iter().map(|t| t.label.as_str())));
        for label in labels {
            let tests: Vec<&SeedTest> = mine
                .iter()
                .flat_map(|r| r.tests.iter().filter(|t| t.label == label))
                .collect();
            let (t1_mean, t1_sd) = mean_sd(tests.iter().map(|t| t.t1));
            let (t2_mean, t2_sd) = mean_sd(tests.iter().map(|t| t.t2));
            rows.push(SummaryRow {
                preset: job.preset.clone(),
                vary: job.vary.clone(),
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

/// The distinct values of `items`, in the order they first come (the presets of a report's
/// rows, for its table).
pub fn first_seen<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

/// Mean and sample standard deviation (0 for fewer than two values).
pub fn mean_sd(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = values.clone().count();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let nf = n as f64;
    let mean = values.clone().sum::<f64>() / nf;
    if n < 2 {
        return (mean, 0.0);
    }
    let var = values.map(|v| (v - mean) * (v - mean)).sum::<f64>() / (nf - 1.0);
    (mean, var.sqrt())
}
