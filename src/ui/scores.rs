//! The scores plot. Its main lines are the probes (regular frozen tests of both tasks, with
//! a marker at each); the running scores (the fraction of rewarded bars among each task's
//! last meals) are a thin, smoothed, optional layer, drawn only where they were measured.
//! Test blocks are large dots, the "without sleep" twin is dashed, wake, sleep and test
//! periods are shaded, and chance (0.5) is marked. The key sits above the plot, never over
//! the data. When a run has no probes, the running scores are the main lines.

use egui::{Color32, RichText, Ui};
use egui_plot::{GridMark, HLine, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, Span as PlotSpan};

use super::history::History;
use super::palette;
use super::shading::shaded_spans;
use crate::sim::world::Task;
use crate::worker::Activity;

/// Most shaded spans drawn (over the whole run: see `shading`).
const MAX_SHADED_SPANS: usize = 600;
/// Cycles per unit of the x axis.
const CYCLES_PER_UNIT: f64 = 1_000.0;
/// Points either side of a running-score point that its smoothed value averages.
const SMOOTHING_HALF_WIDTH: usize = 2;
/// How far right of the run's marker the twin's test marker sits, as a share of the x range,
/// so that equal scores do not hide each other.
const TWIN_MARKER_NUDGE: f64 = 0.006;

/// What the scores plot shows beyond its main lines (the user's choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    /// The running scores (a thin layer when there are probes).
    pub running: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self { running: true }
    }
}

/// The x coordinate of a cycle.
fn x_of(cycle: u64) -> f64 {
    cycle as f64 / CYCLES_PER_UNIT
}

/// Draws the key and the scores plot, with the "without sleep" twin dashed when there is one.
pub fn show(ui: &mut Ui, history: &History, twin: Option<&History>, layers: &mut Layers) {
    let probes = !history.probes.is_empty();
    show_key(ui, probes, twin.is_some(), layers);
    let shaded = &shaded_spans(&history.spans, MAX_SHADED_SPANS)[..];
    let mut plot = Plot::new("scores")
        .include_y(0.0)
        .include_y(1.0)
        .y_axis_label("score")
        .x_axis_label("thousands of cycles")
        // Quarters, so that a short plot (projector mode) still shows more than 0 and 1.
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.25, 0.5, 1.0]))
        .y_axis_formatter(|mark: GridMark, _| format!("{}", mark.value))
        .allow_scroll(false);
    // Spans take no room of their own in the plot's bounds: make room for them.
    let (first, last) = (shaded.first(), shaded.last());
    if let (Some(first), Some(last)) = (first, last) {
        plot = plot.include_x(x_of(first.start)).include_x(x_of(last.end + 1));
    }
    let nudge = match (first, last) {
        (Some(first), Some(last)) => TWIN_MARKER_NUDGE * x_of(last.end.saturating_sub(first.start) + 1),
        _ => 0.0,
    };
    plot.show(ui, |plot| {
        for span in shaded {
            // Unnamed (no label); a zero-width border (no edge lines).
            plot.span(
                PlotSpan::new("", x_of(span.start)..=x_of(span.end + 1))
                    .fill(palette::activity_shade(span.activity))
                    .border_width(0.0),
            );
        }
        plot.hline(HLine::new("chance", 0.5).color(palette::CHANCE));
        for task in Task::ALL {
            let colour = palette::task(task);
            if layers.running || !probes {
                running_lines(plot, history, task, colour, probes, LineStyle::Solid);
                if let Some(twin) = twin {
                    running_lines(plot, twin, task, colour, probes, LineStyle::dashed_loose());
                }
            }
            probe_line(plot, history, task, colour, false);
            if let Some(twin) = twin {
                probe_line(plot, twin, task, colour, true);
            }
            plot.points(
                Points::new(format!("{} test", task.name()), test_points(history, task, 0.0))
                    .color(colour)
                    .radius(5.0),
            );
            if let Some(twin) = twin {
                plot.points(
                    Points::new(
                        format!("{} test without sleep", task.name()),
                        test_points(twin, task, nudge),
                    )
                    .color(colour)
                    .shape(MarkerShape::Diamond)
                    .filled(false)
                    .radius(6.0),
                );
            }
        }
    });
}

