//! The scores plot: each task's running score (the fraction of rewarded bars among its last
//! meals) over cycles, test-block results as points, wake and sleep periods shaded, and
//! chance (0.5) marked.

use egui::Ui;
use egui_plot::{HLine, Legend, Line, LineStyle, Plot, PlotPoints, Points, Span as PlotSpan};

use super::history::History;
use super::palette;
use crate::sim::world::Task;

/// Most shaded spans drawn (the most recent ones).
const MAX_SHADED_SPANS: usize = 600;

/// Draws the scores plot, with the "without sleep" twin's scores dashed when there is one.
pub fn show(ui: &mut Ui, history: &History, twin: Option<&History>) {
    let start = history.spans.len().saturating_sub(MAX_SHADED_SPANS);
    let shaded = &history.spans[start..];
    let mut plot = Plot::new("scores")
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .include_y(0.0)
        .include_y(1.0)
        .y_axis_label("score")
        .x_axis_label("cycle")
        .allow_scroll(false);
    // Spans take no room of their own in the plot's bounds: make room for them.
    if let (Some(first), Some(last)) = (shaded.first(), shaded.last()) {
        plot = plot
            .include_x(first.start as f64)
            .include_x(last.end as f64 + 1.0);
    }
    plot.show(ui, |plot| {
        for span in shaded {
            let cycles = span.start as f64..=span.end as f64 + 1.0;
            // Unnamed (no legend entry, no label); a zero-width border (no edge lines).
            plot.span(
                PlotSpan::new("", cycles)
                    .fill(palette::activity_shade(span.activity))
                    .border_width(0.0),
            );
        }
        plot.hline(HLine::new("chance", 0.5).color(palette::CHANCE));
        for task in Task::ALL {
            let series = history.series(task);
            let points: PlotPoints = series.iter().map(|p| [p.cycle as f64, p.score]).collect();
            plot.line(Line::new(format!("{} running", task.name()), points).color(palette::task(task)));
            let tests: PlotPoints = history
                .tests
                .iter()
                .map(|t| [t.at_cycle as f64, t.score(task)])
                .collect();
            plot.points(
                Points::new(format!("{} test", task.name()), tests)
                    .color(palette::task(task))
                    .radius(5.0),
            );
            if let Some(twin) = twin {
                let points: PlotPoints = twin
                    .series(task)
                    .iter()
                    .map(|p| [p.cycle as f64, p.score])
                    .collect();
                plot.line(
                    Line::new(format!("{} without sleep", task.name()), points)
                        .color(palette::task(task).gamma_multiply(0.7))
                        .style(LineStyle::dashed_loose()),
                );
                let tests: PlotPoints = twin
                    .tests
                    .iter()
                    .map(|t| [t.at_cycle as f64, t.score(task)])
                    .collect();
                plot.points(
                    Points::new(format!("{} test without sleep", task.name()), tests)
                        .color(palette::task(task))
                        .shape(egui_plot::MarkerShape::Diamond)
                        .filled(false)
                        .radius(6.0),
                );
            }
        }
    });
}
