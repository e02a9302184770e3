//! The world panel: the grid with its bars coloured by kind (rewarded bars solid, punished
//! ones crossed out), the agent and its 7×7 view. In sleep the world dims and the agent rests.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind, Ui, Vec2};

use super::palette;
use crate::sim::hidden::VIEW_CELLS;
use crate::worker::{Activity, WorldSnapshot};

/// Draws the world in the space available (square).
pub fn show(ui: &mut Ui, world: Option<&WorldSnapshot>, activity: Option<Activity>) {
    let side = ui.available_width().min(ui.available_height()).max(60.0);
    let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    let Some(world) = world else {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "no world yet",
            egui::FontId::default(),
            ui.visuals().text_color(),
        );
        return;
    };
    let n = world.size as f32;
    let cell = side / n;
    let at = |r: usize, c: usize| {
        Rect::from_min_size(
            rect.min + Vec2::new(c as f32 * cell, r as f32 * cell),
            Vec2::splat(cell),
        )
    };
    let task = world.task;
    for bar in &world.bars {
        let colour = palette::kind(bar.kind);
        for &(r, c) in &bar.cells {
            let cell_rect = at(r, c).shrink(cell * 0.05);
            painter.rect_filled(cell_rect, 0.0, colour);
            if bar.kind == task.punished() {
                let s = Stroke::new((cell * 0.12).max(1.0), Color32::BLACK);
                painter.line_segment([cell_rect.left_top(), cell_rect.right_bottom()], s);
                painter.line_segment([cell_rect.right_top(), cell_rect.left_bottom()], s);
            }
        }
    }
    let (ar, ac) = world.agent;
    let centre = at(ar, ac).center();
    // The 7×7 view (it wraps at the edges; the outline is drawn where it falls).
    let half = VIEW_CELLS as f32 / 2.0 * cell;
    let view = Rect::from_center_size(centre, Vec2::splat(2.0 * half));
    let sleeping = activity == Some(Activity::Sleep);
    if !sleeping {
        painter.rect_stroke(view, 0.0, Stroke::new(1.5, palette::OUTPUT), StrokeKind::Middle);
    }
    painter.circle_filled(centre, (cell * 0.7).max(3.0), palette::OUTPUT);
    if sleeping {
        painter.rect_filled(rect, 2.0, Color32::from_black_alpha(170));
        painter.text(
            centre + Vec2::new(cell, -cell),
            egui::Align2::LEFT_BOTTOM,
            "z z z",
            egui::FontId::proportional(16.0),
            palette::SLEEP,
        );
    }
    legend(ui, task);
}

fn legend(ui: &mut Ui, task: crate::sim::world::Task) {
    ui.horizontal_wrapped(|ui| {
        swatch(ui, palette::kind(task.rewarded()), false);
        ui.label(format!("{} food (+1)", task.rewarded().short_name()));
        swatch(ui, palette::kind(task.punished()), true);
        ui.label(format!("{} bitter", task.punished().short_name()));
    });
}

/// A small square of a bar's colour, crossed out for punished bars.
fn swatch(ui: &mut Ui, colour: Color32, crossed: bool) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
    ui.painter().rect_filled(rect, 0.0, colour);
    if crossed {
        let s = Stroke::new(1.5, Color32::BLACK);
        ui.painter()
            .line_segment([rect.left_top(), rect.right_bottom()], s);
        ui.painter()
            .line_segment([rect.right_top(), rect.left_bottom()], s);
    }
}
