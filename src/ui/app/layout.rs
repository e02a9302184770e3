//! Every frame of the window: [`SleepLabApp::tick`] takes in what the simulation sent (even
//! while the window is hidden), [`SleepLabApp::show`] lays out the panels and applies what
//! they ask for.

use egui::Ui;

use super::SleepLabApp;
use crate::ui::actions::Action;
use crate::ui::lessons::{self, LessonRun, Lock};
use crate::ui::panels;
use crate::ui::{banner, controls, controls::Locks, help, inspector, menu, shortcuts, status};

impl SleepLabApp {
    /// The work of every frame that draws nothing: takes in the simulation's frames, saves
    /// a screenshot taken, polls the file dialog and the bench. eframe calls it even while
    /// the window is hidden, so the history keeps up.
    pub fn tick(&mut self, ctx: &egui::Context) {
        self.egui.get_or_insert_with(|| ctx.clone());
        self.link.drain();
        if let Some(failure) = self.link.new_failure() {
            self.status.problem(format!(
                "The simulation stopped after a fault: {failure}. Press Reset to start it again"
            ));
        }
        // The batch's news first, so that a lesson sees a batch's last animal in the frame
        // that brought it (no later frame may come: the batch no longer asks for one).
        if self.animals.poll() {
            ctx.request_repaint();
        }
        if let Some(run) = &mut self.lesson {
            run.observe(&self.link.history, &self.link.twin_history, self.animals.latest());
        }
        let plot = self.animals.plot_rect.map(|r| r * ctx.pixels_per_point());
        let mut actions: Vec<Action> = self.files.save_pending_screenshot(plot).into_iter().collect();
        if let Some((file_action, path)) = self.files.chooser.poll() {
            actions.push(Action::File(file_action, path));
        }
        if let Some(bench) = &mut self.bench
            && let Some(result) = bench.tick(self.link.cycle(), self.clock.shown)
        {
            println!("window wake {:.0} cycles/s", result.cycles_hz);
            println!("window ui   {:.1} frames/s", result.fps);
            self.bench = None;
            actions.push(Action::Close);
        }
        if self
            .close_after_frames
            .is_some_and(|limit| self.clock.shown >= limit)
        {
            actions.push(Action::Close);
        }
        self.apply_all(actions);
    }

