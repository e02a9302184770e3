//! The Many animals view of a sweep: against the varied value, the sleep benefit on task 1
//! (with sleep − without, paired by seed) and each condition's final task-1 and task-2
//! scores, each as mean ± SE, filling in as the runs come back.

use egui::{Color32, Ui};
use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, PlotUi, Points};

use super::batch::{AnimalBatch, Condition};
use super::sweep::value_of;
use crate::headless::mean_sd;
use crate::sim::Task;
use crate::ui::palette;
use crate::ui::scores::{Swatch, key_entry};

/// One value of a series: x, mean and standard error.
type Dot = [f64; 3];

/// Shows the two plots side by side and the table under them; returns the place of the
/// plots (for a picture of them).
pub fn show(ui: &mut Ui, batch: &AnimalBatch) -> egui::Rect {
    let key = batch
        .vary(0)
        .and_then(|v| v.keys().next())
        .unwrap_or("value")
        .to_owned();
    // The whole range from the start, so that the axes stay put as values come in.
    let first = value_of(batch.vary(0)).unwrap_or(0.0);
    let last = value_of(batch.vary(batch.points().saturating_sub(1))).unwrap_or(1.0);
    let plots = ui.vertical(|ui| {
        show_key(ui);
        let height = (ui.available_height() - 30.0).max(160.0);
        let width = (ui.available_width() / 2.0 - 8.0).max(160.0);
        let plot = |id: &str, y_label: &str| {
            Plot::new(id)
                .width(width)
                .height(height)
                .x_axis_label(key.clone())
                .y_axis_label(y_label)
                .include_x(first)
                .include_x(last)
                .allow_scroll(false)
        };
        ui.horizontal(|ui| {
            plot("sweep benefit", "sleep benefit on task 1")
                .include_y(0.0)
                .show(ui, |plot| {
                    plot.hline(HLine::new("", 0.0).color(palette::CHANCE));
                    let dots = benefit_dots(batch);
                    series(plot, "sleep benefit", palette::SLEEP, LineStyle::Solid, &dots);
                })
                .response
                .on_hover_text(
                    "Final task-1 score with sleep minus without, seed by seed: mean ± SE over the seeds",
                );
            plot("sweep scores", "final score")
                .include_y(0.0)
                .include_y(1.0)
                .show(ui, |plot| {
                    plot.hline(HLine::new("", 0.5).color(palette::CHANCE));
                    for task in Task::ALL {
                        for condition in Condition::ALL {
                            let style = match condition {
                                Condition::WithSleep => LineStyle::Solid,
                                Condition::WithoutSleep => LineStyle::dashed_loose(),
                            };
                            let name = format!("{}, {}", task.name(), condition.name());
                            let dots = score_dots(batch, task, condition);
                            series(plot, &name, palette::task(task), style, &dots);
                        }
                    }
                })
                .response
                .on_hover_text(
                    "Final scores of each condition: mean ± SE over the seeds (dashed: without sleep)",
                );
        });
    });
    let rect = plots.response.rect;
    egui::CollapsingHeader::new("Table").show(ui, |ui| table(ui, batch));
    rect
}

/// The key above the plots: what the colours and line styles mean. One row, so it never
/// covers the data.
fn show_key(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        key_entry(
            ui,
            Swatch::Line,
            palette::SLEEP,
            "sleep benefit: task 1 with sleep − without (left)",
        );
        ui.separator();
        for task in Task::ALL {
            key_entry(
                ui,
                Swatch::Line,
                palette::task(task),
                &format!("{} final", task.name()),
            );
        }
        key_entry(ui, Swatch::Dashed, ui.visuals().text_color(), "without sleep");
        ui.separator();
        ui.label(egui::RichText::new("bars: mean ± SE over seeds; grey: 0 and chance").small());
    });
}

