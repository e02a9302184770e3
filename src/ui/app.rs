//! The window: lays out the panels, owns the simulation thread's handle, sends the
//! panels' commands once per frame and takes in the frames the thread publishes.

mod lesson_steps;
mod presets_and_files;
mod speed_bench;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use egui::Ui;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::controls::{self, Controls, Request};
use super::files::{FileAction, FileChooser};
use super::history::History;
use super::lessons::{Lesson, LessonRun, Lock, has_test_label};
use super::{raster, scores, weights, world_view};
use crate::preset::{Preset, StartPhase, WindowState, write_atomically};
use crate::series::scores_csv;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::worker::{Activity, Command, Control, Frame, ManualPhase, WorkerHandle};

/// Recent preset files remembered.
const MAX_RECENT: usize = 8;

/// The views of the scores area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoresView {
    /// Running scores and test results over cycles.
    OverTime,
    /// The accuracy matrix, forgetting and backward transfer.
    Scoreboard,
    /// Each synapse's weight after task-1 training against now.
    WeightFate,
}

/// A running measurement of the window's speed.
struct WindowBench {
    secs: f64,
    started: Instant,
    /// Start of the measured stretch: time, cycle and frames shown.
    from: Option<(Instant, u64, u64)>,
}

/// A screenshot taken and the file it goes to.
type PendingShot = (PathBuf, Arc<egui::ColorImage>);

/// What survives closing the window (eframe storage).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Session {
    /// The experiment as a preset (parameters, seed, schedule, phase).
    pub preset_toml: String,
    /// Recently opened or saved preset files.
    pub recent: Vec<PathBuf>,
    /// Colour synapses by task.
    pub colour_by_task: bool,
}

/// Commands remembered for inspection (tests, the status line).
const SENT_LOG: usize = 64;

/// The SleepLab window.
pub struct SleepLabApp {
    worker: Option<WorkerHandle>,
    /// The state of the controls.
    pub controls: Controls,
    /// The latest frame from the simulation.
    pub frame: Option<Frame>,
    /// What the window remembers of the run.
    pub history: History,
    /// The preset the run started from.
    pub preset: Preset,
    /// Colour synapses by the task they serve.
    pub colour_by_task: bool,
    /// A problem to tell the user (shown in the error colour until the next one).
    pub message: Option<String>,
    /// News for the user ("Saved …"), shown in the normal colour.
    pub notice: Option<String>,
    /// The last commands sent, most recent last.
    pub sent: VecDeque<Command>,
    frame_times: VecDeque<Instant>,
    /// File dialogs and the path field.
    pub files: FileChooser,
    /// Recently opened or saved preset files.
    pub recent: Vec<PathBuf>,
    screenshot: Arc<Mutex<Option<PendingShot>>>,
    /// Which view the scores area shows.
    pub scores_view: ScoresView,
    /// Larger text and thicker lines, for a projector.
    pub projector_mode: bool,
    /// The lesson being followed, if any.
    pub lesson: Option<LessonRun>,
    /// The weights of the previous frame, and which synapses grew since (flashed in sleep).
    previous_weights: Vec<f32>,
    growing: Vec<bool>,
    /// Whether a twin run ("without sleep" beside "with sleep") is on.
    pub twin_on: bool,
    /// What the window remembers of the twin.
    pub twin_history: History,
    /// A measurement of the window's own speed, when asked for (`sleeplab window --bench`).
    bench: Option<WindowBench>,
    /// Close the window after this many frames (for smoke tests and screenshots).
    pub close_after_frames: Option<u64>,
    frames_shown: u64,
}

impl SleepLabApp {
    /// A window on `preset`, its simulation thread started; `waker` asks for a repaint.
    pub fn new(preset: Preset, waker: impl Fn() + Send + 'static) -> Self {
        let seed = preset.seed;
        let (worker, message) = match WorkerHandle::spawn(preset.clone(), seed, waker) {
            Ok(w) => (Some(w), None),
            Err(e) => (None, Some(format!("The simulation thread could not start: {e}"))),
        };
        let mut controls = Controls::new(preset.params(), seed);
        controls.control = control_of(preset.window.as_ref());
        if let Some(w) = &worker {
            w.send(Command::SetControl(controls.control));
        }
        Self {
            worker,
            controls,
            frame: None,
            history: History::default(),
            preset,
            colour_by_task: false,
            message,
            notice: None,
            sent: VecDeque::new(),
            frame_times: VecDeque::new(),
            files: FileChooser::new(true),
            recent: Vec::new(),
            screenshot: Arc::default(),
            close_after_frames: None,
            frames_shown: 0,
            bench: None,
            scores_view: ScoresView::OverTime,
            projector_mode: false,
            lesson: None,
            twin_on: false,
            previous_weights: Vec::new(),
            growing: Vec::new(),
            twin_history: History::default(),
        }
    }

