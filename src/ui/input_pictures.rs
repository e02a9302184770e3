//! The learned units' input pictures: each hidden unit's input weights as a small 7×7
//! picture of the animal's view (brighter: a stronger input; blank: a cell it does not
//! see), every unit at once, grouped by the orientation it prefers (H, V, D+, D−, then
//! "other"). Watched during development, even patches turn into bars.
//!
//! All pictures are one texture, made again only when a new snapshot arrives or the space
//! for it changes: hundreds of units would otherwise be tens of thousands of rectangles in
//! every frame, which a software renderer cannot afford.

use std::sync::Arc;

use egui::{
    Align2, Color32, ColorImage, FontId, Id, Pos2, Rect, Sense, Stroke, TextureHandle, TextureOptions, Ui,
    Vec2,
};

use super::palette::{self, heat};
use super::units::{self, Unit, UnitGroup};
use crate::sim::hidden::VIEW_CELLS;
use crate::sim::world::BarKind;
use crate::worker::{Frame, InputWeights};

/// Cells in a picture.
const CELLS: usize = VIEW_CELLS * VIEW_CELLS;
/// A cell the unit does not see.
pub const BLANK: Color32 = Color32::from_gray(52);
/// Room on the left of the pictures for the groups' names.
const LABELS_WIDTH: f32 = 56.0;
/// Side of the hovered unit's larger picture, in points.
const MAGNIFIED_SIDE: f32 = 112.0;
/// The largest side of the texture, in pixels (well inside every renderer's limit).
const MAX_TEXTURE_SIDE: usize = 2048;

/// The weight drawn brightest: the largest in the layer, but never below three times the
/// average input weight, so that an undeveloped layer (all weights even) looks dim and
/// bars stand out as they form.
pub fn brightest(inputs: &InputWeights) -> f32 {
    let largest = inputs.weights.iter().copied().fold(0.0_f32, f32::max);
    let seen = inputs.seen.iter().filter(|&&s| s).count().max(1);
    let average = inputs.weights.sum() / seen as f32;
    largest.max(3.0 * average).max(f32::MIN_POSITIVE)
}

/// Unit `unit`'s picture: the colour of each view cell (row-major), its input weight on the
/// heatmap's scale up to `brightest`, [`BLANK`] where the unit sees nothing.
pub fn picture(inputs: &InputWeights, unit: usize, brightest: f32) -> [Color32; CELLS] {
    let mut cells = [BLANK; CELLS];
    if unit >= inputs.units() {
        return cells;
    }
    for (cell, colour) in cells.iter_mut().enumerate() {
        if inputs.seen.get((unit, cell)).copied().unwrap_or(false) {
            let weight = inputs.weights.get((unit, cell)).copied().unwrap_or(0.0);
            *colour = heat(weight / brightest);
        }
    }
    cells
}

/// The smallest tile a projected picture is drawn at (points): 7 cells of about 8 points.
const READABLE_TILE: f32 = 56.0;

/// Projector mode: the first units of each orientation group side by side, each drawn
/// large enough to be read from a seat (hundreds of small tiles cannot be); returns the
/// unit clicked, if any.
fn show_large(ui: &mut Ui, inputs: &InputWeights, selected: Option<Unit>) -> Option<Unit> {
    ui.label(format!(
        "Each picture is a hidden unit's input weights in its 7×7 view (brighter: stronger), at cycle {}; the first of each group of the {} units, drawn large",
        inputs.cycle,
        inputs.units()
    ));
    let groups: Vec<_> = units::grouped(&inputs.preferred)
        .into_iter()
        .filter(|(_, members)| !members.is_empty())
        .collect();
    let room = ui.available_size();
    let gap = ui.spacing().item_spacing.x;
    let label_height = ui.spacing().interact_size.y;
    let across = (room.x / groups.len().max(1) as f32 - gap).max(8.0);
    // Two of each group when two still fit the height at a readable size, else one.
    let side_for = |per_group: f32| across.min((room.y - label_height) / per_group - gap);
    let per_group = if side_for(2.0) >= READABLE_TILE { 2 } else { 1 };
    let side = side_for(per_group as f32).max(8.0);
    let mut clicked = None;
    ui.horizontal(|ui| {
        for (group, members) in &groups {
            ui.vertical(|ui| {
                ui.label(
                    egui::RichText::new(format!("{} ({})", group.name(), members.len()))
                        .color(group.colour()),
                );
                for &unit in members.iter().take(per_group) {
                    let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::click());
                    draw_unit(&painter, response.rect, inputs, unit);
                    if selected == Some(Unit::Hidden(unit)) {
                        painter.rect_stroke(
                            response.rect,
                            0.0,
                            Stroke::new(2.0, palette::SELECTED),
                            egui::StrokeKind::Outside,
                        );
                    }
                    if response
                        .on_hover_text(format!("Hidden unit {unit}: click to inspect it"))
                        .clicked()
                    {
                        clicked = Some(Unit::Hidden(unit));
                    }
                }
            });
        }
    });
    clicked
}

