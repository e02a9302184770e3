//! The window's presets and files: the current experiment as a preset, opening and
//! saving, exports, the screenshot, the session, and the menu bar that reaches them.

use std::fmt::Write as _;

use super::{
    Arc, Control, Controls, DIRECTION_NAMES, FileAction, MAX_RECENT, ManualPhase, N_OUTPUTS, Path, Preset,
    Session, SleepLabApp, StartPhase, Ui, WindowState, control_of, scores_csv, write_atomically,
};

impl SleepLabApp {
    /// The experiment as it stands, as a preset: every parameter, the seed, the schedule
    /// and the phase switch.
    pub fn current_preset(&self) -> Preset {
        let mut preset = self.preset.clone();
        let params = self.controls.params.clone();
        preset.world = params.world;
        preset.network = params.network;
        preset.plasticity = params.plasticity;
        preset.sleep = params.sleep;
        if let Ok(seed) = self.controls.seed_text.trim().parse() {
            preset.seed = seed;
        }
        preset.window = Some(WindowState {
            phase: match self.controls.control {
                Control::Manual(ManualPhase::WakeT1) => StartPhase::WakeT1,
                Control::Manual(ManualPhase::WakeT2) => StartPhase::WakeT2,
                Control::Manual(ManualPhase::Sleep) => StartPhase::Sleep,
                Control::Schedule => StartPhase::Schedule,
            },
        });
        preset
    }

    /// Starts afresh on `preset`: its parameters, seed, schedule and phase.
    pub fn load_preset(&mut self, preset: Preset) {
        self.controls = Controls::new(preset.params(), preset.seed);
        self.controls.control = control_of(preset.window.as_ref());
        self.preset = preset;
        self.reset(self.preset.seed);
    }

    /// Opens a preset file; a broken one is explained and changes nothing.
    pub fn open_preset_file(&mut self, path: &Path) -> bool {
        match Preset::load(path) {
            Ok(preset) => {
                self.load_preset(preset);
                self.remember(path);
                self.message = None;
                self.notice = Some(format!("Opened {}", path.display()));
                true
            }
            Err(e) => {
                self.message = Some(e.to_string());
                false
            }
        }
    }

    pub(super) fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    /// Does a file action on a chosen path; the outcome is shown in the status line.
    pub fn file_action(&mut self, action: FileAction, path: &Path, ctx: Option<&egui::Context>) {
        let written = match action {
            FileAction::OpenPreset => {
                self.open_preset_file(path);
                return;
            }
            FileAction::SavePreset => {
                let result = self.current_preset().save(path).map_err(|e| e.to_string());
                if result.is_ok() {
                    self.remember(path);
                }
                result
            }
            FileAction::ExportScores => {
                let points: Vec<_> = self.history.scores.iter().flatten().copied().collect();
                write_atomically(path, scores_csv(&points, &self.history.tests).as_bytes())
                    .map_err(|e| format!("cannot export the scores: {e} — {}", path.display()))
            }
            FileAction::ExportWeights => write_atomically(path, self.weights_csv().as_bytes())
                .map_err(|e| format!("cannot export the weights: {e} — {}", path.display())),
            FileAction::Screenshot => {
                let Some(ctx) = ctx else { return };
                let slot = Arc::clone(&self.screenshot);
                let (path, waker) = (path.to_owned(), ctx.clone());
                ctx.request_screenshot(move |image| {
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some((path, image));
                    }
                    waker.request_repaint();
                });
                return;
            }
        };
        match written {
            Ok(()) => self.notice = Some(format!("Saved {}", path.display())),
            Err(e) => self.message = Some(e),
        }
    }

    /// The current hidden→output weights as CSV: a row per hidden unit.
    pub fn weights_csv(&self) -> String {
        let mut out = String::from("hidden_unit,kind");
        for name in DIRECTION_NAMES {
            out.push(',');
            out.push_str(name);
        }
        out.push('\n');
        if let Some(frame) = &self.frame {
            for (i, row) in frame.weights.chunks_exact(N_OUTPUTS).enumerate() {
                let kind = frame
                    .hidden_kinds
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or("", |k| k.short_name());
                let _ = write!(out, "{i},{kind}");
                for w in row {
                    let _ = write!(out, ",{w}");
                }
                out.push('\n');
            }
        }
        out
    }

    pub(super) fn save_pending_screenshot(&mut self) {
        let taken = self.screenshot.lock().ok().and_then(|mut s| s.take());
        if let Some((path, image)) = taken {
            let [w, h] = image.size;
            let pixels: Vec<u8> = image
                .pixels
                .iter()
                .flat_map(egui::Color32::to_srgba_unmultiplied)
                .collect();
            let result = u32::try_from(w)
                .ok()
                .zip(u32::try_from(h).ok())
                .and_then(|(w, h)| image::RgbaImage::from_raw(w, h, pixels))
                .ok_or_else(|| "the picture was empty".to_owned())
                .and_then(|img| {
                    let mut bytes = Vec::new();
                    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
                        .map_err(|e| e.to_string())?;
                    write_atomically(&path, &bytes)
                });
            match result {
                Ok(()) => self.notice = Some(format!("Saved {}", path.display())),
                Err(e) => {
                    self.message = Some(format!("cannot save the screenshot: {e} — {}", path.display()));
                }
            }
        }
    }

    /// The session to keep when the window closes.
    pub fn session(&self) -> Session {
        Session {
            preset_toml: self.current_preset().to_toml(),
            recent: self.recent.clone(),
            colour_by_task: self.colour_by_task,
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for action in [
                    FileAction::OpenPreset,
                    FileAction::SavePreset,
                    FileAction::ExportScores,
                    FileAction::ExportWeights,
                    FileAction::Screenshot,
                ] {
                    if ui.button(format!("{}…", action.title())).clicked() {
                        self.files.start(action);
                        ui.close();
                    }
                }
            });
            ui.menu_button("Presets", |ui| {
                for (name, text) in crate::ui::BUNDLED_PRESETS {
                    if ui.button(*name).clicked() {
                        match Preset::parse(text) {
                            Ok(preset) => self.load_preset(preset),
                            Err(e) => {
                                self.message = Some(format!("the bundled preset {name} is broken: {e}"));
                            }
                        }
                        ui.close();
                    }
                }
                if !self.recent.is_empty() {
                    ui.separator();
                    ui.label("Recent");
                    for path in self.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.open_preset_file(&path);
                            ui.close();
                        }
                    }
                }
            });
            ui.menu_button("Lessons", |ui| match crate::ui::lessons::lessons() {
                Ok(lessons) => {
                    for lesson in lessons {
                        if ui.button(lesson.title.clone()).clicked() {
                            if let Err(e) = self.start_lesson(lesson) {
                                self.message = Some(e);
                            }
                            ui.close();
                        }
                    }
                }
                Err(e) => {
                    ui.label(e);
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .checkbox(&mut self.projector_mode, "Projector mode")
                    .on_hover_text("Larger text and thicker lines, for the back of the room")
                    .changed()
                {
                    ui.ctx()
                        .set_zoom_factor(if self.projector_mode { 1.4 } else { 1.0 });
                }
            });
            ui.menu_button("Help", |ui| {
                ui.label("Keyboard shortcuts");
                ui.label("Space: run / pause");
                ui.label("S: step one cycle");
                ui.label("1 / 2: wake in task 1 / task 2");
                ui.label("Z: sleep");
            });
        });
    }
}
