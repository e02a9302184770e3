//! The weights panel: the hidden→output matrix as a heatmap (outputs × hidden units grouped
//! by orientation, then units that detect no bar), optionally coloured by the task each
//! synapse serves. Each output's receptive field, drawn below it, is in `receptive_fields`.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};
use ndarray::Array2;

use super::palette::{self, heat};
use super::units::{self, Unit};
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::sim::world::BarKind;
use crate::worker::Frame;

/// Which synapses (hidden × outputs) are "task-relevant": the top 10% after that task's
/// training (docs/model.md §6); `None` before that task was trained.
pub fn task_relevant(weights_after_task: Option<&Array2<f32>>) -> Option<Array2<bool>> {
    let w = weights_after_task?;
    let mut sorted: Vec<f32> = w.iter().copied().collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let cut = sorted.get(sorted.len() / 10).copied().unwrap_or(f32::INFINITY);
    Some(w.mapv(|x| x > cut))
}

/// The hidden units in display order: grouped by orientation, then the others.
fn display_order(kinds: &[Option<BarKind>]) -> Vec<usize> {
    units::grouped(kinds)
        .into_iter()
        .flat_map(|(_, members)| members)
        .collect()
}

/// Where the heatmap's cells are drawn in the space it was given (room is left for the
/// output names on the left and the group names below).
fn heatmap_cells(rect: Rect) -> Rect {
    Rect::from_min_max(rect.min + Vec2::new(28.0, 0.0), rect.max - Vec2::new(0.0, 14.0))
}

/// The centre of the heatmap cell of hidden unit `unit` and output `output`, the heatmap
/// being drawn in `rect` (for pointing at it).
pub fn cell_centre(frame: &Frame, rect: Rect, unit: usize, output: usize) -> Option<Pos2> {
    let order = display_order(&frame.hidden_kinds);
    let col = order.iter().position(|&i| i == unit)?;
    let plot = heatmap_cells(rect);
    let cw = plot.width() / order.len().max(1) as f32;
    let ch = plot.height() / N_OUTPUTS as f32;
    Some(Pos2::new(
        plot.left() + (col as f32 + 0.5) * cw,
        plot.top() + (output as f32 + 0.5) * ch,
    ))
}

/// The neuron at `pos` in a heatmap drawn in `rect`: the hidden unit of a cell's column, or
/// the output of a name on the left.
fn unit_at(frame: &Frame, rect: Rect, pos: Pos2) -> Option<Unit> {
    let order = display_order(&frame.hidden_kinds);
    let plot = heatmap_cells(rect);
    let row = ((pos.y - plot.top()) / (plot.height() / N_OUTPUTS as f32)).floor();
    if pos.x < plot.left() {
        return (0.0..N_OUTPUTS as f32)
            .contains(&row)
            .then_some(Unit::Output(row as usize));
    }
    let col = ((pos.x - plot.left()) / (plot.width() / order.len().max(1) as f32)).floor();
    (col >= 0.0 && pos.y <= plot.bottom())
        .then(|| order.get(col as usize).copied().map(Unit::Hidden))
        .flatten()
}

/// A run's hidden→output weights now, and at the end of each task's training (what
/// *Colour by task* reads).
#[derive(Clone, Copy)]
pub struct RunWeights<'a> {
    /// The weights now: a row per hidden unit, a column per output.
    pub now: &'a Array2<f32>,
    /// The weights at the end of each task's last waking block, if any.
    pub after_task: &'a [Option<Arc<Array2<f32>>>; 2],
}

/// The key of *Colour by task*, on screen: which colour is which task, and what purple
/// means — a synapse strong for both tasks, the joint representation.
pub fn show_task_key(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let entries = [
            (palette::T1_REWARDED, "task 1"),
            (palette::T2_REWARDED, "task 2"),
            (
                palette::BOTH_TASKS,
                "both tasks: a synapse kept for task 1 and used by task 2 (the joint representation)",
            ),
            (Color32::GRAY, "neither"),
        ];
        for (colour, text) in entries {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, colour);
            ui.label(egui::RichText::new(text).small());
        }
    });
}

