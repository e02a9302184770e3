//! The band at the top of the window: the preset's name and description (and whether it
//! was restored from the last session), and, once the schedule has ended, the final scores
//! with *Run again* (same seed) and *New animal* (next seed).

use egui::{RichText, Ui};

use super::actions::Action;
use super::history::History;
use crate::preset::Preset;
use crate::sim::world::Task;
use crate::worker::Frame;

/// Shows the preset's name and description; `restored` says it came from the last session.
pub fn show_preset(ui: &mut Ui, preset: &Preset, restored: bool) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Preset: {}", preset.name()))
                .strong()
                .size(17.0),
        );
        if restored {
            ui.label(
                RichText::new("(restored from the last session; File, New session starts afresh)").weak(),
            );
        }
        if !preset.description().is_empty() {
            ui.label(RichText::new(preset.description()).weak());
        }
    });
}

/// Shows, once the schedule has ended, that it has and what came of it, with the buttons
/// to run it again on the same animal or on the next one. Nothing while it has not.
pub fn show_schedule_end(ui: &mut Ui, frame: &Frame, history: &History, out: &mut Vec<Action>) {
    if !frame.followed_schedule_ended() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("The schedule has ended.").strong());
        if let Some(last) = history.tests.last() {
            let t1 = last.score(Task::T1);
            let t2 = last.score(Task::T2);
            ui.label(format!(
                "Last test (\"{}\"): task 1 {t1:.2}, task 2 {t2:.2}.",
                last.label
            ));
        }
        if ui
            .button("Run again")
            .on_hover_text("The same animal (same seed) from the start: the run repeats bit for bit")
            .clicked()
        {
            out.extend([Action::Reset(frame.seed), Action::Run(true)]);
        }
        let next = frame.seed.wrapping_add(1);
        if ui
            .button("New animal")
            .on_hover_text(format!("Another animal (seed {next}) through the same schedule"))
            .clicked()
        {
            out.extend([Action::Reset(next), Action::Run(true)]);
        }
    });
}
