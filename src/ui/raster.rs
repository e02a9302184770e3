//! The spike raster: input, hidden and output neurons as labelled row groups over the last
//! cycles, hidden units grouped by the bar orientation they detect (units that detect no bar
//! in an "other" group), and each cycle's
//! background tinted by wake (task colour) or sleep.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Ui, Vec2};

use super::palette;
use super::units::{self, Unit, UnitGroup};
use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::N_OUTPUTS;
use crate::sim::world::BarKind;
use crate::worker::{Activity, Frame};

const LABEL_WIDTH: f32 = 46.0;

/// Which neuron of a group sits on which row (and how many are hidden from view).
struct Rows {
    /// Row of each hidden unit, if shown.
    hidden_row: Vec<Option<usize>>,
    /// Group starts: (first row, label, colour).
    groups: Vec<(usize, String, Color32)>,
    row_count: usize,
    /// Every `stride`-th neuron of a group is shown.
    stride: usize,
    shown: usize,
    all: usize,
}

fn layout(kinds: &[Option<BarKind>], max_rows: usize) -> Rows {
    let n_hidden = kinds.len();
    let inputs = VIEW_CELLS * VIEW_CELLS;
    let all = inputs + n_hidden + N_OUTPUTS;
    // Subsample inputs and hidden units evenly when there are fewer rows than neurons.
    let stride = if all <= max_rows {
        1
    } else {
        all.div_ceil(max_rows.max(1))
    };
    let mut groups = vec![(0, "input".to_owned(), palette::INPUT)];
    let mut row = inputs.div_ceil(stride);
    let mut hidden_row = vec![None; n_hidden];
    for (group, members) in units::grouped(kinds) {
        groups.push((row, group.name().to_owned(), group.colour()));
        for (k, &i) in members.iter().enumerate() {
            if k % stride == 0 {
                hidden_row[i] = Some(row);
                row += 1;
            }
        }
    }
    groups.push((row, "output".to_owned(), palette::OUTPUT));
    let count = row + N_OUTPUTS;
    let shown = inputs.div_ceil(stride) + hidden_row.iter().flatten().count() + N_OUTPUTS;
    Rows {
        hidden_row,
        groups,
        row_count: count,
        stride,
        shown,
        all,
    }
}

/// The rows a raster drawn in `rect` has room for.
fn rows_in(frame: &Frame, rect: Rect) -> Rows {
    layout(&frame.hidden_kinds, (rect.height() / 1.5) as usize)
}

/// The row of a neuron in a layout, if it is shown.
fn row_of(rows: &Rows, unit: Unit) -> Option<usize> {
    match unit {
        Unit::Hidden(i) => rows.hidden_row.get(i).copied().flatten(),
        Unit::Output(j) => (j < N_OUTPUTS).then(|| rows.groups.last().map_or(0, |g| g.0) + j),
    }
}

/// The middle of a neuron's row in a raster drawn in `rect`, if it has a row (for
/// pointing at it).
pub fn row_centre(frame: &Frame, rect: Rect, unit: Unit) -> Option<Pos2> {
    let rows = rows_in(frame, rect);
    let row = row_of(&rows, unit)?;
    let row_h = rect.height() / rows.row_count.max(1) as f32;
    Some(Pos2::new(
        rect.center().x,
        rect.top() + (row as f32 + 0.5) * row_h,
    ))
}

/// The hidden unit or output whose row is at `pos` in a raster drawn in `rect` (input rows
/// choose nothing).
fn unit_at(frame: &Frame, rect: Rect, pos: Pos2) -> Option<Unit> {
    let rows = rows_in(frame, rect);
    let row = ((pos.y - rect.top()) / (rect.height() / rows.row_count.max(1) as f32)).floor();
    if row < 0.0 {
        return None;
    }
    let row = row as usize;
    let output_row = rows.groups.last().map_or(0, |g| g.0);
    if row >= output_row {
        return (row - output_row < N_OUTPUTS).then(|| Unit::Output(row - output_row));
    }
    rows.hidden_row
        .iter()
        .position(|r| *r == Some(row))
        .map(Unit::Hidden)
}

