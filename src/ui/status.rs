//! The status line: cycle, phase, block, speed, seed, and the latest news or problem.

use egui::Ui;

use crate::worker::{Activity, Frame, Phase};

/// What the status line tells beyond the frame: the latest news or problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// A problem to tell the user (shown in the error colour until the next news).
    pub message: Option<String>,
    /// News for the user ("Saved …"), shown in the normal colour.
    pub notice: Option<String>,
}

impl Status {
    /// Shows a problem.
    pub fn problem(&mut self, text: String) {
        self.message = Some(text);
    }

    /// Shows news; an earlier problem is over.
    pub fn notice(&mut self, text: String) {
        self.message = None;
        self.notice = Some(text);
    }
}

/// Shows the status line; `fps` is the window's frame rate.
pub fn show(ui: &mut Ui, status: &Status, frame: Option<&Frame>, fps: f64) {
    ui.horizontal(|ui| {
        match frame {
            None => {
                ui.label("starting the simulation…");
            }
            Some(frame) => {
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
                ui.label(format!("{fps:.0} fps"));
                ui.separator();
                ui.label(format!("seed {}", frame.seed));
                if frame.schedule_finished && frame.phase == Phase::Schedule {
                    ui.separator();
                    ui.label("schedule finished");
                }
            }
        }
        if let Some(notice) = &status.notice {
            ui.separator();
            ui.label(notice);
        }
        if let Some(message) = &status.message {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    });
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