    /// Shows the whole window in `ui` and applies what its panels ask for.
    pub fn show(&mut self, ui: &mut Ui) {
        self.egui.get_or_insert_with(|| ui.ctx().clone());
        self.clock.tick();
        self.drawn.clear();
        let mut out = Vec::new();
        if !ui.ctx().egui_wants_keyboard_input() {
            let locked = self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Phase));
            let running = self.link.running();
            out.extend(ui.input(|i| shortcuts::read(&i.events, running, locked)));
        }
        let bare_top = egui::Frame::NONE.inner_margin(4);
        egui::Panel::top("menu").frame(bare_top).show(ui, |ui| {
            out.extend(menu::show(ui, &self.files.recent, self.views.projector_mode));
            if let Some((file_action, path)) = self.files.chooser.show_path_field(ui) {
                out.push(Action::File(file_action, path));
            }
        });
        egui::Panel::top("preset").frame(bare_top).show(ui, |ui| {
            banner::show_preset(ui, &self.preset, self.restored_session);
            if let Some(frame) = self.link.current_frame() {
                let runs = banner::Runs {
                    frame,
                    history: &self.link.history,
                    twin: frame.twin.is_some().then_some(&self.link.twin_history),
                };
                banner::show_story_line(ui, &self.preset, &runs, &mut out);
            } else {
                // The story line's row is there from the first frame: nothing moves when
                // the simulation's first frame arrives.
                ui.add_space(ui.spacing().interact_size.y);
            }
        });
        // Panels leave their background to the clear colour: software renderers pay for
        // every filled pixel, and a full-window fill per panel halves the frame rate.
        let bare = egui::Frame::NONE.inner_margin(6);
        let fps = self.clock.fps();
        egui::Panel::bottom("status").frame(bare).show(ui, |ui| {
            status::show(ui, &self.status, self.link.frame.as_ref(), fps);
        });
        self.show_side_panels(ui, bare, &mut out);
        let stale = self.views.scores == panels::ScoresView::ManyAnimals
            && self.animals.stale(&self.current_preset());
        crate::ui::weight_space::track(ui.ctx(), self.preset.schedule(), self.link.frame.as_ref());
        egui::CentralPanel::default().frame(bare).show(ui, |ui| {
            out.extend(panels::show(
                ui,
                &mut self.views,
                &self.link,
                &mut self.animals,
                stale,
                &mut self.drawn,
            ));
        });
        help::show(ui.ctx(), &mut self.help);
        crate::ui::digits::show(ui.ctx(), &mut self.digits);
        inspector::show(ui.ctx(), self.link.frame.as_ref(), &mut self.views.selected);
        // A lesson step may be waiting for the user to click something.
        if let Some(run) = &mut self.lesson {
            for action in &out {
                run.saw(action);
            }
        }
        self.apply_all(out);
        if self.link.running() || self.files.chooser.dialog_open() || self.bench.is_some() {
            ui.ctx().request_repaint_after(self.clock.pacer.interval());
        }
    }

    /// The lesson panel (on the right, foldable) and the controls (on the left).
    /// Projector mode enlarges everything: the side panels start narrower then, so that the
    /// views in the middle keep room to be read.
    fn show_side_panels(&mut self, ui: &mut Ui, bare: egui::Frame, out: &mut Vec<Action>) {
        let projector = self.views.projector_mode;
        let (controls_width, lesson_width) = if projector { (200.0, 250.0) } else { (270.0, 300.0) };
        if let Some(run) = &mut self.lesson {
            let folded = self.views.lesson_folded;
            let panel = egui::Panel::right(if folded { "lesson folded" } else { "lesson" }).frame(bare);
            let shown = if folded {
                panel.resizable(false).show(ui, |ui| {
                    if ui
                        .button("Show lesson")
                        .on_hover_text("Show the lesson panel again")
                        .clicked()
                    {
                        self.views.lesson_folded = false;
                    }
                })
            } else {
                panel.resizable(true).default_size(lesson_width).show(ui, |ui| {
                    if ui
                        .button("Hide lesson")
                        .on_hover_text("Fold the lesson panel away, to give the views its room")
                        .clicked()
                    {
                        self.views.lesson_folded = true;
                    }
                    egui::ScrollArea::vertical().show(ui, |ui| out.extend(lessons::panel::show(ui, run)));
                })
            };
            self.drawn.push(("lesson", shown.response.rect));
        }
        let locks = Locks {
            phase: self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Phase)),
            sliders: self.lesson.as_ref().is_some_and(|l| l.locks(Lock::Sliders)),
            run: self.lesson.as_ref().is_some_and(LessonRun::run_locked),
        };
        let running = self.link.running();
        self.controls.report =
            controls::speed_report(&self.controls, self.link.current_frame(), &self.preset);
        let shown = egui::Panel::left(if self.views.projector_mode {
            "controls, projector"
        } else {
            "controls"
        })
        .frame(bare)
        .resizable(true)
        .default_size(controls_width)
        .show(ui, |ui| {
            if projector {
                // Short sliders keep the panel narrow; the value box and the name still fit.
                ui.spacing_mut().slider_width = 60.0;
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                controls::show_panel(ui, &mut self.controls, running, locks, out);
            });
        });
        self.drawn.push(("controls", shown.response.rect));
    }
}

impl eframe::App for SleepLabApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.tick(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        let drawing = self.clock.last_drawing_secs(frame.info().cpu_usage);
        self.clock.pacer.update(self.link.running(), drawing);
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.session());
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }
}