    /// Sends a command to the simulation thread.
    pub fn send(&mut self, command: Command) {
        let delivered = self.worker.as_ref().is_some_and(|w| w.send(command.clone()));
        if !delivered {
            self.message = Some("The simulation thread is not responding; the command was dropped".into());
        }
        self.sent.push_back(command);
        if self.sent.len() > SENT_LOG {
            self.sent.pop_front();
        }
    }

    /// Takes in every frame published since the last call.
    pub fn drain_frames(&mut self) {
        let frames = self.worker.as_ref().map(WorkerHandle::drain).unwrap_or_default();
        for frame in frames {
            self.absorb(frame);
        }
    }

    fn absorb(&mut self, frame: Frame) {
        self.history.absorb(&frame);
        // Synapses that grew noticeably since the last frame (relative to W0).
        let threshold = 0.02 * frame.params.network.initial_weight;
        self.growing = frame
            .weights
            .iter()
            .zip(
                self.previous_weights
                    .iter()
                    .chain(std::iter::repeat(&f32::INFINITY)),
            )
            .map(|(now, before)| now - before > threshold)
            .collect();
        self.previous_weights.clone_from(&frame.weights);
        match &frame.twin {
            Some(twin) => self.twin_history.absorb_twin(frame.epoch, twin),
            None => self.twin_history = History::default(),
        }
        // A schedule that ended pauses the run.
        if !frame.running && frame.schedule_finished && frame.control == Control::Schedule {
            self.controls.running = false;
        }
        self.frame = Some(frame);
    }

    /// Waits up to `timeout` for the next frame and takes it in (tests and tools).
    pub fn wait_for_frame(&mut self, timeout: Duration) -> bool {
        let frame = self.worker.as_ref().and_then(|w| w.recv_timeout(timeout));
        match frame {
            Some(frame) => {
                self.absorb(frame);
                true
            }
            None => false,
        }
    }

