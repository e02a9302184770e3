//! The key above the scores plot: what the lines, markers and shades mean, and the
//! switches for the running scores and for every line.

use egui::{Color32, RichText, Ui};

use super::Layers;
use crate::sim::world::Task;
use crate::ui::palette;
use crate::worker::Activity;

/// How a key entry is drawn.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    /// A short solid line.
    Line,
    /// A short dashed line.
    Dashed,
    /// A dot (a test block's marker).
    Dot,
}

/// One key entry: a small drawn swatch and its words.
pub(crate) fn key_entry(ui: &mut Ui, swatch: Swatch, colour: Color32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 10.0), egui::Sense::hover());
    let painter = ui.painter();
    let stroke = egui::Stroke::new(2.0, colour);
    let (left, right) = (rect.left_center(), rect.right_center());
    match swatch {
        Swatch::Line => {
            painter.line_segment([left, right], stroke);
        }
        Swatch::Dashed => {
            let third = (right - left) / 3.0;
            painter.line_segment([left, left + third], stroke);
            painter.line_segment([right - third, right], stroke);
        }
        Swatch::Dot => {
            painter.circle_filled(rect.center(), 4.0, colour);
        }
    }
    ui.label(RichText::new(text).small());
}

/// The key above the plot: what the lines, markers and shades mean, and the running-score
/// switch. One wrapped row, so it never covers the data.
pub(super) fn show_key(ui: &mut Ui, probes: bool, twin: bool, layers: &mut Layers) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let what = if probes { "probe" } else { "running" };
        for task in Task::ALL {
            key_entry(ui, Swatch::Line, palette::task(task), &format!("{} {what}", task.name()));
        }
        key_entry(ui, Swatch::Dot, ui.visuals().text_color(), "test");
        if twin {
            key_entry(ui, Swatch::Dashed, ui.visuals().text_color(), "without sleep");
        }
        ui.separator();
        let shades = [
            (Activity::Wake(Task::T1), "wake T1"),
            (Activity::Wake(Task::T2), "wake T2"),
            (Activity::Sleep, "sleep"),
            (Activity::Test(Task::T1), "test"),
        ];
        for (activity, text) in shades {
            let shade = palette::activity_shade(activity);
            ui.label(RichText::new(text).small().background_color(shade));
        }
        if probes {
            ui.separator();
            ui.checkbox(&mut layers.running, RichText::new("running scores").small())
                .on_hover_text("Also draw each task's running score (its last 50 meals, smoothed) where the animal was awake in it");
        }
        ui.checkbox(&mut layers.every_line, RichText::new("every line").small())
            .on_hover_text("Draw every task's lines and markers at full strength, instead of task 1 bold on top");
    })
    .response
    .on_hover_text("Probes test both tasks on a frozen copy of the network at regular intervals; the x axis counts movement cycles (20 ms each) in thousands");
}