/// Draws the heatmap of `weights` (hidden × outputs); with `by_task`, colours synapses by
/// the task they serve. `growing`, when given, marks the synapses being strengthened now
/// (outlined); the `selected` neuron's column or row is framed. Returns the neuron
/// clicked, if any.
pub fn show_matrix(
    ui: &mut Ui,
    frame: &Frame,
    weights: RunWeights<'_>,
    height: f32,
    by_task: bool,
    growing: Option<&Array2<bool>>,
    selected: Option<Unit>,
) -> Option<Unit> {
    let order = display_order(&frame.hidden_kinds);
    let w_max = frame.params.plasticity.max_weight_factor * frame.params.network.initial_weight;
    // Scaled to the strongest weight, but never below 4 × W0, so that a naive network
    // (all weights equal) looks dim rather than saturated.
    let floor = 4.0 * frame.params.network.initial_weight;
    let scale_max = weights
        .now
        .iter()
        .copied()
        .fold(floor, f32::max)
        .min(w_max.max(floor));
    let height = height.clamp(40.0, 180.0);
    let (response, painter) = ui.allocate_painter(Vec2::new(ui.available_width(), height), Sense::click());
    let rect = response.rect;
    let plot = heatmap_cells(rect);
    let cw = plot.width() / order.len().max(1) as f32;
    let ch = plot.height() / N_OUTPUTS as f32;
    let relevant = [
        task_relevant(weights.after_task[0].as_deref()),
        task_relevant(weights.after_task[1].as_deref()),
    ];
    for (col, &i) in order.iter().enumerate() {
        for j in 0..N_OUTPUTS {
            let value = (weights.now.get((i, j)).copied().unwrap_or(0.0) / scale_max).clamp(0.0, 1.0);
            let colour = if by_task {
                let relevant_to = |task: usize| {
                    relevant[task]
                        .as_ref()
                        .and_then(|r| r.get((i, j)).copied())
                        .unwrap_or(false)
                };
                let (t1, t2) = (relevant_to(0), relevant_to(1));
                let base = match (t1, t2) {
                    (true, true) => palette::BOTH_TASKS,
                    (true, false) => palette::T1_REWARDED,
                    (false, true) => palette::T2_REWARDED,
                    (false, false) => Color32::GRAY,
                };
                base.gamma_multiply(0.15 + 0.85 * value)
            } else {
                heat(value)
            };
            let cell = Rect::from_min_size(
                Pos2::new(plot.left() + col as f32 * cw, plot.top() + j as f32 * ch),
                Vec2::new(cw.max(1.0), ch),
            );
            painter.rect_filled(cell, 0.0, colour);
            if growing.is_some_and(|g| g.get((i, j)).copied().unwrap_or(false)) {
                let stroke = Stroke::new(1.5, Color32::WHITE);
                if cw >= 5.0 {
                    painter.rect_stroke(cell, 0.0, stroke, egui::StrokeKind::Inside);
                } else {
                    // Cells a few pixels wide would be all outline: mark the top and
                    // bottom edges only, so the weight's colour still shows.
                    let inset = Vec2::new(0.0, 0.75);
                    painter.line_segment([cell.left_top() + inset, cell.right_top() + inset], stroke);
                    painter.line_segment([cell.left_bottom() - inset, cell.right_bottom() - inset], stroke);
                }
            }
        }
    }
    let text = ui.visuals().text_color();
    for (j, name) in DIRECTION_NAMES.iter().enumerate() {
        painter.text(
            Pos2::new(rect.left(), plot.top() + (j as f32 + 0.5) * ch),
            Align2::LEFT_CENTER,
            *name,
            FontId::proportional(10.0),
            text,
        );
    }
    let mut col = 0;
    for (group, members) in units::grouped(&frame.hidden_kinds) {
        let count = members.len();
        let x = plot.left() + col as f32 * cw;
        painter.line_segment(
            [Pos2::new(x, plot.top()), Pos2::new(x, plot.bottom())],
            Stroke::new(1.0, text),
        );
        painter.text(
            Pos2::new(x + count as f32 * cw / 2.0, plot.bottom() + 1.0),
            Align2::CENTER_TOP,
            format!("{} units", group.name()),
            FontId::proportional(10.0),
            group.colour(),
        );
        col += count;
    }
    frame_selected(&painter, plot, &order, selected);
    let clicked = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
        .and_then(|pos| unit_at(frame, rect, pos));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Weights heatmap"));
    response.on_hover_text(format!(
        "Hidden-to-output weights: a row per output (direction of movement), a column per hidden unit, grouped by the bar orientation it detects (\"other\": units that detect no bar). Brightest = {scale_max:.2}. Click a column (or an output's name) to inspect that neuron"
    ));
    clicked
}

/// Frames the chosen neuron in a heatmap whose cells fill `plot`: a hidden unit's column
/// or an output's row.
fn frame_selected(painter: &egui::Painter, plot: Rect, order: &[usize], selected: Option<Unit>) {
    let cw = plot.width() / order.len().max(1) as f32;
    let ch = plot.height() / N_OUTPUTS as f32;
    let stroke = Stroke::new(2.0, palette::SELECTED);
    match selected {
        Some(Unit::Hidden(i)) => {
            if let Some(col) = order.iter().position(|&u| u == i) {
                let x = plot.left() + col as f32 * cw;
                let column = Rect::from_min_max(
                    Pos2::new(x, plot.top()),
                    Pos2::new(x + cw.max(1.0), plot.bottom()),
                );
                painter.rect_stroke(column.expand(1.0), 0.0, stroke, egui::StrokeKind::Outside);
            }
        }
        Some(Unit::Output(j)) => {
            let y = plot.top() + j as f32 * ch;
            let row = Rect::from_min_max(Pos2::new(plot.left(), y), Pos2::new(plot.right(), y + ch));
            painter.rect_stroke(row, 0.0, stroke, egui::StrokeKind::Outside);
        }
        None => {}
    }
}

/// The heatmap's key for what sleep draws on it: outlined cells are synapses strengthened
/// since the previous frame.
pub fn show_sleep_outline_key(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(16.0, 10.0), Sense::hover());
        ui.painter().rect_filled(rect, 0.0, heat(0.5));
        ui.painter().rect_stroke(
            rect,
            0.0,
            Stroke::new(1.5, Color32::WHITE),
            egui::StrokeKind::Inside,
        );
        ui.label("outlined: strengthened in sleep just now");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heatmap_shows_every_hidden_unit_including_those_without_a_bar_kind() {
        let kinds = [None, Some(BarKind::Vertical), Some(BarKind::Horizontal), None];
        assert_eq!(display_order(&kinds), [2, 1, 0, 3]);
    }
}
