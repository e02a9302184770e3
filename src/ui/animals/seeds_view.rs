//! The Many animals view of one experiment: one dot per animal for its final task-1 and
//! task-2 scores in each condition, mean ± SE beside them, and how often sleep kept task 1
//! better (paired by seed).

use egui::Ui;
use egui_plot::{Line, Plot, PlotPoints, Points};

use super::batch::{AnimalBatch, Condition};
use crate::sim::Task;
use crate::ui::palette;

/// Shows the figures and the plot of the batch's one experiment; returns the plot's
/// response (its place, for a picture of it).
pub fn show(ui: &mut Ui, batch: &AnimalBatch) -> egui::Response {
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
    plot(ui, batch)
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

/// The key above the plot: a filled dot is an animal with sleep, a hollow one without (a
/// plot legend would draw both filled).
fn key(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for (filled, text) in [(true, "with sleep"), (false, "without sleep")] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            let colour = ui.visuals().text_color();
            if filled {
                ui.painter().circle_filled(rect.center(), 3.5, colour);
            } else {
                ui.painter()
                    .circle_stroke(rect.center(), 3.5, egui::Stroke::new(1.0, colour));
            }
            ui.label(egui::RichText::new(text).small());
        }
        ui.label(egui::RichText::new("· one dot per animal, its final test; beside them mean ± SE").small());
    });
}

/// The x axis's name for each column of dots.
fn column_name(value: f64) -> String {
    match value.round() {
        0.0 => "T1, sleep",
        1.0 => "T1, no sleep",
        3.0 => "T2, sleep",
        4.0 => "T2, no sleep",
        _ => "",
    }
    .to_owned()
}

/// One dot per animal and a bar for mean ± SE, per task and condition.
fn plot(ui: &mut Ui, batch: &AnimalBatch) -> egui::Response {
    key(ui);
    Plot::new("many animals")
        .include_y(0.0)
        .include_y(1.0)
        .include_x(-0.6)
        .include_x(4.6)
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 2.0, 4.0]))
        .custom_x_axes(vec![egui_plot::AxisHints::new_x().label_spacing(20.0..=30.0).formatter(
            |mark: egui_plot::GridMark, _| column_name(mark.value),
        )])
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
        .on_hover_text("Each dot is one animal's final test (filled: with sleep, hollow: without); the bars beside them are mean ± SE")
}