/// Where the pictures go: the groups one after the other, each from a new row.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    columns: usize,
    rows: usize,
    /// Texture pixels per view cell.
    cell_px: usize,
    /// The unit in each place, row by row (`None`: the rest of a group's last row).
    places: Vec<Option<usize>>,
    /// Each group, the row it starts on and its number of units.
    groups: Vec<(UnitGroup, usize, usize)>,
}

impl Layout {
    /// The layout of `preferred`'s groups whose tiles are largest in `room` (points).
    fn fit(preferred: &[Option<BarKind>], room: Vec2) -> Self {
        Self::fit_groups(units::grouped(preferred), room)
    }

    /// The layout of `groups` whose tiles are largest in `room` (points).
    fn fit_groups(groups: Vec<(UnitGroup, Vec<usize>)>, room: Vec2) -> Self {
        let rows_for =
            |columns: usize| -> usize { groups.iter().map(|(_, m)| m.len().div_ceil(columns)).sum() };
        let n = groups.iter().map(|(_, m)| m.len()).sum::<usize>().max(1);
        let mut best = (n.isqrt().max(1), 0.0_f32);
        for columns in 1..=n {
            let rows = rows_for(columns).max(1);
            if rows.max(columns) * 8 > MAX_TEXTURE_SIDE {
                continue;
            }
            let tile = (room.x / columns as f32).min(room.y / rows as f32);
            if tile > best.1 {
                best = (columns, tile);
            }
        }
        let (columns, tile) = best;
        let rows = rows_for(columns).max(1);
        // A picture of 7 cells of `cell_px` and a 1-pixel gap per tile.
        let most = (MAX_TEXTURE_SIDE / rows.max(columns)).saturating_sub(1) / VIEW_CELLS;
        let cell_px = (((tile - 1.0) / VIEW_CELLS as f32).floor() as usize).clamp(1, most.clamp(1, 16));
        let mut places = Vec::with_capacity(rows * columns);
        let mut starts = Vec::new();
        for (group, members) in groups {
            starts.push((group, places.len() / columns, members.len()));
            places.extend(members.into_iter().map(Some));
            places.resize(places.len().div_ceil(columns) * columns, None);
        }
        Self {
            columns,
            rows,
            cell_px,
            places,
            groups: starts,
        }
    }

    /// Texture pixels from one tile to the next.
    fn pitch(&self) -> usize {
        VIEW_CELLS * self.cell_px + 1
    }

    /// The texture's size in pixels (no gap after the last tile).
    fn size(&self) -> [usize; 2] {
        [self.columns * self.pitch() - 1, self.rows * self.pitch() - 1]
    }

    /// Every picture of `inputs` in its place (gaps transparent).
    fn image(&self, inputs: &InputWeights) -> ColorImage {
        let [width, height] = self.size();
        let mut pixels = vec![Color32::TRANSPARENT; width * height];
        let brightest = brightest(inputs);
        for (place, unit) in self.places.iter().enumerate() {
            let Some(unit) = *unit else { continue };
            let top = place / self.columns * self.pitch();
            let left = place % self.columns * self.pitch();
            for (cell, colour) in picture(inputs, unit, brightest).into_iter().enumerate() {
                let y0 = top + cell / VIEW_CELLS * self.cell_px;
                let x0 = left + cell % VIEW_CELLS * self.cell_px;
                for y in y0..y0 + self.cell_px {
                    pixels[y * width + x0..y * width + x0 + self.cell_px].fill(colour);
                }
            }
        }
        ColorImage::new([width, height], pixels)
    }

    /// The place of the tile at `pos`, for pictures drawn in `rect`.
    fn place_at(&self, rect: Rect, pos: Pos2) -> Option<usize> {
        let x = (pos.x - rect.left()) / rect.width() * self.columns as f32;
        let y = (pos.y - rect.top()) / rect.height() * self.rows as f32;
        ((0.0..self.columns as f32).contains(&x) && (0.0..self.rows as f32).contains(&y))
            .then(|| y as usize * self.columns + x as usize)
    }

    /// The rectangle of the tile in place `place`, for pictures drawn in `rect`.
    fn tile_rect(&self, rect: Rect, place: usize) -> Rect {
        let tile = Vec2::new(
            rect.width() / self.columns as f32,
            rect.height() / self.rows as f32,
        );
        let min = rect.min
            + Vec2::new(
                (place % self.columns) as f32 * tile.x,
                (place / self.columns) as f32 * tile.y,
            );
        Rect::from_min_size(min, tile)
    }
}

/// The texture last made, what it was made from, and how.
type Cached = (Arc<InputWeights>, Layout, TextureHandle);

