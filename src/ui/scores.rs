//! The scores plot. It draws the line that carries the message on top: in a twin run, task
//! 1 with sleep against task 1 without sleep, bold and labelled at the right edge with their
//! final values, task 2 faint behind them; without the twin, task 1 above task 2. *Every
//! line* brings back all of them at full strength. The main lines are the probes (regular
//! frozen tests of both tasks, markers thinned to a readable number); the running scores
//! (the fraction of rewarded bars among each task's last meals) are a thin, smoothed,
//! optional layer. Test blocks are large dots, the "without sleep" twin is dashed, wake,
//! sleep and test periods are shaded, and chance (0.5) is marked. The key sits above the
//! plot, never over the data. When a run has no probes, the running scores are the main
//! lines.

use egui::{Color32, Ui};
use egui_plot::{GridMark, HLine, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, Span as PlotSpan};

mod key;
mod message;

use key::show_key;
pub(crate) use key::{Swatch, key_entry};
use message::{Emphasis, emphasis, end_labels};

use super::history::History;
use super::palette;
use super::shading::shaded_spans;
use crate::sim::world::Task;

/// Most shaded spans drawn (over the whole run: see `shading`).
const MAX_SHADED_SPANS: usize = 600;
/// Cycles per unit of the x axis.
const CYCLES_PER_UNIT: f64 = 1_000.0;
/// Points either side of a running-score point that its smoothed value averages.
const SMOOTHING_HALF_WIDTH: usize = 2;
/// How far right of the run's marker the twin's test marker sits, as a share of the x range,
/// so that equal scores do not hide each other.
const TWIN_MARKER_NUDGE: f64 = 0.006;
/// Most markers drawn on one line: more cannot be told apart and hide the line.
pub const MAX_MARKERS_PER_LINE: usize = 60;
/// Room right of the data, as a share of the x range (the end markers are not cut).
const LABEL_ROOM: f64 = 0.02;

/// What the scores plot shows beyond its main lines (the user's choice), and the x range
/// it showed last (for the window's own checks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Layers {
    /// The running scores (a thin layer when there are probes; off at first: the message
    /// line reads best alone).
    pub running: bool,
    /// Every line at full strength, instead of the message line on top.
    pub every_line: bool,
    /// The x range (thousands of cycles) the plot showed in its last frame.
    pub shown_x: Option<[f64; 2]>,
}