/// Draws the raster of recent cycles (the frame's, or its twin's) with the frame's layout;
/// the `selected` neuron's row is marked. Returns the neuron whose row was clicked.
pub fn show(
    ui: &mut Ui,
    frame: &Frame,
    raster: &[crate::worker::CycleSpikes],
    selected: Option<Unit>,
) -> Option<Unit> {
    let size = ui.available_size();
    // The label above takes a line; the rest of the column is the raster's.
    let height = (size.y - ui.spacing().interact_size.y - ui.spacing().item_spacing.y).max(40.0);
    let rows = layout(&frame.hidden_kinds, (height / 1.5) as usize);
    if rows.shown < rows.all {
        ui.label(format!("showing {} of {} neurons", rows.shown, rows.all));
    } else {
        ui.label(format!("all {} neurons", rows.all));
    }
    let (response, painter) = ui.allocate_painter(Vec2::new(size.x, height), Sense::click());
    let rect = response.rect;
    let plot = Rect::from_min_max(rect.min + Vec2::new(LABEL_WIDTH, 0.0), rect.max);
    let steps = frame.params.network.cycle_ms.max(1);
    let cycles = crate::worker::RASTER_CYCLES;
    let step_w = plot.width() / (cycles * steps) as f32;
    let row_h = plot.height() / rows.row_count.max(1) as f32;
    let first = cycles.saturating_sub(raster.len());
    for (k, entry) in raster.iter().enumerate() {
        let x0 = plot.left() + ((first + k) * steps) as f32 * step_w;
        let column = Rect::from_min_size(
            Pos2::new(x0, plot.top()),
            Vec2::new(steps as f32 * step_w, plot.height()),
        );
        if let Some(activity) = entry.activity {
            painter.rect_filled(column, 0.0, palette::activity_shade(activity));
        }
        let dot = |row: usize, step: usize, colour: Color32| {
            let r = Rect::from_min_size(
                Pos2::new(x0 + step as f32 * step_w, plot.top() + row as f32 * row_h),
                Vec2::new(step_w.max(1.5), row_h.max(1.0)),
            );
            painter.rect_filled(r, 0.0, colour);
        };
        for &cell in &entry.spikes.input_cells {
            if usize::from(cell) % rows.stride == 0 {
                for step in 1..=frame.params.network.detector_spike_steps {
                    dot(usize::from(cell) / rows.stride, step, palette::INPUT);
                }
            }
        }
        let sleeping = entry.activity == Some(Activity::Sleep);
        for &(step, unit) in &entry.spikes.hidden {
            let unit = usize::from(unit);
            if let (Some(Some(row)), Some(kind)) = (rows.hidden_row.get(unit), frame.hidden_kinds.get(unit)) {
                let colour = UnitGroup::of(*kind).colour();
                dot(
                    *row,
                    usize::from(step),
                    if sleeping {
                        colour
                    } else {
                        colour.gamma_multiply(0.9)
                    },
                );
            }
        }
        let output_row = rows.groups.last().map_or(0, |g| g.0);
        for &(step, j) in &entry.spikes.output {
            dot(output_row + usize::from(j), usize::from(step), palette::OUTPUT);
        }
    }
    let text = ui.visuals().text_color();
    draw_group_labels(&painter, &rows, rect, plot, text);
    painter.text(
        plot.right_bottom() - Vec2::new(2.0, 2.0),
        Align2::RIGHT_BOTTOM,
        format!("last {cycles} cycles ({} ms)", cycles * steps),
        FontId::proportional(10.0),
        text.gamma_multiply(0.7),
    );
    if let Some(row) = selected.and_then(|unit| row_of(&rows, unit)) {
        let y = plot.top() + row as f32 * row_h;
        let band = Rect::from_min_max(
            Pos2::new(rect.left(), y),
            Pos2::new(rect.right(), y + row_h.max(2.0)),
        );
        painter.rect_stroke(
            band.expand(1.0),
            0.0,
            egui::Stroke::new(1.5, palette::SELECTED),
            egui::StrokeKind::Outside,
        );
    }
    let clicked = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
        .and_then(|pos| unit_at(frame, rect, pos));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Raster of spikes"));
    response.on_hover_text("Click a hidden unit's or an output's row to inspect that neuron");
    clicked
}

/// Draws each group's name and the line above its first row. A group too thin for its
/// name (a few units that detect no bar, just above the outputs) keeps its line but not
/// its name, which would overlap the next one.
fn draw_group_labels(painter: &egui::Painter, rows: &Rows, rect: Rect, plot: Rect, text: Color32) {
    const LABEL_HEIGHT: f32 = 12.0;
    let row_h = plot.height() / rows.row_count.max(1) as f32;
    let starts: Vec<f32> = rows
        .groups
        .iter()
        .map(|(row, _, _)| plot.top() + *row as f32 * row_h)
        .collect();
    for (k, (_, label, colour)) in rows.groups.iter().enumerate() {
        let y = starts[k];
        painter.line_segment(
            [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
            egui::Stroke::new(0.5, text.gamma_multiply(0.3)),
        );
        if starts.get(k + 1).is_some_and(|next| next - y < LABEL_HEIGHT) {
            continue;
        }
        painter.text(
            Pos2::new(rect.left() + 2.0, y + 1.0),
            Align2::LEFT_TOP,
            label,
            FontId::proportional(11.0),
            *colour,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_units_without_a_bar_kind_get_rows_in_an_other_group() {
        let mut kinds = vec![Some(BarKind::Horizontal); 10];
        kinds.extend([None, None, None]);
        let rows = layout(&kinds, 1_000);
        assert!(
            rows.hidden_row.iter().all(Option::is_some),
            "every unit has a row"
        );
        assert_eq!(rows.shown, rows.all);
        let labels: Vec<_> = rows.groups.iter().map(|g| g.1.as_str()).collect();
        assert_eq!(labels, ["input", "H", "other", "output"]);
        // Subsampled, the other group still shows its first unit.
        let few = layout(&kinds, 20);
        assert!(few.hidden_row[10].is_some());
    }
}
