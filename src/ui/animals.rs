//! The "Many animals" panel: the current experiment for N seeds with and without its sleep
//! blocks, in the background, filling in as each animal finishes — one dot per animal for
//! its final task-1 and task-2 scores, mean ± SE per condition, and how often sleep kept
//! task 1 better (paired by seed). One animal is an anecdote; this shows the distribution.
//! A sweep does the same for each value of one parameter and draws the figures against it.
//! The table exports as CSV and the plot as PNG.

pub mod batch;
pub mod request;
pub mod seeds_view;
pub mod sweep;
pub mod sweep_view;

use std::time::Duration;

use egui::Ui;

use self::batch::{AnimalBatch, BatchState};
pub use self::request::{Plan, Request};
use self::sweep::SweepPlan;
use super::actions::Action;
use super::files::action::FileAction;
use crate::preset::{MAX_SEED, Preset};

/// Seeds per condition unless the user picks another number.
pub const DEFAULT_SEEDS: u64 = 20;
/// Most seeds per condition the panel offers.
pub const MAX_SEEDS: u64 = 500;

/// What the panel holds: the next batch's settings, the latest batch and where its plot
/// was last drawn.
pub struct Animals {
    /// Seeds per condition for the next batch.
    pub seeds: u64,
    /// The next batch is a sweep.
    pub sweeping: bool,
    /// The next sweep's settings.
    pub sweep: SweepPlan,
    /// The latest batch, running or finished, and its plan.
    pub batch: Option<(AnimalBatch, Plan)>,
    /// Where the plot was last drawn, in points (for a picture of it).
    pub plot_rect: Option<egui::Rect>,
}

impl Default for Animals {
    fn default() -> Self {
        Self {
            seeds: DEFAULT_SEEDS,
            sweeping: false,
            sweep: SweepPlan::default(),
            batch: None,
            plot_rect: None,
        }
    }
}

impl Animals {
    /// Takes in the batch's news; true if anything came back.
    pub fn poll(&mut self) -> bool {
        self.batch.as_mut().is_some_and(|(b, _)| b.poll())
    }

    /// The latest batch, if any.
    pub fn latest(&self) -> Option<&AnimalBatch> {
        self.batch.as_ref().map(|(b, _)| b)
    }

    /// True while a batch is running.
    pub fn running(&self) -> bool {
        self.latest().is_some_and(AnimalBatch::running)
    }

    /// True if the experiment now differs from the one the latest batch ran.
    pub fn stale(&self, experiment: &Preset) -> bool {
        self.latest()
            .is_some_and(|b| b.preset != batch_preset(experiment))
    }

    /// The plan of the next batch, as the panel's settings stand.
    pub fn plan(&self) -> Plan {
        Plan {
            seeds: self.seeds,
            sweep: self.sweeping.then(|| self.sweep.clone()),
        }
    }

    /// Starts `experiment` (or each value of the plan's sweep) for the plan's seeds from
    /// its own seed on, with and without sleep, on all cores but one (a batch still running
    /// is cancelled); `ctx` is woken as results come back. The error says why the batch
    /// cannot start; nothing is started then.
    pub fn start(
        &mut self,
        plan: Plan,
        experiment: &Preset,
        ctx: Option<egui::Context>,
    ) -> Result<(), StartError> {
        let preset = batch_preset(experiment);
        check_seeds(preset.seed(), plan.seeds)?;
        let points = match &plan.sweep {
            Some(sweep) => sweep::points(&preset, sweep)?,
            None => vec![(None, preset.clone())],
        };
        let batch = AnimalBatch::start(preset, points, plan.seeds, batch_threads(), waker(ctx));
        self.batch = Some((batch, plan));
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
            Request::Start(plan) => self.start(plan, experiment, ctx),
            Request::Cancel => {
                self.cancel();
                Ok(())
            }
        };
        outcome
            .err()
            .map(|e| Action::Problem(e.to_string()))
            .into_iter()
            .collect()
    }

    /// Asks the batch running, if any, to stop.
    pub fn cancel(&self) {
        if let Some(batch) = self.latest() {
            batch.cancel();
        }
    }
}