/// Every `n`-th point, so that at most `most` remain (the last one always kept).
pub fn thinned(points: &[[f64; 2]], most: usize) -> Vec<[f64; 2]> {
    if points.len() <= most || most == 0 {
        return points.to_vec();
    }
    let step = points.len().div_ceil(most);
    let mut kept: Vec<[f64; 2]> = points.iter().step_by(step).copied().collect();
    if let (Some(last), Some(kept_last)) = (points.last(), kept.last())
        && last != kept_last
    {
        if kept.len() >= most {
            kept.pop();
        }
        kept.push(*last);
    }
    kept
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
        // Labels closer together than egui_plot's default: a narrow plot (projector mode,
        // a long run) still numbers its x axis every 100 thousand cycles.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label("thousands of cycles")
                .label_spacing(26.0..=40.0),
        ])
        // Quarters, so that a short plot (projector mode) still shows more than 0 and 1.
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.25, 0.5, 1.0]))
        .y_axis_formatter(|mark: GridMark, _| format!("{}", mark.value))
        .allow_scroll(false);
    // Spans take no room of their own in the plot's bounds: make room for them, and right
    // of them for the end labels.
    let (first, last) = (shaded.first(), shaded.last());
    let range = match (first, last) {
        (Some(first), Some(last)) => Some((x_of(first.start), x_of(last.end + 1))),
        _ => None,
    };
    if let Some((from, to)) = range {
        plot = plot.include_x(from).include_x(to + LABEL_ROOM * (to - from));
    }
    let nudge = range.map_or(0.0, |(from, to)| TWIN_MARKER_NUDGE * (to - from));
    let every_line = layers.every_line;
    // The message line last, so that it is drawn on top.
    let order = [Task::T2, Task::T1];
    let response = plot.show(ui, |plot| {
        // Behind the message line the periods are a faint backdrop, not stripes that
        // compete with it.
        let shade_strength = if every_line { 1.0 } else { 0.45 };
        for span in shaded {
            // Unnamed (no label); a zero-width border (no edge lines).
            plot.span(
                PlotSpan::new("", x_of(span.start)..=x_of(span.end + 1))
                    .fill(palette::activity_shade(span.activity).gamma_multiply(shade_strength))
                    .border_width(0.0),
            );
        }
        plot.hline(HLine::new("chance", 0.5).color(palette::CHANCE));
        for task in order {
            let look = emphasis(task, twin.is_some(), every_line);
            let colour = palette::task(task).gamma_multiply(look.strength);
            if layers.running || !probes {
                running_lines(plot, history, task, colour, probes, LineStyle::Solid);
                if let Some(twin) = twin {
                    running_lines(plot, twin, task, colour, probes, LineStyle::dashed_loose());
                }
            }
            probe_line(plot, history, task, colour, look, false);
            if let Some(twin) = twin {
                probe_line(plot, twin, task, colour, look, true);
            }
            plot.points(
                Points::new(format!("{} test", task.name()), test_points(history, task, 0.0))
                    .color(colour)
                    .radius(if look.strength < 1.0 { 3.5 } else { 6.0 }),
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
                    .radius(if look.strength < 1.0 { 4.0 } else { 7.0 }),
                );
            }
        }
        if let Some(range) = range {
            end_labels(plot, history, twin, probes, range);
        }
    });
    let bounds = response.transform.bounds();
    layers.shown_x = Some([bounds.min()[0], bounds.max()[0]]);
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

/// Draws a task's probe line (dashed for the twin), with markers thinned to at most
/// [`MAX_MARKERS_PER_LINE`] (hollow for the twin) when its emphasis has them.
fn probe_line(
    plot: &mut egui_plot::PlotUi<'_>,
    history: &History,
    task: Task,
    colour: Color32,
    look: Emphasis,
    twin: bool,
) {
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
    let markers = thinned(&points, MAX_MARKERS_PER_LINE);
    // Without markers (the message line) the line is a moving mean over five probes, so
    // that a projected line reads calmly; with markers, each probe's own value.
    let points = if look.markers { points } else { smoothed(&points) };
    plot.line(
        Line::new(name.clone(), PlotPoints::new(points))
            .color(colour)
            .width(look.width)
            .style(style),
    );
    if look.markers {
        plot.points(
            Points::new(name, PlotPoints::new(markers))
                .color(colour)
                .filled(!twin)
                .radius(3.0),
        );
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_at_most_the_limit_and_the_last_point() {
        let points: Vec<[f64; 2]> = (0..400).map(|i| [f64::from(i), 0.5]).collect();
        let kept = thinned(&points, MAX_MARKERS_PER_LINE);
        assert!(kept.len() <= MAX_MARKERS_PER_LINE, "{}", kept.len());
        assert!(kept.len() >= MAX_MARKERS_PER_LINE / 2, "{}", kept.len());
        assert_eq!(kept.first(), points.first());
        assert_eq!(kept.last(), points.last());
        assert_eq!(thinned(&points[..10], MAX_MARKERS_PER_LINE).len(), 10);
    }

    #[test]
    fn the_message_line_is_bold_and_task_two_faint_in_a_twin_run() {
        let t1 = emphasis(Task::T1, true, false);
        let t2 = emphasis(Task::T2, true, false);
        assert!(t1.width > 2.0 * t2.width && t2.strength < 0.5 && t1.strength == 1.0);
        assert_eq!(
            emphasis(Task::T2, true, true).strength,
            1.0,
            "every line at full strength"
        );
    }

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
