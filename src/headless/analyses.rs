//! The analysis commands `weights` and `space`, and the runner all four analysis commands
//! share: each loads its presets, checks its outputs (folder and every file's path, as
//! `run --csv` does) before any work, then runs every seed with an observer (which only
//! reads the run, so the scores are those `run` prints).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::csv::check_writable;
use super::{Job, RunReport, SeedRun, make_names_distinct, summary_table};
use crate::analysis::observed::run_observed;
use crate::analysis::pca::ProjectedSets;
use crate::analysis::reference::{ReferenceOptions, reference_sets, reference_sets_for, wake_cycles_of};
use crate::analysis::trajectory::{WeightRecorder, WeightSample};
use crate::analysis::weight_space::{SetDistances, SolutionSets};
use crate::cli::analyses::{AnalysisArgs, SpaceArgs, WeightsArgs};
use crate::save::{check_target, write_atomically};
use crate::sim::Task;
use crate::sim::params::HiddenKind;

/// The jobs of `args`' presets (without probes: they change no score), with distinct
/// names; digits presets are refused, as they have no hidden→output spiking network.
pub fn load_jobs(args: &AnalysisArgs) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    for path in &args.presets {
        let job = Job::load(path).map_err(|e| e.to_string())?.without_probes();
        if job.preset.digits().is_some() {
            return Err(format!(
                "the analyses read a spiking network's weights and spikes; a digits preset has none — {}",
                path.display()
            ));
        }
        jobs.push(job);
    }
    make_names_distinct(&mut jobs);
    Ok(jobs)
}

/// Every (job, seed) of `jobs` for `args`' seeds, in report order.
pub fn work(jobs: &[Job], args: &AnalysisArgs) -> Vec<(usize, u64)> {
    let mut work = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        let first = args.seed.unwrap_or_else(|| job.preset.seed());
        work.extend((0..args.seeds).map(|k| (index, first.saturating_add(k))));
    }
    work
}

/// Runs `task` for every item of `work` on `args`' threads; results in the order of `work`.
pub fn on_pool<T: Send>(
    args: &AnalysisArgs,
    work: &[(usize, u64)],
    task: impl Fn(usize, u64) -> Result<T, String> + Sync,
) -> Result<Vec<T>, String> {
    pool(args)?.install(|| {
        work.par_iter()
            .with_max_len(1)
            .map(|&(job, seed)| task(job, seed))
            .collect()
    })
}

/// The rayon pool `args` asks for.
pub fn pool(args: &AnalysisArgs) -> Result<rayon::ThreadPool, String> {
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |t| usize::try_from(t).unwrap_or(1),
    );
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|t| format!("sleeplab-analysis-{t}"))
        .build()
        .map_err(|e| format!("cannot start {threads} worker threads: {e}"))
}

/// Writes `text` on stdout.
pub fn print(text: &str) -> Result<(), String> {
    std::io::stdout().write_all(text.as_bytes()).map_err(|e| {
        format!(
            "the results could not all be printed: standard output failed: {}",
            crate::save::describe_io_error(&e)
        )
    })
}

/// `text` as pretty JSON and a newline.
pub fn json_text(value: &impl Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|t| t + "\n")
        .map_err(|e| format!("cannot write the results as JSON: {e}"))
}

/// `sleeplab weights`: every seed's weights every `--every` cycles and at each test into
/// `--csv DIR`, then the scores exactly as `run` prints them.
pub fn weights(args: &WeightsArgs) -> Result<(), String> {
    let jobs = load_jobs(&args.common)?;
    let dir: &Path = &args.csv;
    check_writable(dir).map_err(|e| e.to_string())?;
    let work = work(&jobs, &args.common);
    for &(index, seed) in &work {
        check_target(&weights_csv_path(dir, &jobs[index].name, seed)).map_err(|e| e.to_string())?;
    }
    let runs: Vec<SeedRun> = on_pool(&args.common, &work, |index, seed| {
        let job = &jobs[index];
        let mut recorder = WeightRecorder::new(args.every);
        let (run, _) = run_observed(job, index, seed, false, |e, s| recorder.observe(e, s));
        let path = weights_csv_path(dir, &job.name, seed);
        write_atomically(&path, recorder.to_csv().as_bytes()).map_err(|e| e.to_string())?;
        Ok(run)
    })?;
    let report = RunReport::new(&jobs, runs);
    let text = if args.common.json {
        json_text(&report)?
    } else {
        summary_table(&report)
    };
    print(&text)?;
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} CSV files to {}",
        work.len(),
        dir.display()
    );
    Ok(())
}

/// One seed's place in weight space.
#[derive(Clone, Debug, Serialize)]
pub struct SpaceRow {
    /// The preset's name.
    pub preset: String,
    /// The seed.
    pub seed: u64,
    /// Distances at the first test block (after task 1).
    pub after_t1: Option<SetDistances>,
    /// Distances at the last test block (the end).
    pub end: Option<SetDistances>,
    /// As `after_t1`, in the leading principal components of the pooled sets.
    pub after_t1_pcs: Option<SetDistances>,
    /// As `end`, in the leading principal components.
    pub end_pcs: Option<SetDistances>,
    /// With a learned hidden layer, whose sets are lives of each seed's own network: how
    /// far apart that seed's sets stand, in the full space and in the components.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separation: Option<[f64; 2]>,
}

/// What `space` prints.
#[derive(Clone, Debug, Serialize)]
pub struct SpaceReport {
    /// How the reference sets were made.
    pub reference: ReferenceOptions,
    /// Principal components of the `_pcs` distances.
    pub components: u64,
    /// Each preset's sets: points per set and how far apart they stand.
    pub sets: Vec<SetsSummary>,
    /// Per preset and seed.
    pub runs: Vec<SpaceRow>,
}