/// What a batch calls when a run comes back: a repaint of the window, if there is one.
fn waker(ctx: Option<egui::Context>) -> impl Fn() + Send + Sync + 'static {
    move || {
        if let Some(ctx) = &ctx {
            ctx.request_repaint_after(crate::ui::clock::FRAME_INTERVAL);
        }
    }
}

/// Why a batch cannot start; nothing is started then.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    /// Fewer than 1 seed, or more than [`MAX_SEEDS`].
    #[error("A batch runs 1 to {max} seeds, not {0}", max = MAX_SEEDS)]
    SeedCount(u64),
    /// The last seed would be beyond [`MAX_SEED`].
    #[error("Seeds {first} to {last} go beyond the largest seed, {max}: choose a smaller seed", max = MAX_SEED)]
    SeedRange {
        /// The first seed.
        first: u64,
        /// The last seed.
        last: u64,
    },
    /// The sweep's settings.
    #[error(transparent)]
    Sweep(#[from] sweep::SweepError),
}

/// Checks that `seeds` seeds from `first` on are all seeds a preset can hold.
fn check_seeds(first: u64, seeds: u64) -> Result<(), StartError> {
    if !(1..=MAX_SEEDS).contains(&seeds) {
        return Err(StartError::SeedCount(seeds));
    }
    let last = first.saturating_add(seeds - 1);
    if last > MAX_SEED {
        return Err(StartError::SeedRange { first, last });
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
    ui.add_enabled_ui(!running, |ui| show_settings(ui, animals));
    ui.horizontal(|ui| {
        if running {
            if ui.button("Cancel").clicked() {
                out.push(Action::Animals(Request::Cancel));
            }
        } else {
            let (label, hover) = if animals.sweeping {
                ("Start sweep", "Run the experiment as it stands for every value and seed, with and without its sleep blocks")
            } else {
                ("Start batch", "Run the experiment as it stands for every seed, with and without its sleep blocks")
            };
            if ui.button(label).on_hover_text(hover).clicked() {
                out.push(Action::Animals(Request::Start(animals.plan())));
            }
        }
        let has_results = animals.latest().is_some_and(|b| b.finished > 0);
        if ui
            .add_enabled(has_results, egui::Button::new("Export table (CSV)…"))
            .on_hover_text("The final scores of each condition (and value) with the sleep benefit, as CSV")
            .clicked()
        {
            out.push(Action::ChooseFile(FileAction::ExportAnimals));
        }
        if ui
            .add_enabled(has_results, egui::Button::new("Save plot (PNG)…"))
            .on_hover_text("A picture of the plot below")
            .clicked()
        {
            out.push(Action::ChooseFile(FileAction::SaveAnimalsPlot));
        }
    });
    let Some((batch, plan)) = &animals.batch else {
        ui.label("Run the current experiment for many seeds, with and without sleep, to see whether one animal's result is a fluke; or sweep one parameter to see what it does to all of them.");
        return out;
    };
    show_state(ui, batch);
    if stale {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, "parameters changed");
            if ui
                .add_enabled(!running, egui::Button::new("Run the batch again"))
                .on_hover_text("Run the same batch again on the experiment as it stands now")
                .clicked()
            {
                out.push(Action::Animals(Request::Start(plan.clone())));
            }
        });
    }
    animals.plot_rect = Some(if plan.sweep.is_some() {
        sweep_view::show(ui, batch)
    } else {
        seeds_view::show(ui, batch).rect
    });
    out
}

/// Shows the settings of the next batch: one experiment or a sweep, and the seeds.
fn show_settings(ui: &mut Ui, animals: &mut Animals) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut animals.sweeping, false, "One experiment")
            .on_hover_text("The experiment as it stands, for many seeds");
        ui.selectable_value(&mut animals.sweeping, true, "Sweep a parameter")
            .on_hover_text("The experiment for many seeds at each of several values of one parameter");
        ui.separator();
        ui.label("Seeds");
        ui.add(egui::DragValue::new(&mut animals.seeds).range(1..=MAX_SEEDS))
            .on_hover_text("Animals per condition (and value), from the experiment's seed on");
    });
    if animals.sweeping {
        sweep::show_settings(ui, &mut animals.sweep);
    }
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
