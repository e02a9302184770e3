//! Per-digit accuracy bars: for each digit 0–9, one bar per stage (after task A, after
//! task B, after sleep), so a class sees which digits sleep brings back and what it costs.

use egui::Ui;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::worker::{LabState, STAGES};
use crate::ui::palette;

/// The colour of each stage: task A's blue, task B's vermillion, sleep's purple.
const STAGE_COLOURS: [egui::Color32; 3] = [palette::T1_REWARDED, palette::T2_REWARDED, palette::SLEEP];

/// Width of one bar, in digits (three bars and a gap per digit).
const BAR_WIDTH: f64 = 0.27;

/// Shows the bars of every stage measured so far.
pub fn show(ui: &mut Ui, state: &LabState) {
    let charts: Vec<BarChart> = state
        .stages
        .iter()
        .zip(STAGES)
        .zip(STAGE_COLOURS)
        .enumerate()
        .filter_map(|(k, ((scores, name), colour))| {
            let scores = scores.as_ref()?;
            let offset = (k as f64 - 1.0) * BAR_WIDTH;
            let bars = scores
                .iter()
                .enumerate()
                .map(|(digit, &accuracy)| {
                    Bar::new(digit as f64 + offset, accuracy)
                        .width(BAR_WIDTH)
                        .name(format!("digit {digit} {name}"))
                })
                .collect();
            Some(BarChart::new(name, bars).color(colour))
        })
        .collect();
    Plot::new("digit bars")
        .legend(Legend::default())
        .height(260.0)
        .include_y(0.0)
        .include_y(1.0)
        .include_x(-0.5)
        .include_x(9.5)
        .x_axis_label("digit (0–4 task A, 5–9 task B)")
        .y_axis_label("share right")
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            for chart in charts {
                plot.bar_chart(chart);
            }
        });
}