/// One preset's solution sets in brief.
#[derive(Clone, Debug, Serialize)]
pub struct SetsSummary {
    /// The preset's name.
    pub preset: String,
    /// Points in the task-1 and the task-2 set.
    pub points: [usize; 2],
    /// Mean distance across the sets over the mean distance within them (above 1: apart),
    /// in the full weight space.
    pub separation: f64,
    /// The same in the leading principal components.
    pub separation_pcs: f64,
}

/// `sleeplab space`: the solution sets of each preset (made once for presets with the
/// same parameters and training lengths), then every seed's distances to them.
pub fn space(args: &SpaceArgs) -> Result<(), String> {
    let jobs = load_jobs(&args.common)?;
    if let Some(dir) = &args.sets_csv {
        check_writable(dir).map_err(|e| e.to_string())?;
        for job in &jobs {
            check_target(&sets_csv_path(dir, &job.name)).map_err(|e| e.to_string())?;
        }
    }
    let options = ReferenceOptions {
        animals: usize::try_from(args.animals).unwrap_or(1),
        samples_per_animal: usize::try_from(args.samples).unwrap_or(1),
        start: args.start,
    };
    let components = usize::try_from(args.components).unwrap_or(2);
    let key = |job: &Job| {
        let schedule = job.preset.schedule();
        (
            job.preset.params(),
            wake_cycles_of(schedule, Task::T1),
            wake_cycles_of(schedule, Task::T2),
        )
    };
    let mut made: Vec<(_, std::sync::Arc<SolutionSets>)> = Vec::new();
    let mut sets_of = Vec::with_capacity(jobs.len());
    let pool = pool(&args.common)?;
    for job in &jobs {
        let k = key(job);
        let sets = if k.0.network.hidden == HiddenKind::Learned {
            // Each seed is compared with lives of its own network, made with its run below.
            std::sync::Arc::new(SolutionSets::default())
        } else if let Some((_, sets)) = made.iter().find(|(known, _)| *known == k) {
            sets.clone()
        } else {
            let sets = std::sync::Arc::new(pool.install(|| reference_sets(&k.0, k.1, k.2, options)));
            made.push((k, sets.clone()));
            sets
        };
        if let Some(dir) = &args.sets_csv {
            write_sets(dir, &job.name, &sets, options.samples_per_animal)?;
        }
        let projected = ProjectedSets::new(&sets, components);
        sets_of.push((sets, projected));
    }
    let work = work(&jobs, &args.common);
    let runs = on_pool(&args.common, &work, |index, seed| {
        let job = &jobs[index];
        let mut recorder = WeightRecorder::new(0);
        let (run, _) = run_observed(job, index, seed, false, |e, s| recorder.observe(e, s));
        let (params, t1, t2) = key(job);
        let own = (params.network.hidden == HiddenKind::Learned).then(|| {
            let sets = std::sync::Arc::new(reference_sets_for(&params, seed, t1, t2, options));
            let projected = ProjectedSets::new(&sets, components);
            (sets, projected)
        });
        let (sets, projected) = own.as_ref().unwrap_or(&sets_of[index]);
        let point = |test: Option<&super::SeedTest>| test.and_then(|t| recorder.at_test(&t.label));
        let (first, last) = (point(run.tests.first()), point(run.tests.last()));
        Ok(SpaceRow {
            preset: job.name.clone(),
            seed,
            after_t1: first.map(|p| sets.distances(p)),
            end: last.map(|p| sets.distances(p)),
            after_t1_pcs: first.map(|p| projected.distances(p)),
            end_pcs: last.map(|p| projected.distances(p)),
            separation: own.as_ref().map(|(sets, projected)| {
                [
                    sets.separation(options.samples_per_animal),
                    projected.separation(options.samples_per_animal),
                ]
            }),
        })
    })?;
    let report = SpaceReport {
        reference: options,
        components: args.components,
        sets: jobs
            .iter()
            .zip(&sets_of)
            .map(|(job, (sets, projected))| SetsSummary {
                preset: job.name.clone(),
                points: [sets.t1.len(), sets.t2.len()],
                separation: sets.separation(options.samples_per_animal),
                separation_pcs: projected.separation(options.samples_per_animal),
            })
            .collect(),
        runs,
    };
    let text = if args.common.json {
        json_text(&report)?
    } else {
        super::analyses_table::space_table(&report)
    };
    print(&text)
}

/// Writes `sets` to `dir/<name>-solution-sets.csv` in the weights CSV's form: `cycle` is the
/// reference animal's number, `what` the set.
fn write_sets(dir: &Path, name: &str, sets: &SolutionSets, per_animal: usize) -> Result<(), String> {
    let mut recorder = WeightRecorder::new(0);
    for (what, set) in [("set1", &sets.t1), ("set2", &sets.t2)] {
        for (k, point) in set.iter().enumerate() {
            recorder.samples.push(WeightSample {
                cycle: (k / per_animal.max(1)) as u64,
                what: what.to_owned(),
                weights: point.clone(),
            });
        }
    }
    write_atomically(&sets_csv_path(dir, name), recorder.to_csv().as_bytes()).map_err(|e| e.to_string())
}

/// The weights CSV of seed `seed` of the job named `name`.
fn weights_csv_path(dir: &Path, name: &str, seed: u64) -> PathBuf {
    dir.join(format!("{name}-seed{seed}-weights.csv"))
}

/// The solution sets' CSV of the job named `name`.
fn sets_csv_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}-solution-sets.csv"))
}
