//! What carries the message in the scores plot: how strongly each task's lines are drawn
//! (task 1 bold on top, task 2 faint, or every line at full strength), and the labels at
//! the lines' right end with their latest values.

use egui::{Align2, Color32, RichText};
use egui_plot::{PlotPoint, Text};

use crate::sim::world::Task;
use crate::ui::history::History;
use crate::ui::palette;

/// How far above or below its line's end a label sits (score units).
const LABEL_GAP: f64 = 0.03;

/// How strongly a task's lines are drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Emphasis {
    /// Line width of the main line (points).
    pub(super) width: f32,
    /// How much of the task's colour shows (1: all, less: faint).
    pub(super) strength: f32,
    /// Whether its markers are drawn.
    pub(super) markers: bool,
}

/// How each task is drawn: the message line bold on top, the other faint (or both full
/// with *Every line*).
pub(super) fn emphasis(task: Task, twin: bool, every_line: bool) -> Emphasis {
    match (task, twin, every_line) {
        (_, _, true) => Emphasis {
            width: 2.5,
            strength: 1.0,
            markers: true,
        },
        (Task::T1, true, false) => Emphasis {
            width: 4.0,
            strength: 1.0,
            markers: false,
        },
        (Task::T2, true, false) => Emphasis {
            width: 1.5,
            strength: 0.3,
            markers: false,
        },
        (Task::T1, false, false) => Emphasis {
            width: 3.5,
            strength: 1.0,
            markers: true,
        },
        (Task::T2, false, false) => Emphasis {
            width: 2.0,
            strength: 0.75,
            markers: true,
        },
    }
}

/// The final value of task 1 (the last test, else the last probe or running score) of a run.
fn final_task1(history: &History, probes: bool) -> Option<f64> {
    if let Some(test) = history.tests.last() {
        return Some(test.score(Task::T1));
    }
    if probes {
        return history.probes.last().map(|p| p.score(Task::T1));
    }
    history.series(Task::T1).points().last().map(|p| p.score)
}

/// Labels at the right end of the lines, right-aligned to their last point so that a
/// narrow plot does not cut them: task 1's final value with and without sleep (or task 1
/// alone without the twin), the higher one above its line, the lower one below; and chance.
pub(super) fn end_labels(
    plot: &mut egui_plot::PlotUi<'_>,
    history: &History,
    twin: Option<&History>,
    probes: bool,
    range: (f64, f64),
) {
    let (from, to) = range;
    let label =
        |plot: &mut egui_plot::PlotUi<'_>, at: PlotPoint, anchor: Align2, text: String, colour: Color32| {
            plot.text(
                Text::new(
                    text.clone(),
                    at,
                    RichText::new(text)
                        .text_style(egui::TextStyle::Body)
                        .color(colour)
                        .background_color(palette::LABEL_BACKGROUND)
                        .strong(),
                )
                .anchor(anchor),
            );
        };
    let blue = palette::task(Task::T1);
    let above = |y: f64| (PlotPoint::new(to, y + LABEL_GAP), Align2::RIGHT_BOTTOM);
    let below = |y: f64| (PlotPoint::new(to, y - LABEL_GAP), Align2::RIGHT_TOP);
    match (
        final_task1(history, probes),
        twin.and_then(|t| final_task1(t, probes)),
    ) {
        (Some(with), Some(without)) => {
            let (with_at, without_at) = if with >= without {
                (above(with), below(without))
            } else {
                (below(with), above(without))
            };
            label(
                plot,
                with_at.0,
                with_at.1,
                format!("task 1 with sleep {with:.2}"),
                blue,
            );
            label(
                plot,
                without_at.0,
                without_at.1,
                format!("task 1 without sleep {without:.2}"),
                blue,
            );
        }
        (Some(t1), None) => {
            let (at, anchor) = above(t1);
            label(plot, at, anchor, format!("task 1 {t1:.2}"), blue);
        }
        _ => {}
    }
    label(
        plot,
        PlotPoint::new(from, 0.5 - LABEL_GAP),
        Align2::LEFT_TOP,
        "chance".into(),
        palette::CHANCE,
    );
}
