//! The "Many animals" panel: the current experiment for N seeds with and without its sleep
//! blocks, in the background, filling in as each animal finishes — one dot per animal for
//! its final task-1 and task-2 scores, mean ± SE per condition, and how often sleep kept
//! task 1 better (paired by seed). One animal is an anecdote; this shows the distribution.

pub mod batch;

use std::time::Duration;

use egui::Ui;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};

use self::batch::{AnimalBatch, BatchState, Condition};
use super::actions::Action;
use super::palette;
use crate::preset::{MAX_SEED, Preset};
use crate::sim::Task;

/// Seeds per condition unless the user picks another number.
pub const DEFAULT_SEEDS: u64 = 20;
/// Most seeds per condition the panel offers.
pub const MAX_SEEDS: u64 = 500;

/// What the panel asks the window for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Run the experiment as it stands for this many seeds, with and without sleep.
    Start(u64),
    /// Stop the batch running.
    Cancel,
}

/// What the panel holds: the number of seeds asked for and the latest batch.
pub struct Animals {
    /// Seeds per condition for the next batch.
    pub seeds: u64,
    /// The latest batch, running or finished.
    pub batch: Option<AnimalBatch>,
}

impl Default for Animals {
    fn default() -> Self {
        Self {
            seeds: DEFAULT_SEEDS,
            batch: None,
        }
    }
}

impl Animals {
    /// Takes in the batch's news; true if anything came back.
    pub fn poll(&mut self) -> bool {
        self.batch.as_mut().is_some_and(AnimalBatch::poll)
    }

    /// True while a batch is running.
    pub fn running(&self) -> bool {
        self.batch.as_ref().is_some_and(AnimalBatch::running)
    }

    /// True if the experiment now differs from the one the latest batch ran.
    pub fn stale(&self, experiment: &Preset) -> bool {
        self.batch
            .as_ref()
            .is_some_and(|b| b.preset != batch_preset(experiment))
    }

    /// Starts `experiment` for `seeds` seeds from its own seed on, with and without sleep,
    /// on all cores but one (a batch still running is cancelled); `ctx` is woken as results
    /// come back. The error says why the batch cannot start.
    pub fn start(
        &mut self,
        seeds: u64,
        experiment: &Preset,
        ctx: Option<egui::Context>,
    ) -> Result<(), String> {
        let preset = batch_preset(experiment);
        check_seeds(preset.seed(), seeds)?;
        let points = vec![(None, preset.clone())];
        self.batch = Some(AnimalBatch::start(
            preset,
            points,
            seeds,
            batch_threads(),
            waker(ctx),
        ));
        Ok(())
    }

    /// Does what the panel asked, on `experiment` (the experiment as it stands); returns
    /// what the window should do next (a problem to show).
    pub fn apply(
        &mut self,
        request: Request,
        experiment: &Preset,
        ctx: Option<egui::Context>,
    ) -> Vec<Action> {
        let outcome = match request {
            Request::Start(seeds) => self.start(seeds, experiment, ctx),
            Request::Cancel => {
                self.cancel();
                Ok(())
            }
        };
        outcome.err().map(Action::Problem).into_iter().collect()
    }

    /// Asks the batch running, if any, to stop.
    pub fn cancel(&self) {
        if let Some(batch) = &self.batch {
            batch.cancel();
        }
    }
}

/// What a batch calls when a run comes back: a repaint of the window, if there is one.
fn waker(ctx: Option<egui::Context>) -> impl Fn() + Send + Sync + 'static {
    move || {
        if let Some(ctx) = &ctx {
            ctx.request_repaint();
        }
    }
}

/// Checks that `seeds` seeds from `first` on are all seeds a preset can hold.
fn check_seeds(first: u64, seeds: u64) -> Result<(), String> {
    if !(1..=MAX_SEEDS).contains(&seeds) {
        return Err(format!("A batch runs 1 to {MAX_SEEDS} seeds, not {seeds}"));
    }
    let last = first.saturating_add(seeds - 1);
    if last > MAX_SEED {
        return Err(format!(
            "Seeds {first} to {last} go beyond the largest seed, {MAX_SEED}: choose a smaller seed"
        ));
    }
    Ok(())
}

/// The experiment as a batch runs it: the window's phase switch plays no part.
pub fn batch_preset(experiment: &Preset) -> Preset {
    experiment.with_window(None)
}

/// Worker threads for a batch: all cores but one (for the window and the live run), at
/// least one.
pub fn batch_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get().saturating_sub(1))
        .max(1)
}

/// How often the panel redraws while a batch runs, for its progress bar (results wake the
/// window as they come back).
const PROGRESS_REDRAW: Duration = Duration::from_millis(250);

