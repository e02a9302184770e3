//! The inspector's small drawings: a unit's place in the 7×7 view, its synapses as bars, its
//! spikes as a strip, an output's membrane potential.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};
use egui_plot::{HLine, Line, Plot, PlotPoints, Points};

use crate::sim::hidden::VIEW_CELLS;
use crate::sim::network::{DIRECTION_NAMES, N_OUTPUTS};
use crate::ui::palette;
use crate::worker::Frame;

/// A 7×7 picture of the animal's view with `cells` filled in `colour`.
pub(super) fn view_picture(ui: &mut Ui, cells: &[(usize, usize)], colour: Color32, side: f32) {
    let (response, painter) = ui.allocate_painter(Vec2::splat(side), Sense::hover());
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, Color32::from_gray(20));
    let cell = side / VIEW_CELLS as f32;
    let at = |(r, c): (usize, usize)| {
        Rect::from_min_size(
            rect.min + Vec2::new(c as f32 * cell, r as f32 * cell),
            Vec2::splat(cell),
        )
    };
    for r in 0..VIEW_CELLS {
        for c in 0..VIEW_CELLS {
            painter.rect_stroke(
                at((r, c)),
                0.0,
                Stroke::new(0.5, Color32::from_gray(60)),
                egui::StrokeKind::Inside,
            );
        }
    }
    for &c in cells {
        painter.rect_filled(at(c).shrink(cell * 0.1), 0.0, colour);
    }
    let centre = at((VIEW_CELLS / 2, VIEW_CELLS / 2)).center();
    painter.circle_filled(centre, cell * 0.25, palette::OUTPUT);
}

/// Eight pairs of bars, one per output: the weight now (filled) and at the end of task 1
/// (outlined), on one scale.
pub(super) fn weight_bars(ui: &mut Ui, now: Option<&[f32]>, after_t1: Option<&[f32]>, initial_weight: f32) {
    let (response, painter) =
        ui.allocate_painter(Vec2::new(ui.available_width().min(320.0), 90.0), Sense::hover());
    let rect = response.rect;
    let plot = Rect::from_min_max(rect.min, rect.max - Vec2::new(0.0, 14.0));
    let top = now
        .into_iter()
        .chain(after_t1)
        .flatten()
        .copied()
        .fold(initial_weight, f32::max);
    let slot = plot.width() / N_OUTPUTS as f32;
    let text = ui.visuals().text_color();
    for (j, name) in DIRECTION_NAMES.iter().enumerate() {
        let x = plot.left() + j as f32 * slot;
        let bar = |k: f32, value: f32| {
            let h = plot.height() * (value / top).clamp(0.0, 1.0);
            Rect::from_min_max(
                Pos2::new(x + slot * (0.15 + 0.35 * k), plot.bottom() - h),
                Pos2::new(x + slot * (0.48 + 0.35 * k), plot.bottom()),
            )
        };
        if let Some(w) = now.and_then(|w| w.get(j)) {
            painter.rect_filled(bar(0.0, *w), 0.0, palette::OUTPUT);
        }
        if let Some(w) = after_t1.and_then(|w| w.get(j)) {
            painter.rect_stroke(
                bar(1.0, *w),
                0.0,
                Stroke::new(1.5, palette::T1_REWARDED),
                egui::StrokeKind::Inside,
            );
        }
        painter.text(
            Pos2::new(x + slot / 2.0, plot.bottom() + 1.0),
            Align2::CENTER_TOP,
            *name,
            FontId::proportional(10.0),
            text,
        );
    }
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, text.gamma_multiply(0.5)),
    );
    let values = |w: Option<&[f32]>| {
        w.map_or_else(
            || "–".to_owned(),
            |w| w.iter().map(|v| format!("{v:.2}")).collect::<Vec<_>>().join(" "),
        )
    };
    response.on_hover_text(format!(
        "Filled: the weight to each output now ({}). Outlined: at the end of task 1 ({}).",
        values(now),
        values(after_t1)
    ));
}

/// The raster's cycles as one strip: a tick at each step in which `steps_of` finds spikes.
pub(super) fn spike_strip(
    ui: &mut Ui,
    frame: &Frame,
    steps_of: impl Fn(&crate::sim::simulation::SpikeLog) -> Vec<u8>,
) {
    let (response, painter) =
        ui.allocate_painter(Vec2::new(ui.available_width().min(320.0), 18.0), Sense::hover());
    let rect = response.rect;
    let steps = frame.params.network.cycle_ms.max(1);
    let cycles = crate::worker::RASTER_CYCLES;
    let step_w = rect.width() / (cycles * steps) as f32;
    let first = cycles.saturating_sub(frame.raster.len());
    for (k, entry) in frame.raster.iter().enumerate() {
        let x0 = rect.left() + ((first + k) * steps) as f32 * step_w;
        if let Some(activity) = entry.activity {
            let column = Rect::from_min_size(
                Pos2::new(x0, rect.top()),
                Vec2::new(steps as f32 * step_w, rect.height()),
            );
            painter.rect_filled(column, 0.0, palette::activity_shade(activity));
        }
        for step in steps_of(&entry.spikes) {
            let x = x0 + f32::from(step) * step_w;
            painter.line_segment(
                [Pos2::new(x, rect.top() + 2.0), Pos2::new(x, rect.bottom() - 2.0)],
                Stroke::new(1.5, ui.visuals().strong_text_color()),
            );
        }
    }
    response.on_hover_text("Each tick is a spike; the background is what the animal did (wake: task colour, sleep: pink, test: grey)");
}

/// The output's membrane potential over the raster's cycles, with the threshold and its
/// spikes.
pub(super) fn potential_plot(ui: &mut Ui, frame: &Frame, output: usize) {
    let steps = frame.params.network.cycle_ms.max(1);
    let mut trace = Vec::new();
    let mut spikes = Vec::new();
    let threshold = f64::from(frame.params.network.threshold);
    for (k, entry) in frame.raster.iter().enumerate() {
        let start = (k * steps) as f64;
        for (step, potential) in entry.spikes.output_potential.iter().enumerate() {
            if let Some(v) = potential.get(output) {
                trace.push([start + step as f64, f64::from(*v)]);
            }
        }
        for &(step, j) in &entry.spikes.output {
            if usize::from(j) == output {
                spikes.push([start + f64::from(step), threshold]);
            }
        }
    }
    Plot::new("inspector potential")
        .height(110.0)
        .width(ui.available_width().min(320.0))
        .include_y(0.0)
        .include_y(threshold * 1.1)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_label(format!("ms, last {} cycles", frame.raster.len()))
        .show(ui, |plot| {
            plot.hline(HLine::new("threshold", threshold).color(palette::CHANCE));
            plot.line(Line::new("potential", PlotPoints::new(trace)).color(palette::OUTPUT));
            plot.points(
                Points::new("spikes", PlotPoints::new(spikes))
                    .color(palette::OUTPUT)
                    .radius(3.0),
            );
        });
}
