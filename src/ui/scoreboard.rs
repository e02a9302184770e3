//! The forgetting scoreboard: the accuracy matrix `R[i][j]` (the score on task j at each test
//! block i) with forgetting and backward transfer; and the weight-fate scatter: each
//! synapse's weight at the end of task-1 training against its weight now.

use egui::{RichText, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints, Points};
use ndarray::Array2;

use super::history::History;
use super::palette;
use super::units::UnitGroup;
use crate::sim::world::Task;
use crate::worker::Frame;

/// Forgetting of task 1: its best test score minus its latest (None before two tests).
pub fn forgetting(history: &History) -> Option<f64> {
    let latest = history.tests.last()?.score(Task::T1);
    let best = history
        .tests
        .iter()
        .map(|t| t.score(Task::T1))
        .fold(f64::MIN, f64::max);
    (history.tests.len() >= 2).then_some(best - latest)
}

/// Backward transfer: the latest task-1 score minus the one right after task-1 training
/// (the test labelled "after T1", else the first test). Negative = forgetting.
pub fn backward_transfer(history: &History) -> Option<f64> {
    let latest = history.tests.last()?;
    let reference = history
        .tests
        .iter()
        .find(|t| t.label == "after T1")
        .or_else(|| history.tests.first())?;
    (history.tests.len() >= 2).then(|| latest.score(Task::T1) - reference.score(Task::T1))
}

/// Shows the accuracy matrix and the derived numbers, with the "without sleep" twin's
/// beside them when there is one (its tests are the same blocks, matched in order).
pub fn show_scoreboard(ui: &mut Ui, history: &History, twin: Option<&History>) {
    if history.tests.is_empty() {
        ui.label("No test yet: follow a schedule with test blocks, or press Test now.");
        return;
    }
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() - 70.0)
        .show(ui, |ui| {
            egui::Grid::new("accuracy matrix").striped(true).show(ui, |ui| {
                ui.strong("test");
                ui.strong("cycle");
                ui.strong("task 1");
                ui.strong("task 2");
                if twin.is_some() {
                    ui.strong("task 1 without sleep");
                    ui.strong("task 2 without sleep");
                }
                ui.end_row();
                for (index, t) in history.tests.iter().enumerate() {
                    ui.label(&t.label);
                    ui.label(t.at_cycle.to_string());
                    score_cells(ui, Some(t));
                    if let Some(twin) = twin {
                        score_cells(ui, twin.tests.get(index));
                    }
                    ui.end_row();
                }
            });
        });
    let show = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:+.3}"));
    let beside = |f: fn(&History) -> Option<f64>| match twin {
        Some(twin) => format!("{} with sleep, {} without", show(f(history)), show(f(twin))),
        None => show(f(history)),
    };
    ui.label(format!(
        "Forgetting of task 1 (its best score minus its latest; 0: nothing forgotten): {}",
        beside(forgetting)
    ))
    .on_hover_text("How far task 1's score has fallen from its best: 0 means nothing was forgotten");
    ui.label(format!(
        "Backward transfer (task 1 now minus right after task 1; negative: forgotten): {}",
        beside(backward_transfer)
    ))
        .on_hover_text("Task 1's latest score minus its score right after task-1 training: what learning since then did to the old task (negative = forgetting)");
}

/// The two task scores of a test, in the tasks' colours (dashes for a test not run yet).
fn score_cells(ui: &mut Ui, test: Option<&crate::sim::schedule::TestResult>) {
    for task in Task::ALL {
        match test {
            Some(t) => ui.colored_label(palette::task(task), format!("{:.3}", t.score(task))),
            None => ui.label("–"),
        };
    }
}

/// Shows each synapse's weight at the end of task-1 training (x) against now (y): the run's,
/// and beside it the "without sleep" twin's when there is one.
pub fn show_weight_fate(ui: &mut Ui, frame: &Frame) {
    let Some(before) = frame.weights_after_task[Task::T1.index()].as_ref() else {
        ui.label("The scatter appears once task-1 training has ended (switch to another phase).");
        return;
    };
    let Some(twin) = &frame.twin else {
        weight_fate_plot(ui, frame, before, &frame.weights, "weight fate");
        return;
    };
    // The twins are one animal until the first sleep, so task-1 training ends with the same
    // weights in both when it comes before any sleep, as in every shipped schedule.
    ui.columns(2, |columns| {
        columns[0].label(RichText::new("With sleep").strong());
        weight_fate_plot(&mut columns[0], frame, before, &frame.weights, "weight fate");
        columns[1].label(RichText::new("Without sleep (twin)").strong());
        weight_fate_plot(&mut columns[1], frame, before, &twin.weights, "weight fate twin");
    });
}

/// One weight-fate scatter of `now` against `before` (both hidden × outputs).
fn weight_fate_plot(ui: &mut Ui, frame: &Frame, before: &Array2<f32>, now: &Array2<f32>, id: &str) {
    // Synapses of task 1's units, task 2's units, and units that detect no bar.
    let mut series: [Vec<[f64; 2]>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for (((i, _), &then), &now) in before.indexed_iter().zip(now) {
        if let Some(kind) = frame.hidden_kinds.get(i) {
            let slot = UnitGroup::of(*kind).task().map_or(2, Task::index);
            series[slot].push([f64::from(then), f64::from(now)]);
        }
    }
    let top = before.iter().chain(now).copied().fold(0.0_f32, f32::max);
    Plot::new(id)
        .legend(Legend::default().text_style(egui::TextStyle::Small))
        .data_aspect(1.0)
        .x_axis_label("weight after task-1 training")
        .y_axis_label("weight now")
        .show(ui, |plot| {
            plot.line(
                Line::new("kept (diagonal)", PlotPoints::new(vec![[0.0, 0.0], [f64::from(top), f64::from(top)]]))
                    .color(palette::CHANCE),
            );
            for task in Task::ALL {
                plot.points(
                    Points::new(format!("synapses of {} units", task.name()), series[task.index()].clone())
                        .color(palette::task(task))
                        .radius(2.0),
                );
            }
            let [.., other] = &series;
            if !other.is_empty() {
                plot.points(
                    Points::new("synapses of other units", other.clone())
                        .color(UnitGroup::Other.colour())
                        .radius(2.0),
                );
            }
        })
        .response
        .on_hover_text("Each dot is a synapse: on the diagonal it kept its weight, on the x-axis it was erased, on the y-axis it was newly recruited");
}