    /// Waits until a frame satisfies `done`, or `timeout` passes.
    pub fn wait_until(&mut self, timeout: Duration, done: impl Fn(&Frame) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.frame.as_ref().is_some_and(&done) {
                return true;
            }
            self.wait_for_frame(Duration::from_millis(100));
        }
        self.frame.as_ref().is_some_and(done)
    }

    /// Whether the simulation thread runs.
    pub fn worker_alive(&self) -> bool {
        self.worker.as_ref().is_some_and(WorkerHandle::is_alive)
    }

    /// Starts afresh from the current preset with `seed` and the current parameters.
    pub fn reset(&mut self, seed: u64) {
        let mut preset = self.current_preset();
        preset.seed = seed;
        self.controls.running = false;
        self.send(Command::Reset {
            preset: Box::new(preset),
            seed,
        });
        self.send(Command::SetControl(self.controls.control));
    }

    /// Frames per second of the window, over the last second.
    pub fn fps(&self) -> f64 {
        match (self.frame_times.front(), self.frame_times.back()) {
            (Some(first), Some(last)) if self.frame_times.len() > 1 => {
                let secs = last.duration_since(*first).as_secs_f64();
                if secs > 0.0 {
                    (self.frame_times.len() - 1) as f64 / secs
                } else {
                    0.0
                }
            }
            _ => 0.0,
        }
    }

    fn count_frame(&mut self) {
        let now = Instant::now();
        self.frame_times.push_back(now);
        while self
            .frame_times
            .front()
            .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(1))
        {
            self.frame_times.pop_front();
        }
        self.frames_shown += 1;
    }

    /// Shows the whole window in `ui`.
    pub fn show(&mut self, ui: &mut Ui) {
        self.count_frame();
        self.drain_frames();
        self.save_pending_screenshot();
        self.bench_tick(ui.ctx());
        if let Some((action, path)) = self.files.poll() {
            self.file_action(action, &path, Some(ui.ctx()));
        }
        let mut out = Vec::new();
        self.shortcuts(ui, &mut out);
        let bare_top = egui::Frame::NONE.inner_margin(4);
        egui::Panel::top("menu").frame(bare_top).show(ui, |ui| {
            self.menu_bar(ui);
            if let Some((action, path)) = self.files.show_path_field(ui) {
                self.file_action(action, &path, Some(ui.ctx()));
            }
        });
        // Panels leave their background to the clear colour: software renderers pay for
        // every filled pixel, and a full-window fill per panel halves the frame rate.
        let bare = egui::Frame::NONE.inner_margin(6);
        egui::Panel::bottom("status")
            .frame(bare)
            .show(ui, |ui| self.status_line(ui));
        if self.lesson.is_some() {
            egui::Panel::right("lesson")
                .frame(bare)
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| self.lesson_panel(ui));
                });
        }
        let locked_phase = self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Phase));
        let locked_sliders = self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Sliders));
        let mut request = Request::None;
        egui::Panel::left("controls")
            .frame(bare)
            .resizable(true)
            .default_size(270.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.heading("SleepLab");
                    controls::show_playback(ui, &mut self.controls, &mut out);
                    ui.separator();
                    ui.add_enabled_ui(!locked_phase, |ui| controls::show_phase(ui, &mut self.controls, &mut out));
                    ui.separator();
                    request = controls::show_reset(ui, &mut self.controls);
                    if ui
                        .checkbox(&mut self.twin_on, "Twin run")
                        .on_hover_text("Start again with two copies of the network from the same seed: one sleeps as asked, the other skips every sleep. Same waking experience; the difference is what sleep did")
                        .changed()
                    {
                        self.controls.running = false;
                        out.push(Command::SetTwin(self.twin_on));
                    }
                    if ui
                        .button("Test now")
                        .on_hover_text("Score both tasks on a frozen copy of the network (2 × 2,000 cycles); the network itself is not changed")
                        .clicked()
                    {
                        out.push(Command::TestNow { cycles: 2_000 });
                    }
                    ui.separator();
                    ui.add_enabled_ui(!locked_sliders, |ui| {
                        controls::show_sliders(ui, &mut self.controls, &mut out);
                    });
                });
            });
        egui::CentralPanel::default()
            .frame(bare)
            .show(ui, |ui| self.panels(ui));
        for command in out {
            self.send(command);
        }
        if let Request::Reset(seed) = request {
            self.reset(seed);
        }
        if let Some(limit) = self.close_after_frames
            && self.frames_shown >= limit
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if self.controls.running || self.files.dialog_open() || self.bench.is_some() {
            ui.ctx().request_repaint_after(Duration::from_millis(16));
        }
    }

    fn shortcuts(&mut self, ui: &Ui, out: &mut Vec<Command>) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let (space, step) = ui.input(|i| (i.key_pressed(egui::Key::Space), i.key_pressed(egui::Key::S)));
        if space {
            self.controls.running = !self.controls.running;
            out.push(Command::Run(self.controls.running));
        }
        if step {
            self.controls.running = false;
            out.push(Command::Step);
        }
        let phase = ui.input(|i| {
            if i.key_pressed(egui::Key::Num1) {
                Some(Control::Manual(ManualPhase::WakeT1))
            } else if i.key_pressed(egui::Key::Num2) {
                Some(Control::Manual(ManualPhase::WakeT2))
            } else if i.key_pressed(egui::Key::Z) {
                Some(Control::Manual(ManualPhase::Sleep))
            } else {
                None
            }
        });
        let locked = self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Phase));
        if let Some(control) = phase.filter(|_| !locked) {
            self.controls.control = control;
            out.push(Command::SetControl(control));
        }
    }

    fn status_line(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let Some(frame) = &self.frame else {
                ui.label("starting the simulation…");
                return;
            };
            ui.label(format!("cycle {}", frame.cycle));
            ui.separator();
            ui.label(activity_name(frame.activity));
            if !frame.block_label.is_empty() {
                ui.separator();
                ui.label(&frame.block_label);
            }
            ui.separator();
            ui.label(format!("{:.0} cycles/s", frame.cycles_per_sec));
            ui.separator();
            ui.label(format!("{:.0} fps", self.fps()));
            ui.separator();
            ui.label(format!("seed {}", frame.seed));
            if frame.schedule_finished && frame.control == Control::Schedule {
                ui.separator();
                ui.label("schedule finished");
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                ui.label(notice);
            }
            if let Some(message) = &self.message {
                ui.separator();
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        });
    }

    fn panels(&mut self, ui: &mut Ui) {
        let Some(frame) = &self.frame else {
            ui.label("Waiting for the simulation…");
            return;
        };
        let full = ui.available_size();
        let top_height = (full.y * 0.42).max(150.0);
        // In a twin run both worlds share the space of one.
        let world_side = if frame.twin.is_some() {
            top_height * 0.62
        } else {
            top_height - 20.0
        };
        ui.horizontal(|ui| {
            ui.set_height(top_height);
            ui.vertical(|ui| {
                ui.set_width(world_side);
                ui.set_height(top_height);
                let title = if frame.twin.is_some() {
                    "World, with sleep"
                } else {
                    "World"
                };
                ui.label(egui::RichText::new(title).strong());
                world_view::show(ui, frame.world.as_ref(), frame.activity);
            });
            if let Some(twin) = &frame.twin {
                ui.vertical(|ui| {
                    ui.set_width(world_side);
                    ui.set_height(top_height);
                    ui.label(egui::RichText::new("World, without sleep").strong());
                    let awake = twin.raster.last().and_then(|c| c.activity);
                    world_view::show(ui, twin.world.as_ref(), awake);
                });
            }
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("Scores").strong());
                    ui.selectable_value(&mut self.scores_view, ScoresView::OverTime, "Over time");
                    ui.selectable_value(&mut self.scores_view, ScoresView::Scoreboard, "Scoreboard");
                    ui.selectable_value(&mut self.scores_view, ScoresView::WeightFate, "Weight fate");
                });
                match self.scores_view {
                    ScoresView::OverTime => {
                        let twin = frame.twin.is_some().then_some(&self.twin_history);
                        scores::show(ui, &self.history, twin);
                    }
                    ScoresView::Scoreboard => super::scoreboard::show_scoreboard(ui, &self.history),
                    ScoresView::WeightFate => super::scoreboard::show_weight_fate(ui, frame),
                }
            });
        });
        ui.separator();
        let twin_raster = frame.twin.as_ref().map(|t| t.raster.as_slice());
        ui.columns(if twin_raster.is_some() { 3 } else { 2 }, |columns| {
            let title = if twin_raster.is_some() { "Spike raster, with sleep" } else { "Spike raster" };
            columns[0].label(egui::RichText::new(title).strong());
            replay_meter(&mut columns[0], frame);
            raster::show(&mut columns[0], frame, &frame.raster);
            if let Some(raster) = twin_raster {
                columns[1].label(egui::RichText::new("Spike raster, without sleep").strong());
                columns[1].label("The twin never sleeps: it waits while the other sleeps");
                raster::show(&mut columns[1], frame, raster);
            }
            let Some(ui) = columns.last_mut() else { return };
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("Weights").strong());
                ui.checkbox(&mut self.colour_by_task, "Colour by task")
                    .on_hover_text("Colour each synapse by the task it serves: among the top 10% after that task's training (blue: task 1, vermillion: task 2, purple: both)");
            });
            let growing = (frame.activity == Some(Activity::Sleep)).then_some(self.growing.as_slice());
            weights::show_matrix(ui, frame, &frame.weights, self.colour_by_task, growing);
            if let Some(twin) = &frame.twin {
                ui.label(egui::RichText::new(format!("Weights without sleep (twin, {} cycles awake)", twin.cycle)).strong());
                weights::show_matrix(ui, frame, &twin.weights, self.colour_by_task, None);
            } else {
                ui.label(egui::RichText::new("Receptive fields").strong());
                weights::show_receptive_fields(ui, frame);
            }
        });
    }
}

