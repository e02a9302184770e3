//! A batch of animals on background threads: for each point (the current experiment, or
//! one value of a sweep), N seeds with and without its sleep blocks, run by the library's
//! batch runner on a named thread. Results come back over a bounded channel and wake the
//! window, so the UI thread never waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crossbeam_channel::{Receiver, Sender, TryRecvError};

use crate::headless::{
    BatchError, Job, SeedRun, Vary, WorkItem, mean_sd, run_batch_keeping, total_work, work_list,
};
use crate::preset::Preset;

/// Room for results not yet taken in; a full channel makes a worker wait, never the window.
const CHANNEL_CAPACITY: usize = 64;

/// The two conditions of a point, in the batch's job order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The experiment as it stands, sleep blocks included.
    WithSleep,
    /// The same experiment with every sleep block skipped.
    WithoutSleep,
}

impl Condition {
    /// Both conditions, in job order.
    pub const ALL: [Self; 2] = [Self::WithSleep, Self::WithoutSleep];

    /// The condition's name in the panel.
    pub fn name(self) -> &'static str {
        match self {
            Self::WithSleep => "with sleep",
            Self::WithoutSleep => "without sleep",
        }
    }

    /// Its place within a point's pair of jobs.
    pub fn offset(self) -> usize {
        match self {
            Self::WithSleep => 0,
            Self::WithoutSleep => 1,
        }
    }
}

/// One animal's final test (the last test block of its schedule).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Animal {
    /// Its seed.
    pub seed: u64,
    /// Final task-1 score.
    pub t1: f64,
    /// Final task-2 score.
    pub t2: f64,
}

/// Mean ± standard error of the final scores of one condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ConditionStats {
    /// Animals finished.
    pub n: usize,
    /// Mean final task-1 score.
    pub t1_mean: f64,
    /// Standard error of that mean (0 for one animal).
    pub t1_se: f64,
    /// Mean final task-2 score.
    pub t2_mean: f64,
    /// Standard error of that mean.
    pub t2_se: f64,
}

/// How the batch stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchState {
    /// Runs are under way.
    Running,
    /// Every run finished.
    Done,
    /// Cancelled before the end.
    Cancelled,
    /// The batch could not run (the reason).
    Failed(String),
}

enum Message {
    /// A run finished: its index in the work list, its final test and that test's label.
    Result(usize, Option<(Animal, String)>),
    /// The batch ended.
    Ended(BatchState),
}

/// A batch of seeds run in the background, and what has come back of it.
pub struct AnimalBatch {
    /// The experiment it was started from (without the window's phase switch).
    pub preset: Preset,
    /// Two jobs per point: with sleep, then without (as `sweep --twin` lists them).
    pub jobs: Vec<Job>,
    /// Seeds per job.
    pub seeds: u64,
    /// The first seed of every job.
    pub first_seed: u64,
    /// Worker threads.
    pub threads: usize,
    /// Each run's final test, in work order (job by job, seed by seed); `None` until it
    /// has come back (or when its schedule has no test).
    pub results: Vec<Option<Animal>>,
    /// Runs that came back.
    pub finished: usize,
    /// The label of the final test (the same in every run: they share a schedule).
    pub final_label: Option<String>,
    /// How the batch stands.
    pub state: BatchState,
    cycles_done: Arc<AtomicU64>,
    cycles_total: u64,
    cancel: Arc<AtomicBool>,
    inbox: Receiver<Message>,
}

impl AnimalBatch {
    /// Starts every point (its varied values, if any, and its preset) with its sleep blocks
    /// kept and skipped, for `seeds` seeds from `first_seed` on, on `threads` threads;
    /// `waker` asks the window to repaint when a run comes back.
    pub fn start(
        preset: Preset,
        points: Vec<(Option<Vary>, Preset)>,
        seeds: u64,
        threads: usize,
        waker: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let first_seed = preset.seed();
        let mut jobs = Vec::with_capacity(points.len() * 2);
        for (vary, point) in points {
            let with_sleep = Job {
                name: preset.name().to_owned(),
                preset: point,
                vary,
            };
            let without_sleep = with_sleep.without_sleep();
            jobs.push(with_sleep);
            jobs.push(without_sleep);
        }
        let work = work_list(&jobs, seeds, Some(first_seed));
        let cycles_total = total_work(&jobs, seeds);
        let (outbox, inbox) = crossbeam_channel::bounded(CHANNEL_CAPACITY);
        let cancel = Arc::new(AtomicBool::new(false));
        let cycles_done = Arc::new(AtomicU64::new(0));
        let mut batch = Self {
            preset,
            jobs: jobs.clone(),
            seeds,
            first_seed,
            threads: threads.max(1),
            results: vec![None; work.len()],
            finished: 0,
            final_label: None,
            state: BatchState::Running,
            cycles_done: Arc::clone(&cycles_done),
            cycles_total,
            cancel: Arc::clone(&cancel),
            inbox,
        };
        let threads = batch.threads;
        let spawned = std::thread::Builder::new()
            .name("sleeplab-animals".into())
            .spawn(move || background(&jobs, &work, threads, &outbox, &cycles_done, &cancel, &waker));
        if let Err(e) = spawned {
            batch.state = BatchState::Failed(format!("cannot start the batch thread: {e}"));
        }
        batch
    }

