//! The world panel: the grid with its bars coloured by kind (rewarded bars solid, punished
//! ones crossed out), the agent and its 7×7 view. In sleep the world dims and the agent rests.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind, Ui, Vec2};

use super::palette;
use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::DIRECTIONS;
use crate::worker::{Activity, CycleSpikes, WorldSnapshot};

/// What the world view marks besides the world itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct Marks<'a> {
    /// The last cycle: its move is drawn as an arrow, its meal as a flash of the cell.
    pub last: Option<&'a CycleSpikes>,
    /// The view cells of the hidden unit chosen for the inspector, framed around the animal.
    pub selected_cells: Option<&'a [(usize, usize)]>,
}

/// Draws the world in the space available (square).
pub fn show(ui: &mut Ui, world: Option<&WorldSnapshot>, activity: Option<Activity>, marks: Marks<'_>) {
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
            if bar.kind == task.punished() && !world.development {
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
    if !sleeping {
        draw_marks(
            &painter,
            &marks,
            world,
            cell,
            &at,
            ui.visuals().strong_text_color(),
        );
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
    if world.development {
        development_legend(ui);
    } else {
        legend(ui, task);
    }
}

/// The last move as an arrow into the animal's cell, the last meal as a flash of that
/// cell (green: food, red: bitter), and the chosen unit's cells in the animal's view.
fn draw_marks(
    painter: &egui::Painter,
    marks: &Marks<'_>,
    world: &WorldSnapshot,
    cell: f32,
    at: &impl Fn(usize, usize) -> Rect,
    ink: Color32,
) {
    let (ar, ac) = world.agent;
    let here = at(ar, ac);
    if let Some(last) = marks.last {
        if let Some(kind) = last.spikes.eaten.filter(|_| !world.development) {
            let colour = if kind == world.task.rewarded() {
                palette::ATE_FOOD
            } else {
                palette::ATE_BITTER
            };
            painter.rect_filled(here.expand(cell * 0.6), 2.0, colour.gamma_multiply(0.8));
        }
        if let Some(&(dr, dc)) = last.spikes.moved.and_then(|d| DIRECTIONS.get(usize::from(d))) {
            // From the cell the animal came from (drawn unwrapped, even across an edge).
            let step = Vec2::new(dc as f32, dr as f32) * cell;
            // Long enough to read on a projector: the world's cells are a few pixels wide.
            let to = here.center() - step * 0.7;
            let from = here.center() - step * 3.0;
            painter.arrow(from, to - from, Stroke::new((cell * 0.4).max(2.0), ink));
        }
    }
    if let Some(cells) = marks.selected_cells {
        let n = world.size;
        let half = VIEW_CELLS / 2;
        for &(r, c) in cells {
            // The view wraps around the world's edges, as the animal sees it.
            let row = (ar + n + r - half) % n;
            let column = (ac + n + c - half) % n;
            painter.rect_stroke(
                at(row, column),
                0.0,
                Stroke::new(2.0, palette::SELECTED),
                StrokeKind::Outside,
            );
        }
    }
}

/// The key under the world: the food and the bitter bar; what the arrow and the flash
/// mean is in its tooltip (as text it took four lines of a narrow world on a projector).
fn legend(ui: &mut Ui, task: crate::sim::world::Task) {
    ui.horizontal_wrapped(|ui| {
        swatch(ui, palette::kind(task.rewarded()), false);
        ui.label(format!("{} food (+1)", task.rewarded().short_name()));
        swatch(ui, palette::kind(task.punished()), true);
        ui.label(format!("{} bitter", task.punished().short_name()));
    })
    .response
    .on_hover_text(
        "An arrow shows the last move and a flash a meal (green food, red bitter), drawn for the last cycle shown: at slow speeds every move and meal can be followed",
    );
}

/// The legend of the world of development: every bar kind, none food or bitter.
fn development_legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for kind in crate::sim::world::BarKind::ALL {
            swatch(ui, palette::kind(kind), false);
            ui.label(kind.short_name());
        }
        ui.label("· development: all four bar kinds, nothing rewarded; the animal wanders at random")
            .on_hover_text(
                "The learned hidden units see every bar at every place of the view and learn which cells go together",
            );
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