/// The phase switch a preset's window state asks for (wake in task 1 by default).
fn control_of(window: Option<&WindowState>) -> Control {
    match window.map(|w| w.phase) {
        None | Some(StartPhase::WakeT1) => Control::Manual(ManualPhase::WakeT1),
        Some(StartPhase::WakeT2) => Control::Manual(ManualPhase::WakeT2),
        Some(StartPhase::Sleep) => Control::Manual(ManualPhase::Sleep),
        Some(StartPhase::Schedule) => Control::Schedule,
    }
}

/// The replay meter: how much of the recent sleep activity and potentiation belongs to
/// each task's synapses.
fn replay_meter(ui: &mut Ui, frame: &Frame) {
    let meter = frame.replay;
    if meter.cycles == 0 {
        ui.label("Replay meter: no sleep yet");
        return;
    }
    let spikes = crate::worker::ReplayMeter::t1_share([meter.spikes[0] as f64, meter.spikes[1] as f64]);
    let grown = crate::worker::ReplayMeter::t1_share(meter.potentiation);
    let percent = |share: Option<f64>| match share {
        Some(s) => format!("task 1 {:.0}% · task 2 {:.0}%", 100.0 * s, 100.0 * (1.0 - s)),
        None => "none".to_owned(),
    };
    ui.label(format!(
        "Replay in the last {} sleep cycles: spikes {}; potentiation {}",
        meter.cycles,
        percent(spikes),
        percent(grown)
    ))
    .on_hover_text("Hidden units are tagged by the task whose bars drive them (task 1: H and D−; task 2: V and D+). In sleep no bar is seen: the spikes are spontaneous, and the potentiation shows which task's synapses sleep is strengthening");
}

/// A phase in words.
pub fn activity_name(activity: Option<Activity>) -> String {
    match activity {
        None => "not started".into(),
        Some(Activity::Wake(t)) => format!("wake, task {}", t.index() + 1),
        Some(Activity::Sleep) => "sleep".into(),
        Some(Activity::Test(t)) => format!("test, task {}", t.index() + 1),
    }
}

impl eframe::App for SleepLabApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.session());
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }
}
