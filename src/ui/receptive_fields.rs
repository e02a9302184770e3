//! Each output's receptive field, as a small 7×7 picture of the animal's view: what makes
//! the output fire. Through detectors, every hidden unit's bar footprint; through a learned
//! layer, every unit's input weights; either way as strong as the unit's net drive to the
//! output. Drawn under the weights heatmap and in the neuron inspector.

use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use super::palette;
use super::units::{Unit, UnitGroup};
use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::worker::{Frame, InputWeights};

/// Cells in a picture.
const CELLS: usize = VIEW_CELLS * VIEW_CELLS;

/// Draws each output's receptive field as a small 7×7 picture: every hidden unit's bar
/// footprint, coloured by orientation, as strong as the unit's net drive to that output
/// (its weight minus its balanced inhibition). The `selected` output is framed; returns the
/// output clicked, if any.
pub fn show(ui: &mut Ui, frame: &Frame, selected: Option<Unit>) -> Option<Unit> {
    // Eight pictures and the seven gaps between them fit the width at any text size
    // (projector mode widens the gaps).
    let gap = ui.spacing().item_spacing.x;
    let side = ((ui.available_width() - 7.0 * gap) / N_OUTPUTS as f32).clamp(16.0, 90.0);
    let mut clicked = None;
    ui.horizontal(|ui| {
        for j in 0..N_OUTPUTS {
            ui.vertical(|ui| {
                let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::click());
                draw(&painter, response.rect, frame, j);
                if selected == Some(Unit::Output(j)) {
                    painter.rect_stroke(response.rect, 0.0, Stroke::new(2.0, palette::SELECTED), egui::StrokeKind::Outside);
                }
                ui.label(DIRECTION_NAMES[j]);
                if response.clicked() {
                    clicked = Some(Unit::Output(j));
                }
                let name = format!("Receptive field of output {}", DIRECTION_NAMES[j]);
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
                response.on_hover_text(format!(
                    "What makes the {} output fire: the bars its hidden units detect, as strong as their net drive. Click to inspect it",
                    DIRECTION_NAMES[j]
                ));
            });
        }
    });
    clicked
}

/// Draws output `output`'s receptive field in `rect`: every hidden unit's bar footprint in
/// the 7×7 view (a learned unit's input weights instead), coloured by orientation, as strong
/// as the unit's net drive to that output (its weight minus its balanced inhibition); the
/// dot is the animal.
pub fn draw(painter: &egui::Painter, rect: Rect, frame: &Frame, output: usize) {
    painter.rect_filled(rect, 0.0, Color32::from_gray(20));
    let cell = rect.width() / VIEW_CELLS as f32;
    let centre =
        |(r, c): (usize, usize)| rect.min + Vec2::new((c as f32 + 0.5) * cell, (r as f32 + 0.5) * cell);
    let n_hidden = frame.hidden_kinds.len().min(frame.weights.nrows());
    let net: Vec<f32> = frame
        .weights
        .rows()
        .into_iter()
        .take(n_hidden)
        .map(|row| {
            let mean = row.sum() / row.len() as f32;
            (row.get(output).copied().unwrap_or(0.0) - mean).max(0.0)
        })
        .collect();
    if let Some(inputs) = &frame.input_weights {
        // A learned layer: each unit's input weights, as strong as its net drive.
        for (index, colour) in through_learned_layer(inputs, &net).into_iter().enumerate() {
            if let Some(colour) = colour {
                let at = centre((index / VIEW_CELLS, index % VIEW_CELLS));
                painter.rect_filled(Rect::from_center_size(at, Vec2::splat(cell * 0.8)), 0.0, colour);
            }
        }
    } else {
        draw_footprints(painter, frame, &net, &centre, cell);
    }
    painter.circle_filled(
        centre((VIEW_CELLS / 2, VIEW_CELLS / 2)),
        cell * 0.2,
        palette::OUTPUT,
    );
}

