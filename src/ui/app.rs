//! The window: lays out the panels, owns the simulation thread's handle, sends the
//! panels' commands once per frame and takes in the frames the thread publishes.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use egui::Ui;

use super::controls::{self, Controls, Request};
use super::history::History;
use super::{raster, scores, weights, world_view};
use crate::preset::Preset;
use crate::worker::{Activity, Command, Control, Frame, ManualPhase, WorkerHandle};

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
    /// A message for the user (errors), shown until dismissed.
    pub message: Option<String>,
    /// The last commands sent, most recent last.
    pub sent: VecDeque<Command>,
    frame_times: VecDeque<Instant>,
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
        Self {
            worker,
            controls: Controls::new(preset.params(), seed),
            frame: None,
            history: History::default(),
            preset,
            colour_by_task: false,
            message,
            sent: VecDeque::new(),
            frame_times: VecDeque::new(),
            close_after_frames: None,
            frames_shown: 0,
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
        // A schedule that ended pauses the run.
        if !frame.running && self.controls.running && frame.schedule_finished {
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
        let mut preset = self.preset.clone();
        let params = self.controls.params.clone();
        preset.world = params.world;
        preset.network = params.network;
        preset.plasticity = params.plasticity;
        preset.sleep = params.sleep;
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
        let mut out = Vec::new();
        self.shortcuts(ui, &mut out);
        // Panels leave their background to the clear colour: software renderers pay for
        // every filled pixel, and a full-window fill per panel halves the frame rate.
        let bare = egui::Frame::NONE.inner_margin(6);
        egui::Panel::bottom("status")
            .frame(bare)
            .show(ui, |ui| self.status_line(ui));
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
                    controls::show_phase(ui, &mut self.controls, &mut out);
                    ui.separator();
                    request = controls::show_reset(ui, &mut self.controls);
                    if ui
                        .button("Test now")
                        .on_hover_text("Score both tasks on a frozen copy of the network (2 × 2,000 cycles); the network itself is not changed")
                        .clicked()
                    {
                        out.push(Command::TestNow { cycles: 2_000 });
                    }
                    ui.separator();
                    controls::show_sliders(ui, &mut self.controls, &mut out);
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
        if self.controls.running {
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
        if let Some(control) = phase {
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
        ui.horizontal(|ui| {
            ui.set_height(top_height);
            ui.vertical(|ui| {
                ui.set_width(top_height - 20.0);
                ui.set_height(top_height);
                ui.label(egui::RichText::new("World").strong());
                world_view::show(ui, frame.world.as_ref(), frame.activity);
            });
            ui.vertical(|ui| {
                ui.label(egui::RichText::new("Scores").strong());
                scores::show(ui, &self.history);
            });
        });
        ui.separator();
        ui.columns(2, |columns| {
            columns[0].label(egui::RichText::new("Spike raster").strong());
            raster::show(&mut columns[0], frame);
            let ui = &mut columns[1];
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("Weights").strong());
                ui.checkbox(&mut self.colour_by_task, "Colour by task")
                    .on_hover_text("Colour each synapse by the task it serves: among the top 10% after that task's training (blue: task 1, vermillion: task 2, purple: both)");
            });
            weights::show_matrix(ui, frame, self.colour_by_task);
            ui.label(egui::RichText::new("Receptive fields").strong());
            weights::show_receptive_fields(ui, frame);
        });
    }
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

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }
}