/// A series: a line through the means, a marker at each, and a bar of ± SE.
fn series(plot: &mut PlotUi<'_>, name: &str, colour: Color32, style: LineStyle, dots: &[Dot]) {
    if dots.is_empty() {
        return;
    }
    let means: Vec<[f64; 2]> = dots.iter().map(|&[x, m, _]| [x, m]).collect();
    plot.line(
        Line::new(name, PlotPoints::new(means.clone()))
            .color(colour)
            .style(style)
            .width(1.5),
    );
    plot.points(
        Points::new(name, PlotPoints::new(means))
            .color(colour)
            .radius(3.0),
    );
    for &[x, mean, se] in dots {
        plot.line(Line::new("", PlotPoints::new(vec![[x, mean - se], [x, mean + se]])).color(colour));
    }
}

/// The points' x values, spread a little for the condition and task so that bars of
/// equal means stay apart.
fn x_of(batch: &AnimalBatch, point: usize, nudge: f64) -> Option<f64> {
    let x = value_of(batch.vary(point))?;
    let first = value_of(batch.vary(0)).unwrap_or(x);
    let last = value_of(batch.vary(batch.points().saturating_sub(1))).unwrap_or(x);
    Some(x + nudge * (last - first).abs() * 0.006)
}

/// Mean ± SE of the sleep benefit at every point with a pair back.
fn benefit_dots(batch: &AnimalBatch) -> Vec<Dot> {
    (0..batch.points())
        .filter_map(|point| {
            let benefits = batch.benefits(point);
            let n = benefits.len();
            let (mean, sd) = mean_sd(benefits.into_iter());
            let x = x_of(batch, point, 0.0)?;
            (n > 0).then(|| [x, mean, sd / (n as f64).sqrt()])
        })
        .collect()
}

/// Mean ± SE of one task's final score in one condition at every point with runs back.
fn score_dots(batch: &AnimalBatch, task: Task, condition: Condition) -> Vec<Dot> {
    let nudge = match (task, condition) {
        (Task::T1, Condition::WithSleep) => -1.5,
        (Task::T1, Condition::WithoutSleep) => -0.5,
        (Task::T2, Condition::WithSleep) => 0.5,
        (Task::T2, Condition::WithoutSleep) => 1.5,
    };
    (0..batch.points())
        .filter_map(|point| {
            let s = batch.stats(point, condition);
            let x = x_of(batch, point, nudge)?;
            let (mean, se) = match task {
                Task::T1 => (s.t1_mean, s.t1_se),
                Task::T2 => (s.t2_mean, s.t2_se),
            };
            (s.n > 0).then_some([x, mean, se])
        })
        .collect()
}

/// The figures of every point: the value, the sleep benefit, how often sleep kept task 1
/// better, and the final scores (mean ± SE).
fn table(ui: &mut Ui, batch: &AnimalBatch) {
    egui::Grid::new("sweep table").striped(true).show(ui, |ui| {
        for heading in [
            "value",
            "benefit",
            "sleep better",
            "T1 with",
            "T1 without",
            "T2 with",
            "T2 without",
        ] {
            ui.strong(heading);
        }
        ui.end_row();
        let pm = |mean: f64, se: f64, n: usize| {
            if n == 0 {
                "–".to_owned()
            } else {
                format!("{mean:.3} ± {se:.3}")
            }
        };
        for point in 0..batch.points() {
            ui.label(value_of(batch.vary(point)).map_or_else(String::new, |v| format!("{v}")));
            let benefits = batch.benefits(point);
            let n = benefits.len();
            let (mean, sd) = mean_sd(benefits.into_iter());
            ui.label(pm(mean, sd / (n.max(1) as f64).sqrt(), n));
            let (wins, pairs) = batch.sleep_wins(point);
            ui.label(format!("{wins} of {pairs}"));
            let [with, without] = Condition::ALL.map(|c| batch.stats(point, c));
            ui.label(pm(with.t1_mean, with.t1_se, with.n));
            ui.label(pm(without.t1_mean, without.t1_se, without.n));
            ui.label(pm(with.t2_mean, with.t2_se, with.n));
            ui.label(pm(without.t2_mean, without.t2_se, without.n));
            ui.end_row();
        }
    });
}