/// Shows the panel; `stale` says the parameters changed since the latest batch.
pub fn show(ui: &mut Ui, animals: &mut Animals, stale: bool) -> Vec<Action> {
    let mut out = Vec::new();
    let running = animals.running();
    ui.horizontal(|ui| {
        ui.label("Seeds");
        ui.add_enabled(
            !running,
            egui::DragValue::new(&mut animals.seeds).range(1..=MAX_SEEDS),
        )
        .on_hover_text("Animals per condition, from the experiment's seed on");
        if running {
            if ui.button("Cancel").clicked() {
                out.push(Action::Animals(Request::Cancel));
            }
        } else if ui
            .button("Start batch")
            .on_hover_text(
                "Run the experiment as it stands for every seed, with and without its sleep blocks",
            )
            .clicked()
        {
            out.push(Action::Animals(Request::Start(animals.seeds)));
        }
    });
    let Some(batch) = &animals.batch else {
        ui.label("Run the current experiment for many seeds, with and without sleep, to see whether one animal's result is a fluke.");
        return out;
    };
    show_state(ui, batch);
    if stale {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, "parameters changed");
            if ui
                .add_enabled(!running, egui::Button::new("Run the batch again"))
                .on_hover_text("Run the batch again on the experiment as it stands now")
                .clicked()
            {
                out.push(Action::Animals(Request::Start(animals.seeds)));
            }
        });
    }
    let (wins, pairs) = batch.sleep_wins(0);
    if pairs > 0 {
        ui.label(egui::RichText::new(format!("sleep keeps task 1 better in {wins} of {pairs}")).strong());
    }
    for condition in Condition::ALL {
        let s = batch.stats(0, condition);
        if s.n > 0 {
            ui.label(format!(
                "{} ({} animals): task 1 {:.3} ± {:.3}, task 2 {:.3} ± {:.3} (mean ± SE)",
                condition.name(),
                s.n,
                s.t1_mean,
                s.t1_se,
                s.t2_mean,
                s.t2_se
            ));
        }
    }
    plot(ui, batch);
    out
}

/// Shows how the batch stands, with a progress bar while it runs (and asks for the next
/// redraw of it).
fn show_state(ui: &mut Ui, batch: &AnimalBatch) {
    let done = format!("{} of {} runs done", batch.finished, batch.runs());
    let state = match &batch.state {
        BatchState::Running => {
            let plural = if batch.threads == 1 { "" } else { "s" };
            format!("Running on {} thread{plural}: {done}", batch.threads)
        }
        BatchState::Done => format!("Finished: {done}"),
        BatchState::Cancelled => format!("Cancelled: {done}"),
        BatchState::Failed(reason) => format!("Stopped: {reason} ({done})"),
    };
    ui.label(state);
    if batch.running() {
        ui.add(egui::ProgressBar::new(batch.progress()).show_percentage());
        ui.ctx().request_repaint_after(PROGRESS_REDRAW);
    }
}

/// Where a task's dots of a condition sit on the x-axis: task 1 left, task 2 right.
fn column(task: Task, condition: Condition) -> f64 {
    let task_x = match task {
        Task::T1 => 0.0,
        Task::T2 => 3.0,
    };
    match condition {
        Condition::WithSleep => task_x,
        Condition::WithoutSleep => task_x + 1.0,
    }
}

/// One dot per animal and a bar for mean ± SE, per task and condition.
fn plot(ui: &mut Ui, batch: &AnimalBatch) {
    Plot::new("many animals")
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .include_y(0.0)
        .include_y(1.0)
        .include_x(-0.6)
        .include_x(4.6)
        .show_axes([false, true])
        .y_axis_label("final score")
        .allow_scroll(false)
        .show(ui, |plot| {
            for task in Task::ALL {
                for condition in Condition::ALL {
                    let x = column(task, condition);
                    // A small fixed spread, so that equal scores stay visible as dots.
                    let dots: PlotPoints = batch
                        .animals(0, condition)
                        .enumerate()
                        .map(|(k, a)| {
                            let score = match task {
                                Task::T1 => a.t1,
                                Task::T2 => a.t2,
                            };
                            [x + ((k % 9) as f64 - 4.0) * 0.03, score]
                        })
                        .collect();
                    plot.points(
                        Points::new(format!("{}, {}", task.name(), condition.name()), dots)
                            .color(palette::task(task))
                            .filled(condition == Condition::WithSleep)
                            .radius(3.5),
                    );
                    let s = batch.stats(0, condition);
                    if s.n == 0 {
                        continue;
                    }
                    let (mean, se) = match task {
                        Task::T1 => (s.t1_mean, s.t1_se),
                        Task::T2 => (s.t2_mean, s.t2_se),
                    };
                    let bar = x + 0.35;
                    plot.line(
                        Line::new("", PlotPoints::new(vec![[bar, mean - se], [bar, mean + se]]))
                            .color(palette::task(task))
                            .width(2.0),
                    );
                    plot.line(
                        Line::new("", PlotPoints::new(vec![[bar - 0.08, mean], [bar + 0.08, mean]]))
                            .color(palette::task(task))
                            .width(3.0),
                    );
                }
            }
        })
        .response
        .on_hover_text("Each dot is one animal's final test (filled: with sleep, hollow: without); the bars beside them are mean ± SE");
}