/// The detectors' part of a receptive field: each hidden unit's bar footprint, coloured by
/// orientation, as strong as its net drive (`net`, beside the units); `centre` places a view
/// cell of side `cell`.
fn draw_footprints(
    painter: &egui::Painter,
    frame: &Frame,
    net: &[f32],
    centre: &dyn Fn((usize, usize)) -> Pos2,
    cell: f32,
) {
    let n_hidden = net.len();
    let top = net.iter().copied().fold(0.0_f32, f32::max).max(1e-6);
    for i in 0..n_hidden {
        let strength = net[i] / top;
        if strength < 0.05 {
            continue;
        }
        let Some(cells) = frame.hidden_footprints.get(i) else {
            continue;
        };
        let colour = UnitGroup::of(frame.hidden_kinds[i])
            .colour()
            .gamma_multiply(strength);
        match cells[..] {
            // A bar detector: its bar.
            [a, b] => {
                painter.line_segment([centre(a), centre(b)], Stroke::new(cell * 0.35, colour));
            }
            // Any other footprint: its cells.
            _ => {
                for &c in cells {
                    painter.rect_filled(
                        Rect::from_center_size(centre(c), Vec2::splat(cell * 0.5)),
                        0.0,
                        colour,
                    );
                }
            }
        }
    }
}

/// An output's receptive field through a learned layer: each view cell's colour, given each
/// hidden unit's net drive to the output (`net`, beside the units). A cell is as bright as
/// the sum over units of net drive × input weight from it (the brightest cell full), and of
/// the mean colour of those units' groups; `None` for a cell that hardly drives the output.
pub fn through_learned_layer(inputs: &InputWeights, net: &[f32]) -> [Option<Color32>; CELLS] {
    let mut total = [0.0_f32; CELLS];
    let mut rgb = [[0.0_f32; 3]; CELLS];
    for (unit, &drive) in net.iter().enumerate().take(inputs.units()) {
        if drive <= 0.0 {
            continue;
        }
        let colour = UnitGroup::of(inputs.preferred.get(unit).copied().flatten()).colour();
        for (cell, &weight) in inputs.weights.row(unit).iter().enumerate().take(CELLS) {
            let amount = drive * weight;
            total[cell] += amount;
            for (sum, channel) in rgb[cell].iter_mut().zip([colour.r(), colour.g(), colour.b()]) {
                *sum += amount * f32::from(channel);
            }
        }
    }
    let top = total.iter().copied().fold(0.0_f32, f32::max);
    let mut cells = [None; CELLS];
    for (cell, out) in cells.iter_mut().enumerate() {
        let strength = total[cell] / top.max(f32::MIN_POSITIVE);
        if strength >= 0.05 {
            let [r, g, b] = rgb[cell].map(|sum| (sum / total[cell]).round().clamp(0.0, 255.0) as u8);
            *out = Some(Color32::from_rgb(r, g, b).gamma_multiply(strength));
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::BarKind;
    use crate::ui::input_pictures::tests::{brightness, two_units};

    #[test]
    fn a_receptive_field_through_a_learned_layer_lights_the_inputs_of_the_units_that_drive_the_output() {
        let inputs = two_units();
        // Only unit 0 drives the output: its two strong inputs are the field's brightest.
        let field = through_learned_layer(&inputs, &[1.0, 0.0]);
        let lit: Vec<usize> = (0..CELLS).filter(|&c| field[c].is_some()).collect();
        assert_eq!(lit, [8, 9, 30]);
        assert!(brightness(field[8].unwrap()) > brightness(field[30].unwrap()));
        // Its colour is its group's (H).
        assert_eq!(field[8], Some(UnitGroup::Detects(BarKind::Horizontal).colour()));
        // Unit 1 alone: its three cells, nothing of unit 0.
        let field = through_learned_layer(&inputs, &[0.0, 0.5]);
        let lit: Vec<usize> = (0..CELLS).filter(|&c| field[c].is_some()).collect();
        assert_eq!(lit, [40, 41, 47]);
    }
}
