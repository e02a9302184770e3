//! The batch runner: many seeds of many jobs spread over a pool of threads (rayon), each
//! result handed over as soon as it is done, with a cancel flag. The command line's `run`
//! and `sweep` use it, and a window can call it from a background thread.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{Job, RunReport, SeedRun, run_seed_unless_cancelled};

/// One seed of one job: the unit of work of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkItem {
    /// The job's index in the batch's job list.
    pub job: usize,
    /// The seed.
    pub seed: u64,
}

/// Why a batch stopped without all its results.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The cancel flag was set.
    #[error("the batch was cancelled")]
    Cancelled,
    /// The pool of threads could not be started.
    #[error("cannot start {threads} worker threads: {reason}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// What went wrong.
        reason: String,
    },
}

/// The work of `jobs`, each for seeds `first_seed..first_seed + seeds` (by default each
/// preset's own seed), job by job: the order of the report's runs.
pub fn work_list(jobs: &[Job], seeds: u64, first_seed: Option<u64>) -> Vec<WorkItem> {
    jobs.iter()
        .enumerate()
        .flat_map(|(job, j)| {
            let start = first_seed.unwrap_or(j.preset.seed());
            (0..seeds).map(move |k| WorkItem {
                job,
                seed: start.wrapping_add(k),
            })
        })
        .collect()
}

/// Runs every item of `work` on `threads` threads and returns the runs in the order of
/// `work`, whatever the number of threads (each seed's run depends on its seed alone).
///
/// `progress` receives cycles done, from any thread, every 10,000 cycles of a run.
/// `on_result` receives each finished run and its index in `work` as soon as it is done
/// (from the thread that ran it), for example to write its file or draw its dot.
/// Setting `cancel` stops every run within 10,000 of its cycles; the batch then returns
/// [`BatchError::Cancelled`].
pub fn run_batch(
    jobs: &[Job],
    work: &[WorkItem],
    threads: usize,
    progress: impl Fn(u64) + Sync,
    on_result: impl Fn(usize, &SeedRun) + Sync,
    cancel: &AtomicBool,
) -> Result<Vec<SeedRun>, BatchError> {
    let keep = |index: usize, run: SeedRun| {
        on_result(index, &run);
        run
    };
    run_batch_keeping(jobs, work, threads, progress, keep, cancel)
}

/// As [`run_batch`], but each finished run goes to `keep` (with its index in `work`), and
/// the batch holds only what `keep` returns: a window that wants a run's final scores need
/// not hold every run's score series until the batch ends.
pub fn run_batch_keeping<T: Send>(
    jobs: &[Job],
    work: &[WorkItem],
    threads: usize,
    progress: impl Fn(u64) + Sync,
    keep: impl Fn(usize, SeedRun) -> T + Sync,
    cancel: &AtomicBool,
) -> Result<Vec<T>, BatchError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|t| format!("sleeplab-batch-{t}"))
        .build()
        .map_err(|e| BatchError::Threads {
            threads,
            reason: e.to_string(),
        })?;
    let kept: Option<Vec<T>> = pool.install(|| {
        work.par_iter()
            .enumerate()
            // Every run is long: hand them out one at a time so that no thread sits idle
            // while another holds a queue of them.
            .with_max_len(1)
            .map(|(index, item)| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let job = jobs.get(item.job)?;
                let run = run_seed_unless_cancelled(job, item.job, item.seed, &progress, cancel)?;
                Some(keep(index, run))
            })
            .collect()
    });
    match kept {
        Some(kept) if kept.len() == work.len() => Ok(kept),
        _ => Err(BatchError::Cancelled),
    }
}

/// Runs every job for seeds `first_seed(job)..+seeds`, spread over `threads` threads, and
/// summarises them. `progress` receives cycles done (from any thread). The result does not
/// depend on the number of threads.
pub fn run_jobs(
    jobs: &[Job],
    seeds: u64,
    first_seed: Option<u64>,
    threads: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<RunReport, BatchError> {
    let work = work_list(jobs, seeds, first_seed);
    let never = AtomicBool::new(false);
    let runs = run_batch(jobs, &work, threads, progress, |_, _| {}, &never)?;
    Ok(RunReport::new(jobs, runs))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::sim::Task;
    use crate::sim::schedule::Block;

    fn short_job() -> Job {
        let preset = crate::ui::default_preset();
        let mut params = preset.params();
        params.world.size_cells = 20;
        let schedule = vec![
            Block::Wake {
                task: Task::T1,
                cycles: 20_000,
            },
            Block::Test {
                cycles: 200,
                label: "after T1".into(),
            },
        ];
        let preset = preset
            .with_params(params)
            .unwrap()
            .with_schedule(schedule)
            .unwrap();
        Job::new("short", preset)
    }

    #[test]
    fn runs_come_back_in_work_order_whatever_the_threads() {
        let jobs = [short_job()];
        let work = work_list(&jobs, 4, Some(3));
        let never = AtomicBool::new(false);
        let seeds = |threads| {
            let runs = run_batch(&jobs, &work, threads, |_| {}, |_, _| {}, &never).unwrap();
            runs.iter().map(|r| (r.seed, r.tests[0].t1)).collect::<Vec<_>>()
        };
        let one = seeds(1);
        assert_eq!(one.iter().map(|r| r.0).collect::<Vec<_>>(), vec![3, 4, 5, 6]);
        assert_eq!(one, seeds(2));
    }

    #[test]
    fn each_result_is_handed_over_and_a_cancel_stops_the_batch() {
        let jobs = [short_job()];
        let work = work_list(&jobs, 5, Some(1));
        let cancel = AtomicBool::new(false);
        let seen = Mutex::new(Vec::new());
        let result = run_batch(
            &jobs,
            &work,
            1,
            |_| {},
            |index, run| {
                seen.lock().unwrap().push((index, run.seed));
                cancel.store(true, Ordering::Relaxed);
            },
            &cancel,
        );
        assert!(matches!(result, Err(BatchError::Cancelled)));
        assert_eq!(*seen.lock().unwrap(), vec![(0, 1)]);
    }
}