/// The pictures' texture for `inputs` laid out as `layout`: the one made before if both are
/// unchanged, otherwise made again (and kept in the context's memory for the next frame).
fn texture(ui: &Ui, inputs: &Arc<InputWeights>, layout: &Layout) -> TextureHandle {
    let id = Id::unique("input pictures texture");
    let cached = ui.data(|d| d.get_temp::<Cached>(id));
    if let Some((shown, shown_layout, handle)) = cached
        && Arc::ptr_eq(&shown, inputs)
        && shown_layout == *layout
    {
        return handle;
    }
    let handle = ui
        .ctx()
        .load_texture("input pictures", layout.image(inputs), TextureOptions::NEAREST);
    ui.data_mut(|d| d.insert_temp::<Cached>(id, (Arc::clone(inputs), layout.clone(), handle.clone())));
    handle
}

/// Shows every learned unit's input picture, grouped by preferred orientation, with the
/// `selected` unit framed; returns the unit clicked, if any. Nothing for a detector layer.
/// With `large` (projector mode) only the first units of each group are shown, at a size a
/// class can read.
pub fn show(ui: &mut Ui, frame: &Frame, selected: Option<Unit>, large: bool) -> Option<Unit> {
    let Some(inputs) = &frame.input_weights else {
        ui.label(
            "This network's hidden units are hand-wired detectors: they have no input weights to learn.",
        );
        return None;
    };
    if large {
        return show_large(ui, inputs, selected);
    }
    ui.label(format!(
        "Each hidden unit's input weights in its 7×7 view (brighter: stronger; blank: cells it does not see), taken at cycle {}. Grouped by the orientation each prefers, read from its weights (during development, from its weights so far). Hover over a tile to see it larger.",
        inputs.cycle
    ));
    let room = (ui.available_size() - Vec2::new(LABELS_WIDTH, 0.0)).max(Vec2::splat(8.0));
    let layout = Layout::fit(&inputs.preferred, room);
    let handle = texture(ui, inputs, &layout);
    let [width, height] = layout.size();
    // Pixel for point when it fits; smaller when it does not.
    let natural = Vec2::new(width as f32, height as f32);
    let shrink = (room.x / natural.x).min(room.y / natural.y).min(1.0);
    let size = natural * shrink.max(0.01);
    let (response, painter) = ui.allocate_painter(Vec2::new(LABELS_WIDTH, 0.0) + size, Sense::click());
    let rect = Rect::from_min_size(response.rect.min + Vec2::new(LABELS_WIDTH, 0.0), size);
    painter.image(
        handle.id(),
        rect,
        Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)),
        Color32::WHITE,
    );
    for &(group, first_row, count) in &layout.groups {
        let y = rect.top() + (first_row as f32 + 0.5) * rect.height() / layout.rows as f32;
        painter.text(
            Pos2::new(response.rect.left(), y),
            Align2::LEFT_CENTER,
            format!("{} {count}", group.name()),
            FontId::proportional(11.0),
            group.colour(),
        );
    }
    if let Some(Unit::Hidden(unit)) = selected
        && let Some(place) = layout.places.iter().position(|&u| u == Some(unit))
    {
        let tile = layout.tile_rect(rect, place);
        painter.rect_stroke(
            tile,
            0.0,
            Stroke::new(2.0, palette::SELECTED),
            egui::StrokeKind::Outside,
        );
    }
    let unit_at = |pos: Pos2| {
        layout
            .place_at(rect, pos)
            .and_then(|p| layout.places.get(p).copied().flatten())
    };
    let clicked = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
        .and_then(unit_at)
        .map(Unit::Hidden);
    let hovered = response.hover_pos().and_then(unit_at);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, "Input pictures of the hidden units")
    });
    // Hundreds of tiles are a few pixels each: the hovered one is shown larger beside it.
    response.on_hover_ui(|ui| match hovered {
        Some(unit) => {
            ui.label(format!(
                "Hidden unit {unit} ({}): click to inspect it",
                UnitGroup::of(inputs.preferred[unit]).name()
            ));
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(MAGNIFIED_SIDE), Sense::hover());
            draw_unit(ui.painter(), rect, inputs, unit);
        }
        None => {
            ui.label("Each tile is one hidden unit's input weights; click one to inspect it");
        }
    });
    clicked
}

/// Draws unit `unit`'s input picture in `rect`, larger (the inspector's), with the animal's
/// cell marked.
pub fn draw_unit(painter: &egui::Painter, rect: Rect, inputs: &InputWeights, unit: usize) {
    let cell = rect.width() / VIEW_CELLS as f32;
    for (index, colour) in picture(inputs, unit, brightest(inputs)).into_iter().enumerate() {
        let min = rect.min
            + Vec2::new(
                (index % VIEW_CELLS) as f32 * cell,
                (index / VIEW_CELLS) as f32 * cell,
            );
        painter.rect_filled(
            Rect::from_min_size(min, Vec2::splat(cell)).shrink(0.5),
            0.0,
            colour,
        );
    }
    let centre = rect.min + Vec2::splat((VIEW_CELLS / 2) as f32 * cell + cell / 2.0);
    painter.circle_filled(centre, cell * 0.2, palette::OUTPUT);
}

#[cfg(test)]
#[path = "input_pictures_tests.rs"]
pub(super) mod tests;
