//! An output's synapses over time (Golden et al. 2022, Fig 6): each hidden unit's weight to
//! the output, from the weights kept every thousand cycles for the Weight space tab,
//! coloured by the task whose bar the unit detects. The weights split into a strong cluster
//! and a weak one near 0; without sleep task 2 pulls its synapses into the strong cluster
//! and the task-1 ones fall to 0; with sleep many task-1 synapses stay in between.

use egui::Ui;
use egui_plot::{Line, Plot, PlotPoints};

use crate::sim::world::Task;
use crate::ui::{palette, weight_space};
use crate::worker::Frame;

/// Most lines drawn: the units with the strongest weight to the output at any time.
const MAX_LINES: usize = 120;
/// Most points per line: a long trail is thinned evenly.
const MAX_POINTS: usize = 200;

/// Draws `output`'s incoming weights over the run so far; returns how many lines it drew.
pub fn show(ui: &mut Ui, frame: &Frame, output: usize) -> usize {
    let n_outputs = frame.weights.ncols();
    let history = weight_space::with_run_trail(ui.ctx(), |trail| {
        let stride = trail.points.len().div_ceil(MAX_POINTS).max(1);
        trail
            .points
            .iter()
            .step_by(stride)
            .map(|p| {
                (
                    p.cycle,
                    p.weights
                        .iter()
                        .skip(output)
                        .step_by(n_outputs)
                        .copied()
                        .collect(),
                )
            })
            .collect::<Vec<(u64, Vec<f32>)>>()
    })
    .unwrap_or_default();
    if history.len() < 2 {
        ui.weak("Its synapses over time appear once the run has gone a few thousand cycles.");
        return 0;
    }
    let units = history[0].1.len();
    let strongest = |unit: usize| {
        history
            .iter()
            .map(|(_, w)| w.get(unit).copied().unwrap_or(0.0))
            .fold(0.0, f32::max)
    };
    let mut order: Vec<usize> = (0..units).collect();
    order.sort_by(|&a, &b| strongest(b).total_cmp(&strongest(a)));
    order.truncate(MAX_LINES);
    // Task-1 synapses are the story (are they kept?): drawn last, on top.
    let task_of = |unit: usize| frame.hidden_kinds.get(unit).copied().flatten().map(Task::of_kind);
    order.sort_by_key(|&unit| task_of(unit) == Some(Task::T1));
    let mut lines = 0;
    Plot::new("inspector synapse history")
        .height(110.0)
        .width(ui.available_width().min(320.0))
        .include_y(0.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .x_axis_label("cycle")
        .show(ui, |plot| {
            for &unit in &order {
                let task = task_of(unit);
                let colour = match task {
                    Some(Task::T1) => palette::task(Task::T1),
                    other => other.map_or(palette::CHANCE, palette::task).gamma_multiply(0.5),
                };
                let points: Vec<[f64; 2]> = history
                    .iter()
                    .filter_map(|(cycle, w)| w.get(unit).map(|&w| [*cycle as f64, f64::from(w)]))
                    .collect();
                plot.line(Line::new(format!("unit {unit}"), PlotPoints::new(points)).color(colour).width(1.0));
                lines += 1;
            }
        })
        .response
        .on_hover_text("Each line is one hidden unit's synapse to this output; blue: the unit detects a task-1 bar, orange: a task-2 bar");
    lines
}