    /// Takes in what has come back; true if anything did.
    pub fn poll(&mut self) -> bool {
        let mut news = false;
        loop {
            match self.inbox.try_recv() {
                Ok(Message::Result(index, last)) => {
                    if let Some(slot) = self.results.get_mut(index) {
                        if let Some((animal, label)) = last {
                            *slot = Some(animal);
                            self.final_label.get_or_insert(label);
                        }
                        self.finished += 1;
                    }
                    news = true;
                }
                Ok(Message::Ended(state)) => {
                    self.state = state;
                    news = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if self.state == BatchState::Running {
                        self.state = BatchState::Failed("the batch thread stopped".into());
                        news = true;
                    }
                    break;
                }
            }
        }
        news
    }

    /// Asks the runs to stop (within 10,000 of their cycles).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True while runs are under way.
    pub fn running(&self) -> bool {
        self.state == BatchState::Running
    }

    /// Runs in the batch (every point, both conditions).
    pub fn runs(&self) -> usize {
        self.results.len()
    }

    /// Points in the batch (one, or the values of a sweep).
    pub fn points(&self) -> usize {
        self.jobs.len() / 2
    }

    /// The varied values of point `point` (none outside a sweep).
    pub fn vary(&self, point: usize) -> Option<&Vary> {
        self.jobs.get(point * 2).and_then(|j| j.vary.as_ref())
    }

    /// Share of the batch's cycles done, 0 to 1.
    pub fn progress(&self) -> f32 {
        if self.state == BatchState::Done || self.cycles_total == 0 {
            return 1.0;
        }
        let done = self.cycles_done.load(Ordering::Relaxed).min(self.cycles_total);
        (done as f64 / self.cycles_total as f64) as f32
    }

    /// The animals of one condition of one point that have come back, by seed.
    pub fn animals(&self, point: usize, condition: Condition) -> impl Iterator<Item = &Animal> {
        let seeds = usize::try_from(self.seeds).unwrap_or(usize::MAX);
        let job = point * 2 + condition.offset();
        self.results
            .iter()
            .skip(job.saturating_mul(seeds))
            .take(seeds)
            .flatten()
    }

    /// Mean ± SE of one condition's final scores at one point, in seed order (as the
    /// headless summary sums them, so the figures agree to the last bit).
    pub fn stats(&self, point: usize, condition: Condition) -> ConditionStats {
        let animals: Vec<&Animal> = self.animals(point, condition).collect();
        let n = animals.len();
        let (t1_mean, t1_sd) = mean_sd(animals.iter().map(|a| a.t1));
        let (t2_mean, t2_sd) = mean_sd(animals.iter().map(|a| a.t2));
        let root_n = (n.max(1) as f64).sqrt();
        ConditionStats {
            n,
            t1_mean,
            t1_se: t1_sd / root_n,
            t2_mean,
            t2_se: t2_sd / root_n,
        }
    }

    /// The final task-1 score with sleep minus without, seed by seed, for the seeds of
    /// `point` with both conditions back.
    pub fn benefits(&self, point: usize) -> Vec<f64> {
        let without: Vec<&Animal> = self.animals(point, Condition::WithoutSleep).collect();
        self.animals(point, Condition::WithSleep)
            .filter_map(|slept| {
                let awake = without.iter().find(|a| a.seed == slept.seed)?;
                Some(slept.t1 - awake.t1)
            })
            .collect()
    }

    /// Seeds of `point` where sleep kept task 1 better than skipping it, and seeds with
    /// both conditions back: "sleep keeps task 1 better in K of N".
    pub fn sleep_wins(&self, point: usize) -> (usize, usize) {
        let benefits = self.benefits(point);
        (benefits.iter().filter(|&&b| b > 0.0).count(), benefits.len())
    }
}

impl Drop for AnimalBatch {
    /// A batch nobody will read stops: its threads are not left running.
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The batch thread: runs the work and reports each run and the end.
fn background(
    jobs: &[Job],
    work: &[WorkItem],
    threads: usize,
    outbox: &Sender<Message>,
    cycles_done: &AtomicU64,
    cancel: &AtomicBool,
    waker: &(impl Fn() + Sync),
) {
    // Progress wakes nobody: the panel redraws a few times a second while a batch runs.
    let progress = |cycles: u64| {
        cycles_done.fetch_add(cycles, Ordering::Relaxed);
    };
    // Only the final test is kept: a long batch holds no score series.
    let keep = |index: usize, run: SeedRun| {
        let last = run.tests.last().map(|t| {
            let animal = Animal {
                seed: run.seed,
                t1: t.t1,
                t2: t.t2,
            };
            (animal, t.label.clone())
        });
        // The window may be gone; then nobody needs the result.
        let _ = outbox.send(Message::Result(index, last));
        waker();
    };
    let state = match run_batch_keeping(jobs, work, threads, progress, keep, cancel) {
        Ok(_) => BatchState::Done,
        Err(BatchError::Cancelled) => BatchState::Cancelled,
        Err(e) => BatchState::Failed(e.to_string()),
    };
    let _ = outbox.send(Message::Ended(state));
    waker();
}