/// The test-block results of `task`, moved right by `nudge`.
fn test_points(history: &History, task: Task, nudge: f64) -> PlotPoints<'static> {
    history
        .tests
        .iter()
        .map(|t| [x_of(t.at_cycle) + nudge, t.score(task)])
        .collect()
}

/// The points of a task's probe line: (thousands of cycles, score) at each probe.
pub fn probe_points(history: &History, task: Task) -> Vec<[f64; 2]> {
    history
        .probes
        .iter()
        .map(|p| [x_of(p.at_cycle), p.score(task)])
        .collect()
}

/// Draws a task's probe line with a marker at each probe (dashed, hollow for the twin).
fn probe_line(plot: &mut egui_plot::PlotUi<'_>, history: &History, task: Task, colour: Color32, twin: bool) {
    let points = probe_points(history, task);
    if points.is_empty() {
        return;
    }
    let (name, style) = if twin {
        (
            format!("{} probe without sleep", task.name()),
            LineStyle::dashed_loose(),
        )
    } else {
        (format!("{} probe", task.name()), LineStyle::Solid)
    };
    plot.line(
        Line::new(name.clone(), PlotPoints::new(points.clone()))
            .color(colour)
            .width(2.5)
            .style(style),
    );
    plot.points(
        Points::new(name, PlotPoints::new(points))
            .color(colour)
            .filled(!twin)
            .radius(3.0),
    );
}

/// Draws a task's running score, one line per run (a lone point as a dot): thin and
/// smoothed when probes carry the main lines.
fn running_lines(
    plot: &mut egui_plot::PlotUi<'_>,
    history: &History,
    task: Task,
    colour: Color32,
    thin: bool,
    style: LineStyle,
) {
    let (width, colour) = if thin {
        (1.0, colour.gamma_multiply(0.55))
    } else {
        (2.0, colour)
    };
    let name = if style == LineStyle::Solid {
        format!("{} running", task.name())
    } else {
        format!("{} running without sleep", task.name())
    };
    let mut lone = Vec::new();
    for (index, run) in history.series(task).runs.iter().enumerate() {
        let raw: Vec<[f64; 2]> = run.iter().map(|p| [x_of(p.cycle), p.score]).collect();
        let points = smoothed(&raw);
        if let [only] = points.as_slice() {
            lone.push(*only);
            continue;
        }
        plot.line(
            Line::new(name.clone(), PlotPoints::new(points))
                .id((&name, index))
                .color(colour)
                .width(width)
                .style(style),
        );
    }
    plot.points(
        Points::new(name.clone(), PlotPoints::new(lone))
            .id((&name, "lone"))
            .color(colour)
            .radius(width + 0.5),
    );
}

/// A centred moving mean of the scores over 2 × `SMOOTHING_HALF_WIDTH` + 1 points (fewer
/// at the ends of a run).
pub fn smoothed(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    (0..points.len())
        .map(|i| {
            let from = i.saturating_sub(SMOOTHING_HALF_WIDTH);
            let to = (i + SMOOTHING_HALF_WIDTH + 1).min(points.len());
            let window = &points[from..to];
            let mean = window.iter().map(|p| p[1]).sum::<f64>() / window.len() as f64;
            [points[i][0], mean]
        })
        .collect()
}

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
fn show_key(ui: &mut Ui, probes: bool, twin: bool, layers: &mut Layers) {
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
    })
    .response
    .on_hover_text("Probes test both tasks on a frozen copy of the network at regular intervals; the x axis counts movement cycles (20 ms each) in thousands");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothing_averages_neighbours_and_keeps_the_cycles() {
        let points: Vec<[f64; 2]> = (0..6)
            .map(|i| [f64::from(i), if i == 2 { 1.0 } else { 0.0 }])
            .collect();
        let out = smoothed(&points);
        assert_eq!(
            out.iter().map(|p| p[0]).collect::<Vec<_>>(),
            vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        );
        assert!((out[2][1] - 0.2).abs() < 1e-12);
        assert!((out[0][1] - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(out[5][1], 0.0);
    }
}
